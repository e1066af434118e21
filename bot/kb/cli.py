"""`pathways`: the content editors' tool for the knowledge base.

    pathways validate [PATH]                      check every file; exit 1 on errors
    pathways test [PATH]                          run the YAML scenarios in PATH/tests
    pathways evaluate --facts FILE --on DATE [--json]
    pathways explain ID --facts FILE --on DATE
    pathways stale [--days N] [--within N]        upcoming closings, entries not verified for N days
    pathways export [--to DIR]                    write the published version of every file (database)
    pathways import [--author NAME] [--summary TEXT]   publish the files that differ from the database

FILE is YAML or JSON mapping fact names to values (`-` reads standard input).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.engine import assess, evaluate
from bot.eligibility.explain import explain
from bot.kb.facts import FactError, normalize_facts
from bot.kb.freshness import stale_entries, upcoming_changes
from bot.kb.loader import validate_knowledge_base
from bot.kb.model import KnowledgeBase
from bot.kb.scenarios import changed_since, load_scenarios, read_snapshot, run_scenario, snapshot
from bot.kb.yaml_lines import load_strict
from bot.settings import get_settings

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input on the command line: a missing file, unreadable facts."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _kb(path: Path | None) -> KnowledgeBase:
    settings = get_settings()
    report = validate_knowledge_base(path or settings.kb_dir, settings.locales_dir)
    if report.kb is None:
        for problem in report.errors:
            print(problem, file=sys.stderr)
        raise UsageError(f"the knowledge base has {len(report.errors)} errors; run `pathways validate`")
    return report.kb


def _facts(source: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        facts = load_strict(text) or {}
    except FileNotFoundError:
        raise UsageError(f"no such facts file: {source}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(f"facts are not valid YAML/JSON: {exc}") from None
    if not isinstance(facts, dict):
        raise UsageError("facts must be a mapping of fact names to values")
    try:
        normalize_facts(facts)
    except FactError as exc:
        raise UsageError(str(exc)) from None
    return facts


def cmd_validate(args: argparse.Namespace) -> int:
    settings = get_settings()
    report = validate_knowledge_base(args.path or settings.kb_dir, settings.locales_dir)
    for problem in report.errors:
        print(f"error: {problem}")
    if args.warnings:
        for warning in report.warnings:
            print(f"warning: {warning}")
    if report.kb is None:
        print(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
        return EXIT_ERRORS
    kb = report.kb
    print(
        f"ok: {len(kb.pathways)} pathways, {len(kb.centres)} centres, {len(kb.questions)} questions; "
        f"{len(report.warnings)} warnings" + ("" if args.warnings else " (--warnings lists them)")
    )
    return EXIT_OK


def cmd_test(args: argparse.Namespace) -> int:
    settings = get_settings()
    kb_dir = args.path or settings.kb_dir
    kb = _kb(kb_dir)
    scenarios, problems = load_scenarios(kb_dir / "tests", kb)
    for problem in problems:
        print(f"error: {problem}")
    results = [run_scenario(kb, s) for s in scenarios]
    for result in results:
        for difference in result.differences:
            print(f"CHANGED {result.scenario.where} {result.scenario.name!r}: {difference}")
    snapshot_path = settings.var_dir / "kb-scenarios.json"
    if not args.no_snapshot:
        moved = changed_since(read_snapshot(snapshot_path), results)
        if moved:
            print(f"Outcomes that moved since the last run ({len(moved)}):")
            for line in moved:
                print(f"  {line}")
        snapshot_path.parent.mkdir(parents=True, exist_ok=True)
        snapshot_path.write_text(json.dumps(snapshot(results), indent=1, sort_keys=True))
    failed = sum(not r.passed for r in results)
    print(f"{len(results)} scenarios: {len(results) - failed} passed, {failed} failed")
    return EXIT_ERRORS if failed or problems or not results else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    kb = _kb(None)
    facts = _facts(args.facts)
    outcomes, asked = assess(kb, facts, args.on)
    if args.json:
        body = {
            "as_of": args.on.isoformat(),
            "results": [o.as_dict() for o in outcomes],
            "next_question": asked,
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max([len(o.pathway.id) for o in outcomes] + [7])
    print(f"As of {args.on.isoformat()}:")
    print(f"  {'pathway'.ljust(width)}  {'status'.ljust(17)}  last verified  review")
    for o in outcomes:
        review = "needs review" if o.pathway.needs_review else ""
        print(f"  {o.pathway.id.ljust(width)}  {o.status.ljust(17)}  {o.pathway.last_verified}     {review}")
    if not outcomes:
        print("  (no relevant pathway)")
    print(f"Next question: {asked or 'none — every relevant pathway is settled'}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    kb = _kb(None)
    try:
        pathway = kb.pathway(args.id)
    except KeyError:
        raise UsageError(f"no pathway {args.id!r}; `pathways evaluate` lists the relevant ones") from None
    facts = _facts(args.facts)
    outcome = next((o for o in evaluate(kb, facts, args.on) if o.pathway.id == args.id), None)
    print("\n".join(explain(outcome, pathway, facts, args.on)))
    return EXIT_OK


def cmd_stale(args: argparse.Namespace) -> int:
    kb = _kb(None)
    settings = get_settings()  # the console's stale list uses the same configured ages
    args.days = settings.kb_stale_after_days if args.days is None else args.days
    args.within = settings.kb_upcoming_days if args.within is None else args.within
    upcoming = upcoming_changes(kb, args.on, args.within)
    for change in upcoming:
        print(change.describe())
    print(f"{len(upcoming)} status change(s) in the next {args.within} days")
    stale, total = stale_entries(kb, args.on, args.days)
    for entry in stale:
        print(entry.describe())
    print(f"{len(stale)} of {total} entries are older than {args.days} days or need review")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from bot.editorial.published import checked_path, published_files, write_atomically

    settings = get_settings()
    target = args.to or settings.kb_dir
    files = published_files(settings.database_url)
    for path, text in sorted(files.items()):
        write_atomically(target / checked_path(path), text)
    print(f"exported {len(files)} published file(s) to {target}")
    return EXIT_OK


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no name
        return "cli"


def cmd_import(args: argparse.Namespace) -> int:
    from bot.editorial.versions import import_files

    settings = get_settings()
    report = validate_knowledge_base(settings.kb_dir, settings.locales_dir)
    if report.kb is None:
        for problem in report.errors:
            print(f"error: {problem}")
        print(f"{len(report.errors)} errors: nothing imported")
        return EXIT_ERRORS
    version = import_files(settings, args.author or _login(), args.summary)
    if version is None:
        print("nothing to import: every file matches its published version")
    else:
        print(f"imported {len(version.files)} file(s) as version {version.id}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pathways", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check every KB file")
    p.add_argument("path", nargs="?", type=Path, help="KB folder (default: pathways_kb/)")
    p.add_argument("--warnings", action="store_true", help="list warnings (missing translations …)")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("test", help="run the YAML scenarios")
    p.add_argument("path", nargs="?", type=Path, help="KB folder (default: pathways_kb/)")
    p.add_argument("--no-snapshot", action="store_true", help="do not compare with or record this run")
    p.set_defaults(run=cmd_test)

    for name, helptext in (("evaluate", "statuses for a set of facts"), ("explain", "why one pathway")):
        p = sub.add_parser(name, help=helptext)
        if name == "explain":
            p.add_argument("id", help="pathway id")
        p.add_argument("--facts", required=True, help="YAML/JSON file of facts, or - for stdin")
        p.add_argument("--on", type=_iso_date, default=date.today(), help="evaluation date (default today)")
        if name == "evaluate":
            p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(run=cmd_evaluate if name == "evaluate" else cmd_explain)

    p = sub.add_parser("stale", help="entries not verified recently or needing review")
    p.add_argument("--days", type=int, default=None, help="verified longer ago than this")
    p.add_argument("--within", type=int, default=None, help="status changes this soon")
    p.add_argument("--on", type=_iso_date, default=date.today(), help=argparse.SUPPRESS)
    p.set_defaults(run=cmd_stale)

    p = sub.add_parser("export", help="write the published files from the database")
    p.add_argument("--to", type=Path, help="folder to write into (default: the KB folder)")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("import", help="publish the KB files that differ from the database, as one version")
    p.add_argument("--author", help="who is importing (default: your login)")
    p.add_argument("--summary", default="", help="what this import brings")
    p.set_defaults(run=cmd_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"pathways: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
