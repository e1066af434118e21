"""How often the conversation reads a message the way a careful person would.

The corpus in tests/fixtures/conversation_corpus/<lang>.yml holds phrasings written the way the
people of the 2026-11 review wrote (typos, SMS spelling, several facts at once, danger), each with
the state it was typed in and what a careful human would understand. Every item is one turn of
`take_turn` against the shipped knowledge base; a miss records what was read instead, so a falling
share points straight at the phrasing that broke.

Run: `python -m bench.reading_accuracy [--out DIR]` (figures to bench/results/reading-accuracy.*).
The tests in tests/conversation/test_corpus.py hold the same scoring to its targets.
"""

from __future__ import annotations

import argparse
import json
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.eligibility.engine import assess
from bot.kb.loader import load_knowledge_base
from bot.kb.model import KnowledgeBase

if TYPE_CHECKING:  # imported when scoring, so the corpus can be checked while the conversation is rebuilt
    from bot.conversation import State, Turn

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "fixtures" / "conversation_corpus"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
LANGUAGES = ("es", "pt", "en", "fr", "ht")
RESULTS = "results"  # `asked` value: the message came after the results
LANGUAGE_MENU = "language"  # `asked` value: the language menu was showing

# Which replies (or effects) show that a command ran.
COMMAND_REPLIES: dict[str, frozenset[str]] = {
    "go_back": frozenset({"utter_went_back", "utter_nothing_to_undo"}),
    "start_over": frozenset({"utter_restarted"}),
    "change_language": frozenset({"utter_ask_language"}),
    "delete_data": frozenset({"utter_confirm_delete"}),
    "why": frozenset({"utter_why", "utter_why_question"}),
}
HUMAN_EFFECT = "ticket_asked"
URGENT_EFFECT = "urgent"
# An answer that produced any of these was not taken as the answer it is.
NOT_AN_ANSWER = frozenset().union(*COMMAND_REPLIES.values()) | {
    "utter_not_understood",
    "utter_offer_human",
    "utter_handoff_created",
}
WIDEST_BIRTH_RANGE = timedelta(days=731)  # an age read as a birth interval spans about a year


@dataclass(frozen=True)
class Item:
    """One phrasing of the corpus, in the state it was typed in."""

    language: str
    text: str
    kind: str
    expect: Mapping[str, Any]
    asked: str | None = None
    known: Mapping[str, Any] | None = None
    state: Mapping[str, Any] | None = None  # overrides of State fields (e.g. language: null)
    review: bool = False


def load_corpus(language: str, corpus_dir: Path = CORPUS_DIR) -> tuple[date, list[Item]]:
    """The corpus of one language: its fixed `today` and its items."""
    data = yaml.safe_load((corpus_dir / f"{language}.yml").read_text(encoding="utf-8"))
    today = data["today"] if isinstance(data["today"], date) else date.fromisoformat(str(data["today"]))
    items = [
        Item(
            language=language,
            text=str(raw["text"]),
            kind=raw["kind"],
            expect=raw["expect"],
            asked=raw.get("asked"),
            known=raw.get("known"),
            state=raw.get("state"),
            review=bool(raw.get("review", False)),
        )
        for raw in data["items"]
    ]
    return today, items


def build_state(kb: KnowledgeBase, item: Item, today: date) -> State:
    """The conversation as it stood when the phrasing was typed. A first message has no language
    and no consent yet; after the results the engine's own results for the known facts are shown."""
    from bot.conversation import State

    if item.asked is None:
        state = State()
    else:
        facts = dict(item.known or {})
        results: tuple[dict[str, str], ...] = ()
        if item.asked == RESULTS:
            outcomes, _ = assess(kb, facts, today)
            results = tuple({"pathway": o.pathway.id, "status": o.status} for o in outcomes)
        state = State(
            language=item.language,
            facts=facts,
            answered=tuple(facts),
            pending=None if item.asked == RESULTS else item.asked,
            results=results,
            consent_shown=True,
        )
    return replace(state, **dict(item.state or {}))


