"""`python -m delivery.admin` — staff view of deliveries to the case system.

  list   [--status pending|delivered|rejected] [--limit N] [--json]
         counts, then one line per application: ids, status, attempts, last error.
         Never the application's content.
  show   ID_OR_REFERENCE [--json]     one application's delivery record (no content)
  retry  ID_OR_REFERENCE | --config-errors
         put a rejected application (or every one rejected for a configuration error)
         back in the queue, due now
  export ID_OR_REFERENCE --out FILE [--force]
         write the application (as stored, and the body the case system would receive)
         to FILE (mode 0600), e.g. to hand it over another way

Exit codes: 0 done, 1 not found / nothing to do, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Optional

from delivery import body as wire
from shared.case_link import contract
from shared.outbox import queue

STATUSES = ("pending", "delivered", "rejected")


def _line(r: dict) -> str:
    error = (r["last_error"] or "").replace("\n", " ")
    error = error if len(error) <= 100 else error[:97] + "..."
    flag = " CONFIG-ERROR" if r["config_error"] else ""
    return (f"{r['application_id']}  {r['reference']}  {r['status']}{flag}  attempts={r['attempts']}  "
            f"http={r['last_http_status'] if r['last_http_status'] is not None else '-'}  "
            f"case={r['case_reference'] or '-'}  next={r['next_attempt_at'] if r['status'] == 'pending' else '-'}  "
            f"error={error or '-'}")


def cmd_list(conn, args) -> int:
    counts = queue.counts(conn)
    found = queue.rows(conn, args.status, args.limit)
    if args.json:
        print(json.dumps({"counts": counts, "rows": found}, indent=2))
        return 0
    print(f"pending {counts['pending']}  delivered {counts['delivered']}  rejected {counts['rejected']}"
          f" (configuration errors {counts['config_errors']})")
    for r in found:
        print(_line(r))
    return 0


def cmd_show(conn, args) -> int:
    row = queue.find(conn, args.key)
    if row is None:
        print(f"no application {args.key}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(row, indent=2))
    else:
        for k, v in row.items():
            print(f"{k}: {v if v is not None else '-'}")
    return 0


def cmd_retry(conn, args) -> int:
    if args.config_errors:
        n = queue.retry_config_errors(conn)
        print(f"{n} application(s) rejected for a configuration error are queued again")
        return 0 if n else 1
    if not args.key:
        print("retry needs an application id or reference, or --config-errors", file=sys.stderr)
        return 2
    if queue.retry(conn, args.key):
        print(f"{args.key} is queued again")
        return 0
    row = queue.find(conn, args.key)
    print(f"no application {args.key}" if row is None else f"{args.key} is {row['status']}, not rejected: nothing to retry",
          file=sys.stderr)
    return 1


def cmd_export(conn, args) -> int:
    row = queue.find(conn, args.key, with_payload=True)
    if row is None:
        print(f"no application {args.key}", file=sys.stderr)
        return 1
    if row.get("purged_at"):  # docs/privacy.md: delivered, then kept for the hold only
        print(f"{args.key} was delivered (case {row['case_reference']}); its content was deleted on "
              f"{row['purged_at']}: ask the case system", file=sys.stderr)
        return 1
    out: Path = args.out
    if out.exists() and not args.force:
        print(f"{out} exists (use --force to replace it)", file=sys.stderr)
        return 2
    payload = row.pop("payload")
    body = wire.wire_body(payload, row["reference"])
    document = {"delivery": row, "case_system_body": body,
                "case_system_body_problems": [f"{f}: {m}" for f, m in contract.errors("Application", body)],
                "stored_application": payload}
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # resident data: owner only
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=2)
    print(f"exported {row['application_id']} ({row['reference']}, {row['status']}) to {out}")
    return 0


def parser(prog: str = "python -m delivery.admin") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", help="outbox database, a path or a URL (default ASB_DATABASE_URL, or ASB_OUTBOX_DB: var/outbox.db)")
    db = argparse.ArgumentParser(add_help=False)  # --db also accepted after the sub-command
    db.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True, parser_class=argparse.ArgumentParser)
    _add = sub.add_parser
    sub.add_parser = lambda *a, **k: _add(*a, parents=[db], **k)  # type: ignore[method-assign]
    s = sub.add_parser("list", help="counts and rows (no content)")
    s.add_argument("--status", choices=STATUSES)
    s.add_argument("--limit", type=int, default=100)
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("show", help="one application's delivery record")
    s.add_argument("key")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("retry", help="queue a rejected application again")
    s.add_argument("key", nargs="?")
    s.add_argument("--config-errors", action="store_true")
    s = sub.add_parser("export", help="write one application as JSON to a file")
    s.add_argument("key")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--force", action="store_true")
    return p


COMMANDS = {"list": cmd_list, "show": cmd_show, "retry": cmd_retry, "export": cmd_export}


def main(argv: Optional[list[str]] = None, prog: str = "python -m delivery.admin") -> int:
    args = parser(prog).parse_args(argv)
    conn = queue.connect(args.db)
    try:
        return COMMANDS[args.command](conn, args)
    finally:
        conn.close()


if __name__ == "__main__":
    raise SystemExit(main())
