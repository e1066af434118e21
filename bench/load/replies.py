"""What one turn brought back, read the same way whatever the channel: did the results arrive, which
question was asked and which numbered options came with it.

REST replies carry it in `custom` (question, options, precision, results); an SMS carries only text,
so the question is found by its prompt in any of the five languages and the options by their numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.i18n.catalogs import translate
from bot.kb import load_knowledge_base
from bot.settings import SUPPORTED_LANGUAGES, get_settings

_NUMBERED = re.compile(r"^\s*(\d+)\.\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Reply:
    texts: tuple[str, ...]
    finished: bool = False  # the results message arrived
    fact: str | None = None  # the question asked, when it could be told
    options: tuple[str, ...] = ()  # option values (REST) or titles (SMS), in their numbered order
    follow_up: bool = False  # the same date question again, for the month, the day or the year

    @property
    def empty(self) -> bool:
        return not any(t.strip() for t in self.texts)


def from_rest(messages: list[dict[str, Any]]) -> Reply:
    """A REST channel reply (our `custom` metadata when present; the stock bot has none)."""
    texts = tuple(m.get("text") or "" for m in messages)
    customs = [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]
    if any("results" in c for c in customs):
        return Reply(texts, finished=True)
    asked = [c for c in customs if "question" in c]
    if not asked:
        return Reply(texts)
    last = asked[-1]
    return Reply(
        texts,
        fact=last["question"],
        options=tuple(last.get("options") or ()),
        follow_up="precision" in last,
    )


@cache
def _prompts() -> dict[str, str]:
    """Every question's prompt in every language -> its fact."""
    kb = load_knowledge_base(get_settings().kb_dir)
    return {
        translate(lang, question.prompt): fact
        for fact, question in kb.questions.items()
        for lang in SUPPORTED_LANGUAGES
    }


@cache
def _results_markers() -> tuple[str, ...]:
    # "Información verificada por última vez el {date}." opens no other message.
    return tuple(translate(lang, "results.last_verified").split("{")[0] for lang in SUPPORTED_LANGUAGES)


def from_sms(bodies: list[str]) -> Reply:
    """The texts one SMS turn sent (one or more parts): the question is the prompt found last."""
    texts = tuple(bodies)
    whole = "\n\n".join(bodies)
    if any(marker in whole for marker in _results_markers()):
        return Reply(texts, finished=True)
    found = [(whole.rfind(prompt), fact) for prompt, fact in _prompts().items() if prompt in whole]
    options = tuple(title for _, title in _NUMBERED.findall(whole))
    if not found:
        return Reply(texts, options=options, follow_up=bool(options))
    return Reply(texts, fact=max(found)[1], options=options)
