"""Every reply of every flow, rendered in every language with the shipped KB: no fact id, no
condition operator, no message id, no bare ISO code, and no English sentence in a Spanish,
Portuguese, French or Creole message (issue 10, the review's 10.6 % of wrong-language messages)."""

from __future__ import annotations

import re

import pytest

from bot.conversation import replies
from bot.kb.danger import CATEGORIES
from bot.kb.facts import CANONICAL_FACTS
from bot.nlg.responses import Renderer
from bot.settings import SUPPORTED_LANGUAGES

ON = "2026-11-30"
ISO = re.compile(r"(?<![\w/.-])[A-Z]{2}(?![\w/.$-])")
ISO_ALLOWED = {"ID", "OK", "DC", "NY", "LA", "SP", "RJ", "PF", "RD", "CR", "DF", "CA", "TX", "FL", "MD", "MA"}
ISO_ALLOWED |= {"IL"}  # a US state in a centre's address
ISO_ALLOWED |= {"II", "IV", "VI"}  # roman numerals ("VIRTE II")
OPERATORS = re.compile(r"\b(on_or_before|on_or_after|not_in|includes_any|age_under|age_at_least)\b")
# Words of English sentences that no organisation name in the KB carries into another language.
ENGLISH = re.compile(r"\b(you are|you have|your|if you|do you|I don't|we can|please write)\b", re.IGNORECASE)
PEOPLE = [
    {"nationality": "VE", "current_country": "CO", "current_region": "CO-NSA", "fear_of_return": False,
     "entry_date": "2024-11", "has_criminal_record": False, "has_passport_or_id": True, "holds": []},
    {"nationality": "HN", "current_country": "US", "current_region": "US-TX", "fear_of_return": True,
     "entry_date": "2019", "holds": ["us_tps_hn"]},
    {"nationality": "HT", "current_country": "BR", "fear_of_return": None, "entry_date": "2021-03-02",
     "birth_date": "1990-05-12", "has_passport_or_id": False, "holds": []},
    {"nationality": "CU", "current_country": "CR", "fear_of_return": True, "entry_date": "2018"},
]  # fmt: skip


def _arguments(kb) -> list[tuple[str, dict]]:
    """Every reply with the arguments the conversation gives it, over several people."""
    from bot.eligibility.engine import evaluate

    cases: list[tuple[str, dict]] = []
    for facts in PEOPLE:
        from datetime import date

        outcomes = evaluate(kb, facts, date.fromisoformat(ON))
        results = [{"pathway": o.pathway.id, "status": o.status} for o in outcomes]
        base = {"results": results, "facts": facts, "on": ON, "country": facts["current_country"]}
        cases += [
            (replies.RESULTS, base),
            (replies.WHY, base),
            (
                replies.UNDERSTOOD,
                {"understood": {f: v for f, v in facts.items() if f in kb.questions}, "on": ON},
            ),
            (replies.URGENT, {"categories": list(CATEGORIES), "country": facts["current_country"]}),
            (replies.LOCATION_NOTED, {"country": facts["current_country"]}),
        ]
        for topic in ("cost", "where", "how", "deadline", "thanks", "other"):
            cases.append((replies.FOLLOWUP, {**base, "topic": topic}))
        cases += [(replies.FOLLOWUP, {**base, "topic": "need", "need": need.id}) for need in kb.needs]
        cases += [(replies.FOLLOWUP, {**base, "topic": "term", "term": term.id}) for term in kb.glossary]
    cases.append((replies.URGENT, {"categories": ["threat_to_life"], "country": None}))
    for fact, question in kb.questions.items():
        args: dict = {"question": fact}
        if question.type == "list":
            args["options"] = ["us_tps_hn", "co_ppt"]
        cases += [(replies.ASK_QUESTION, args), (replies.WHY_QUESTION, {"question": fact})]
    cases += [
        (replies.ASK_QUESTION, {"question": "entry_date", "precision": "month", "year": 2021}),
        (replies.ASK_QUESTION, {"question": "entry_date", "precision": "day", "month": "2021-03"}),
        (replies.ASK_QUESTION, {"question": "entry_date", "precision": "year"}),
        (replies.ASK_QUESTION, {"question": "current_country", "choices": ["CL", "DO", "CU"]}),
        (replies.HANDOFF_WAITING, {"status": "waiting"}),
    ]
    cases += _booking_arguments(kb)
    taken = {name for name, _ in cases}
    cases += [(name, {}) for name in replies.ALL if name not in taken]
    return cases


