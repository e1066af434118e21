"""The sources page over HTTP against the real web service (its own process, real SQLite) and a copy of
the fixture KB whose every URL points at a fake site on loopback: an admin starts a pass, a changed page
is listed with its flagged pathways and an escaped diff, "mark reviewed" removes the flag (audited), a
gone source is shown, and an agent is refused."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.tables import audit_log, source_pages
from bot.editorial.watch import open_changes_by_pathway
from bot.editorial.watch.run import Politeness, run_pass
from bot.kb.loader import load_knowledge_base
from bot.settings import PROJECT_ROOT
from tests.editorial.fake_site import FakeSite
from tests.helpers.console import create_staff, login_session, post_form
from tests.helpers.kb_files import copy_kb
from tests.helpers.web_process import web_process

FIXTURE_KB = PROJECT_ROOT / "tests" / "fixtures" / "kb"
TIMEOUT_S = 30
CITED = ("agreement", "border", "permit", "refuge", "youth", "record-rule")  # the pages the fixture KB cites


@dataclass
class Watched:
    url: str
    database_url: str
    kb_dir: Path
    site: FakeSite

    def session(self, name: str, role: str) -> requests.Session:
        return login_session(self.url, name, create_staff(self.database_url, name, role))


def _wait_for(check, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def watched(tmp_path_factory) -> Iterator[Watched]:
    site = FakeSite().start()
    for name in CITED:
        site.put(f"/{name}", f"<h1>{name}</h1><p>Rules of {name} as published.</p>")
    root = tmp_path_factory.mktemp("watch-web")
    kb_dir = copy_kb(FIXTURE_KB, root)
    for path in kb_dir.rglob("*.yml"):  # no URL of this KB leaves loopback
        path.write_text(
            path.read_text(encoding="utf-8").replace("https://example.org", site.base), encoding="utf-8"
        )
    extra = {"KB_DIR": str(kb_dir), "SOURCE_WATCH_DELAY_S": "0", "SOURCE_WATCH_TIMEOUT_S": "5"}
    try:
        with web_process(root / "var", extra) as running:
            yield Watched(running.url, running.settings.database_url, kb_dir, site)
    finally:
        site.stop()


def _audited(database_url: str, action: str) -> list[tuple[str, str]]:
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            sa.select(audit_log.c.username, audit_log.c.detail).where(audit_log.c.action == action)
        ).all()
    return [tuple(row) for row in rows]


def _fetched(database_url: str) -> int:
    with get_engine(database_url).connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(source_pages)).scalar_one()


def wait_for_first_pass(watched: Watched) -> None:
    """Wait until a pass started from the console (the browser test) has fetched every cited page."""
    _wait_for(lambda: _fetched(watched.database_url) == len(CITED), "the pass started from the console")


def pass_now(watched: Watched):
    """A pass run by the test itself, as the scheduler would run it; returns its result. In its own thread
    because Playwright's sync API already runs an event loop in the test's."""
    kb = load_knowledge_base(watched.kb_dir, PROJECT_ROOT / "locales")
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(
            asyncio.run, run_pass(watched.database_url, kb, Politeness(delay_s=0, timeout_s=5))
        )
        return running.result(timeout=TIMEOUT_S)


def test_an_admin_pass_then_a_change_is_listed_and_marking_it_reviewed_removes_the_flag(watched):
    admin = watched.session("ada_watch", "admin")
    started = post_form(admin, f"{watched.url}/console/sources/run")
    assert (started.status_code, started.headers["location"]) == (303, "/console/sources?notice=started")
    _wait_for(lambda: _fetched(watched.database_url) == len(CITED), "the pass started from the console")
    assert _audited(watched.database_url, "kb.source.run") == [("ada_watch", "pass started")]
    assert {s.path for s in watched.site.seen} == {f"/{name}" for name in CITED}

    watched.site.put(
        "/refuge", "<h1>refuge</h1><p>Rules of refuge <b>& claims</b> <script>x</script>closed.</p>"
    )
    kb = load_knowledge_base(watched.kb_dir, PROJECT_ROOT / "locales")
    result = asyncio.run(run_pass(watched.database_url, kb, Politeness(delay_s=0, timeout_s=5)))
    assert (result.changed, result.unchanged) == (1, len(CITED) - 1)
    assert open_changes_by_pathway(watched.database_url) == {"refuge": 1}

    editor = watched.session("eva_watch", "editor")
    page = editor.get(f"{watched.url}/console/sources", timeout=TIMEOUT_S)
    assert page.status_code == 200
    assert page.text.count('data-testid="source-change"') == 1
    assert '<a href="/console/pathways/refuge" data-testid="flagged-pathway">refuge</a>' in page.text
    assert "− Rules of refuge as published.</del>" in page.text
    assert "+ Rules of refuge &amp; claims closed.</ins>" in page.text  # escaped, the script's text dropped
    assert 'action="/console/sources/run"' not in page.text  # only admins start a pass

    change_id = page.text.split('action="/console/sources/changes/')[1].split("/")[0]
    done = post_form(editor, f"{watched.url}/console/sources/changes/{change_id}/resolve")
    assert (done.status_code, done.headers["location"]) == (303, "/console/sources?notice=resolved")
    assert open_changes_by_pathway(watched.database_url) == {}
    assert _audited(watched.database_url, "kb.source.resolve") == [("eva_watch", f"change {change_id}")]
    again = post_form(editor, f"{watched.url}/console/sources/changes/{change_id}/resolve")
    assert again.headers["location"] == "/console/sources?notice=already"
    after = editor.get(f"{watched.url}/console/sources", timeout=TIMEOUT_S)
    assert 'data-testid="source-change"' not in after.text


def test_a_gone_source_is_shown(watched):
    kb = load_knowledge_base(watched.kb_dir, PROJECT_ROOT / "locales")
    asyncio.run(
        run_pass(watched.database_url, kb, Politeness(delay_s=0, timeout_s=5))
    )  # baselines, if not yet
    watched.site.pages["/youth"].status = 410
    asyncio.run(run_pass(watched.database_url, kb, Politeness(delay_s=0, timeout_s=5)))
    editor = watched.session("gus_watch", "editor")
    page = editor.get(f"{watched.url}/console/sources", timeout=TIMEOUT_S)
    row = page.text.split('data-testid="failing-source"')[1].split("</tr>")[0]
    assert f"{watched.site.base}/youth" in row
    assert "<strong>Source gone:</strong> HTTP 410" in row


def test_an_agent_is_refused_and_a_post_without_csrf_too(watched):
    agent = watched.session("abe_watch", "agent")
    assert agent.get(f"{watched.url}/console/sources", timeout=TIMEOUT_S).status_code == 403
    assert post_form(agent, f"{watched.url}/console/sources/changes/1/resolve").status_code == 403
    editor = watched.session("ed_watch", "editor")
    assert post_form(editor, f"{watched.url}/console/sources/run").status_code == 403  # admins only
    bare = editor.post(
        f"{watched.url}/console/sources/changes/1/resolve", allow_redirects=False, timeout=TIMEOUT_S
    )
    assert bare.status_code == 403
