"""Reads pathways_kb/, validates every file and builds a KnowledgeBase, or says exactly what is wrong.

`validate_knowledge_base` returns errors and warnings (missing translations into languages the
conversation does not speak yet); `load_knowledge_base` raises KnowledgeBaseError on any error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.pofile import read_po

from bot.kb import schema
from bot.kb.centre_booking import check_booking_pathways, read_booking
from bot.kb.condition_parser import parse_condition
from bot.kb.countries import load_cities, load_demonyms, load_names, load_regions
from bot.kb.danger import load_danger_file
from bot.kb.facts import CANONICAL_FACTS, CLAIM_STATES, LIST_FACTS
from bot.kb.glossary import glossary_path, load_glossary, load_needs, needs_path
from bot.kb.model import (
    ApplyAt,
    Centre,
    Contact,
    FilingDeadline,
    KnowledgeBase,
    LegalBasis,
    Pathway,
    Question,
    Source,
    StatusPeriod,
)
from bot.kb.problems import FileChecker, KnowledgeBaseError, Problem
from bot.settings import ALL_LANGUAGES

COUNTRY_CODES = frozenset(
    code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code != "ZZ"
)

TEXT_FIELDS = ("name", "summary", "how_to_apply", "fees", "duration", "after", "caveats", "holders")


@dataclass
class Report:
    """What validation found: the knowledge base if there were no errors, errors, and warnings."""

    kb: KnowledgeBase | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _sources(data: list[dict], checker: FileChecker) -> tuple[Source, ...]:
    return tuple(
        Source(s["url"], s["title"], checker.date(s["date"], ("sources", i, "date")))
        for i, s in enumerate(data)
    )


def _warn_missing_translations(
    data: dict, checker: FileChecker, fields: tuple[str, ...] = (*TEXT_FIELDS, "documents"), at: tuple = ()
) -> None:
    for name in fields:
        if isinstance(data.get(name), dict):  # a centre's `name` is one string, not per language
            missing = [lang for lang in ALL_LANGUAGES if lang not in data[name]]
            if missing:
                checker.warn((*at, name), f"no translation into {', '.join(missing)}")


def _read_entry(path: Path, checker: FileChecker, json_schema: dict) -> dict | None:
    """Read a pathway or centre file: schema, translations, id = file name, a real country code."""
    data = checker.read()
    if data is None or not checker.check_schema(data, json_schema):
        return None
    _warn_missing_translations(data, checker)
    if data["id"] != path.stem:
        checker.add(("id",), f"id {data['id']!r} must match the file name {path.stem!r}")
    if data["country"] not in COUNTRY_CODES:
        checker.add(("country",), f"{data['country']!r} is not an ISO 3166-1 alpha-2 country code")
    _region_in_country(data.get("region"), data["country"], ("region",), checker)
    return data


def _pathway(path: Path, checker: FileChecker) -> Pathway | None:
    data = _read_entry(path, checker, schema.PATHWAY)
    if data is None:
        return None
    history: list[StatusPeriod] = []
    for i, item in enumerate(data["status"]):
        start = checker.date(item["from"], ("status", i, "from"))
        if start and history and start <= history[-1].start:
            checker.add(("status", i, "from"), "status dates must be in increasing order")
        confirmed = item.get("confirmed", True)
        if not confirmed and "warning" not in item:
            checker.add(
                ("status", i), "an unconfirmed status needs a `warning` telling people what is not confirmed"
            )
        if confirmed and "warning" in item:
            checker.add(
                ("status", i, "warning"), "a `warning` belongs to an unconfirmed status (`confirmed: false`)"
            )
        if start:
            history.append(
                StatusPeriod(start, item["status"], item.get("note"), confirmed, item.get("warning", {}))
            )
    last_verified = checker.date(data["last_verified"], ("last_verified",))
    sources = _sources(data["sources"], checker)
    conditions = parse_condition(data["conditions"], ("conditions",), checker, COUNTRY_CODES)
    apply_at = data.get("apply_at")
    deadline = data.get("filing_deadline")
    if checker.problems:
        return None
    return Pathway(
        id=data["id"],
        country=data["country"],
        kind=data["kind"],
        supplementary=data.get("supplementary", False),
        name=data["name"],
        summary=data["summary"],
        how_to_apply=data["how_to_apply"],
        documents={lang: tuple(items) for lang, items in data.get("documents", {}).items()},
        fees=data.get("fees", {}),
        duration=data.get("duration", {}),
        after=data.get("after", {}),
        caveats=data.get("caveats", {}),
        apply_at=ApplyAt(apply_at["authority"], apply_at.get("url"), tuple(apply_at.get("centres", ())))
        if apply_at
        else None,
        legal_basis=tuple(
            LegalBasis(b["instrument"], b.get("number"), b.get("year"), b.get("article"))
            for b in data["legal_basis"]
        ),
        sources=sources,
        last_verified=last_verified,
        needs_review=data["needs_review"],
        status_history=tuple(history),
        conditions=conditions,
        filing_deadline=FilingDeadline(**deadline) if deadline else None,  # keys are its fields
        holders=data.get("holders", {}),
    )


def _centre(path: Path, checker: FileChecker) -> Centre | None:
    data = _read_entry(path, checker, schema.CENTRE)
    if data is None:
        return None
    sources = _sources(data["sources"], checker)
    last_verified = checker.date(data["last_verified"], ("last_verified",))
    booking = read_booking(data["booking"], checker) if "booking" in data else None
    if checker.problems:
        return None
    return Centre(
        id=data["id"],
        name=data["name"],
        city=data["city"],
        country=data["country"],
        address=data.get("address"),
        phone=data.get("phone"),
        web=data.get("web"),
        hours=data.get("hours"),
        services=data["services"],
        sources=sources,
        last_verified=last_verified,
        needs_review=data["needs_review"],
        region=data.get("region"),
        where=data.get("where", {}),
        booking=booking,
    )


def _region_in_country(region: str | None, country: str, path: tuple, checker: FileChecker) -> None:
    if region and region.split("-", 1)[0] != country:
        checker.add(path, f"region {region!r} is not in {country}")


@dataclass(frozen=True)
class _CountryHelp:
    country: str
    contacts: list[Contact]
    centres_within_region: bool


def _help(path: Path, checker: FileChecker) -> _CountryHelp | None:
    """One country's authorities, legal aid and hotlines."""
    data = checker.read()
    if data is None or not checker.check_schema(data, schema.HELP):
        return None
    country = data["country"]
    if path.stem != country:
        checker.add(("country",), f"country {country!r} must match the file name {path.stem!r}")
    contacts = []
    for i, item in enumerate(data["contacts"]):
        where = ("contacts", i)
        _warn_missing_translations(item, checker, ("about", "where"), where)
        if item["kind"] == "hotline" and not (item.get("hotline_for") and item.get("phone")):
            checker.add(where, "a hotline needs `hotline_for` and `phone`")
        if item["kind"] != "hotline" and "hotline_for" in item:
            checker.add((*where, "hotline_for"), "only a hotline has `hotline_for`")
        _region_in_country(item.get("region"), country, (*where, "region"), checker)
        contacts.append(
            Contact(
                id=item["id"],
                country=country,
                kind=item["kind"],
                name=item["name"],
                about=item["about"],
                sources=_sources(item["sources"], checker),
                last_verified=checker.date(item["last_verified"], (*where, "last_verified")),
                needs_review=item["needs_review"],
                hotline_for=item.get("hotline_for"),
                region=item.get("region"),
                city=item.get("city"),
                address=item.get("address"),
                where=item.get("where", {}),
                phone=item.get("phone"),
                web=item.get("web"),
            )
        )
    if checker.problems:
        return None
    return _CountryHelp(country, contacts, data.get("centres_within_region", False))


