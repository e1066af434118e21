"""The handoff messages in every language: hours and wait while open, "nobody is there now" and
how to go on outside hours; a paused turn carries no text."""

from __future__ import annotations

import pytest

from bot.conversation import replies
from bot.nlg.errors import BadArguments
from bot.nlg.responses import Renderer
from bot.settings import SUPPORTED_LANGUAGES, Settings

MONDAY_10 = "2026-11-30T15:00:00+00:00"  # 10:00 in Bogotá
SUNDAY = "2026-11-29T15:00:00+00:00"


@pytest.fixture
def renderer(kb) -> Renderer:
    env = {"HELPLINE_HOURS": "mon-fri 09:00-18:00; sat 09:00-13:00", "HELPLINE_WAIT_MINUTES": "45"}
    return Renderer(kb, Settings.from_env(env))


def test_open_hours_and_wait_in_each_language(renderer) -> None:
    texts = {
        lang: renderer.render(replies.HANDOFF_CREATED, lang, {"at": MONDAY_10})["text"]
        for lang in SUPPORTED_LANGUAGES
    }
    assert (
        "Horario de atención: de lunes a viernes, 9:00–18:00; sábado, 9:00–13:00 (hora de Bogotá)."
        in texts["es"]
    )
    assert "unos 45 minutos" in texts["es"]
    assert (
        "de segunda-feira a sexta-feira, 09:00–18:00; sábado, 09:00–13:00 (horário de Bogotá)" in texts["pt"]
    )
    assert "Monday to Friday, 09:00–18:00; Saturday, 09:00–13:00 (Bogota time)" in texts["en"]
    assert "about 45 minutes" in texts["en"]
    assert "du lundi au vendredi, 09:00–18:00; samedi, 09:00–13:00 (heure de Bogota)" in texts["fr"]
    assert "lendi rive vandredi, 09:00–18:00; samdi, 09:00–13:00" in texts["ht"]
    assert "45 minit" in texts["ht"]
    assert all("*men" not in text for text in texts.values())


def test_outside_hours_nobody_is_there_and_menu_goes_on(renderer) -> None:
    texts = {
        lang: renderer.render(replies.HANDOFF_CREATED, lang, {"at": SUNDAY})["text"]
        for lang in SUPPORTED_LANGUAGES
    }
    assert texts["es"].startswith("Ahora mismo no hay nadie en la línea de ayuda.")
    assert "escribe *menú*" in texts["es"] and "sábado, 9:00–13:00" in texts["es"]
    assert "escreva *menu*" in texts["pt"] and "write *menu*" in texts["en"]
    assert "écrivez *menu*" in texts["fr"] and "ekri *meni*" in texts["ht"]
    assert all("minut" not in text for text in texts.values())  # no wait promised


def test_always_open_by_default(kb) -> None:
    text = Renderer(kb, Settings.from_env({})).render(replies.HANDOFF_CREATED, "es", {"at": SUNDAY})["text"]
    assert "Atienden todos los días, a toda hora." in text
    assert "unos 30 minutos" in text


def test_a_paused_turn_has_no_text(renderer) -> None:
    for status in ("waiting", "claimed"):
        assert renderer.render(replies.HANDOFF_WAITING, "es", {"status": status}) == {
            "custom": {"handoff": {"status": status}}
        }
    with pytest.raises(BadArguments):
        renderer.render(replies.HANDOFF_WAITING, "es", {"status": "closed"})
