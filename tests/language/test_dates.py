"""Each date form of rules §7 and the brief, against three fixed days (incl. a year boundary)."""

from datetime import date as d

import pytest

from actions.language import scan_dates, find_dates, format_date, london_today, parse_date

NOV = d(2026, 11, 22)  # Sunday: "today"
MAR = d(2026, 3, 15)  # Sunday
JAN = d(2026, 1, 5)  # Monday, just after the new year


@pytest.mark.parametrize(
    "said, today, value, precision",
    [
        # numbers, day first; no year: the most recent past one
        ("15/2", NOV, d(2026, 2, 15), "exact"),
        ("15/2", JAN, d(2025, 2, 15), "exact"),
        ("14/02/2026", NOV, d(2026, 2, 14), "exact"),
        ("13.04.26", NOV, d(2026, 4, 13), "exact"),
        # month names
        ("3 March", NOV, d(2026, 3, 3), "exact"),
        ("3 March", JAN, d(2025, 3, 3), "exact"),
        ("3rd of March", MAR, d(2026, 3, 3), "exact"),
        ("March 3rd", NOV, d(2026, 3, 3), "exact"),
        ("23 November", NOV, d(2025, 11, 23), "exact"),  # tomorrow's date: last year's
        ("3 March 2025", NOV, d(2025, 3, 3), "exact"),
        ("Tuesday 3rd March", NOV, d(2026, 3, 3), "exact"),
        ("I think it was the 3rd of March", NOV, d(2026, 3, 3), "exact"),
        # a bare day: the most recent past one, across the year end
        ("the 21st", NOV, d(2026, 11, 21), "exact"),
        ("the 21st", MAR, d(2026, 2, 21), "exact"),
        ("the 21st", JAN, d(2025, 12, 21), "exact"),
        ("the 31st", NOV, d(2026, 10, 31), "exact"),
        # relative
        ("yesterday", JAN, d(2026, 1, 4), "exact"),
        ("last night", NOV, d(2026, 11, 21), "exact"),
        ("this morning", MAR, d(2026, 3, 15), "exact"),
        ("last Tuesday", NOV, d(2026, 11, 17), "exact"),
        ("last Tuesday", JAN, d(2025, 12, 30), "exact"),
        ("on Tuesday", MAR, d(2026, 3, 10), "exact"),
        ("on Friday", NOV, d(2026, 11, 20), "exact"),
        ("Tuesday before last", NOV, d(2026, 11, 10), "exact"),
        ("a fortnight ago", NOV, d(2026, 11, 8), "exact"),
        ("a fortnight ago", JAN, d(2025, 12, 22), "exact"),
        ("3 weeks ago", NOV, d(2026, 11, 1), "exact"),
        ("three weeks ago", MAR, d(2026, 2, 22), "exact"),
        ("a couple of weeks ago", NOV, d(2026, 11, 8), "approximate"),
        ("2 months ago", NOV, d(2026, 9, 22), "approximate"),
        ("the other day", NOV, d(2026, 11, 19), "approximate"),
        # named days: the most recent past one
        ("Bonfire Night", NOV, d(2026, 11, 5), "exact"),
        ("bonfire night", MAR, d(2025, 11, 5), "exact"),
        ("Boxing Day", JAN, d(2025, 12, 26), "exact"),
        ("Christmas Day", NOV, d(2025, 12, 25), "exact"),
        ("Christmas Eve", JAN, d(2025, 12, 24), "exact"),
        ("New Year's Eve", JAN, d(2025, 12, 31), "exact"),
        ("New Year’s Day", JAN, d(2026, 1, 1), "exact"),
        ("Halloween", NOV, d(2026, 10, 31), "exact"),
        ("Halloween", MAR, d(2025, 10, 31), "exact"),
        ("Valentine's Day", MAR, d(2026, 2, 14), "exact"),
        ("Valentines day", JAN, d(2025, 2, 14), "exact"),
        # months
        ("in March", NOV, d(2026, 3, 16), "month"),
        ("last month", JAN, d(2025, 12, 16), "month"),
    ],
)
def test_forms_residents_use(said, today, value, precision):
    reading = parse_date(said, today)
    assert reading.status == "ok", reading.question
    assert (reading.value, reading.precision) == (value, precision)
    assert reading.earliest <= reading.value <= reading.latest <= today


