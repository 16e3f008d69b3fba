"""Property tests: no text breaks the language layer, and no date it reads is after today."""

from datetime import date as d

from hypothesis import HealthCheck, given, settings, strategies as st

from actions.language import extract_reports, find_dates, parse_change, parse_count, parse_date, parse_yes_no
from actions.language.reading import STATUSES

TODAYS = st.sampled_from([d(2026, 11, 22), d(2026, 3, 15), d(2026, 1, 5), d(2028, 2, 29)])
# Random text, plus text built from date-like pieces so the date code paths are exercised too.
PIECES = st.sampled_from(["3", "/", "21st", " March", " the ", "last ", "Tuesday", "ago", " weeks", "101", "police",
                          " and again on ", "Christmas", "early ", ".", "-", "26", "13", "0453 of ", "ref ", "🙂", "<b>"])
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=25).map("".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _never_after(reading, today):
    assert reading.status in STATUSES
    if reading.value is not None:
        assert reading.value <= today and reading.earliest <= reading.value <= reading.latest <= today
    else:
        assert reading.question


@SETTINGS
@given(TEXTS, TODAYS)
def test_parse_date_never_raises_and_never_reads_a_future_date(text, today):
    _never_after(parse_date(text, today), today)


@SETTINGS
@given(TEXTS, TODAYS)
def test_find_dates_and_extract_reports_never_raise(text, today):
    for reading in find_dates(text, today):
        _never_after(reading, today)
    for c in extract_reports(text, today):
        for reading in (c.reported_date, c.incident_date):
            if reading is not None:
                _never_after(reading, today)
        assert c.count >= 1


@SETTINGS
@given(TEXTS, TODAYS)
def test_short_answer_parsers_never_raise(text, today):
    change = parse_change(text, today)
    assert change is None or change.target
    assert parse_yes_no(text) in (True, False, None)
    count = parse_count(text)
    assert count is None or count >= 0


@settings(max_examples=10, deadline=None)
@given(st.text(min_size=1, max_size=3).map(lambda s: s * 2500))
def test_huge_text_is_not_understood_rather_than_slow(text):
    today = d(2026, 11, 22)
    reading = parse_date(text, today)
    assert reading.status in STATUSES
    find_dates(text, today)
    extract_reports(text, today)
    parse_change(text, today)


def test_random_text_is_mostly_not_understood():
    assert parse_date("qwerty uiop", d(2026, 11, 22)).status == "not_understood"
    assert find_dates("qwerty uiop", d(2026, 11, 22)) == [] and extract_reports("qwerty uiop", d(2026, 11, 22)) == []
