"""Issue 15: ways residents write report dates that the parser missed or read twice.

Each test states one rule about how people write; the sentences are made up for it.
"""

from datetime import date as d

from actions.language import extract_reports, parse_date, scan_dates

FRI = d(2026, 11, 20)  # a Friday


def one(text, today=FRI, context=None):
    (c,) = extract_reports(text, today, context=context)
    return c


def test_a_date_written_with_dots_and_a_year_is_found_in_a_message():
    c = one("On 14.09.2026 I emailed the council about the dog")
    assert (c.reported_to, c.reported_date.value) == ("council", d(2026, 9, 14))


def test_since_a_month_is_found_in_a_message():
    (found,) = scan_dates("the council have had three calls from me since June", FRI)
    assert found.since and (found.reading.earliest, found.reading.latest) == (d(2026, 6, 1), d(2026, 6, 30))


def test_a_season_is_a_range_of_its_three_months():
    r = parse_date("back in the autumn", d(2027, 2, 10))
    assert (r.earliest, r.latest) == (d(2026, 9, 1), d(2026, 11, 30))
    r = parse_date("in the winter", d(2027, 2, 10))
    assert (r.earliest, r.latest) == (d(2026, 12, 1), d(2027, 2, 10))
    r = parse_date("late spring", FRI)
    assert (r.earliest, r.latest) == (d(2026, 5, 1), d(2026, 5, 31))


def test_a_season_then_a_hedged_month_is_that_month():
    c = one("I rang the police sometime in the autumn, October I believe")
    assert (c.reported_date.earliest, c.reported_date.latest) == (d(2026, 10, 1), d(2026, 10, 31))


def test_between_christmas_and_new_year_is_one_stretch():
    c = one("I told the housing officer between Christmas and New Year", d(2027, 1, 8))
    r = c.reported_date
    assert (r.earliest, r.latest) == (d(2026, 12, 26), d(2026, 12, 31))


def test_last_night_typed_fast_is_yesterday():
    assert one("phoned 101 lastnite about the car alarm").reported_date.value == d(2026, 11, 19)


def test_a_named_day_last_year_is_last_years():
    assert one("I went to the police on Halloween last year").reported_date.value == d(2025, 10, 31)


def test_a_month_spelt_the_european_way_is_read():
    assert one("i call police on 12 oktober").reported_date.value == d(2026, 10, 12)


def test_one_day_said_twice_side_by_side_is_one_report():
    c = one("emailed the council 3/11 this morning", d(2026, 11, 3))
    assert c.reported_date.value == d(2026, 11, 3)
    c = one("I rang 999 just after midnight on the 25th, Christmas Day", d(2027, 1, 4))
    assert c.reported_date.value == d(2026, 12, 25)


def test_a_weekday_with_last_after_it_names_the_date_beside_it():
    c = one("I emailed the council on Tuesday last, the 17th.")
    assert c.reported_date.value == d(2026, 11, 17)


def test_the_weekday_after_with_the_date_in_brackets_is_one_day():
    cands = extract_reports("I rang 101 on the 9th and the Tuesday after (10th) I told the council", FRI)
    assert [(c.reported_to, c.reported_date.value) for c in cands] == [("police", d(2026, 11, 9)),
                                                                         ("council", d(2026, 11, 10))]


def bodies_and_days(text, today=FRI, context=None):
    return [(c.reported_to, c.reported_date.value if c.reported_date else None)
            for c in extract_reports(text, today, context=context)]


def test_what_they_did_before_the_report_is_its_incident_even_with_a_contraction():
    assert bodies_and_days("I emailed the council on Wednesday 11/11. They'd been shouting on the landing the Tuesday night"
                           " before.") == [("council", d(2026, 11, 11))]


def test_more_incident_days_than_reports_make_no_new_reports():
    text = "Four nights in a row, 2nd 3rd 4th and 5th of November, the lads were revving motorbikes. I rang the council on the 5th."
    assert bodies_and_days(text) == [("council", d(2026, 11, 5))]


def test_a_body_the_resident_did_not_report_to_is_no_report():
    assert bodies_and_days("I never rang the police as I was frightened, but I told my housing officer on Tuesday") == [
        ("housing", d(2026, 11, 17))]


def test_what_the_agency_said_it_would_do_is_no_report():
    assert bodies_and_days("I emailed the council on the 4th. They said they'd write to the tenant on the 12th.") == [
        ("council", d(2026, 11, 4))]


def test_a_visit_after_the_report_is_no_report():
    assert bodies_and_days("The PCSO came round on the 6th after I reported it on the 2nd") == [("police", d(2026, 11, 2))]


def test_an_unanswered_call_is_no_report():
    assert bodies_and_days("I rang the council on the 8th but nobody picked up, then emailed them on the 9th") == [
        ("council", d(2026, 11, 9))]


def test_a_diary_sent_to_a_body_is_a_report_to_that_body():
    assert bodies_and_days("Kept diary sheets for a month and posted them to the housing association last Tuesday") == [
        ("housing", d(2026, 11, 17))]


def test_a_body_said_again_as_the_x_one_is_the_same_report():
    assert bodies_and_days("Council on the 3rd, police on the 3rd too, but the council one was the bins and the police one was"
                           " the fireworks") == [
        ("council", d(2026, 11, 3)), ("police", d(2026, 11, 3))]


