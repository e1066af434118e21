"""A centre's `booking:` block: read into a Schedule; each wrong detail named by file, line and field."""

from datetime import date, time
from pathlib import Path

import pytest

from bot.appointments.schedule import Opening, Schedule
from bot.kb import KnowledgeBaseError, load_knowledge_base
from bot.kb.cli import main as pathways_cli
from bot.settings import PROJECT_ROOT
from tests.conftest import FIXTURE_KB
from tests.helpers.kb_files import copy_kb, edit

LOCALES = PROJECT_ROOT / "locales"
CENTRE = "centres/centre_sp.yml"
BOOKING = """booking:
  timezone: America/Sao_Paulo
  takes_bookings: true
  hours:
    mon: ["08:00-12:00", "13:00-17:00"]
    sat: ["09:00-12:00"]
  slot_minutes: 30
  seats: 3
  closed:
    2026: [2026-12-25]
    2027: [2027-01-01]
  services: [regularisation, legal_aid]
  languages: [pt, es]
  pathways: [agreement]
  needs_review:
    - field: seats
      note: number of desks not confirmed
"""


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """The fixture KB with a booking block on its one centre."""
    kb_dir = copy_kb(FIXTURE_KB, tmp_path)
    path = kb_dir / CENTRE
    path.write_text(path.read_text(encoding="utf-8") + BOOKING, encoding="utf-8")
    return kb_dir


def _problems(kb_dir: Path) -> list[str]:
    """The centre file's problems (a broken centre also makes the pathways naming it report it)."""
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(kb_dir, LOCALES)
    return [str(p) for p in caught.value.problems if p.file == kb_dir / CENTRE]


def _line_of(kb_dir: Path, needle: str) -> int:
    lines = (kb_dir / CENTRE).read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if needle in text)


def test_a_booking_block_becomes_a_schedule(kb_copy: Path) -> None:
    booking = load_knowledge_base(kb_copy, LOCALES).centres["centre_sp"].booking
    assert booking.schedule == Schedule(
        timezone="America/Sao_Paulo",
        hours={
            0: (Opening(time(8), time(12)), Opening(time(13), time(17))),
            5: (Opening(time(9), time(12)),),
        },
        slot_minutes=30,
        seats=3,
        closed=frozenset({date(2026, 12, 25), date(2027, 1, 1)}),
    )
    assert booking.takes_bookings is True
    assert booking.services == ("regularisation", "legal_aid")
    assert booking.languages == ("pt", "es")
    assert booking.pathways == ("agreement",)
    assert booking.needs_review == {"seats": "number of desks not confirmed"}


def test_ranges_are_kept_in_order_of_the_day(kb_copy: Path) -> None:
    edit(kb_copy, CENTRE, '["08:00-12:00", "13:00-17:00"]', '["13:00-17:00", "08:00-12:00"]')
    hours = load_knowledge_base(kb_copy, LOCALES).centres["centre_sp"].booking.schedule.hours
    assert hours[0] == (Opening(time(8), time(12)), Opening(time(13), time(17)))


