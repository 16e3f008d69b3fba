"""Understanding what residents type: dates, reports, yes/no, counts, changes, contact details.

Plain Python with no Rasa import, shared by the custom actions and the threshold engine.
Every function takes any text and never raises; `today` is always passed in (use
`london_today()` in production) so results are deterministic in tests.
"""

from actions.language.answers import DONT_KNOW, answer_by_content, is_dont_know, parse_count, parse_yes_no
from actions.language.bodies import BODIES, body_in, find_bodies
from actions.language.changes import ChangeRequest, parse_change
from actions.language.contact import extract_email, extract_phone, extract_postcode
from actions.language.dates import FoundDate, find_dates, london_today, parse_date, scan_dates
from shared.safeguarding.hate import looks_like_hate
from actions.language.reading import DateReading, format_date, format_span
from actions.language.places import PlaceAnswer, in_england_or_wales
from actions.language.references import find_references, reference_in
from actions.language.restrictions import contact_restriction
from actions.language.reported import reported_in_words
from actions.language.reports import ReportCandidate, extract_reports

__all__ = [
    "DONT_KNOW", "PlaceAnswer", "answer_by_content", "contact_restriction", "in_england_or_wales", "is_dont_know",
    "reference_in",
    "BODIES", "ChangeRequest", "DateReading", "FoundDate", "ReportCandidate", "body_in", "extract_email",
    "extract_phone", "extract_postcode", "extract_reports", "find_bodies", "find_dates", "find_references",
    "format_date", "format_span", "london_today", "looks_like_hate", "parse_change", "parse_count", "parse_date",
    "parse_yes_no", "reported_in_words", "scan_dates",
]