def _period(value: Any) -> tuple[date, date] | None:
    """The first and last day a stored date stands for: "1986", "1986-05", "1986-05-12" or "A/B"."""
    if not isinstance(value, str) or not value:
        return None
    if "/" in value:
        start, end = (_period(part) for part in value.split("/", 1))
        if start is None or end is None:
            return None
        return start[0], end[1]
    parts = value.split("-")
    try:
        if len(parts) == 1:
            year = int(parts[0])
            return date(year, 1, 1), date(year, 12, 31)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), following - timedelta(days=1)
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day, day


def covers_year(value: Any, year: int) -> bool:
    """Whether a stored birth date (a date or an interval about a year wide) falls in `year`."""
    period = _period(value)
    if period is None:
        return False
    start, end = period
    overlaps = start <= date(year, 12, 31) and end >= date(year, 1, 1)
    return overlaps and end - start <= WIDEST_BIRTH_RANGE


def _names(turn: Turn) -> list[str]:
    return [reply.response for reply in turn.replies]


def _effects(turn: Turn) -> set[str]:
    return {str(getattr(effect, "value", effect)) for effect in turn.effects}


def _check_facts(item: Item, turn: Turn) -> str | None:
    stored = turn.state.facts
    for fact, expected in (item.expect.get("facts") or {}).items():
        if fact == "birth_year":
            if not covers_year(stored.get("birth_date"), int(expected)):
                return f"birth_date {stored.get('birth_date')!r} does not cover {expected}"
            continue
        if fact not in stored:
            return f"{fact} not stored (expected {expected!r})"
        value = stored[fact]
        if isinstance(expected, date):
            expected = expected.isoformat()
        if isinstance(expected, list) and isinstance(value, (list, tuple)):
            if sorted(value) != sorted(expected):
                return f"{fact} = {value!r}, expected {expected!r}"
        elif value != expected:
            return f"{fact} = {value!r}, expected {expected!r}"
    return None


def check(item: Item, turn: Turn) -> str | None:
    """Why the turn does not show the expected reading, or None when it does."""
    names, effects = _names(turn), _effects(turn)
    expect = item.expect
    if expect.get("urgent") and "utter_urgent" not in names:
        return "danger not recognised (no utter_urgent)"
    if (command := expect.get("command")) is not None:
        if command == "human":
            if HUMAN_EFFECT not in effects:
                return "no ticket asked"
        elif not COMMAND_REPLIES[command] & set(names):
            return f"command {command} not run"
    if (language := expect.get("language")) is not None:
        if turn.state.language != language:
            return f"language {turn.state.language!r}, expected {language!r}"
        if "utter_not_understood" in names:
            return "language change not understood"
    if (topic := expect.get("followup")) is not None:
        if topic == "why":
            if "utter_why" not in names:
                return "why not answered"
        else:
            topics = [r.args.get("topic") for r in turn.replies if r.response == "utter_followup"]
            if topic not in topics:
                return f"follow-up topic {topics or None}, expected {topic}"
        if "utter_results" in names:
            return "the whole results block re-sent"
    if "facts" in expect:
        blocked = NOT_AN_ANSWER & set(names) or (HUMAN_EFFECT in effects and {HUMAN_EFFECT})
        if blocked:
            return f"not taken as an answer: {sorted(blocked)}"
        if (reason := _check_facts(item, turn)) is not None:
            return reason
    if expect.get("ask_again"):
        if NOT_AN_ANSWER & set(names):
            return f"vague answer met with {sorted(NOT_AN_ANSWER & set(names))}"
        asked = [r for r in turn.replies if r.response == "utter_ask_question"]
        if not any(r.args.get("question") == item.asked for r in asked):
            return f"{item.asked} not asked again"
    known = item.known or {}
    for fact in expect.get("not_read") or ():
        if turn.state.facts.get(fact) != known.get(fact):
            return f"{fact} read as {turn.state.facts.get(fact)!r} from words that do not say it"
    return None


def _what_was_read(before: State, turn: Turn) -> dict[str, Any]:
    """The reading in short: replies with their telling arguments, changed facts, language, effects."""
    telling = ("question", "topic", "categories", "understood", "precision")
    replies = [{"name": r.response, **{k: r.args[k] for k in telling if k in r.args}} for r in turn.replies]
    changed = {k: v for k, v in turn.state.facts.items() if before.facts.get(k, object()) != v}
    dropped = sorted(set(before.facts) - set(turn.state.facts))
    return {
        "replies": replies,
        "facts_changed": changed,
        **({"facts_dropped": dropped} if dropped else {}),
        "language": turn.state.language,
        "effects": sorted(_effects(turn)),
    }