def test_a_corrected_date_is_replaced_by_the_correction():
    assert bodies_and_days("Tuesday 10th, or was it Wednesday 11th? I rang 101 on the Wednesday") == [
        ("police", d(2026, 11, 11))]


def test_their_weekday_is_a_habit_not_a_date():
    assert bodies_and_days("I rang 101 on the 2nd and on the 9th, both after their Sunday night gatherings") == [
        ("police", d(2026, 11, 2)), ("police", d(2026, 11, 9))]


def test_a_report_without_a_body_takes_the_date_said_just_after_it():
    (c,) = extract_reports("The shouting goes on all summer. I complained about it once, in March.", FRI)
    assert c.reported_date.earliest == d(2026, 3, 1) and c.reported_date.latest == d(2026, 3, 31)


def test_more_kinds_of_body():
    assert [c.reported_to for c in extract_reports(
        "I told the environmental health officer on the 2nd, my community nurse on the 3rd, the fire brigade on the 4th"
        " and my support worker on the 5th", FRI)] == ["council", "health", "other", "other"]


def test_a_body_then_its_date_in_the_same_sentence_is_one_report():
    assert bodies_and_days("My housing officer, I rang them 3 days ago") == [("housing", d(2026, 11, 17))]


def test_a_housing_association_named_by_name_is_housing():
    assert [c.reported_to for c in extract_reports("Emailed Oakfield and Vale Homes on the 6th and Peabody on the 9th",
                                                   FRI)] == ["housing", "housing"]


def test_a_body_messaged_on_its_own_social_media_page_is_that_body():
    (c,) = extract_reports("I sent the council a message on their Facebook on the 12th", FRI)
    assert c.reported_to == "council"


def counts(text, today=FRI):
    return [(c.reported_to, c.count, c.since.earliest if c.since else None,
             (c.reported_date.earliest, c.reported_date.latest) if c.reported_date else None)
            for c in extract_reports(text, today)]


def test_counts_written_as_calls_as_x_as_a_range_or_a_couple():
    assert counts("four calls to the council since August") == [("council", 4, d(2026, 8, 1), None)]
    assert counts("I emailed housing 3x since March") == [("housing", 3, d(2026, 3, 1), None)]
    assert counts("rang the police maybe 6 or 7 times since May") == [("police", 6, d(2026, 5, 1), None)]
    assert counts("I've told the council a couple of times since June")[0][:2] == ("council", 2)


def test_a_count_over_a_period_keeps_the_period():
    assert counts("emailed the council three times in August and once in September") == [
        ("council", 3, None, (d(2026, 8, 1), d(2026, 8, 31))), ("council", 1, None, (d(2026, 9, 1), d(2026, 9, 30)))]


def test_a_count_said_after_the_body_in_the_same_sentence_is_that_reports():
    assert counts("Mentioned it to my housing officer each time she called round - five visits since April") == [
        ("housing", 5, d(2026, 4, 1), None)]


def test_a_vague_count_then_the_body_and_a_number_is_one_count():
    assert counts("I've complained lots of times, maybe 8 or 9 times to the council since March") == [
        ("council", 8, d(2026, 3, 1), None)]


def test_a_question_back_about_reports_is_no_report():
    assert bodies_and_days("Do you want all three times I rang them? Police on the 2nd and council on the 9th") == [
        ("police", d(2026, 11, 2)), ("council", d(2026, 11, 9))]


def test_weekdays_said_after_last_week_are_days_of_that_week():
    assert bodies_and_days("emailed the council twice last week: Tuesday and Friday", d(2026, 11, 25)) == [
        ("council", d(2026, 11, 17)), ("council", d(2026, 11, 20))]


def test_again_on_a_bare_day_after_the_report_discussed_is_after_it():
    assert bodies_and_days("and again on the 27th", context=d(2026, 10, 12)) == [(None, d(2026, 10, 27))]


def test_again_on_a_smaller_day_is_in_the_next_month():
    assert bodies_and_days("I rang the council on 28 September and again on the 3rd") == [
        ("council", d(2026, 9, 28)), ("council", d(2026, 10, 3))]


def test_a_week_later_is_taken_as_said_and_about_a_week_later_is_a_range():
    (c,) = extract_reports("a week later I emailed them", FRI, context=d(2026, 10, 5))
    assert (c.reported_date.earliest, c.reported_date.latest) == (d(2026, 10, 12), d(2026, 10, 12))
    (c,) = extract_reports("about a week later I emailed them", FRI, context=d(2026, 10, 5))
    assert (c.reported_date.earliest, c.reported_date.latest) == (d(2026, 10, 9), d(2026, 10, 15))


def test_bodies_listed_then_their_dates_listed_pair_in_order():
    assert bodies_and_days("The housing association and then the police, 4 and 9 November") == [
        ("housing", d(2026, 11, 4)), ("police", d(2026, 11, 9))]


def test_references_typed_with_spaces_or_as_numbers_and_slashes():
    (c,) = extract_reports("the council gave me ref NS 2025 7781", FRI)
    assert c.reference == "NS 2025 7781"
    cands = extract_reports("the landlord's reference is LA/771 and the police reference is 22/440917/25", FRI)
    assert [c.reference for c in cands][-1] == "22/440917/25"
