"""`make messages` (pybabel extract) finds exactly the message ids the catalogs hold: none missing
from the code's point of view, none left behind when the code stops using one."""

from __future__ import annotations

import re
import subprocess

from babel.messages.pofile import read_po

from bot.settings import PROJECT_ROOT

VENV_BIN = PROJECT_ROOT / ".venv" / "bin"


def test_extracted_ids_match_the_catalogs(tmp_path) -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    keywords = re.search(r"pybabel extract -F babel.cfg (.*?) --no-location", makefile).group(1).split()
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(VENV_BIN / "pybabel"),
            "extract",
            "-F",
            "babel.cfg",
            *keywords,
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    with pot.open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    with (PROJECT_ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = {m.id for m in read_po(handle) if m.id}
    assert extracted == catalog
