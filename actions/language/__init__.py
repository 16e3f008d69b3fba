"""Understanding what residents type: dates, reports, yes/no, counts, changes, contact details.

Plain Python with no Rasa import, shared by the custom actions and the threshold engine.
"""

from actions.language.answers import (
    extract_email,
    extract_phone,
    extract_postcode,
    looks_like_hate,
    parse_count,
    parse_yes_no,
)
from actions.language.changes import ChangeRequest, parse_change
from actions.language.dates import DateReading, find_dates, format_date, london_today, parse_date, scan_dates
from actions.language.reports import ReportCandidate, body_in, extract_reports, find_references

__all__ = [
    "ChangeRequest", "DateReading", "ReportCandidate", "body_in", "extract_email", "extract_phone",
    "extract_postcode", "extract_reports", "find_dates", "find_references", "format_date", "london_today",
    "looks_like_hate", "parse_change", "parse_count", "parse_date", "parse_yes_no", "scan_dates",
]
