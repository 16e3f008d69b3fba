"""Policies load strictly: the law's ceiling, malformed files, and the shipped areas."""

from pathlib import Path

import pytest
import yaml

from actions.rules.policy import POLICY_DIR, PolicyError, area_for_location, list_policies, load_policy, load_policy_file


def _write(tmp_path: Path, name: str, change) -> Path:
    data = yaml.safe_load((POLICY_DIR / "staffordshire.yml").read_text())
    data["id"] = name
    change(data)
    path = tmp_path / f"{name}.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_every_shipped_policy_loads_and_staffordshire_matches_the_seeds():
    ids = {p.id for p in list_policies()}
    assert {"staffordshire", "lincolnshire", "cardiff", "horsham"} <= ids
    staffs = load_policy("staffordshire")
    assert staffs.reports_needed == 3 and staffs.window_months == 6
    assert staffs.group_route.kind == "separate_people" and staffs.group_route.count == 5
    assert staffs.latest_report_within_month_of_application and staffs.requires_ongoing


def test_variant_settings_are_expressed():
    assert load_policy("lincolnshire").reporting_deadline.days == 30
    assert load_policy("lincolnshire").vulnerability_override
    cardiff = load_policy("cardiff")
    assert cardiff.hate_route.incidents == 1 and cardiff.group_route.kind == "reports_from_more_than_one_person"
    assert load_policy("horsham").reporting_deadline.days == 7
    assert load_policy("richmond").distinct_dates
    assert load_policy("shropshire").hate_route.window_months == 3


def test_more_than_three_reports_is_refused_naming_file_field_and_fix(tmp_path):
    path = _write(tmp_path, "greedy", lambda d: d["threshold"].update(reports_needed=4))
    with pytest.raises(PolicyError) as err:
        load_policy_file(path)
    message = str(err.value)
    assert "greedy.yml" in message and "threshold.reports_needed" in message and "three reports or fewer" in message


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d["threshold"].pop("reports_needed"), "threshold.reports_needed"),
        (lambda d: d["threshold"].update(reports_needed="three"), "threshold.reports_needed"),
        (lambda d: d["threshold"].update(reports_needed=True), "threshold.reports_needed"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["threshold"]["reporting_deadline"].update(days=7), "threshold.reporting_deadline"),
        (lambda d: d["threshold"]["window"].update(months=3), "threshold.window.months"),
        (lambda d: d["group_route"].update(kind="everyone"), "group_route.kind"),
        (lambda d: d["areas"].update(postcode_districts=["not a postcode"]), "areas.postcode_districts"),
        (lambda d: d.update(id="Other"), "id"),
    ],
)
def test_malformed_policies_are_refused_with_the_field_named(tmp_path, change, field):
    path = _write(tmp_path, "bad", change)
    with pytest.raises(PolicyError) as err:
        load_policy_file(path)
    assert err.value.field == field
    assert "bad.yml" in str(err.value) and "Fix:" in str(err.value)


def test_invalid_yaml_is_refused(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("id: [unclosed\n")
    with pytest.raises(PolicyError, match="broken.yml"):
        load_policy_file(path)


@pytest.mark.parametrize(
    "where, area",
    [("ST16 2DH", "staffordshire"), ("12 Market St, Lichfield", "staffordshire"), ("ln2 5aa", "lincolnshire"),
     ("Queen Street, Cardiff CF10 2BU", "cardiff"), ("RH12 1AB", "horsham"), ("TW9 1AA", "richmond"),
     ("Shrewsbury", "shropshire"), ("Leeds LS1 4AP", None), ("", None)],
)
def test_area_for_location(where, area):
    assert area_for_location(where) == area