@pytest.mark.parametrize(
    "said, today, earliest, latest",
    [
        ("early March", NOV, d(2026, 3, 1), d(2026, 3, 10)),
        ("mid March", NOV, d(2026, 3, 11), d(2026, 3, 20)),
        ("mid March", MAR, d(2026, 3, 11), d(2026, 3, 15)),  # never past today
        ("end of March", NOV, d(2026, 3, 21), d(2026, 3, 31)),
        ("late March", MAR, d(2025, 3, 21), d(2025, 3, 31)),  # this March's end is still to come
        ("round about the 10th", NOV, d(2026, 11, 8), d(2026, 11, 12)),
        ("round about the 10th", JAN, d(2025, 12, 8), d(2025, 12, 12)),
        ("about 3 March", NOV, d(2026, 3, 1), d(2026, 3, 5)),
        ("before Christmas", MAR, d(2025, 12, 1), d(2025, 12, 24)),
        ("before Christmas", JAN, d(2025, 12, 1), d(2025, 12, 24)),
        ("since the summer", NOV, d(2026, 6, 1), d(2026, 8, 31)),
        ("since the summer", MAR, d(2025, 6, 1), d(2025, 8, 31)),
        ("in March", MAR, d(2026, 3, 1), d(2026, 3, 15)),
        ("last month", NOV, d(2026, 10, 1), d(2026, 10, 31)),
        ("a couple of weeks ago", NOV, d(2026, 11, 5), d(2026, 11, 11)),
        ("the other day", JAN, d(2025, 12, 29), d(2026, 1, 4)),
        ("the weekend before last", NOV, d(2026, 11, 7), d(2026, 11, 8)),
        ("the weekend before last", JAN, d(2025, 12, 27), d(2025, 12, 28)),
        ("last weekend", NOV, d(2026, 11, 14), d(2026, 11, 15)),  # said on a Sunday: not this one
        ("last weekend", d(2026, 11, 25), d(2026, 11, 21), d(2026, 11, 22)),
    ],
)
def test_vague_dates_have_a_best_guess_and_a_range(said, today, earliest, latest):
    reading = parse_date(said, today)
    assert reading.status == "ok", reading.question
    assert reading.precision in ("approximate", "month")
    assert (reading.earliest, reading.latest) == (earliest, latest)
    assert earliest <= reading.value <= latest


def test_ambiguous_numbers_keep_the_day_first_value_and_are_read_back_in_words():
    r = parse_date("03/04", NOV)
    assert (r.status, r.value) == ("ambiguous", d(2026, 4, 3))
    assert r.in_words == "Friday 3 April 2026" and "Friday 3 April 2026" in r.question
    r = parse_date("3.4.26", NOV)
    assert (r.status, r.value) == ("ambiguous", d(2026, 4, 3))
    assert parse_date("03/04", JAN).value == d(2025, 4, 3)
    assert parse_date("05/05", NOV).status == "ok"  # the same either way round


def test_a_weekday_that_does_not_match_the_date_is_confirmed():
    r = parse_date("Monday 3rd March", NOV)  # 3 March 2026 was a Tuesday
    assert r.status == "ambiguous" and r.value == d(2026, 3, 3) and "Tuesday" in r.question


@pytest.mark.parametrize(
    "said, today, status",
    [
        ("31/02", NOV, "impossible"), ("30/2", NOV, "impossible"), ("30/2/2026", NOV, "impossible"),
        ("31 April", NOV, "impossible"), ("29/2", NOV, "impossible"),  # no 29 Feb in the last year
        ("13/13", NOV, "impossible"), ("the 32nd", NOV, "impossible"),
        ("4/13", NOV, "not_uk"), ("12/25", NOV, "not_uk"), ("4/13/2026", NOV, "not_uk"),
        ("tomorrow", NOV, "future"), ("next Tuesday", NOV, "future"), ("25/12/2026", NOV, "future"),
        ("14/02/2026", JAN, "future"), ("3.4.26", MAR, "future"),
        ("hello there", NOV, "not_understood"), ("", NOV, "not_understood"), ("🙂🙂", NOV, "not_understood"),
        ("<b>3</b>", NOV, "not_understood"), ("il y a trois jours", NOV, "not_understood"),
    ],
)
def test_dates_that_must_be_asked_again(said, today, status):
    r = parse_date(said, today)
    assert r.status == status
    assert r.value is None and not r.ok
    assert "?" in r.question  # a plain question to ask again


