"""The contract's JSON Schemas, read from docs/case-system.openapi.yaml (the single source).

OpenAPI 3.0 `nullable: true` is turned into JSON Schema (`type: [t, "null"]`), and the
document's components are kept so `#/components/schemas/...` references resolve. Error
messages name the field and the rule, never the value (the value is resident text).
"""

from __future__ import annotations

import copy
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from shared.settings import ROOT

OPENAPI = ROOT / "docs" / "case-system.openapi.yaml"
SCHEMA_VERSIONS = (1,)


def _nullable(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _nullable(v) for k, v in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
            if "enum" in node:
                node["enum"] = [*node["enum"], None]
        else:  # allOf/$ref: wrap
            node = {"anyOf": [{"type": "null"}, node]}
    node.pop("readOnly", None)
    return node


@lru_cache(maxsize=None)
def openapi(path: Path = OPENAPI) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_formats = jsonschema.FormatChecker(formats=())


@_formats.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if isinstance(value, str):
        if len(value) != 10:
            raise ValueError("not YYYY-MM-DD")
        date.fromisoformat(value)
    return True


_RFC3339 = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$")


@_formats.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    """RFC 3339 (what OpenAPI means by date-time): any fraction digits, Z or an offset."""
    if isinstance(value, str):
        m = _RFC3339.match(value)
        if not m:
            raise ValueError("not an RFC 3339 date-time")
        date.fromisoformat(m.group(1))
        hour, minute, second = int(m.group(2)), int(m.group(3)), int(m.group(4))
        if hour > 23 or minute > 59 or second > 60 or (m.group(7) and (int(m.group(7)) > 23 or int(m.group(8)) > 59)):
            raise ValueError("time out of range")
    return True


@lru_cache(maxsize=None)
def validator(name: str) -> jsonschema.Draft7Validator:
    components = _nullable(copy.deepcopy(openapi()["components"]["schemas"]))
    root = {"$ref": f"#/components/schemas/{name}", "components": {"schemas": components}}
    return jsonschema.Draft7Validator(root, format_checker=_formats)


def _where(path) -> str:
    out = "body"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _describe(error: jsonschema.ValidationError) -> str:
    v, arg = error.validator, error.validator_value
    if v == "required":
        missing = [k for k in arg if isinstance(error.instance, dict) and k not in error.instance]
        return f"missing required field(s): {', '.join(missing)}"
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))[:5] if isinstance(error.instance, dict) else []
        return f"unknown field(s): {', '.join(str(e)[:50] for e in extra)}"
    if v == "type":
        return f"must be of type {arg if isinstance(arg, str) else ' or '.join(arg)}"
    if v == "maxLength":
        return f"longer than {arg} characters"
    if v == "minLength":
        return f"shorter than {arg} characters"
    if v == "maxItems":
        return f"more than {arg} items"
    if v == "enum":
        return "not one of: " + ", ".join(str(a) for a in arg)[:300]
    if v == "format":
        return f"not a valid {arg}"
    if v == "pattern":
        return "has characters that are not allowed"
    if v in ("minimum", "maximum"):
        return f"{v} is {arg}"
    if v == "anyOf":
        return "is not valid (wrong type or shape)"
    return f"fails the '{v}' rule"


def errors(name: str, instance: Any) -> list[tuple[str, str]]:
    """[(field, message)] — at most 10, deepest first; messages never contain the value."""
    found = sorted(validator(name).iter_errors(instance), key=lambda e: (-len(e.absolute_path), list(map(str, e.absolute_path))))
    out: list[tuple[str, str]] = []
    for e in found:
        item = (_where(e.absolute_path), _describe(e))
        if item not in out:
            out.append(item)
    return out[:10]