def _message_ids(locales_dir: Path | None) -> set[str] | None:
    if locales_dir is None:
        return None
    po = locales_dir / "en" / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return None
    with po.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def _questions(
    checker: FileChecker, message_ids: set[str] | None
) -> tuple[dict[str, Question], tuple[str, ...]]:
    data = checker.read()
    if data is None or not checker.check_schema(data, schema.QUESTIONS):
        return {}, ()
    questions = {}
    for fact, spec in data["questions"].items():
        if fact not in CANONICAL_FACTS:
            known = ", ".join(CANONICAL_FACTS)
            checker.add(("questions", fact), f"unknown fact {fact!r}; known facts: {known}")
            continue
        if spec["type"] != CANONICAL_FACTS[fact]:
            checker.add(("questions", fact, "type"), f"{fact} is a {CANONICAL_FACTS[fact]} fact")
        for key in ("prompt", "help"):
            if key in spec and message_ids is not None and spec[key] not in message_ids:
                checker.add(("questions", fact, key), f"message id {spec[key]!r} is not in locales/en")
        options = tuple(spec.get("options", ()))
        if spec["type"] == "country":
            for i, code in enumerate(options):
                if code not in COUNTRY_CODES:
                    checker.add(("questions", fact, "options", i), f"{code!r} is not a country code")
        elif options:
            reason = "chosen per person" if spec["type"] == "list" else "fixed"
            checker.add(("questions", fact, "options"), f"options are {reason} for {spec['type']} questions")
        questions[fact] = Question(fact, spec["type"], spec["prompt"], spec.get("help"), options)
    for i, fact in enumerate(data["order"]):
        if fact not in data["questions"]:
            checker.add(("order", i), f"{fact!r} has no question definition under `questions`")
    return questions, tuple(data["order"])