def test_4_13_is_never_read_as_2013():
    r = parse_date("Reported to police on 4/13", NOV)
    assert r.status == "not_uk" and r.value is None
    assert all(f.value is None for f in find_dates("police on 4/13 and 4/13/13", NOV))


def test_a_report_before_its_incident_is_asked_again():
    r = parse_date("2 March", NOV, not_before=d(2026, 3, 5))
    assert r.status == "before_limit" and not r.ok and "5 March 2026" in r.question
    assert parse_date("6 March", NOV, not_before=d(2026, 3, 5)).status == "ok"
    r = parse_date("early March", NOV, not_before=d(2026, 3, 5))  # partly possible: keep the possible part
    assert (r.status, r.earliest, r.latest) == ("ok", d(2026, 3, 5), d(2026, 3, 10))


def test_several_different_dates_in_one_answer_are_asked_about():
    r = parse_date("3 March or maybe 9 April", NOV)
    assert r.status == "not_understood" and "3 March" in r.question and "9 April" in r.question


def test_a_guess_then_a_closer_guess_is_one_date():
    r = parse_date("A couple of weeks ago, can't remember exactly, maybe round the 10th?", NOV)
    assert (r.status, r.value, r.precision) == ("ok", d(2026, 11, 10), "approximate")
    assert (r.earliest, r.latest) == (d(2026, 11, 8), d(2026, 11, 12))


def test_in_words():
    assert parse_date("3 March", NOV).in_words == "Tuesday 3 March 2026"
    assert parse_date("in March", NOV).in_words == "March 2026"
    assert parse_date("early March", NOV).in_words == "between 1 and 10 March 2026"
    assert parse_date("last weekend", NOV).in_words == "between Saturday 14 and Sunday 15 November 2026"
    assert parse_date("before Christmas", JAN).in_words == "between 1 and 24 December 2025"
    assert parse_date("nonsense", NOV).in_words == ""
    assert format_date(d(2026, 3, 3)) == "3 March 2026"
    assert format_date(d(2026, 3, 3), weekday=True) == "Tuesday 3 March 2026"


def test_london_today_is_a_calendar_date():
    today = london_today()
    assert type(today) is d and abs((today - d.today()).days) <= 1


# ------------------------------------------------------------------- several in one message

def values(text, today=NOV):
    return [r.value for r in find_dates(text, today)]


def test_a_bare_day_takes_the_month_just_mentioned():
    assert values("I rang 101 on 3 March and again on the 21st") == [d(2026, 3, 3), d(2026, 3, 21)]
    assert values("told the council on 03/04 and again on the 21st") == [d(2026, 4, 3), d(2026, 4, 21)]
    assert values("housing on 2 Feb, police on the 9th and the council last Tuesday") == [
        d(2026, 2, 2), d(2026, 2, 9), d(2026, 11, 17)]
    assert values("on 3 March and again on the 21st", JAN) == [d(2025, 3, 3), d(2025, 3, 21)]
    (first, second) = find_dates("on 3 March and again on the 21st", MAR)  # 21 March 2026 is still to come
    assert first.value == d(2026, 3, 3) and second.status == "future"


def test_a_list_of_days_shares_its_month():
    assert values("1st, 2nd and 3rd of March — same kids booting footballs") == [d(2026, 3, 1), d(2026, 3, 2), d(2026, 3, 3)]


def test_habits_times_and_numbers_are_not_dates():
    # the habit is no date; the end of (October) half-term is when it began (corpus README: half-term ended Fri 30 Oct)
    (since,) = scan_dates("They egg my windows every Friday, have done since about the end of half-term", NOV)
    assert since.since and since.reading.value == d(2026, 10, 30)
    assert values("Music till 3am most weekends, 3.30pm, 10-15 times, 07700 900123, 2 or 3 people") == []


def test_since_is_marked():
    (found,) = __import__("actions.language", fromlist=["scan_dates"]).scan_dates("rung 101 three times since Christmas", NOV)
    assert found.since and found.reading.value == d(2025, 12, 25)


def test_huge_input_is_handled_quickly():
    import time

    started = time.monotonic()
    assert parse_date("3 March " * 2000, NOV).value == d(2026, 3, 3)  # one date told many times
    assert parse_date("3 March and 5 March " * 1000, NOV).status == "not_understood"
    assert len(find_dates("on 3 March and " * 1000, NOV)) > 10
    assert parse_date("x" * 100_000, NOV).status == "not_understood"
    assert time.monotonic() - started < 10