def _booking_arguments(kb) -> list[tuple[str, dict]]:
    """The booking replies for every centre that takes bookings, with a time on its own clock."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from bot.kb.schema import BOOKING_SERVICES

    cases: list[tuple[str, dict]] = []
    bookable = [c for c in kb.centres.values() if c.booking and c.booking.takes_bookings]
    for centre in bookable:
        zone = ZoneInfo(centre.booking.schedule.timezone)
        start = datetime.combine(datetime(2026, 12, 1).date(), time(10, 30), zone).isoformat()
        later = (datetime.fromisoformat(start) + timedelta(days=1)).isoformat()
        visit = {"code": "ABC234", "centre": centre.id, "start": start}
        cases += [
            (replies.BOOKING_ASK_SLOT, {"centre": centre.id, "slots": [start, later], "more": True}),
            (replies.BOOKING_ASK_SLOT, {**visit, "slots": [start], "taken": True, "moving": "ABC234"}),
            (replies.BOOKING_NO_SLOTS, {"centre": centre.id}),
            (replies.BOOKING_CONFIRM, {"centre": centre.id, "start": start, "service": "legal_aid"}),
            (replies.BOOKING_CONFIRM, {"centre": centre.id, "start": start, "moving": "ABC234"}),
            (
                replies.BOOKING_CONFIRMED,
                {**visit, "service": "asylum", "pathway": (centre.booking.pathways or [None])[0]},
            ),
            (replies.BOOKING_CONFIRMED, {**visit, "service": "legal_aid", "moved": "XYZ789", "link": "/v"}),
            (replies.BOOKING_EXISTS, visit),
            (replies.BOOKING_SHOW, visit),
            (replies.BOOKING_PICK, {"bookings": [visit, {**visit, "code": "DEF567"}]}),
            (replies.BOOKING_CONFIRM_CANCEL, visit),
            (replies.BOOKING_CANCELLED, visit),
            (replies.BOOKING_OVER, {**visit, "status": "cancelled"}),
            (replies.BOOKING_OVER, {**visit, "status": "attended"}),
        ]
    cases += [
        (replies.BOOKING_ASK_SERVICE, {"services": list(BOOKING_SERVICES)[:6], "suggested": "asylum"}),
        (replies.BOOKING_ASK_CENTRE, {"centres": [c.id for c in bookable[:6]]}),
        (replies.BOOKING_NO_CENTRE, {"country": "PE"}),
        (replies.BOOKING_NO_CENTRE, {"country": "US", "service": "health"}),
        (replies.BOOKING_KEPT, {"code": "ABC234"}),
        (replies.BOOKING_UNKNOWN, {"code": "ABC234"}),
    ]
    return cases


@pytest.fixture(scope="module")
def rendered(shipped_kb, tmp_path_factory) -> list[tuple[str, str, str]]:
    from bot.settings import Settings

    renderer = Renderer(shipped_kb, Settings.from_env({}))
    out = []
    for name, args in _arguments(shipped_kb):
        for language in SUPPORTED_LANGUAGES:
            message = renderer.render(name, language, args)
            buttons = " | ".join(b["title"] for b in message.get("buttons", []))
            out.append((name, language, f"{message.get('text', '')}\n{buttons}"))
    return out


def _catalog_ids() -> list[str]:
    from babel.messages.pofile import read_po

    from bot.settings import PROJECT_ROOT

    with (PROJECT_ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return [m.id for m in read_po(handle) if m.id]


MSGIDS = _catalog_ids()


def test_every_reply_is_rendered_in_every_language(rendered) -> None:
    assert {name for name, _, _ in rendered} == set(replies.ALL)


def test_no_fact_id_operator_or_message_id_leaks(rendered) -> None:
    ids = sorted(CANONICAL_FACTS, key=len, reverse=True)
    compound = re.compile(r"\b(" + "|".join(i for i in ids if "_" in i) + r")\b")
    single = re.compile(r"\b(" + "|".join(i for i in ids if "_" not in i) + r")\b")  # English words too
    for name, language, text in rendered:
        prose = re.sub(r"https?://\S+", "", text)
        facts = compound if language == "en" else re.compile(f"{compound.pattern}|{single.pattern}")
        assert not facts.search(prose), (name, language, facts.search(prose)[0], text[:300])
        assert not OPERATORS.search(prose), (name, language, text[:300])
        leaked = [msgid for msgid in MSGIDS if msgid in prose]
        assert not leaked, (name, language, leaked, text[:300])


def test_no_bare_iso_codes(rendered) -> None:
    for name, language, text in rendered:
        prose = re.sub(r"https?://\S+", "", text)
        allowed = ISO_ALLOWED | ({"US", "UK"} if language == "en" else set())  # "leave the US"
        codes = set(ISO.findall(prose)) - allowed
        assert not codes, (name, language, codes, text[:300])


def test_no_english_sentences_in_other_languages(rendered) -> None:
    for name, language, text in rendered:
        if language != "en" and name != replies.ASK_LANGUAGE:  # the menu speaks every language
            found = ENGLISH.search(text)
            assert not found, (name, language, found[0], text[:300])