def _check_references(
    pathways: dict[str, tuple[Pathway, FileChecker]], centres: dict[str, Centre], questions: dict
) -> None:
    for pathway, checker in pathways.values():
        if pathway.apply_at:
            for i, centre in enumerate(pathway.apply_at.centres):
                if centre not in centres:
                    known = ", ".join(sorted(centres)) or "none defined"
                    checker.add(("apply_at", "centres", i), f"unknown centre {centre!r}; known: {known}")
        for predicate in pathway.conditions.predicates():
            if predicate.fact not in questions and predicate.fact not in (
                "destination_country",
                "current_region",
            ):
                checker.warn(("conditions",), f"{predicate.fact} has no question, so it is never asked")
            if predicate.fact in LIST_FACTS:
                for value in predicate.value:
                    if value not in pathways and not (predicate.fact == "holds" and value in CLAIM_STATES):
                        allowed = "a pathway id" + (
                            " or " + ", ".join(CLAIM_STATES) if predicate.fact == "holds" else ""
                        )
                        checker.add(
                            ("conditions",), f"{predicate.fact} includes_any {value!r}: not {allowed}"
                        )
        deadline = pathway.filing_deadline
        if deadline and deadline.counted_from not in questions:
            checker.warn(
                ("filing_deadline",),
                f"{deadline.counted_from} has no question, so the deadline is never checked",
            )


def _check_contact_ids(help_files: list[tuple[_CountryHelp | None, FileChecker]]) -> None:
    """A contact id names one contact across help/: a repeat is reported where it is."""
    seen: set[str] = set()
    for found, checker in help_files:
        for contact in found.contacts if found else ():
            if contact.id in seen:
                checker.add(("contacts",), f"contact id {contact.id!r} is used more than once in help/")
            seen.add(contact.id)


def _read_all(kind: str, directory: Path, build: Any, required: bool) -> list[tuple[Any, FileChecker]]:
    files = sorted(directory.glob("*.yml"))
    if required and not files:
        checker = FileChecker(directory)
        checker.add((), f"no {kind} files (*.yml) found")
        return [(None, checker)]
    read = []
    for path in files:
        checker = FileChecker(path)
        read.append((build(path, checker), checker))
    return read


