"""The results message (at most three pathways, then a line for each other option, then where to
get help in person) and the "why" explanation, condition by condition, with sources."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from bot.eligibility.engine import CLOSED, NOT_ELIGIBLE, evaluate
from bot.kb.facts import FactError
from bot.kb.model import Pathway
from bot.nlg.errors import BadArguments, Message

if TYPE_CHECKING:
    from bot.nlg.responses import Renderer

MAX_RESULTS_PER_MESSAGE = 3


def _shown(renderer: Renderer, arguments: dict[str, Any]) -> tuple[list[tuple[Pathway, str]], date]:
    results = arguments.get("results")
    if not isinstance(results, list):
        raise BadArguments("`results` must be a list of {pathway, status}")
    try:
        on = date.fromisoformat(arguments.get("on") or date.today().isoformat())
        shown = [
            (renderer.kb.pathway(r["pathway"]), r["status"]) for r in results if r["status"] != NOT_ELIGIBLE
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise BadArguments(f"malformed results: {exc}") from exc
    return shown, on


def _long(day: date, language: str) -> str:
    return format_date(day, "long", locale=language)


def programme_status(renderer: Renderer, language: str, pathway: Pathway, on: date) -> str:
    """ "Closed since 25 November 2023", "ended on…", "suspended since…", or "not open yet"."""
    period = pathway.period_on(on)
    if period is None:
        return renderer.t(language, "results.status.not_yet_open")
    return renderer.t(language, f"results.status.{period.status}_since", date=_long(period.start, language))


def _block(renderer: Renderer, language: str, pathway: Pathway, status: str, on: date) -> str:
    t = renderer.t
    status_text = (
        programme_status(renderer, language, pathway, on)
        if status == CLOSED
        else t(language, f"results.status.{status}")
    )
    lines = [f"*{pathway.name[language]}*", status_text, pathway.summary[language]]
    if status != CLOSED:
        lines.append(t(language, "results.how_to_apply", text=pathway.how_to_apply[language]))
        if pathway.documents.get(language):
            lines.append(t(language, "results.documents", items="; ".join(pathway.documents[language])))
        if pathway.fees.get(language):
            lines.append(t(language, "results.fees", text=pathway.fees[language]))
    lines.append(t(language, "results.last_verified", date=_long(pathway.last_verified, language)))
    if pathway.needs_review:
        lines.append(t(language, "results.needs_review"))
    return "\n".join(lines)


def _centres(renderer: Renderer, language: str, country: str | None) -> str:
    centres = [c for c in renderer.kb.centres.values() if c.country == country]
    if not centres:
        return renderer.t(language, "centres.none")
    lines = [renderer.t(language, "centres.intro")]
    for centre in sorted(centres, key=lambda c: c.name):
        details = ", ".join(p for p in (centre.city, centre.address, centre.phone) if p)
        lines.append(f"• {centre.name} ({details})")
    return "\n".join(lines)


def render_results(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    shown, on = _shown(renderer, arguments)
    custom = {"results": [{"pathway": p.id, "status": s} for p, s in shown]}
    country = arguments.get("country") if isinstance(arguments.get("country"), str) else None
    if not shown:
        return {
            "text": renderer.t(language, "results.none") + "\n\n" + _centres(renderer, language, country),
            "custom": custom,
        }
    first, rest = shown[:MAX_RESULTS_PER_MESSAGE], shown[MAX_RESULTS_PER_MESSAGE:]
    blocks = [renderer.t(language, "results.intro")]
    blocks += [_block(renderer, language, pathway, status, on) for pathway, status in first]
    if rest:
        others = [renderer.t(language, "results.more")]
        for pathway, status in rest:
            state = (
                programme_status(renderer, language, pathway, on)
                if status == CLOSED
                else renderer.t(language, f"results.status.{status}")
            )
            others.append(f"• {pathway.name[language]}: {state}")
        blocks.append("\n".join(others))
    blocks.append(renderer.t(language, "results.why_hint"))
    blocks.append(_centres(renderer, language, country))
    return {"text": "\n\n".join(blocks), "custom": custom}


def render_why(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    """Each shown pathway with its deciding conditions (✓ ✗ ?) and the source of the rule."""
    shown, on = _shown(renderer, arguments)
    facts = arguments.get("facts") or {}
    if not isinstance(facts, dict):
        raise BadArguments("`facts` must be an object")
    try:
        outcomes = {o.pathway.id: o for o in evaluate(renderer.kb, facts, on)}
    except FactError as exc:
        raise BadArguments(str(exc)) from exc
    blocks = [renderer.t(language, "why.intro")]
    for pathway, _status in shown[:MAX_RESULTS_PER_MESSAGE]:
        outcome = outcomes.get(pathway.id)
        lines = [f"*{pathway.name[language]}*"]
        for reason in outcome.reasons if outcome else ():
            lines.append(renderer.t(language, f"why.{reason.outcome}", condition=reason.predicate.describe()))
        source = pathway.primary_source
        lines.append(renderer.t(language, "why.source", title=source.title, url=source.url))
        blocks.append("\n".join(lines))
    return {"text": "\n\n".join(blocks)}
