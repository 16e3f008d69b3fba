"""The example utterances of conversation.md that carry reports, bodies or references."""

from datetime import date as d

import pytest

from actions.language import BODIES, body_in, extract_reports, find_references

NOV = d(2026, 11, 22)
MAR = d(2026, 3, 15)


def summary(text, today=NOV):
    return [(c.reported_date.value if c.reported_date else None, c.reported_to) for c in extract_reports(text, today)]


def test_two_calls_to_101_in_one_sentence():
    assert summary("I rang 101 on 3 March and again on the 21st") == [(d(2026, 3, 3), "police"), (d(2026, 3, 21), "police")]


def test_told_the_council_twice_with_an_ambiguous_date():
    cands = extract_reports("Music till 3am most weekends — told the council on 03/04 and again on the 21st.", NOV)
    assert [(c.reported_date.value, c.reported_to) for c in cands] == [(d(2026, 4, 3), "council"), (d(2026, 4, 21), "council")]
    assert cands[0].reported_date.status == "ambiguous"  # the assistant reads it back


def test_three_bodies_three_dates():
    assert summary("Reported it to my housing association on 2 Feb, police on the 9th and the council last Tuesday.") == [
        (d(2026, 2, 2), "housing"), (d(2026, 2, 9), "police"), (d(2026, 11, 17), "council")]


def test_incident_and_a_late_report_in_one_sentence():
    (c,) = extract_reports("It happened on 14/02 but I didn't report it till April because I was in hospital.", NOV)
    assert c.incident_date.value == d(2026, 2, 14)
    assert c.reported_date.precision == "month"
    assert (c.reported_date.earliest, c.reported_date.latest) == (d(2026, 4, 1), d(2026, 4, 30))


def test_same_night_two_agencies_are_linked():
    cands = extract_reports("Same night — I phoned the police and then emailed the council about it next morning.", NOV)
    assert [c.reported_to for c in cands] == ["police", "council"]
    assert cands[0].same_as_previous is None and cands[1].same_as_previous is True


def test_different_dates_are_never_merged_on_their_own():
    cands = extract_reports("I rang 101 on 3 March and again on the 21st", NOV)
    assert all(c.same_as_previous is None for c in cands)


def test_references_and_a_police_log_number_with_its_date():
    cands = extract_reports("Council ref is ASB/2025/1187 and police gave me 0453 of 18 January.", NOV)
    assert [(c.reported_to, c.reference) for c in cands] == [("council", "ASB/2025/1187"), ("police", "0453 of 18 January")]
    assert cands[0].reported_date is None  # the 2025 in a reference is not a date
    assert cands[1].reported_date.value == d(2026, 1, 18) and "date_from_police_log" in cands[1].notes
    assert find_references("crime number 12345678, ref: AB12-345") == ["12345678", "AB12-345"]


def test_a_count_without_dates_is_one_candidate_with_a_count():
    (c,) = extract_reports("I've rung 101 three times since Christmas about lads racing scramblers behind the flats.", NOV)
    assert (c.reported_to, c.count, c.reported_date) == ("police", 3, None)
    assert c.since.value == d(2025, 12, 25)
    (c,) = extract_reports("There's a gang outside my shop every evening; my staff have logged it with police four times this year.", NOV)
    assert (c.reported_to, c.count) == ("police", 4)
    (c,) = extract_reports("I'm doing this for my mum, she's 84 — she's reported next door's dog going for her twice.", NOV)
    assert (c.reported_to, c.count) == (None, 2)


def test_crime_numbers_and_an_informal_word_with_a_pcso():
    cands = extract_reports("Got crime numbers for two of them, the third was just me telling the PCSO in the street.", NOV)
    assert [(c.reported_to, c.count, c.informal) for c in cands] == [("police", 2, False), ("police", 1, True)]


