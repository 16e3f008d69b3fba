"""Issue 15 item 5: individual, business and community group are kept apart (rules §1)."""

from datetime import date

import pytest

from actions.intake.application import application_record
from shared.application.victims import normalise_kind, victim_kind
from delivery.body import wire_body


@pytest.mark.parametrize("applicant, name, kind", [
    ("self", None, "individual"),
    ("on_behalf", None, "individual"),
    ("group_member", None, "individual"),
    ("organisation", "Patel's Newsagents", "business"),
    ("organisation", "The Crown Inn", "business"),
    ("organisation", "Oak Road Residents' Association", "community_group"),
    ("organisation", "St Mary's Church", "community_group"),
    ("organisation", "Northfield Youth Football Club", "community_group"),
    ("organisation", "Brereton Rangers JFC", "community_group"),
    ("organisation", "Hanley Town CC", "community_group"),
    ("organisation", "Kingsley Motors Ltd", "business"),
])
def test_the_kind_follows_the_applicant_and_the_name(applicant, name, kind):
    assert victim_kind(applicant, name) == kind


@pytest.mark.parametrize("old, kind", [("person", "individual"), ("group", "community_group"),
                                       ("business_or_group", "business"), (None, "individual"),
                                       ("business", "business")])
def test_old_names_are_read_as_the_new_ones(old, kind):
    assert normalise_kind(old) == kind


def test_the_application_and_the_wire_body_carry_the_kind():
    slots = {"applicant_type": "organisation", "organisation_name": "Hill Top Tenants Group", "full_name": "Sam Lee",
             "reports": [], "area": "staffordshire"}
    record = application_record(slots, "conv-kinds", date(2026, 11, 20), "rest")
    assert record["victim"]["kind"] == "community_group"
    assert wire_body(record, "ASB-TEST1")["victim"]["kind"] == "community_group"
