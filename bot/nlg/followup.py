"""A short answer to a question after the results (`utter_followup`), never the results again.

Arguments: {topic, pathway?, term?, need?, results, facts, on, country}. Topics (see
`bot.i18n.followups`): cost -> the programme's fees; where -> where to apply and the nearest
office or centre; how -> how to apply (for a programme that no longer takes applications, what it
means for someone who holds it); deadline -> the filing deadline or closing date in words; term ->
the glossary definition; thanks -> an acknowledgement and what they can write next; need -> the
need's honest reply and who can help; other -> "I can't answer that; here is who can".

Places come from `bot.nlg.help` (nearest first); texts from the KB and the catalogs, so nothing
here is in one language only.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bot.eligibility.engine import NOT_ELIGIBLE, Outcome, evaluate
from bot.i18n.display import long_date
from bot.i18n.followups import OPEN_STATUSES, TOPICS
from bot.kb.facts import FactError
from bot.kb.glossary import CENTRE, HOTLINE, Need, Term, need_by_id, term_by_id
from bot.kb.model import OPEN, Centre, Contact, Pathway
from bot.nlg import help as nearby
from bot.nlg.errors import BadArguments, Message
from bot.nlg.message_ids import N_
from bot.nlg.results import programme_status

if TYPE_CHECKING:
    from bot.nlg.responses import Renderer

MAX_PLACES = 3
SHORT_HOW = 400  # characters: below this a "how" answer also names the office
SHORT_ANSWER = 600  # characters: an optional place is added only while the answer stays this short
PROTECTION_KINDS = ("asylum", "protection")
# "You must apply within N <unit>", by the deadline's unit and the count's plural form (declared
# with N_ so that `make messages` finds them).
WITHIN = {
    ("days", "one"): N_("followup.deadline.within.days.one"),
    ("days", "other"): N_("followup.deadline.within.days.other"),
    ("working_days", "one"): N_("followup.deadline.within.working_days.one"),
    ("working_days", "other"): N_("followup.deadline.within.working_days.other"),
    ("months", "one"): N_("followup.deadline.within.months.one"),
    ("months", "other"): N_("followup.deadline.within.months.other"),
    ("years", "one"): N_("followup.deadline.within.years.one"),
    ("years", "other"): N_("followup.deadline.within.years.other"),
}


def _on(arguments: dict[str, Any]) -> date:
    try:
        return date.fromisoformat(arguments.get("on") or date.today().isoformat())
    except (TypeError, ValueError) as exc:
        raise BadArguments(f"malformed date: {exc}") from exc


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class _Answer:
    """One follow-up answer in one language, for one person."""

    def __init__(self, renderer: Renderer, language: str, arguments: dict[str, Any]) -> None:
        self.renderer, self.lang, self.kb = renderer, language, renderer.kb
        self.on = _on(arguments)
        facts = arguments.get("facts") or {}
        if not isinstance(facts, dict):
            raise BadArguments("`facts` must be an object")
        results = arguments.get("results") or []
        if not isinstance(results, list):
            raise BadArguments("`results` must be a list of {pathway, status}")
        self.facts = facts
        self.results = [r for r in results if isinstance(r, dict) and isinstance(r.get("pathway"), str)]
        self.country = _text(arguments.get("country")) or _text(facts.get("current_country"))
        self.region = _text(facts.get("current_region"))
        self.term = self._lookup(term_by_id, arguments.get("term"), "term")
        self.need = self._lookup(need_by_id, arguments.get("need"), "need")
        pathway_id = _text(arguments.get("pathway"))
        try:
            self.pathway = self.kb.pathway(pathway_id) if pathway_id else self._pathway_meant()
        except KeyError as exc:
            raise BadArguments(f"unknown pathway {pathway_id!r}") from exc

    def _lookup(self, find: Any, value: Any, kind: str) -> Any:
        if value is None:
            return None
        try:
            return find(self.kb, value)
        except (KeyError, TypeError) as exc:
            raise BadArguments(f"unknown {kind} {value!r}") from exc

    def _pathway_meant(self) -> Pathway | None:
        """The word's programme in the results, else in the person's country; without a word,
        the first open programme in the results, else the first shown."""
        shown = [r["pathway"] for r in self.results]
        if self.term is not None and self.term.pathways:
            candidates = [p for p in shown if p in self.term.pathways]
            candidates += [p for p in self.term.pathways if self.kb.pathway(p).country == self.country]
            return self.kb.pathway(candidates[0]) if candidates else None
        open_ids = [r["pathway"] for r in self.results if r.get("status") in OPEN_STATUSES]
        named = [r["pathway"] for r in self.results if r.get("status") != NOT_ELIGIBLE]
        first = (open_ids or named or [None])[0]
        return self.kb.pathway(first) if first else None

    # -- pieces ----------------------------------------------------------------------------------
    def t(self, msgid: str, **values: Any) -> str:
        return self.renderer.t(self.lang, msgid, **values)

    def name(self, pathway: Pathway) -> str:
        return f"*{pathway.name[self.lang]}*"

    def place(self, place: Centre | Contact) -> str:
        return nearby.place_lines(place, self.lang)

    def places(
        self, kinds: tuple[str, ...], country: str | None = None, limit: int = MAX_PLACES
    ) -> list[str]:
        """Who can help, by kind in the order asked, nearest first, at most `limit` in all."""
        country = country or self.country
        if not country:
            return []
        region = self.region if country == self.country else None
        found: list[str] = []
        for kind in kinds:
            if kind == CENTRE:
                items: list[Centre | Contact] = list(nearby.nearest_centres(self.kb, country, region)[:1])
            elif kind.startswith(HOTLINE):
                lines = nearby.hotlines(self.kb, country, (kind[len(HOTLINE) :],), region)
                found += [f"• {c.name}: ☎ {c.phone}" for c in lines]
                continue
            else:
                items = list(nearby.contacts(self.kb, country, region, kind, 1))
            found += [self.place(item) for item in items]
        return found[:limit]

    def with_help(self, lines: list[str], kinds: tuple[str, ...], country: str | None = None) -> str:
        """`lines`, then who can help; where nobody is known, say so plainly."""
        if not (country or self.country):
            return "\n".join([*lines, self.t("help.no_country")])
        found = self.places(kinds, country)
        return "\n".join([*lines, *(found or [self.t("help.none_known")])])

    def authority_kinds(self, pathway: Pathway) -> tuple[str, ...]:
        if pathway.kind in PROTECTION_KINDS:
            return ("asylum_authority", "migration_authority")
        return ("migration_authority", "asylum_authority")

    def authority(self, pathway: Pathway) -> list[str]:
        """The one office that decides this programme, nearest to the person."""
        for kind in self.authority_kinds(pathway):
            found = self.places((kind,), pathway.country, limit=1)
            if found:
                return found
        return []

    def held(self, pathway: Pathway) -> bool:
        holds = self.facts.get("holds")
        return isinstance(holds, list) and pathway.id in holds

    def outcome(self, pathway: Pathway) -> Outcome | None:
        try:
            outcomes = evaluate(self.kb, self.facts, self.on)
        except (FactError, TypeError, ValueError):
            return None
        return next((o for o in outcomes if o.pathway.id == pathway.id), None)

    def not_open(self, pathway: Pathway) -> list[str]:
        """A programme that takes no applications now: since when, and what it means for a holder."""
        lines = [self.name(pathway), programme_status(self.renderer, self.lang, pathway, self.on)]
        if self.held(pathway) and pathway.holders:
            lines.append(pathway.holders[self.lang])
        return lines

    def which(self) -> str:
        """No programme could be told from the message or the results."""
        return self.with_help([self.t("followup.which")], ("legal_aid", "migration_authority"))

    # -- topics ----------------------------------------------------------------------------------
    def cost(self) -> str:
        pathway = self.pathway
        if pathway is None:
            return self.which()
        fees = pathway.fees.get(self.lang)
        if fees:
            return "\n".join([self.name(pathway), self.t("results.fees", text=fees)])
        return "\n".join([self.name(pathway), self.t("followup.cost.unknown"), *self.authority(pathway)])

    def where(self) -> str:
        term, pathway = self.term, self.pathway
        if term is not None and term.contacts:
            return "\n".join(self.term_offices(term))
        if pathway is None:
            return self.which()
        lines = [self.name(pathway)]
        if pathway.apply_at and pathway.apply_at.url:
            lines.append(self.t("followup.where.online", url=pathway.apply_at.url))
        lines += self.authority(pathway)
        if pathway.country == self.country:
            centre = self.places((CENTRE,), limit=1)
            if len("\n".join(lines + centre)) <= SHORT_ANSWER:
                lines += centre
        return "\n".join(lines) if len(lines) > 1 else self.other()

    def term_offices(self, term: Term) -> list[str]:
        """The offices that are the word ("¿dónde queda la COMAR?"): the person's region first,
        then those serving the whole country."""
        contacts = [c for c in self.kb.contacts if c.id in term.contacts]

        def rank(contact: Contact) -> tuple[bool, bool]:
            here = self.region is not None and contact.region == self.region
            return (not here, contact.region is not None)

        return [self.place(c) for c in sorted(contacts, key=rank)[:2]]

    def how(self) -> str:
        pathway = self.pathway
        if pathway is None:
            return self.which()
        if pathway.status_on(self.on) != OPEN:
            lines = self.not_open(pathway)
            if not (self.held(pathway) and pathway.holders):
                lines.append(self.t("followup.how.closed"))
                lines += self.places(("legal_aid",), limit=1)
            return "\n".join(lines)
        how = pathway.how_to_apply[self.lang]
        lines = [self.name(pathway), self.t("results.how_to_apply", text=how)]
        if len(how) < SHORT_HOW:
            lines += self.authority(pathway)
        return "\n".join(lines)

    def deadline(self) -> str:
        pathway = self.pathway
        if pathway is None:
            return self.which()
        if pathway.status_on(self.on) != OPEN:
            return "\n".join(self.not_open(pathway))
        lines = [self.name(pathway)]
        rule = pathway.filing_deadline
        outcome = self.outcome(pathway)
        if rule and outcome and outcome.deadline_passed and outcome.last_day_to_file:
            lines += [
                self.t("results.deadline_passed", date=long_date(outcome.last_day_to_file, self.lang)),
                rule.late[self.lang],
            ]
        elif rule and outcome and outcome.last_day_to_file:
            lines.append(
                self.t("results.deadline_ahead", date=long_date(outcome.last_day_to_file, self.lang))
            )
        elif rule:
            form = "one" if rule.within == 1 else "other"
            lines.append(self.t(WITHIN[rule.unit, form], count=rule.within))
        following = pathway.next_period(self.on)
        if following is not None and following.status != OPEN:
            last_day = long_date(following.start - timedelta(days=1), self.lang)
            lines.append(self.t("followup.deadline.until", date=last_day))
        elif rule is None:
            lines.append(self.t("followup.deadline.none"))
        if pathway.duration.get(self.lang):
            lines.append(self.t("followup.duration", text=pathway.duration[self.lang]))
        return "\n".join(lines)

    def term_answer(self) -> str:
        if self.term is None:
            return self.other()
        return self.term.definition[self.lang]

    def thanks(self) -> str:
        return self.t("followup.thanks")

    def need_answer(self) -> str:
        need: Need | None = self.need
        if need is None:
            return self.other()
        return self.with_help([need.reply[self.lang]], need.show)

    def other(self) -> str:
        return self.with_help([self.t("followup.other")], ("legal_aid", "migration_authority"))


def render_followup(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    """`utter_followup`: a short answer to what was asked after the results."""
    topic = arguments.get("topic")
    if topic not in TOPICS:
        raise BadArguments(f"unknown follow-up topic {topic!r}; known: {', '.join(TOPICS)}")
    answer = _Answer(renderer, language, arguments)
    write = {
        "cost": answer.cost,
        "where": answer.where,
        "how": answer.how,
        "deadline": answer.deadline,
        "term": answer.term_answer,
        "thanks": answer.thanks,
        "need": answer.need_answer,
        "other": answer.other,
    }[topic]
    about = {
        "topic": topic,
        "pathway": answer.pathway.id
        if answer.pathway and topic in ("cost", "where", "how", "deadline")
        else None,
        "term": answer.term.id if answer.term else None,
        "need": answer.need.id if answer.need else None,
    }
    return {"text": write(), "custom": {"followup": about}}