def test_diary_sheets_never_reported():
    (c,) = extract_reports("I've filled in the landlord's diary sheets every day but never actually rang anyone.", NOV)
    assert c.reported_to == "diary" and "never_reported" in c.notes


def test_999_is_police_and_bonfire_night_is_the_incident():
    (c,) = extract_reports("Bonfire night they pushed a lit firework through my letterbox — I dialled 999.", NOV)
    assert (c.reported_to, c.incident_date.value, c.reported_date) == ("police", d(2026, 11, 5), None)
    (c,) = extract_reports("Bonfire night they pushed a lit firework through my letterbox — I dialled 999.", MAR)
    assert c.incident_date.value == d(2025, 11, 5)


def test_dates_of_what_happened_without_a_report():
    (c,) = extract_reports("Someone sprayed racist abuse on my front door the weekend before last.", NOV)
    assert c.reported_date is None and c.incident_date.earliest == d(2026, 11, 7) and "incident_only" in c.notes
    cands = extract_reports("1st, 2nd and 3rd of March — same kids booting footballs at my car each day.", NOV)
    assert [c.incident_date.value for c in cands] == [d(2026, 3, 1), d(2026, 3, 2), d(2026, 3, 3)]


def test_an_unreadable_date_is_kept_so_the_assistant_asks():
    (c,) = extract_reports("Reported to police on 4/13.", NOV)
    assert c.reported_to == "police" and c.reported_date.status == "not_uk" and c.reported_date.question


def test_a_guess_narrowed_in_the_same_breath_is_one_report():
    (c,) = extract_reports("A couple of weeks ago, can't remember exactly, maybe round the 10th?", NOV)
    assert c.reported_date.value == d(2026, 11, 10) and c.reported_date.precision == "approximate"


@pytest.mark.parametrize("text", [
    "They egg my windows every Friday, have done since about the end of half-term.",
    "Do I need 3 complaints or 5? My neighbour's complained too.",
    "Fly-tipping in the alley, a party on the next street and lads at the bus stop — that's three reports, so I qualify, right?",
    "He's outside my door now screaming he'll kill me.",
])
def test_messages_without_a_report_give_none(text):
    assert extract_reports(text, NOV) == []


def test_bodies_that_do_not_count_are_named_in_the_vocabulary():
    cands = extract_reports("Told my private landlord, my councillor, my MP, the residents' association and posted on Facebook", NOV)
    assert [c.reported_to for c in cands] == ["private_landlord", "councillor", "mp", "residents_group", "social_media"]
    assert all(c.reported_to in BODIES for c in cands)


def test_a_plain_landlord_is_left_to_ask():
    (c,) = extract_reports("told my landlord on 3 March", NOV)
    assert c.reported_to is None and "landlord_type_unknown" in c.notes


def test_a_date_after_a_body_in_the_next_clause_is_that_report():
    (c,) = extract_reports("I told the police, on 3 March", NOV)
    assert (c.reported_to, c.reported_date.value) == ("police", d(2026, 3, 3))
    (c,) = extract_reports("I rang police on 3 March about what happened on 1 March", NOV)
    assert (c.reported_date.value, c.incident_date.value) == (d(2026, 3, 3), d(2026, 3, 1))


def test_words_are_kept_for_each_report():
    cands = extract_reports("Reported it to my housing association on 2 Feb, police on the 9th", NOV)
    assert [c.words for c in cands] == ["Reported it to my housing association on 2 Feb", "police on the 9th"]


@pytest.mark.parametrize("said, body", [
    ("I rang 101", "police"), ("dialled 999", "police"), ("the PCSO", "police"), ("the housing officer", "housing"),
    ("environmental health", "council"), ("my GP", "health"), ("my local councillor", "councillor"),
    ("a letting agent", "private_landlord"), ("Nextdoor", "social_media"), ("the landlord", None), ("nobody", None),
])
def test_body_in_short_answers(said, body):
    assert body_in(said) == body


