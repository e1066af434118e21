"""The results message and the "why" explanation.

Results are honest about time (pathways-kb README): what is open to the person now (at most three
in full, then a line each), what they might still use only if they applied before it closed, what
they hold or held (with what its end means for them), and what ended. Then where to get help near
them; when nothing open fits, the authority that decides, legal aid and the hotlines too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from bot.eligibility.engine import CLOSED, LIKELY, NOT_ELIGIBLE, POSSIBLY, Outcome, evaluate
from bot.i18n.display import long_date
from bot.kb.facts import LIST_FACTS, FactError
from bot.kb.model import Pathway
from bot.nlg import help as nearby
from bot.nlg.errors import BadArguments, Message
from bot.nlg.why import why_block

if TYPE_CHECKING:
    from bot.nlg.responses import Renderer

MAX_RESULTS_PER_MESSAGE = 3
OPEN_STATUSES = (LIKELY, POSSIBLY)
ENDED = "terminated"


def _on(arguments: dict[str, Any]) -> date:
    try:
        return date.fromisoformat(arguments.get("on") or date.today().isoformat())
    except (TypeError, ValueError) as exc:
        raise BadArguments(f"malformed date: {exc}") from exc


def _shown(renderer: Renderer, arguments: dict[str, Any]) -> tuple[list[tuple[Pathway, str]], date]:
    results = arguments.get("results")
    if not isinstance(results, list):
        raise BadArguments("`results` must be a list of {pathway, status}")
    on = _on(arguments)
    try:
        shown = [
            (renderer.kb.pathway(r["pathway"]), r["status"]) for r in results if r["status"] != NOT_ELIGIBLE
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise BadArguments(f"malformed results: {exc}") from exc
    return shown, on


def _facts(arguments: dict[str, Any]) -> dict[str, Any]:
    facts = arguments.get("facts") or {}
    if not isinstance(facts, dict):
        raise BadArguments("`facts` must be an object")
    return facts


def _outcomes(renderer: Renderer, facts: dict[str, Any], on: date) -> dict[str, Outcome]:
    try:
        return {o.pathway.id: o for o in evaluate(renderer.kb, facts, on)}
    except FactError as exc:
        raise BadArguments(str(exc)) from exc


def programme_status(renderer: Renderer, language: str, pathway: Pathway, on: date) -> str:
    """ "Closed since 25 November 2023", "ended on…", "suspended since…", or "not open yet"."""
    period = pathway.period_on(on)
    if period is None:
        return renderer.t(language, "results.status.not_yet_open")
    return renderer.t(
        language, f"results.status.{period.status}_since", date=long_date(period.start, language)
    )


class _Writer:
    """Writes one results message in one language."""

    def __init__(self, renderer: Renderer, language: str, on: date, outcomes: dict[str, Outcome]) -> None:
        self.renderer, self.language, self.on, self.outcomes = renderer, language, on, outcomes

    def msg(self, msgid: str, **values: Any) -> str:
        return self.renderer.t(self.language, msgid, **values)

    def date(self, day: date) -> str:
        return long_date(day, self.language)

    def _time_notes(self, pathway: Pathway, outcome: Outcome | None) -> list[str]:
        """Unconfirmed status, a closing within 30 days, a filing deadline (passed or not)."""
        lines = []
        period = pathway.period_on(self.on)
        if period is not None and not period.confirmed:
            lines.append(self.msg("results.unconfirmed", warning=period.warning[self.language]))
        if outcome is None:
            return lines
        if outcome.closes_on:
            lines.append(self.msg("results.closes_on", date=self.date(outcome.closes_on)))
            following = pathway.next_period(self.on)
            if following is not None and not following.confirmed:
                lines.append(self.msg("results.unconfirmed", warning=following.warning[self.language]))
        deadline = pathway.filing_deadline
        if deadline and outcome.deadline_passed:
            if outcome.last_day_to_file:
                lines.append(self.msg("results.deadline_passed", date=self.date(outcome.last_day_to_file)))
            elif outcome.last_day_range:  # the arrival is known to the year or month only
                latest = self.date(outcome.last_day_range[1])
                lines.append(self.msg("results.deadline_passed_by", date=latest))
            lines.append(deadline.late[self.language])
        elif deadline and outcome.last_day_to_file:
            lines.append(self.msg("results.deadline_ahead", date=self.date(outcome.last_day_to_file)))
        return lines

    def _verified(self, pathway: Pathway) -> list[str]:
        lines = [self.msg("results.last_verified", date=self.date(pathway.last_verified))]
        if pathway.needs_review:
            lines.append(self.msg("results.needs_review"))
        return lines

    def open_block(self, pathway: Pathway, status: str) -> str:
        outcome = self.outcomes.get(pathway.id)
        lines = [f"*{pathway.name[self.language]}*", self.msg(f"results.status.{status}")]
        lines += self._time_notes(pathway, outcome)
        lines.append(pathway.summary[self.language])
        if outcome and outcome.held and pathway.holders:
            lines.append(pathway.holders[self.language])
        lines.append(self.msg("results.how_to_apply", text=pathway.how_to_apply[self.language]))
        if pathway.documents.get(self.language):
            lines.append(self.msg("results.documents", items="; ".join(pathway.documents[self.language])))
        if pathway.fees.get(self.language):
            lines.append(self.msg("results.fees", text=pathway.fees[self.language]))
        return "\n".join(lines + self._verified(pathway))

    def held_block(self, pathway: Pathway) -> str:
        """A programme the person holds or held that is no longer open: what its end means for them."""
        lines = [
            f"*{pathway.name[self.language]}*",
            programme_status(self.renderer, self.language, pathway, self.on),
        ]
        lines += self._time_notes(pathway, None)
        lines.append(pathway.holders[self.language] if pathway.holders else pathway.summary[self.language])
        return "\n".join(lines + self._verified(pathway))

    def line(self, pathway: Pathway, status: str) -> str:
        if status in OPEN_STATUSES:
            state = self.msg(f"results.status.{status}")
            outcome = self.outcomes.get(pathway.id)
            if outcome and outcome.deadline_passed and outcome.last_day_to_file:
                state = self.msg("results.deadline_passed", date=self.date(outcome.last_day_to_file))
        else:
            state = programme_status(self.renderer, self.language, pathway, self.on)
        return f"• {pathway.name[self.language]}: {state}"

    # -- where to get help ---------------------------------------------------------------------
    def help(self, country: str | None, region: str | None, nothing_open: bool, fear: bool) -> str:
        kb, lang = self.renderer.kb, self.language
        if not country:
            return self.msg("help.no_country")
        blocks = []
        if nothing_open or fear:
            kinds = (
                ("asylum_authority", "migration_authority")
                if fear
                else ("migration_authority", "asylum_authority")
            )
            authorities = [c for kind in kinds for c in nearby.contacts(kb, country, region, kind, 1)]
            if authorities:
                lines = [self.msg("help.authorities")]
                lines += [nearby.place_lines(c, lang, c.about[lang]) for c in authorities]
                blocks.append("\n".join(lines))
        legal = nearby.contacts(kb, country, region, "legal_aid", nearby.MAX_LEGAL_AID)
        if legal:
            blocks.append(
                "\n".join(
                    [self.msg("help.legal_aid")] + [nearby.place_lines(c, lang, c.about[lang]) for c in legal]
                )
            )
        centres = nearby.nearest_centres(kb, country, region)
        if centres:
            lines = [self.msg("help.centres")]
            lines += [nearby.place_lines(c, lang, c.services[lang]) for c in centres]
            blocks.append("\n".join(lines))
        if nothing_open or fear:
            lines = nearby.hotlines(kb, country, ("emergency", "trafficking", "child_protection"), region)
            if lines:
                items = [
                    f"• {c.name}: ☎ {c.phone}" + (f" — {c.about[lang]}" if c.about else "") for c in lines
                ]
                blocks.append("\n".join([self.msg("help.hotlines")] + items))
        if not blocks:
            return self.msg("help.none_known")
        return "\n\n".join(blocks)


def render_results(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    shown, on = _shown(renderer, arguments)
    facts = _facts(arguments)
    outcomes = _outcomes(renderer, facts, on) if facts else {}
    writer = _Writer(renderer, language, on, outcomes)

    def held(pathway: Pathway) -> bool:
        return pathway.id in outcomes and outcomes[pathway.id].held

    def might_have_qualified(pathway: Pathway) -> bool:
        # Without the facts (an older caller) every closed programme is named, as before. A closed
        # programme for people who hold something (PEP Tutor: a child with a PPT) is named only when
        # the person said they do: otherwise it is noise for everyone else.
        if not outcomes:
            return True
        outcome = outcomes.get(pathway.id)
        return outcome is not None and not (outcome.open_facts() & set(LIST_FACTS))

    open_now = [(p, s) for p, s in shown if s in OPEN_STATUSES]
    held_closed = [p for p, s in shown if s == CLOSED and held(p)]
    past = [(p, s) for p, s in shown if s == CLOSED and not held(p) and might_have_qualified(p)]
    ended = [(p, s) for p, s in past if p.status_on(on) == ENDED]
    applied_before = [(p, s) for p, s in past if p.status_on(on) != ENDED]
    named = {p.id for p, _ in [*open_now, *past]} | {p.id for p in held_closed}

    blocks = []
    if open_now:
        blocks.append(writer.msg("results.intro"))
        blocks += [writer.open_block(p, s) for p, s in open_now[:MAX_RESULTS_PER_MESSAGE]]
        rest = open_now[MAX_RESULTS_PER_MESSAGE:]
        if rest:
            blocks.append("\n".join([writer.msg("results.more")] + [writer.line(p, s) for p, s in rest]))
    else:
        blocks.append(writer.msg("results.none_open"))
    if held_closed:
        blocks.append(writer.msg("results.held_intro"))
        blocks += [writer.held_block(p) for p in held_closed]
    if applied_before:
        blocks.append(
            "\n".join([writer.msg("results.applied_before")] + [writer.line(p, s) for p, s in applied_before])
        )
    if ended:
        blocks.append("\n".join([writer.msg("results.ended")] + [writer.line(p, s) for p, s in ended]))
    if open_now:
        blocks.append(writer.msg("results.why_hint"))
    country = arguments.get("country") if isinstance(arguments.get("country"), str) else None
    region = facts.get("current_region") if isinstance(facts.get("current_region"), str) else None
    blocks.append(
        writer.help(country, region, nothing_open=not open_now, fear=facts.get("fear_of_return") is True)
    )

    custom_results = []
    for pathway, status in shown:
        if pathway.id not in named:
            continue
        entry: dict[str, Any] = {"pathway": pathway.id, "status": status}
        if pathway.id in outcomes and outcomes[pathway.id].flags:
            entry["flags"] = list(outcomes[pathway.id].flags)
        custom_results.append(entry)
    return {"text": "\n\n".join(blocks), "custom": {"results": custom_results}}


def render_why(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    """Each shown pathway with a plain sentence and a mark (✓ ✗ ?) per condition, and its source."""
    shown, on = _shown(renderer, arguments)
    facts = _facts(arguments)
    outcomes = _outcomes(renderer, facts, on)

    def t(msgid: str, **values: Any) -> str:
        return renderer.t(language, msgid, **values)

    blocks = [t("why.intro") + "\n" + t("why.legend")]
    for pathway, _status in shown[:MAX_RESULTS_PER_MESSAGE]:
        blocks.append(why_block(renderer.kb, pathway, outcomes.get(pathway.id), facts, language, t))
    return {"text": "\n\n".join(blocks)}
