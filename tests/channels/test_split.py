"""Long texts are split under each channel's limit at sentence boundaries, never mid-word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.limits import SMS_MAX_CHARS
from bot.channels.split import split_text

RESULT = (
    "De lo que me contaste, esto puede servirte:\n\n"
    "*Residencia en Brasil*\nParece que cumples las condiciones. Residencia de 2 años para quien está en "
    "Brasil, sin importar cómo entró. Cómo solicitarlo: pide cita en la Policía Federal (código 273).\n\n"
    "Información verificada por última vez el 2 de julio de 2026."
)


def test_short_text_is_one_part() -> None:
    assert split_text("Hola.", 160) == ["Hola."]
    assert split_text("   ", 160) == []


def test_split_at_sentence_ends() -> None:
    parts = split_text(RESULT, 120)
    assert all(len(p) <= 120 for p in parts)
    assert all(p.rstrip().endswith((".", ":", ")", "*")) for p in parts[:-1])
    assert " ".join(" ".join(parts).split()) == " ".join(RESULT.split())


def test_a_word_longer_than_the_limit_is_the_only_thing_cut() -> None:
    url = "https://www.gov.br/pf/pt-br/assuntos/imigracao/autorizacao-residencia/acordo-de-residencia"
    parts = split_text(f"Fuente: {url} fin.", 40)
    assert all(len(p) <= 40 for p in parts)
    assert "".join(parts).replace(" ", "") == f"Fuente:{url}fin."


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñ", min_size=1, max_size=12)
_TEXT = st.lists(st.tuples(_WORDS, st.sampled_from([" ", ". ", "? ", "\n", "\n\n"])), max_size=300).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, limit=st.integers(min_value=13, max_value=SMS_MAX_CHARS))
def test_parts_respect_the_limit_lose_nothing_and_cut_no_word(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(0 < len(p) <= limit for p in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())
    words = set(text.split())
    assert all(w in words for p in parts for w in p.split())  # words are words of the text (max 12 < limit)


def test_numbered_options_keep_their_lines_when_a_long_message_is_split() -> None:
    offer = "Èske ou vle pran yon randevou nan yon sant ki ede migran toupre ou? Li gratis.\n1. Wi\n2. Non"
    parts = split_text("Rezilta yo. " * 20 + "\n\n" + offer, 160)
    assert parts[-1].endswith("Li gratis.\n1. Wi\n2. Non")
    assert all(len(part) <= 160 for part in parts)
