"""For caseworkers and testers: `asb-review`, the command line.

    asb-review assess FILE --area AREA [--today YYYY-MM-DD] [--json]
    asb-review areas
    asb-review outbox {list,show,retry,export} ...

`assess` runs the same engine as the assistant on an application written as JSON (FILE, or
`-` for standard input) and prints the outcome in plain English, or as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Optional, Sequence

from shared.settings import default_area

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _read(path: str) -> dict:
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    return json.loads(text)


def _cmd_assess(args: argparse.Namespace) -> int:
    from actions.rules import PayloadError, PolicyError, assess_payload, explain

    try:
        payload = _read(args.file)
        today = date.fromisoformat(args.today) if args.today else None
        result = assess_payload(payload, args.area, today)
    except FileNotFoundError:
        print(f"asb-review: no such file: {args.file}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except json.JSONDecodeError as exc:
        print(f"asb-review: {args.file} is not valid JSON (line {exc.lineno}, column {exc.colno})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (PayloadError, PolicyError, KeyError, ValueError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        print(f"asb-review: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        policy = result["policy"]
        print(f"Area: {policy['name']} (policy {policy['id']}, version {policy['version']})")
        print(f"Assessed on: {result['reference_date']}")
        print(f"Outcome: {result['outcome'].replace('_', ' ')}"
              + (f" (routes: {', '.join(result['routes_met'])})" if result["routes_met"] else ""))
        print()
        for line in explain(result):
            print(line)
        if result["flags"]:
            print()
            print("Notes for the caseworker: " + ", ".join(result["flags"]))
    return EXIT_OK


def _cmd_areas(_: argparse.Namespace) -> int:
    from actions.rules import list_policies

    for p in list_policies():
        routes = [f"{p.reports_needed} reports"]
        if p.group_route:
            routes.append(f"group: {p.group_route.count} ({p.group_route.kind})")
        if p.hate_route:
            routes.append(f"hate: {p.hate_route.incidents} in {p.hate_route.window_months} months")
        if p.vulnerability_override:
            routes.append("vulnerability override")
        print(f"{p.id:15} {p.name:25} {'; '.join(routes)}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="asb-review", description="ASB Case Review tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    assess = sub.add_parser("assess", help="assess an application written as JSON")
    assess.add_argument("file", help="the application JSON, or - for standard input")
    assess.add_argument("--area", default=default_area(),
                        help="the local area whose policy applies (default: $ASB_DEFAULT_AREA or staffordshire)")
    assess.add_argument("--today", help="the date to assess on, YYYY-MM-DD (default: the application_date, else today)")
    assess.add_argument("--json", action="store_true", help="print the result as JSON")
    assess.set_defaults(func=_cmd_assess)
    areas = sub.add_parser("areas", help="list the local areas and their routes")
    areas.set_defaults(func=_cmd_areas)
    sub.add_parser("outbox", help="deliveries to the case system: list, show, retry, export (asb-review outbox --help)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["outbox"]:
        # Handed over whole: argparse would refuse the admin command's own options.
        from delivery.admin import main as outbox_main

        return outbox_main(argv[1:], prog="asb-review outbox")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
