"""Publishing: four eyes, the whole KB validated first, one winner, versions, restore, verification."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from bot.editorial import drafts, versions
from bot.editorial.drafts import Conflict, NotAllowed
from bot.editorial.versions import Invalid, Stale
from bot.kb.store import reload_generation
from tests.conftest import FIXTURE_KB
from tests.editorial.publishing_setup import ANA, BEA, CARLA, DANI, PERMIT, audit_actions, workspaces

ORIGINAL = (FIXTURE_KB / PERMIT).read_text(encoding="utf-8")
CLOSED = "{from: 2023-11-25, status: closed,"
SUSPENDED = ORIGINAL.replace(CLOSED, "{from: 2023-11-25, status: suspended,")
TERMINATED = ORIGINAL.replace(CLOSED, "{from: 2023-11-25, status: terminated,")
IMPOSSIBLE = ORIGINAL.replace(CLOSED, "{from: 2026-02-30, status: closed,")


@pytest.fixture
def spaces(empty_databases, tmp_path):
    return workspaces(empty_databases, tmp_path)


def _submitted(db: str, text: str, author=ANA) -> drafts.Draft:
    draft = drafts.create(db, author, "permit", PERMIT, text, "closing suspended", ["https://gov.example/n1"])
    return drafts.submit(db, author, draft.id, draft.row_version)


def _files(kb_dir: Path) -> dict[str, str]:
    return {p.relative_to(kb_dir).as_posix(): p.read_text(encoding="utf-8") for p in kb_dir.rglob("*.yml")}


def test_create_update_submit_approve_publishes_only_that_file(spaces) -> None:
    for space in spaces:
        draft = drafts.create(space.db, ANA, "permit", PERMIT, ORIGINAL, "wip")
        draft = drafts.update(
            space.db, ANA, draft.id, 1, SUSPENDED, "closing suspended", ["https://gov.example/n1"]
        )
        draft = drafts.submit(space.db, ANA, draft.id, draft.row_version)
        generation = reload_generation(space.db)

        version = versions.approve_and_publish(space.settings, BEA, draft.id, draft.row_version)

        assert (version.id, version.kind, version.pathway_id, version.draft_id) == (
            1,
            "edit",
            "permit",
            draft.id,
        )
        assert (version.author, version.reviewer, version.reviewer_id) == ("ana", "bea", 2)
        assert version.changes == ("status.1.status",)
        assert version.sources == ("https://gov.example/n1",)
        assert version.files == (versions.VersionFile(PERMIT, SUSPENDED, ORIGINAL),)
        expected = _files(FIXTURE_KB) | {PERMIT: SUSPENDED}
        assert _files(space.kb_dir) == expected
        assert sorted(p.name for p in space.kb_dir.joinpath("pathways").iterdir()) == sorted(
            p.name for p in FIXTURE_KB.joinpath("pathways").iterdir()
        )  # no temporary file left behind
        published = drafts.get(space.db, draft.id)
        assert (published.status, published.reviewer, published.row_version) == ("published", "bea", 4)
        assert versions.latest_version(space.db) == 1
        assert versions.published_text(space.db, PERMIT) == SUSPENDED
        assert [v.id for v in versions.history(space.db, "permit")] == [1]
        assert versions.history(space.db, "youth") == []
        assert reload_generation(space.db) == generation + 1
        assert audit_actions(space.db) == [
            ("ana", "kb.draft.create", f"permit draft {draft.id}"),
            ("ana", "kb.draft.update", f"permit draft {draft.id}"),
            ("ana", "kb.draft.submit", f"permit draft {draft.id}"),
            ("bea", "kb.publish", "permit v1"),
        ]


def test_nobody_approves_their_own_draft_and_agents_never(spaces) -> None:
    for space in spaces:
        own = _submitted(space.db, SUSPENDED)
        with pytest.raises(NotAllowed):
            versions.approve_and_publish(space.settings, ANA, own.id, own.row_version)
        by_admin = _submitted(space.db, SUSPENDED, author=CARLA)
        with pytest.raises(NotAllowed):
            versions.approve_and_publish(space.settings, CARLA, by_admin.id, by_admin.row_version)
        with pytest.raises(NotAllowed):
            versions.approve_and_publish(space.settings, DANI, own.id, own.row_version)
        unsubmitted = drafts.create(space.db, ANA, "permit", PERMIT, SUSPENDED)
        with pytest.raises(NotAllowed):
            versions.approve_and_publish(space.settings, BEA, unsubmitted.id, unsubmitted.row_version)
        assert versions.latest_version(space.db) == 0
        assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == ORIGINAL


def _approve_at_once(settings, draft: drafts.Draft, reviewers) -> dict[str, object]:
    """Each reviewer approves the same draft from their own thread, released together."""
    start = threading.Barrier(len(reviewers))
    outcomes: dict[str, object] = {}

    def approve(reviewer) -> None:
        start.wait(timeout=30)
        try:
            outcomes[reviewer.username] = versions.approve_and_publish(
                settings, reviewer, draft.id, draft.row_version
            )
        except Conflict as exc:
            outcomes[reviewer.username] = exc

    threads = [threading.Thread(target=approve, args=(r,)) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_reviewers_approving_at_once_publish_once(spaces) -> None:
    for space in spaces:
        draft = _submitted(space.db, SUSPENDED)
        outcomes = _approve_at_once(space.settings, draft, (BEA, CARLA))
        kinds = sorted(type(o).__name__ for o in outcomes.values())
        assert kinds == ["Conflict", "Version"]
        assert [v.id for v in versions.history(space.db)] == [1]
        winner = next(name for name, o in outcomes.items() if isinstance(o, versions.Version))
        assert drafts.get(space.db, draft.id).reviewer == winner
        assert [a for a in audit_actions(space.db) if a[1] == "kb.publish"] == [
            (winner, "kb.publish", "permit v1")
        ]


def test_a_draft_that_breaks_the_kb_is_refused_and_nothing_is_written(spaces) -> None:
    for space in spaces:
        draft = _submitted(space.db, IMPOSSIBLE)
        with pytest.raises(Invalid) as refused:
            versions.approve_and_publish(space.settings, BEA, draft.id, draft.row_version)
        assert [(p.file, p.field) for p in refused.value.problems] == [
            (space.kb_dir / PERMIT, "status.1.from")
        ]
        assert "2026-02-30" in refused.value.problems[0].message
        assert drafts.get(space.db, draft.id).status == "submitted"
        assert versions.latest_version(space.db) == 0
        assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == ORIGINAL
        assert [a[1] for a in audit_actions(space.db)] == ["kb.draft.create", "kb.draft.submit"]


def test_a_draft_whose_file_was_published_meanwhile_is_stale(spaces) -> None:
    for space in spaces:
        first = _submitted(space.db, SUSPENDED)
        second = _submitted(space.db, TERMINATED, author=BEA)
        versions.approve_and_publish(space.settings, BEA, first.id, first.row_version)
        with pytest.raises(Stale):
            versions.approve_and_publish(space.settings, ANA, second.id, second.row_version)
        assert drafts.get(space.db, second.id).status == "submitted"
        assert versions.latest_version(space.db) == 1
        assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == SUSPENDED


def test_restore_brings_back_an_old_version_through_review(spaces) -> None:
    for space in spaces:
        first = _submitted(space.db, SUSPENDED)
        versions.approve_and_publish(space.settings, BEA, first.id, first.row_version)
        second = _submitted(space.db, TERMINATED)
        versions.approve_and_publish(space.settings, CARLA, second.id, second.row_version)

        restore = versions.restore_draft(space.db, BEA, 1, "permit")
        assert (restore.kind, restore.restore_of, restore.base_version, restore.text) == (
            "restore",
            1,
            2,
            SUSPENDED,
        )
        assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == TERMINATED  # not before review
        restore = drafts.submit(space.db, BEA, restore.id, restore.row_version)
        version = versions.approve_and_publish(space.settings, ANA, restore.id, restore.row_version)

        assert (version.id, version.kind, version.changes) == (3, "restore", ("status.1.status",))
        assert version.files[0].previous_text == TERMINATED
        assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == SUSPENDED
        assert ("bea", "kb.restore", "permit v1") in audit_actions(space.db)
        with pytest.raises(LookupError):
            versions.restore_draft(space.db, BEA, 1, "youth")
        with pytest.raises(NotAllowed):
            versions.restore_draft(space.db, DANI, 1, "permit")


def test_verification_moves_last_verified_without_review(spaces) -> None:
    for space in spaces:
        version = versions.record_verification(
            space.settings,
            ANA,
            "permit",
            "https://example.org/permit",
            "2026-11-20",
            today=date(2026, 11, 30),
        )
        assert (version.kind, version.changes, version.sources) == (
            "verification",
            ("last_verified",),
            ("https://example.org/permit",),
        )
        assert (version.author, version.reviewer) == ("ana", None)
        expected = ORIGINAL.replace("last_verified: 2026-07-02", "last_verified: 2026-11-20")
        assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == expected
        assert audit_actions(space.db) == [("ana", "kb.verify", "permit v1")]


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.org/permit", "2026-12-01"),  # the future
        ("https://example.org/permit", "2026-02-30"),  # not a date
        ("ftp://example.org/permit", "2026-11-20"),
        ("permit", "2026-11-20"),
    ],
)
def test_verification_refuses_bad_input(spaces, url: str, day: str) -> None:
    space = spaces[0]
    with pytest.raises(ValueError):
        versions.record_verification(space.settings, ANA, "permit", url, day, today=date(2026, 11, 30))
    with pytest.raises(NotAllowed):
        versions.record_verification(
            space.settings, DANI, "permit", "https://example.org/permit", "2026-11-20"
        )
    assert versions.latest_version(space.db) == 0
    assert (space.kb_dir / PERMIT).read_text(encoding="utf-8") == ORIGINAL
