"""For testers: `asb-dialogue-test` runs scripted dialogue stories against a live assistant.

    python -m tools.dialogue_tests [--url URL] [--token T] [--junit out.xml] [--today YYYY-MM-DD]
                                 [-k TEXT] [--tag TAG] [--jobs N] [--timeout S] [-v] [-x]
                                 [--check] PATH...

Exit status: 0 every story passed, 1 a story failed, 2 bad story files or usage.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional, Sequence, TextIO

from tools.dialogue_tests.report import console_line, format_exchange, format_failure, write_junit
from tools.dialogue_tests.runner import StoryResult, run_story
from tools.dialogue_tests.story import Story, StoryError, load_stories, parse_today
from shared.settings import dialogue_token, dialogue_url

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep the message short
        self.print_usage(sys.stderr)
        print(f"asb-dialogue-test: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="asb-dialogue-test",
        description="Run scripted dialogue stories (YAML) against a live assistant's REST channel.",
        epilog="Exit status: 0 all passed, 1 a story failed, 2 bad story files or usage. "
        "Guide: docs/dialogue-tests.md",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of *.yml")
    parser.add_argument("--url", default=dialogue_url(),
                        help="the assistant's base URL (default %(default)s, or $ASB_DIALOGUE_URL)")
    parser.add_argument("--token", default=dialogue_token(),
                        help="the Rasa server's API token: the REST channel and slot checks need it (or $ASB_DIALOGUE_TOKEN)")
    parser.add_argument("--junit", metavar="FILE", help="write JUnit XML here (one testcase per story)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="test clock (sent as metadata today) for stories that do not set their own")
    parser.add_argument("-k", dest="keyword", action="append", default=[], metavar="TEXT",
                        help="run only stories whose name or file contains TEXT (repeatable: any)")
    parser.add_argument("--tag", action="append", default=[], help="run only stories with this tag (repeatable: any)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="run N stories at once (default 1)")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="S",
                        help="seconds to wait for each reply unless a story says otherwise (default 30)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the exchange of passing stories too")
    parser.add_argument("-x", "--exitfirst", action="store_true", help="stop after the first failing story")
    parser.add_argument("--check", action="store_true", help="only validate the story files; talk to no server")
    return parser


def select(stories: list[Story], keywords: list[str], tags: list[str]) -> list[Story]:
    chosen = stories
    if keywords:
        lowered = [k.casefold() for k in keywords]
        chosen = [s for s in chosen if any(k in s.name.casefold() or k in str(s.path).casefold() for k in lowered)]
    if tags:
        wanted = {t.casefold() for t in tags}
        chosen = [s for s in chosen if wanted & {t.casefold() for t in s.tags}]
    return chosen


def _print_result(result: StoryResult, verbose: bool, out: TextIO) -> None:
    print(console_line(result), file=out)
    if not result.skipped and not result.passed:
        print(_indent(format_failure(result)), file=out)
        print(file=out)
    elif verbose and not result.skipped:
        print(_indent(format_exchange(result)), file=out)
        print(file=out)
    out.flush()


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.splitlines())


def main(argv: Optional[Sequence[str]] = None, out: TextIO = None, err: TextIO = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    if args.jobs < 1:
        print("asb-dialogue-test: --jobs must be 1 or more", file=err)
        return EXIT_USAGE
    if args.timeout <= 0:
        print("asb-dialogue-test: --timeout must be more than 0 seconds", file=err)
        return EXIT_USAGE
    default_today = None
    if args.today:
        try:
            default_today = parse_today(args.today, "--today")
        except StoryError as exc:
            print(f"asb-dialogue-test: {exc}", file=err)
            return EXIT_USAGE

    stories, errors = load_stories(args.paths)
    if errors:
        print(f"asb-dialogue-test: {len(errors)} problem(s) with the story files; nothing was run:", file=err)
        for error in errors:
            print(f"  {error}", file=err)
        return EXIT_USAGE
    stories = select(stories, args.keyword, args.tag)
    if not stories:
        print("asb-dialogue-test: no stories to run (check the paths, -k and --tag)", file=err)
        return EXIT_USAGE
    if args.check:
        for story in stories:
            tags = f"  [{', '.join(story.tags)}]" if story.tags else ""
            print(f"ok    {story.name}  ({story.path}, {len(story.steps)} steps){tags}", file=out)
        print(f"{len(stories)} story file(s) are valid", file=out)
        return EXIT_OK

    print(f"Running {len(stories)} dialogue {'story' if len(stories) == 1 else 'stories'} against {args.url}", file=out)
    results: list[Optional[StoryResult]] = [None] * len(stories)

    def run(i: int) -> StoryResult:
        return run_story(stories[i], args.url, args.token, default_today, args.timeout, index=i)

    stop = False
    if args.jobs == 1:
        for i in range(len(stories)):
            results[i] = run(i)
            _print_result(results[i], args.verbose, out)
            if args.exitfirst and not results[i].passed and not results[i].skipped:
                break
    else:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(run, i): i for i in range(len(stories))}
            for future in futures:  # in story order, so the output reads the same every run
                i = futures[future]
                results[i] = future.result()
                _print_result(results[i], args.verbose, out)
                if args.exitfirst and not results[i].passed and not results[i].skipped and not stop:
                    stop = True
                    for other in futures:
                        other.cancel()
                if stop:
                    break

    done = [r for r in results if r is not None]
    passed = sum(1 for r in done if r.passed and not r.skipped)
    skipped = sum(1 for r in done if r.skipped)
    failed = [r for r in done if not r.passed and not r.skipped]
    not_run = len(stories) - len(done)
    summary = f"{passed} passed, {len(failed)} failed, {skipped} skipped"
    if not_run:
        summary += f", {not_run} not run (-x)"
    print(summary, file=out)
    for r in failed:
        print(f"  failed: {r.story.name} ({r.story.path})", file=out)
    if args.junit:
        try:
            write_junit(done, Path(args.junit))
        except OSError as exc:
            print(f"asb-dialogue-test: cannot write {args.junit}: {exc.strerror}", file=err)
            return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_OK


def run_cli() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        code = 130
    raise SystemExit(code)
