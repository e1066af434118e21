"""Whole conversations per language, written as people write, that exercise danger, corrections,
follow-ups after the results and a language switch (issue 10). `play(say, script, hand_back)` drives
any transport: `say(text) -> list of rendered bot messages` (REST in the integration test); danger
opens an urgent ticket that pauses the bot (issue 12), and `hand_back()` stands for the agent who
takes it and hands the conversation back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Say = Callable[[str], list[dict]]
YES = {"es": "si", "pt": "sim", "en": "yes", "fr": "oui", "ht": "wi"}


@dataclass(frozen=True)
class Script:
    lang: str
    danger: str  # the first message: danger, in the person's language
    facts: str  # what they say next: nationality and where they are
    stated: dict[str, str]  # what that must be understood as
    answers: dict[str, str]  # question -> how they answer it
    correction: str  # after the results: a fact corrected
    corrected: dict[str, str]
    why: str
    cost: str
    thanks: str
    switch: str  # a request to change language
    switch_to: str
    expect_open: list[str] = field(default_factory=list)  # pathways open to them after the correction


SCRIPTS = [
    Script(
        "es",
        danger="me quieren matar si vuelvo a honduras ayudeme",
        facts="soy hondureño, toy en tapachula",
        stated={"nationality": "HN", "current_country": "MX"},
        answers={
            "fear_of_return": "si",
            "entry_date": "agosto del 19",
            "has_criminal_record": "nop",
            "has_passport_or_id": "tengo la cedula vencida",
        },
        correction="no perdon, llegue hace como 2 meses",
        corrected={"entry_date": "2026-09"},
        why="xq?",
        cost="cuanto cuesta?",
        thanks="gracias",
        switch="english please",
        switch_to="en",
        expect_open=["asylum_mx"],
    ),
    Script(
        "pt",
        danger="meu patrão pegou meu passaporte e nao devolve",
        facts="sou boliviana, moro em são paulo",
        stated={"nationality": "BO", "current_country": "BR"},
        answers={
            "fear_of_return": "naum",
            "entry_date": "faz uns 2 anos",
            "has_criminal_record": "nops",
            "has_passport_or_id": "so a cedula boliviana",
        },
        correction="na verdade sou paraguaia",
        corrected={"nationality": "PY"},
        why="pq?",
        cost="quanto custa?",
        thanks="obrigada",
        switch="mejor en español por favor",
        switch_to="es",
        expect_open=["mercosur_br"],
    ),
    Script(
        "en",
        danger="I'm detained by ICE in Texas what do I do",
        facts="im from venezuela living in houston",
        stated={"nationality": "VE"},  # the United States was already said: "ICE in Texas"
        answers={
            "fear_of_return": "kinda yes, my brother was arrested there",
            "entry_date": "2 yrs ago",
            "has_criminal_record": "no",
            "has_passport_or_id": "only my cedula",
        },
        correction="sorry, I meant a year and a half ago",
        corrected={"entry_date": "2025-05"},
        why="why?",
        cost="how much does it cost?",
        thanks="thanks",
        switch="fala português",
        switch_to="pt",
        expect_open=["asylum_us"],
    ),
    Script(
        "fr",
        danger="ils font des rafles, j'ai peur d'être expulsée",
        facts="je suis haïtienne, je vis au Chili",
        stated={"nationality": "HT", "current_country": "CL"},
        answers={
            "fear_of_return": "oui, les gangs",
            "entry_date": "il y a 2 ans et demi",
            "has_criminal_record": "non",
            "has_passport_or_id": "j'ai mon passeport",
        },
        correction="pardon, je suis au Pérou",
        corrected={"current_country": "PE"},
        why="pourquoi ?",
        cost="combien ça coûte ?",
        thanks="merci",
        switch="an kreyòl souple",
        switch_to="ht",
    ),
    Script(
        "ht",
        danger="ede m souple, ICE arete mari m",
        facts="mwen se ayisyen, m nan Miami",
        stated={"nationality": "HT", "current_country": "US"},
        answers={
            "fear_of_return": "wi, mwen pè retounen",
            "entry_date": "depi ane pase",
            "entry_date+month": "me",
            "has_criminal_record": "non",
            "has_passport_or_id": "m gen kat idantite",
        },
        correction="padon, mwen se moun Kiba",
        corrected={"nationality": "CU"},
        why="poukisa?",
        cost="konbyen li koute?",
        thanks="mesi",
        switch="en français svp",
        switch_to="fr",
        expect_open=["asylum_us"],
    ),
]


def customs(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]


def understood(messages: list[dict]) -> dict:
    found: dict = {}
    for custom in customs(messages):
        found.update(custom.get("understood") or {})
    return found


def results(messages: list[dict]) -> dict[str, str] | None:
    for custom in customs(messages):
        if "results" in custom:
            return {r["pathway"]: r["status"] for r in custom["results"]}
    return None


def _answer_until_results(
    say: Say, script: Script, replies: list[dict], problems: list[str], max_turns: int
) -> list[dict]:
    """Answer each question from the script ("entry_date+month" for the month asked after a year)
    until the results come; a list question is answered "none of these"."""
    for _ in range(max_turns):
        if results(replies) is not None:
            return replies
        asked = [c for c in customs(replies) if "question" in c]
        if not asked:
            problems.append(f"{script.lang}: neither a question nor results: {replies}")
            return replies
        question, options = asked[-1]["question"], asked[-1].get("options", [])
        key = f"{question}+{asked[-1]['precision']}" if asked[-1].get("precision") else question
        if key in script.answers:
            text = script.answers[key]
        elif question == "keep_going":  # after a danger reply: yes, go on
            text = YES[script.lang]
        elif "none" in options:
            text = str(options.index("none") + 1)
        else:
            problems.append(f"{script.lang}: unexpected question {key}")
            return replies
        replies = say(text)
    return replies


def play(say: Say, script: Script, hand_back: Callable[[], None], max_turns: int = 12) -> list[str]:
    """Hold the whole conversation; returns the problems found (empty when it went as a person expects)."""
    problems: list[str] = []

    def check(ok: bool, what: str, messages: list[dict]) -> None:
        if not ok:
            problems.append(f"{script.lang}: {what}: {[m.get('text', '')[:120] for m in messages]}")

    replies = say(script.danger)
    check(any(c.get("urgent") is True for c in customs(replies)), "danger not acknowledged", replies)
    replies = say("?")  # while the ticket is open the bot says nothing
    check([m.get("text") for m in replies if m.get("text")] == [], "the bot spoke while paused", replies)
    hand_back()
    replies = say(script.facts)
    got = understood(replies)
    check(all(got.get(k) == v for k, v in script.stated.items()), f"facts not understood {got}", replies)
    replies = _answer_until_results(say, script, replies, problems, max_turns)
    check(results(replies) is not None, "no results", replies)

    replies = say(script.correction)
    got = understood(replies)
    check(all(got.get(k) == v for k, v in script.corrected.items()), f"correction not taken {got}", replies)
    replies = _answer_until_results(say, script, replies, problems, max_turns)
    shown = results(replies)
    check(shown is not None, "results not worked out again after the correction", replies)
    for pathway in script.expect_open:
        status = (shown or {}).get(pathway)
        check(status in ("likely_eligible", "possibly_eligible"), f"{pathway} is {status}", replies)

    replies = say(script.why)
    text = "\n".join(m.get("text", "") for m in replies)
    check("✓" in text or "✗" in text, "why not answered", replies)
    check("nationality" not in text and "current_country" not in text, "raw ids in why", replies)

    for message, topic in ((script.cost, "cost"), (script.thanks, "thanks")):
        replies = say(message)
        topics = [(c.get("followup") or {}).get("topic") for c in customs(replies)]
        check(topic in topics, f"{message!r} not answered as {topic} ({topics})", replies)
        check(results(replies) is None, f"{message!r} got the whole results again", replies)

    replies = say(script.switch)
    check(results(replies) is not None, "the switch did not show the results again", replies)
    return problems