def validate_knowledge_base(kb_dir: Path, locales_dir: Path | None = None) -> Report:
    """Check everything under `kb_dir` (and message ids against `locales_dir`, when given)."""
    pathway_files = _read_all("pathway", kb_dir / "pathways", _pathway, required=True)
    centre_files = _read_all("centre", kb_dir / "centres", _centre, required=False)
    question_checker = FileChecker(kb_dir / "questions.yml")
    questions, order = _questions(question_checker, _message_ids(locales_dir))
    demonym_checker = FileChecker(kb_dir / "countries" / "demonyms.yml")
    demonyms = load_demonyms(demonym_checker.path, demonym_checker, COUNTRY_CODES)
    city_checker = FileChecker(kb_dir / "countries" / "cities.yml")
    cities = load_cities(city_checker.path, city_checker, COUNTRY_CODES)
    name_checker = FileChecker(kb_dir / "countries" / "names.yml")
    names = load_names(name_checker.path, name_checker, COUNTRY_CODES)
    region_checker = FileChecker(kb_dir / "countries" / "regions.yml")
    regions, region_names = load_regions(region_checker.path, region_checker, COUNTRY_CODES, cities)
    help_files = _read_all("help", kb_dir / "help", _help, required=False)
    _check_contact_ids(help_files)
    danger_files = _read_all("danger", kb_dir / "danger", load_danger_file, required=False)
    country_help = [found for found, _ in help_files if found]

    pathways: dict[str, tuple[Pathway, FileChecker]] = {}
    for pathway, checker in pathway_files:
        if pathway is not None:
            pathways[pathway.id] = (pathway, checker)
    centres = {c.id: c for c, _ in centre_files if c is not None}
    _check_references(pathways, centres, questions)
    pathway_ids = {checker.path.stem for _, checker in pathway_files}  # a broken file still has its id
    for centre, checker in centre_files:
        if centre is not None and centre.booking is not None:
            check_booking_pathways(centre.booking, pathway_ids, checker)
    glossary_checker = FileChecker(glossary_path(kb_dir))
    contact_ids = [c.id for found in country_help for c in found.contacts]
    glossary = load_glossary(glossary_checker, pathways, contact_ids)
    needs_checker = FileChecker(needs_path(kb_dir))
    needs = load_needs(needs_checker)

    checkers = [c for _, c in pathway_files] + [c for _, c in centre_files]
    checkers += [c for _, c in help_files] + [c for _, c in danger_files]
    checkers += [question_checker, demonym_checker, city_checker, name_checker, region_checker]
    checkers += [glossary_checker, needs_checker]
    errors = [p for c in checkers for p in c.problems]
    warnings = [w for c in checkers for w in c.warnings]
    if errors:
        return Report(None, errors, warnings)
    kb = KnowledgeBase(
        tuple(p for p, _ in pathways.values()),
        questions,
        order,
        centres,
        demonyms,
        cities,
        names,
        tuple(c for found in country_help for c in found.contacts),
        regions,
        frozenset(found.country for found in country_help if found.centres_within_region),
        danger={words.language: words for words, _ in danger_files if words},
        glossary=glossary,
        needs=needs,
        region_names=region_names,
    )
    return Report(kb, errors, warnings)


def load_knowledge_base(kb_dir: Path, locales_dir: Path | None = None) -> KnowledgeBase:
    """Load and validate everything under `kb_dir`; raise KnowledgeBaseError listing every problem."""
    report = validate_knowledge_base(kb_dir, locales_dir)
    if report.kb is None:
        raise KnowledgeBaseError(report.errors)
    return report.kb


__all__ = ["KnowledgeBaseError", "Problem", "Report", "load_knowledge_base", "validate_knowledge_base"]
