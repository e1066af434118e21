"""Drafts: only the author edits, a submitted draft is frozen, every change is a compare-and-set."""

from __future__ import annotations

import pytest

from bot.editorial import drafts
from bot.editorial.drafts import Conflict, NotAllowed
from tests.editorial.publishing_setup import ANA, BEA, CARLA, DANI, PERMIT, audit_actions, workspaces


@pytest.fixture
def spaces(empty_databases, tmp_path):
    return workspaces(empty_databases, tmp_path)


def _new(db: str, staff=ANA) -> drafts.Draft:
    return drafts.create(db, staff, "permit", PERMIT, "id: permit\n", "first", ["https://example.org/a"])


def test_a_draft_is_created_edited_and_submitted_by_its_author(spaces) -> None:
    for space in spaces:
        draft = _new(space.db)
        assert (draft.status, draft.row_version, draft.base_version, draft.author) == (
            "draft",
            1,
            None,
            "ana",
        )
        assert draft.sources == ("https://example.org/a",)
        edited = drafts.update(space.db, ANA, draft.id, 1, "id: permit\n# x\n", "second", [" https://b.org "])
        assert (edited.text, edited.summary, edited.sources, edited.row_version) == (
            "id: permit\n# x\n",
            "second",
            ("https://b.org",),
            2,
        )
        submitted = drafts.submit(space.db, ANA, draft.id, 2)
        assert (submitted.status, submitted.row_version) == ("submitted", 3)
        assert submitted.submitted_at is not None
        assert [d.id for d in drafts.for_review(space.db)] == [draft.id]
        assert [d.id for d in drafts.open_drafts(space.db, "permit")] == [draft.id]
        assert drafts.open_drafts(space.db, "youth") == []
        assert audit_actions(space.db) == [
            ("ana", "kb.draft.create", f"permit draft {draft.id}"),
            ("ana", "kb.draft.update", f"permit draft {draft.id}"),
            ("ana", "kb.draft.submit", f"permit draft {draft.id}"),
        ]


def test_a_stale_row_version_is_a_conflict(spaces) -> None:
    for space in spaces:
        draft = _new(space.db)
        drafts.update(space.db, ANA, draft.id, 1, "id: permit\n", "a", [])
        with pytest.raises(Conflict):
            drafts.update(space.db, ANA, draft.id, 1, "id: permit\n", "b", [])  # a double click
        with pytest.raises(Conflict):
            drafts.submit(space.db, ANA, draft.id, 1)
        assert drafts.get(space.db, draft.id).summary == "a"


def test_only_the_author_edits_and_only_while_a_draft(spaces) -> None:
    for space in spaces:
        draft = _new(space.db)
        for other in (BEA, CARLA):
            with pytest.raises(NotAllowed):
                drafts.update(space.db, other, draft.id, 1, "x", "", [])
            with pytest.raises(NotAllowed):
                drafts.withdraw(space.db, other, draft.id, 1)
        with pytest.raises(NotAllowed):
            drafts.reject(space.db, BEA, draft.id, 1, "not submitted yet")
        drafts.submit(space.db, ANA, draft.id, 1)
        with pytest.raises(NotAllowed):
            drafts.update(space.db, ANA, draft.id, 2, "x", "", [])  # frozen once submitted
        withdrawn = drafts.withdraw(space.db, ANA, draft.id, 2)
        assert withdrawn.status == "withdrawn"
        assert drafts.open_drafts(space.db) == []


def test_agents_cannot_draft(spaces) -> None:
    for space in spaces:
        with pytest.raises(NotAllowed):
            _new(space.db, DANI)
        draft = _new(space.db)
        drafts.submit(space.db, ANA, draft.id, 1)
        with pytest.raises(NotAllowed):
            drafts.reject(space.db, DANI, draft.id, 2, "no")


def test_a_rejection_keeps_the_reviewers_note_and_the_author_cannot_reject(spaces) -> None:
    for space in spaces:
        draft = _new(space.db)
        drafts.submit(space.db, ANA, draft.id, 1)
        with pytest.raises(drafts.OwnDraft):
            drafts.reject(space.db, ANA, draft.id, 2, "my own")
        with pytest.raises(drafts.NoteRequired):
            drafts.reject(space.db, CARLA, draft.id, 2, "  ")
        rejected = drafts.reject(space.db, CARLA, draft.id, 2, "cite the decree")
        assert (rejected.status, rejected.review_note, rejected.reviewer, rejected.reviewer_id) == (
            "rejected",
            "cite the decree",
            "carla",
            3,
        )
        assert drafts.for_review(space.db) == []
        assert audit_actions(space.db)[-1] == ("carla", "kb.draft.reject", f"permit draft {draft.id}")


def test_paths_outside_the_kb_are_refused(spaces) -> None:
    for path in ("../etc/passwd.yml", "/tmp/x.yml", "pathways/permit.txt"):
        with pytest.raises(ValueError):
            drafts.create(spaces[0].db, ANA, "permit", path, "id: permit\n")
