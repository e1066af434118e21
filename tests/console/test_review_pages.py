"""Review and publish over HTTP against the real web service (its own process, real SQLite) on a copy of
the KB: a second editor approves and the YAML file changes by exactly the edited line, an author cannot
approve their own draft, two approvals at once publish once, a rejection needs a note, a version can be
restored as a draft, "mark verified" moves last_verified and refuses an impossible date, agents get 403."""

from __future__ import annotations

import difflib
import threading

import requests
import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import audit_log, kb_versions
from bot.editorial import drafts, versions
from tests.console import review_web
from tests.helpers.console import post_form

TIMEOUT_S = 30
service = review_web.service  # the fixture


def _audited(database_url: str, action: str) -> list[tuple[str, str]]:
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            sa.select(audit_log.c.username, audit_log.c.detail)
            .where(audit_log.c.action == action)
            .order_by(audit_log.c.id)
        ).all()
    return [tuple(row) for row in rows]


def _versions_of(database_url: str, pathway_id: str) -> list[int]:
    with get_engine(database_url).connect() as connection:
        return list(
            connection.execute(sa.select(kb_versions.c.id).where(kb_versions.c.pathway_id == pathway_id))
            .scalars()
            .all()
        )


def _changed_lines(before: str, after: str) -> list[str]:
    """What `git diff --no-index` marks as removed and added."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _verify(session: requests.Session, target: str, url: str, day: str) -> requests.Response:
    """The "Mark verified" form (post_form cannot carry a field named `url`)."""
    return session.post(
        target,
        data={"csrf_token": session.csrf, "url": url, "day": day},
        allow_redirects=False,
        timeout=TIMEOUT_S,
    )


def test_a_second_editor_approves_and_the_file_changes_by_the_edited_line_only(service):
    author, _ = service.staff("ana_author")
    reviewer, session = service.staff("beto_reviewer")
    path = service.kb_dir / "pathways" / "andean_co.yml"
    before = path.read_text(encoding="utf-8")
    draft = service.submitted(author, "andean_co", "    Visa of up to 2 years", "    A visa of up to 2 years")

    queue = session.get(f"{service.url}/console/review", timeout=TIMEOUT_S)
    assert queue.status_code == 200
    assert f'<a href="/console/drafts/{draft.id}">andean_co:' in queue.text
    assert queue.text.count('data-testid="review-draft"') == 1

    done = post_form(
        session, f"{service.url}/console/drafts/{draft.id}/approve", row_version=draft.row_version
    )
    assert done.status_code == 303
    [version_id] = _versions_of(service.database_url, "andean_co")
    assert done.headers["location"] == f"/console/versions/{version_id}?notice=published"
    after = path.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [
        "-    Visa of up to 2 years in Colombia for nationals of Bolivia, Ecuador and Peru. You may do any",
        "+    A visa of up to 2 years in Colombia for nationals of Bolivia, Ecuador and Peru. You may do any",
    ]
    assert ("beto_reviewer", f"andean_co v{version_id}") in _audited(service.database_url, "kb.publish")

    page = session.get(f"{service.url}{done.headers['location']}", timeout=TIMEOUT_S)
    assert page.status_code == 200
    assert "Approved and published." in page.text
    assert (page.text.count('data-testid="diff-removed"'), page.text.count('data-testid="diff-added"')) == (
        1,
        1,
    )
    rest = "of up to 2 years in Colombia for nationals of Bolivia, Ecuador and Peru. You may do any</code>"
    assert 'diff-removed"><td>22</td><td></td>' in page.text and f"<code>    Visa {rest}" in page.text
    assert 'diff-added"><td></td><td>22</td>' in page.text and f"<code>    A visa {rest}" in page.text
    assert "<code>summary.en</code>" in page.text
    history = session.get(f"{service.url}/console/pathways/andean_co/versions", timeout=TIMEOUT_S)
    assert history.text.count('data-testid="version"') == 1
    assert ">ana_author</td>" in history.text and ">beto_reviewer</td>" in history.text
    assert "https://example.org/notice" in history.text
    assert drafts.get(service.database_url, draft.id).status == drafts.PUBLISHED


def test_an_author_cannot_approve_their_own_draft(service):
    author, session = service.staff("carla_self")
    path = service.kb_dir / "pathways" / "andean_pe.yml"
    before = path.read_text(encoding="utf-8")
    draft = service.reverified(author, "andean_pe", "2026-11-01")
    queue = session.get(f"{service.url}/console/review", timeout=TIMEOUT_S)
    assert 'data-testid="own-draft"' in queue.text and f"/console/drafts/{draft.id}" in queue.text

    refused = post_form(
        session, f"{service.url}/console/drafts/{draft.id}/approve", row_version=draft.row_version
    )
    assert refused.status_code == 403
    assert "You cannot approve your own change" in refused.text
    assert _versions_of(service.database_url, "andean_pe") == []
    assert path.read_text(encoding="utf-8") == before
    assert drafts.get(service.database_url, draft.id).status == drafts.SUBMITTED
    own_reject = post_form(
        session, f"{service.url}/console/drafts/{draft.id}/reject", row_version=draft.row_version, note="no"
    )
    assert own_reject.status_code == 403


def test_two_approvals_at_once_publish_one_version(service):
    author, _ = service.staff("dora_twice")
    _, first = service.staff("elio_first")
    _, second = service.staff("fabi_second")
    draft = service.reverified(author, "andean_ec", "2026-11-02")
    answers: list[requests.Response] = []

    def approve(session: requests.Session) -> None:
        answers.append(
            post_form(
                session, f"{service.url}/console/drafts/{draft.id}/approve", row_version=draft.row_version
            )
        )

    threads = [threading.Thread(target=approve, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT_S)
    [version_id] = _versions_of(service.database_url, "andean_ec")
    locations = sorted(answer.headers["location"] for answer in answers)
    assert [a.status_code for a in answers] == [303, 303]
    assert locations[0] in (
        f"/console/drafts/{draft.id}?notice=review_already",
        f"/console/drafts/{draft.id}?notice=review_conflict",
    )
    assert locations[1] == f"/console/versions/{version_id}?notice=published"


def test_a_draft_of_a_file_published_meanwhile_is_stale(service):
    author, _ = service.staff("mara_stale")
    _, session = service.staff("nico_stale")
    first = service.reverified(author, "asylum_mx", "2026-11-05")
    second = service.reverified(author, "asylum_mx", "2026-11-06")
    published = post_form(
        session, f"{service.url}/console/drafts/{first.id}/approve", row_version=first.row_version
    )
    assert published.status_code == 303 and "notice=published" in published.headers["location"]
    stale = post_form(
        session, f"{service.url}/console/drafts/{second.id}/approve", row_version=second.row_version
    )
    assert (stale.status_code, stale.headers["location"]) == (
        303,
        f"/console/drafts/{second.id}?notice=review_stale",
    )
    assert len(_versions_of(service.database_url, "asylum_mx")) == 1
    assert drafts.get(service.database_url, second.id).status == drafts.SUBMITTED


def test_a_rejection_needs_a_note(service):
    author, _ = service.staff("gabo_rejected")
    _, session = service.staff("hugo_rejecter")
    draft = service.reverified(author, "andean_bo", "2026-11-03")
    url = f"{service.url}/console/drafts/{draft.id}/reject"
    empty = post_form(session, url, row_version=draft.row_version, note="   ")
    assert (empty.status_code, empty.headers["location"]) == (
        303,
        f"/console/drafts/{draft.id}?notice=review_note_required",
    )
    assert drafts.get(service.database_url, draft.id).status == drafts.SUBMITTED

    done = post_form(session, url, row_version=draft.row_version, note="Cite the decree, please.")
    assert (done.status_code, done.headers["location"]) == (303, "/console/review?notice=rejected")
    rejected = drafts.get(service.database_url, draft.id)
    assert (rejected.status, rejected.reviewer, rejected.review_note) == (
        drafts.REJECTED, "hugo_rejecter", "Cite the decree, please."
    )  # fmt: skip
    stale_click = post_form(session, url, row_version=draft.row_version, note="again")
    assert stale_click.headers["location"] == f"/console/drafts/{draft.id}?notice=review_already"


def test_restoring_a_version_makes_a_restore_draft(service):
    author, _ = service.staff("ines_restore")
    _, session = service.staff("joao_restore")
    original = (service.kb_dir / "pathways" / "asylum_pe.yml").read_text(encoding="utf-8")
    draft = service.reverified(author, "asylum_pe", "2026-11-04")
    approved = post_form(
        session, f"{service.url}/console/drafts/{draft.id}/approve", row_version=draft.row_version
    )
    assert approved.status_code == 303
    [version_id] = _versions_of(service.database_url, "asylum_pe")
    version = versions.get(service.database_url, version_id)
    page = session.get(f"{service.url}/console/versions/{version.id}", timeout=TIMEOUT_S)
    assert f'action="/console/versions/{version.id}/restore"' in page.text

    done = post_form(session, f"{service.url}/console/versions/{version.id}/restore")
    assert done.status_code == 303
    restored = drafts.open_drafts(service.database_url, "asylum_pe")
    assert [(d.kind, d.restore_of, d.author, d.status) for d in restored] == [
        ("restore", version.id, "joao_restore", drafts.DRAFT)
    ]
    assert done.headers["location"] == f"/console/drafts/{restored[0].id}"
    assert restored[0].text == version.files[0].text != original
    assert _audited(service.database_url, "kb.restore") == [("joao_restore", f"asylum_pe v{version.id}")]


def test_mark_verified_moves_last_verified_and_refuses_an_impossible_date(service):
    _, session = service.staff("karl_verifier")
    path = service.kb_dir / "pathways" / "asylum_co.yml"
    before = path.read_text(encoding="utf-8")
    source = next(line.split("url: ", 1)[1] for line in before.splitlines() if line.startswith("  - url: "))
    url = f"{service.url}/console/pathways/asylum_co/verify"

    impossible = _verify(session, url, source, "2026-02-30")
    assert impossible.status_code == 422
    assert "That date does not exist." in impossible.text and 'data-testid="conditions"' in impossible.text
    future = _verify(session, url, source, "2999-01-01")
    assert (future.status_code, "That date is in the future" in future.text) == (422, True)
    unknown = _verify(session, url, "https://example.org/elsewhere", "2026-03-01")
    assert (unknown.status_code, "not one of them" in unknown.text) == (422, True)
    assert path.read_text(encoding="utf-8") == before
    assert _versions_of(service.database_url, "asylum_co") == []

    done = _verify(session, url, source, "2026-03-01")
    assert (done.status_code, done.headers["location"]) == (
        303,
        "/console/pathways/asylum_co?notice=verified",
    )
    landed = session.get(f"{service.url}{done.headers['location']}", timeout=30).text
    notice = "The check is recorded: last verified moved to the date you gave."
    assert f'<p class="notice ok" role="status" data-testid="notice">{notice}</p>' in landed
    after = path.read_text(encoding="utf-8")
    old_line = next(line for line in before.splitlines() if line.startswith("last_verified: "))
    assert _changed_lines(before, after) == [f"-{old_line}", "+last_verified: 2026-03-01"]
    [version_id] = _versions_of(service.database_url, "asylum_co")
    assert versions.get(service.database_url, version_id).sources == (source,)
    assert ("karl_verifier", f"asylum_co v{version_id}") in _audited(service.database_url, "kb.verify")


def test_an_agent_is_refused_every_page(service):
    _, agent = service.staff("lola_agent", role="agent")
    for page in ("/console/review", "/console/pathways/andean_co/versions", "/console/versions/1"):
        assert agent.get(f"{service.url}{page}", timeout=TIMEOUT_S).status_code == 403, page
    for action in ("/console/drafts/1/approve", "/console/drafts/1/reject", "/console/versions/1/restore",
                   "/console/pathways/andean_co/verify"):  # fmt: skip
        assert post_form(agent, f"{service.url}{action}", row_version=1, note="x").status_code == 403, action
