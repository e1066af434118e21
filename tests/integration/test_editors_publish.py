"""An editor's change reaches people in conversation, through the whole stack and three browsers.

Editor A closes a programme from a date (a new status period) and narrows one of its conditions in
the console's form, saves and submits; A cannot approve it; an agent cannot open the editor at all;
editor B approves it from the review queue. The YAML file on disk then differs by exactly those
lines, and a person who talks to the running assistant (Rasa, action server, web service) is told
the programme is closed, without a restart. The change is undone afterwards through the same
four-eyes path, so the session's other tests see the shipped knowledge base.
"""

from __future__ import annotations

import difflib
import time
import uuid
from pathlib import Path

import pytest

from bot.console.auth import Staff
from bot.console.users import get_user
from bot.editorial import drafts, versions
from bot.settings import Settings
from tests.helpers.console import create_staff, login_page
from tests.helpers.personas import persona

pytestmark = [pytest.mark.integration, pytest.mark.browser]

PATHWAY = "mercosur_br"
PASSWORD = "a long editors pass"
BOLIVIAN_IN_SAO_PAULO = persona("pt", "boliviana", "estou em São Paulo", False, "maio de 2023")
CLOSED_SINCE = "Este programa está fechado desde 1 de novembro de 2026."
RELOAD_WITHIN_S = 15  # the stores check the database's KB version at most every 2 seconds


def _staff(database_url: str, username: str) -> Staff:
    user = get_user(database_url, username)
    return Staff(user.id, user.username, user.role, user.language)


def _result(stack) -> tuple[str | None, str]:
    sender = f"editors-{uuid.uuid4().hex[:8]}"
    transcript = stack.converse(sender, ["oi"], BOLIVIAN_IN_SAO_PAULO)
    (custom,) = [m["custom"] for m in transcript if "results" in m.get("custom", {})]
    statuses = {r["pathway"]: r["status"] for r in custom["results"]}
    return statuses.get(PATHWAY), "\n".join(m.get("text", "") for m in transcript)


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _signed_in(browser, stack, username: str):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login_page(page, stack.web_url, username, PASSWORD)
    return context, page


def test_an_approved_change_is_what_the_assistant_says_next(stack, browser) -> None:
    database_url = stack.settings.database_url
    path = Path(stack.settings.kb_dir) / "pathways" / f"{PATHWAY}.yml"
    original = path.read_text(encoding="utf-8")
    for username, role in (("ines_author", "editor"), ("bruno_reviewer", "editor"), ("ana_agent", "agent")):
        create_staff(database_url, username, role, password=PASSWORD)
    assert _result(stack)[0] == "likely_eligible"

    author, author_page = _signed_in(browser, stack, "ines_author")
    reviewer, reviewer_page = _signed_in(browser, stack, "bruno_reviewer")
    agent, agent_page = _signed_in(browser, stack, "ana_agent")
    try:
        # The agent's role does not reach the editor.
        response = agent_page.goto(f"{stack.web_url}/console/pathways/{PATHWAY}/edit")
        assert response.status == 403

        # A closes the programme from 1 November 2026 and takes Argentina out of its nationalities.
        author_page.goto(f"{stack.web_url}/console/pathways/{PATHWAY}/edit")
        author_page.locator('[data-rows="status"]').get_by_role("button", name="Add one").last.click()
        author_page.locator('[id="f-status.1.from"]').fill("2026-11-01")
        author_page.locator('[id="f-status.1.status"]').select_option("closed")
        nationalities = author_page.locator('[id="f-conditions.all.0.in"]')
        assert nationalities.input_value() == "AR, BO, CL, CO, EC, PY, PE, UY"
        nationalities.fill("BO, CL, CO, EC, PY, PE, UY")
        author_page.get_by_label("What changed and why").fill("Closed from November; Argentina left")
        author_page.get_by_role("button", name="Save draft").click()
        author_page.wait_for_url(f"{stack.web_url}/console/drafts/*")
        removed = author_page.get_by_test_id("diff-removed").locator("code").all_inner_texts()
        added = author_page.get_by_test_id("diff-added").locator("code").all_inner_texts()
        old_nationalities = "    - {fact: nationality, in: [AR, BO, CL, CO, EC, PY, PE, UY]}"
        new_nationalities = "    - {fact: nationality, in: [BO, CL, CO, EC, PY, PE, UY]}"
        assert removed == [old_nationalities]
        assert added == ["  - from: 2026-11-01", "    status: closed", new_nationalities]
        author_page.get_by_role("button", name="Send for review").click()
        author_page.get_by_role("status").filter(has_text="Sent for review.").wait_for()
        assert author_page.get_by_role("button", name="Approve and publish").count() == 0  # not for A

        # Nothing reaches people before the second pair of eyes.
        assert path.read_text(encoding="utf-8") == original

        # B approves it from the review queue.
        reviewer_page.goto(f"{stack.web_url}/console/review")
        row = reviewer_page.get_by_test_id("review-draft").filter(has_text=PATHWAY)
        row.get_by_role("link", name="Closed from November; Argentina left").click()
        reviewer_page.get_by_role("button", name="Approve and publish").click()
        reviewer_page.get_by_role("status").filter(has_text="Approved and published.").wait_for()

        published = path.read_text(encoding="utf-8")
        assert _changed_lines(original, published) == [
            "+  - from: 2026-11-01",
            "+    status: closed",
            f"-{old_nationalities}",
            f"+{new_nationalities}",
        ]

        deadline = time.monotonic() + RELOAD_WITHIN_S
        while True:
            status, text = _result(stack)
            if status == "closed" or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert status == "closed"
        assert CLOSED_SINCE in text
    finally:
        for context in (author, reviewer, agent):
            context.close()
        _undo(stack.settings, path, original)
    assert path.read_text(encoding="utf-8") == original


def _undo(settings: Settings, path: Path, original: str) -> None:
    """Publish the shipped text again, through a draft and another editor's approval."""
    if path.read_text(encoding="utf-8") == original:
        return
    database_url = settings.database_url
    author, reviewer = _staff(database_url, "ines_author"), _staff(database_url, "bruno_reviewer")
    for draft in drafts.open_drafts(database_url, PATHWAY):
        if draft.author == author.username and draft.status in ("draft", "submitted"):
            drafts.withdraw(database_url, author, draft.id, draft.row_version)
    relative = f"pathways/{PATHWAY}.yml"
    undo = drafts.create(database_url, author, PATHWAY, relative, original, summary="Test: undo")
    undo = drafts.submit(database_url, author, undo.id, undo.row_version)
    versions.approve_and_publish(settings, reviewer, undo.id, undo.row_version)