def score_item(kb: KnowledgeBase, item: Item, today: date) -> dict[str, Any] | None:
    """None when the item is read as expected, else a record of the miss."""
    from bot.conversation import Message, take_turn

    state = build_state(kb, item, today)
    record = {"text": item.text, "asked": item.asked, "kind": item.kind, "expect": dict(item.expect)}
    try:
        turn = take_turn(kb, state, Message(item.text), today)
    except Exception as error:  # the code under test is being rebuilt; a crash is a miss
        last = traceback.extract_tb(error.__traceback__)[-1]
        return {**record, "reason": f"{type(error).__name__}: {error} ({last.filename}:{last.lineno})"}
    reason = check(item, turn)
    if reason is None:
        return None
    return {**record, "reason": reason, "read": _jsonable(_what_was_read(state, turn))}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _share(correct: int, total: int) -> float:
    return round(correct / total, 4) if total else 1.0


def score(kb: KnowledgeBase, languages: Iterable[str] = LANGUAGES, corpus_dir: Path = CORPUS_DIR) -> dict:
    """Per language: items, correct, share, by kind, danger recognised, and every miss."""
    report: dict[str, Any] = {}
    for language in languages:
        today, items = load_corpus(language, corpus_dir)
        misses, kinds = [], {}
        danger_total = danger_seen = 0
        for item in items:
            miss = score_item(kb, item, today)
            tally = kinds.setdefault(item.kind, {"total": 0, "correct": 0})
            tally["total"] += 1
            tally["correct"] += miss is None
            if item.expect.get("urgent"):
                danger_total += 1
                danger_seen += miss is None or not miss["reason"].startswith("danger not recognised")
            if miss is not None:
                misses.append(miss)
        correct = len(items) - len(misses)
        report[language] = {
            "today": today.isoformat(),
            "total": len(items),
            "correct": correct,
            "share": _share(correct, len(items)),
            "by_kind": {
                k: {**v, "share": _share(v["correct"], v["total"])} for k, v in sorted(kinds.items())
            },
            "danger": {
                "total": danger_total,
                "recognised": danger_seen,
                "share": _share(danger_seen, danger_total),
            },
            "misses": misses,
        }
    return report


def markdown(report: Mapping[str, Any]) -> str:
    """The report as tables for bench/results/reading-accuracy.md."""
    lines = [
        "# Reading accuracy on the phrasing corpus",
        "",
        "Each phrasing of tests/fixtures/conversation_corpus/ is one turn of `take_turn` with the",
        "shipped KB; a turn counts when it shows what a careful human would read.",
        "The misses, with what was read instead, are in reading-accuracy.json.",
        "",
        "| language | items | correct | share | danger recognised |",
        "|---|---|---|---|---|",
    ]
    for language, figures in report.items():
        danger = figures["danger"]
        lines.append(
            f"| {language} | {figures['total']} | {figures['correct']} | {figures['share']:.1%} "
            f"| {danger['recognised']}/{danger['total']} ({danger['share']:.0%}) |"
        )
    kinds = sorted({kind for figures in report.values() for kind in figures["by_kind"]})
    lines += ["", "| kind | " + " | ".join(report) + " |", "|---|" + "---|" * len(report)]
    for kind in kinds:
        cells = []
        for figures in report.values():
            tally = figures["by_kind"].get(kind)
            cells.append(f"{tally['correct']}/{tally['total']}" if tally else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_report(report: Mapping[str, Any], out_dir: Path = RESULTS_DIR) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "reading-accuracy.json", out_dir / "reading-accuracy.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown(report), encoding="utf-8")
    return json_path, md_path


def shipped_kb() -> KnowledgeBase:
    return load_knowledge_base(ROOT / "pathways_kb", ROOT / "locales")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="folder for the results")
    args = parser.parse_args(argv)
    report = score(shipped_kb())
    json_path, md_path = write_report(report, args.out)
    for language, figures in report.items():
        print(f"{language}: {figures['correct']}/{figures['total']} ({figures['share']:.1%})")
    print(f"wrote {json_path} and {md_path}")
    return report


if __name__ == "__main__":
    main()
