"""Editors' changes reach the running processes without restart or retraining; broken ones do not."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.helpers.console import create_staff, login_session
from tests.helpers.personas import VENEZUELAN_IN_BRAZIL_ES

pytestmark = pytest.mark.integration
PATHWAY = "br_residence_border_countries"


def _status(stack) -> tuple[str | None, str]:
    sender = f"reload-{uuid.uuid4().hex[:8]}"
    transcript = stack.converse(sender, ["hola"], VENEZUELAN_IN_BRAZIL_ES)
    (custom,) = [m["custom"] for m in transcript if "results" in m.get("custom", {})]
    statuses = {r["pathway"]: r["status"] for r in custom["results"]}
    return statuses.get(PATHWAY), "\n".join(m.get("text", "") for m in transcript)


def _reload(stack, session: requests.Session | None, csrf: str | None = None) -> requests.Response:
    """The console's KB reload, asked for JSON, by `session` (None: signed out) with `csrf`."""
    headers = {"Accept": "application/json"}
    if csrf:
        headers["X-CSRF-Token"] = csrf
    http = session or requests
    return http.post(
        f"{stack.web_url}/console/admin/kb/reload", headers=headers, allow_redirects=False, timeout=30
    )


def test_edits_are_picked_up_and_broken_edits_are_refused(stack, admin_session) -> None:
    path = Path(stack.settings.kb_dir) / "pathways" / f"{PATHWAY}.yml"
    original = path.read_text(encoding="utf-8")
    try:
        assert _status(stack)[0] == "likely_eligible"

        # An editor closes the programme: both processes see it once the file changes.
        assert "\nconditions:" in original and original.index("\nstatus:") < original.index("\nconditions:")
        closed = original.replace("\nconditions:", "\n  - {from: 2026-01-01, status: closed}\nconditions:", 1)
        path.write_text(closed, encoding="utf-8")
        time.sleep(2.5)  # the stores look at the files at most every 2 seconds
        status, text = _status(stack)
        assert status == "closed"
        assert "Este programa está cerrado desde el 1 de enero de 2026." in text

        # A broken edit is rejected through the admin endpoint and the last valid version stays.
        path.write_text(closed.replace("kind:", "kind: [", 1), encoding="utf-8")
        signed_out = _reload(stack, None)
        assert signed_out.status_code == 302 and signed_out.headers["location"].startswith("/console/login")
        agent = login_session(
            stack.web_url, "reload.agent", create_staff(stack.settings.database_url, "reload.agent", "agent")
        )
        assert _reload(stack, agent, agent.csrf).status_code == 403
        assert _reload(stack, admin_session).status_code == 403  # no CSRF token
        assert _reload(stack, admin_session, "wrong-token").status_code == 403
        rejected = _reload(stack, admin_session, admin_session.csrf)
        assert rejected.status_code == 422
        assert rejected.json()["status"] == "rejected"
        assert any(f"{PATHWAY}.yml" in e and "invalid YAML" in e for e in rejected.json()["errors"])
        time.sleep(2.5)
        assert _status(stack)[0] == "closed"
    finally:
        path.write_text(original, encoding="utf-8")
    reloaded = _reload(stack, admin_session, admin_session.csrf)
    assert reloaded.status_code == 200 and reloaded.json()["status"] == "reloaded"
    time.sleep(2.5)
    assert _status(stack)[0] == "likely_eligible"