def test_a_crime_number_with_its_log_date_is_one_report_not_two():
    cands = extract_reports("I reported the graffiti to the police on 14 November, crime number 0453 of 14 November", NOV)
    assert len(cands) == 1
    # The log keeps its date (log numbers restart each day), and the date is the report's too.
    assert cands[0].reference == "0453 of 14 November"
    assert cands[0].reported_date.value.isoformat().endswith("-11-14")


def test_crime_numbers_for_some_of_them_are_not_more_reports():
    cands = extract_reports("Police on 26 September, 14 October, 30 October and 12 November, "
                            "we've got crime numbers for two of them", NOV)
    assert len(cands) == 4 and all(c.reported_date is not None for c in cands)
    (c,) = extract_reports("she's reported the dog twice", NOV)
    assert c.count == 2


def test_a_log_number_dated_by_a_bare_day_is_that_report_not_another():
    cands = extract_reports("Phoned 101 on Tuesday 10th and on Thursday 12th, they logged the second as 0871 of the 12th", NOV)
    assert [(c.reported_date.value.day, c.reference) for c in cands] == [(10, None), (12, "0871 of the 12th")]


def test_a_log_dated_otherwise_than_its_report_keeps_its_date():
    (c,) = extract_reports("rang the police on 3 November, they logged it as 0042 of 4 November", NOV)
    assert c.reported_date.value.day == 3 and c.reference == "0042 of 4 November"


def test_a_crime_number_beside_another_bodys_reference_is_a_police_report():
    cands = extract_reports("crime no 22/4455/26 and the housing ref is HS/0091", NOV)
    assert [(c.reported_to, c.reference) for c in cands] == [("police", "22/4455/26"), ("housing", "HS/0091")]


def test_a_hash_before_a_reference_is_not_kept():
    (c,) = extract_reports("called 101 on Friday, the reference was #90871", NOV)
    assert c.reference == "90871"


def test_a_cad_number_is_the_polices():
    (c,) = extract_reports("they gave me CAD number 5120", NOV)
    assert (c.reported_to, c.reference) == ("police", "CAD 5120")


def test_a_tenancy_number_or_phone_number_is_no_reference():
    from actions.language import reference_in

    (c,) = extract_reports("emailed Bromford on Monday, my tenancy ref is BR/0091/2", NOV)
    assert c.reference is None
    assert reference_in("you can call me on 07700 900456") is None
    assert reference_in("my rent account no. 88213") is None


def test_two_crime_numbers_are_two_police_reports():
    cands = extract_reports("I've got crime numbers 16/20031/26 and 16/20877/26", NOV)
    assert [(c.reported_to, c.reference) for c in cands] == [("police", "16/20031/26"), ("police", "16/20877/26")]


def test_reference_shapes_typed_loosely():
    from actions.language import reference_in

    assert reference_in("it's 16 / 3310 / 26") == "16 / 3310 / 26"
    (c,) = extract_reports("the housing one is ha-55120", NOV)
    assert c.reference == "HA-55120"


def test_since_easter():
    (c,) = extract_reports("rang the council five times since Easter", NOV)
    assert c.count == 5 and c.since.value == d(2026, 4, 5)


def test_new_years_eve_texted_and_bodies_listed_together_share_a_day():
    jan = d(2027, 1, 20)
    assert summary("dialled 999 nye, shed alight", jan) == [(d(2026, 12, 31), "police")]
    assert summary("rang the council about Nye Bevan Court on 4 jan", jan) == [(d(2027, 1, 4), "council")]  # a name
    assert summary("emailed council + housing 5 jan about it", jan) == [(d(2027, 1, 5), "council"), (d(2027, 1, 5), "housing")]
    # and the reference said of one of them, in the next sentence, is that report's
    refs = [c.reference for c in extract_reports("emailed council + housing 5 jan. housing ref HX-5521", jan)]
    assert refs == [None, "HX-5521"]