def test_a_centre_without_a_booking_block_has_none(tmp_path: Path) -> None:
    assert load_knowledge_base(copy_kb(FIXTURE_KB, tmp_path), LOCALES).centres["centre_sp"].booking is None


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        (
            "timezone: America/Sao_Paulo",
            "timezone: America/Sao_Paolo",
            "timezone:",
            "booking.timezone: 'America/Sao_Paolo' is not an IANA time zone; valid: e.g. America/Sao_Paulo",
        ),
        (
            '"08:00-12:00", "13:00-17:00"',
            '"08:00-12:00", "13:00-25:00"',
            "mon:",
            "booking.hours.mon.1: '13:00-25:00' is not a range of times of day; "
            "valid: HH:MM-HH:MM within 00:00-23:59",
        ),
        (
            '"08:00-12:00", "13:00-17:00"',
            '"08:00-12:00", "11:30-17:00"',
            "mon:",
            "booking.hours.mon.1: '11:30-17:00' overlaps 08:00-12:00; join or separate them",
        ),
        (
            '"09:00-12:00"',
            '"12:00-09:00"',
            "sat:",
            "booking.hours.sat.0: '12:00-09:00': the range must start before it ends",
        ),
        (
            '"09:00-12:00"',
            '"09:00-09:20"',
            "sat:",
            "booking.hours.sat.0: '09:00-09:20' is shorter than one slot (30 minutes)",
        ),
        (
            "sat:",
            "sab:",
            "hours:",
            "booking.hours: 'sab' is not one of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']",
        ),
        (
            "2026: [2026-12-25]",
            "2026: [2026-02-30]",
            "2026:",
            "booking.closed.2026.0: 2026-02-30 is not a real date (YYYY-MM-DD)",
        ),
        (
            "2026: [2026-12-25]",
            "2026: [2027-12-25]",
            "2026:",
            "booking.closed.2026.0: 2027-12-25 is not in 2026; list it under 2027",
        ),
        (
            "2026: [2026-12-25]",
            "26: [2026-12-25]",
            "26:",
            "booking.closed.26: 26 is not a year; valid: 2000 to 2100, e.g. 2026",
        ),
        (
            "services: [regularisation, legal_aid]",
            "services: [regularisation, legal_advice]",
            "services: [",
            "booking.services.1: 'legal_advice' is not one of ['regularisation', 'legal_aid', 'asylum', "
            "'documents', 'employment', 'social_assistance', 'health', 'education', 'language_classes', "
            "'psychosocial']",
        ),
        (
            "languages: [pt, es]",
            "languages: [pt, xx]",
            "languages:",
            "booking.languages.1: 'xx' is not an ISO 639-1 code; valid: e.g. es, pt, ht",
        ),
        (
            "pathways: [agreement]",
            "pathways: [agreements]",
            "pathways:",
            "booking.pathways.0: unknown pathway 'agreements'; similar: agreement",
        ),
        ("seats: 3", "seats: 0", "seats:", "booking.seats: 0 is less than the minimum of 1"),
        ("seats: 3", "seats: 51", "seats:", "booking.seats: 51 is greater than the maximum of 50"),
        (
            "slot_minutes: 30",
            "slot_minutes: 300",
            "slot_minutes:",
            "booking.slot_minutes: 300 is greater than the maximum of 240",
        ),
        (
            "takes_bookings: true",
            "takes_bookings: no",
            "takes_bookings:",
            "booking.takes_bookings: 'no' is not of type 'boolean'",
        ),
        (
            "    - field: seats",
            "    - field: desks",
            "field: desks",
            "booking.needs_review.0.field: 'desks' is not one of ['timezone', 'hours', 'slot_minutes', "
            "'seats', 'closed', 'takes_bookings', 'services', 'languages', 'pathways']",
        ),
    ],
)
def test_each_wrong_detail_is_named_with_its_line(
    kb_copy: Path, old: str, new: str, needle: str, expected: str
) -> None:
    edit(kb_copy, CENTRE, old, new)
    line = _line_of(kb_copy, needle)
    assert _problems(kb_copy) == [f"{kb_copy / CENTRE}:{line}: {expected}"]


def test_a_missing_booking_detail_is_named(kb_copy: Path) -> None:
    edit(kb_copy, CENTRE, "  seats: 3\n", "")
    line = _line_of(kb_copy, "booking:")
    assert _problems(kb_copy) == [f"{kb_copy / CENTRE}:{line}: booking: 'seats' is a required property"]


def test_every_shipped_centre_has_a_schedule(shipped_kb) -> None:
    assert len(shipped_kb.centres) == 24
    pathway_ids = {p.id for p in shipped_kb.pathways}
    for centre in shipped_kb.centres.values():
        booking = centre.booking
        assert isinstance(booking.schedule, Schedule), centre.id
        assert booking.schedule.hours, centre.id
        years = {day.year for day in booking.schedule.closed}
        assert years == {2026, 2027}, centre.id
        assert set(booking.pathways) <= pathway_ids, centre.id
        assert "closed" in booking.needs_review, centre.id  # national holidays only, so flagged


def test_shipped_examples_read_as_written(shipped_kb) -> None:
    crai = shipped_kb.centres["crai_sao_paulo"].booking
    assert crai.takes_bookings is True
    assert crai.schedule.timezone == "America/Sao_Paulo"
    assert crai.schedule.hours[0] == (Opening(time(8), time(17)),)
    assert date(2026, 11, 20) in crai.schedule.closed  # Black Consciousness Day, national since 2024
    assert shipped_kb.centres["cms_tapachula"].booking.takes_bookings is False  # claims start at the door


def test_pathways_validate_passes_on_the_shipped_kb(capsys) -> None:
    assert pathways_cli(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: 51 pathways, 24 centres")
