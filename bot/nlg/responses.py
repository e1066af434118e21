"""Renders each named bot response into text, buttons and `custom` metadata in one language.

Question messages carry `custom: {"question": FACT, "options": [...]}` and the results message
`custom: {"results": [{"pathway": ID, "status": STATUS}]}` (design.md section 5).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from babel import Locale
from babel.dates import format_date

from bot.conversation import options_for
from bot.eligibility.engine import CLOSED
from bot.i18n.answers import native_language_name
from bot.i18n.catalogs import translate
from bot.kb.model import KnowledgeBase, Pathway
from bot.kb.store import KnowledgeBaseStore
from bot.settings import SUPPORTED_LANGUAGES, Settings

MAX_RESULTS_PER_MESSAGE = 3
Message = dict[str, Any]


class UnknownResponse(KeyError):
    """The NLG was asked for a response name it does not know."""


class BadArguments(ValueError):
    """The response's arguments are missing or malformed."""


def _answer_payload(value: str) -> str:
    # Rasa reads "/intent{json}" without NLU; the action takes the value from the `answer` entity.
    return "/inform" + json.dumps({"answer": value}, separators=(",", ":"))


def _question(text: str, fact: str, options: list[tuple[str, str]]) -> Message:
    return {
        "text": text,
        "buttons": [{"title": title, "payload": _answer_payload(value)} for value, title in options],
        "custom": {"question": fact, "options": [value for value, _ in options]},
    }


class Renderer:
    """Knows every response the bot can send; `render(name, language, arguments)` builds one."""

    def __init__(self, kb: KnowledgeBase | KnowledgeBaseStore, settings: Settings) -> None:
        self._kb = kb
        self.settings = settings
        self._responses: dict[str, Callable[[str, dict[str, Any]], Message]] = {
            "utter_ask_language": self._ask_language,
            "utter_consent": self._consent,
            "utter_ask_question": self._ask_question,
            "utter_not_understood": self._not_understood,
            "utter_results": self._results,
        }

    @property
    def kb(self) -> KnowledgeBase:
        """The current knowledge base (a store reloads edited files)."""
        return self._kb.get() if isinstance(self._kb, KnowledgeBaseStore) else self._kb

    @property
    def names(self) -> list[str]:
        return sorted(self._responses)

    def render(self, name: str, language: str, arguments: dict[str, Any]) -> Message:
        if name not in self._responses:
            raise UnknownResponse(name)
        if language not in SUPPORTED_LANGUAGES:
            language = self.settings.default_language
        return self._responses[name](language, arguments)

    def _t(self, language: str, msgid: str, **values: Any) -> str:
        return translate(language, msgid, self.settings.locales_dir, **values)

    def _ask_language(self, language: str, arguments: dict[str, Any]) -> Message:
        # Nobody has chosen a language yet, so the prompt speaks all of them.
        text = " / ".join(self._t(lang, "language.ask") for lang in SUPPORTED_LANGUAGES)
        options = [(lang, native_language_name(lang)) for lang in SUPPORTED_LANGUAGES]
        return _question(text, "language", options)

    def _consent(self, language: str, arguments: dict[str, Any]) -> Message:
        return {"text": self._t(language, "consent.notice", days=self.settings.retention_days)}

    def _not_understood(self, language: str, arguments: dict[str, Any]) -> Message:
        return {"text": self._t(language, "answer.not_understood")}

    def _ask_question(self, language: str, arguments: dict[str, Any]) -> Message:
        fact = arguments.get("question")
        question = self.kb.questions.get(fact) if isinstance(fact, str) else None
        if question is None:
            raise BadArguments(f"unknown question {fact!r}")
        if question.type == "country":
            names = Locale.parse(language).territories
            options = [(code, names.get(code, code)) for code in question.options]
        else:
            options = [(value, self._t(language, f"option.{value}")) for value in options_for(question)]
        return _question(self._t(language, question.prompt), fact, options)

    def _programme_status(self, language: str, pathway: Pathway, on: date) -> str:
        """ "Closed since 25 November 2023", "terminated since…", or "not open yet"."""
        period = pathway.period_on(on)
        if period is None:
            return self._t(language, "results.status.not_yet_open")
        since = format_date(period.start, "long", locale=language)
        return self._t(language, f"results.status.{period.status}_since", date=since)

    def _results(self, language: str, arguments: dict[str, Any]) -> Message:
        results = arguments.get("results")
        if not isinstance(results, list):
            raise BadArguments("`results` must be a list of {pathway, status}")
        try:
            on = date.fromisoformat(arguments.get("on") or date.today().isoformat())
            shown = [
                (self.kb.pathway(r["pathway"]), r["status"]) for r in results if r["status"] != "not_eligible"
            ][:MAX_RESULTS_PER_MESSAGE]
        except (KeyError, TypeError, ValueError) as exc:
            raise BadArguments(f"malformed results: {exc}") from exc
        custom = {"results": [{"pathway": p.id, "status": s} for p, s in shown]}
        if not shown:
            return {"text": self._t(language, "results.none"), "custom": custom}
        blocks = [self._t(language, "results.intro")]
        for pathway, status in shown:
            status_text = (
                self._programme_status(language, pathway, on)
                if status == CLOSED
                else self._t(language, f"results.status.{status}")
            )
            lines = [
                f"*{pathway.name[language]}*",
                status_text,
                pathway.summary[language],
                self._t(language, "results.how_to_apply", text=pathway.how_to_apply[language]),
                self._t(
                    language,
                    "results.last_verified",
                    date=format_date(pathway.last_verified, "long", locale=language),
                ),
            ]
            if pathway.needs_review:
                lines.append(self._t(language, "results.needs_review"))
            blocks.append("\n".join(lines))
        return {"text": "\n\n".join(blocks), "custom": custom}
