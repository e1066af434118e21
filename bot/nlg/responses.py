"""Renders each named bot response into text, buttons and `custom` metadata in one language.

Question messages carry `custom: {"question": FACT, "options": [...]}` and the results message
`custom: {"results": [{"pathway": ID, "status": STATUS}]}` (design.md section 5).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from babel import Locale

from bot.conversation import replies
from bot.i18n.catalogs import translate
from bot.i18n.display import country_name, month_year
from bot.i18n.languages import native_language_name
from bot.kb.facts import CLAIM_STATES
from bot.kb.model import NONE, UNKNOWN, KnowledgeBase
from bot.kb.store import KnowledgeBaseStore
from bot.nlg import booking, handoff, results
from bot.nlg.buttons import answer_buttons
from bot.nlg.errors import BadArguments, Message, UnknownResponse
from bot.nlg.followup import render_followup
from bot.nlg.understood import render_understood
from bot.nlg.urgent import render_urgent
from bot.settings import SUPPORTED_LANGUAGES, Settings

__all__ = ["BadArguments", "Renderer", "UnknownResponse"]


def _question(text: str, fact: str, options: list[tuple[str, str]], precision: str | None = None) -> Message:
    custom: dict[str, Any] = {"question": fact, "options": [value for value, _ in options]}
    if precision:  # the same question again, for the month, the day or the year
        custom["precision"] = precision
    return {
        "text": text,
        "buttons": answer_buttons(options),
        "custom": custom,
    }


class Renderer:
    """Knows every response the bot can send; `render(name, language, arguments)` builds one."""

    def __init__(self, kb: KnowledgeBase | KnowledgeBaseStore, settings: Settings) -> None:
        self._kb = kb
        self.settings = settings
        self._responses: dict[str, Callable[[str, dict[str, Any]], Message]] = {
            replies.ASK_LANGUAGE: self._ask_language,
            replies.CONSENT: self._consent,
            replies.ASK_QUESTION: self._ask_question,
            replies.NOT_UNDERSTOOD: self._simple("answer.not_understood"),
            replies.UNDERSTOOD: lambda lang, args: render_understood(self, lang, args),
            replies.RESULTS: lambda lang, args: results.render_results(self, lang, args),
            replies.WHY: lambda lang, args: results.render_why(self, lang, args),
            replies.WHY_QUESTION: self._why_question,
            replies.WHY_NOTHING: self._simple("why.nothing"),
            replies.FOLLOWUP: lambda lang, args: render_followup(self, lang, args),
            replies.RESTARTED: self._simple("restart.done"),
            replies.NOTHING_TO_UNDO: self._simple("back.nothing"),
            replies.WENT_BACK: self._simple("back.done"),
            replies.HANDOFF_CREATED: lambda lang, args: handoff.render_created(self, lang, args),
            replies.HANDOFF_WAITING: lambda lang, args: handoff.render_waiting(self, lang, args),
            replies.HANDOFF_DECLINED: self._simple("handoff.declined"),
            replies.CONFIRM_DELETE: self._yes_no("delete.confirm", "confirm_delete"),
            replies.OFFER_HUMAN: self._yes_no("handoff.offer", "offer_human"),
            # `erased` tells the /chat page to forget its conversation id too
            replies.DATA_DELETED: lambda lang, args: {
                "text": self.t(lang, "delete.done"),
                "custom": {"erased": True},
            },
            replies.DELETE_CANCELLED: self._simple("delete.cancelled"),
            replies.LANGUAGE_CHANGED: self._simple("language.changed"),
            replies.WELCOME_BACK: self._simple("welcome.back"),
            replies.TEXT_ONLY: self._simple("channel.text_only"),
            replies.LOCATION_NOTED: self._location_noted,
            replies.URGENT: lambda lang, args: render_urgent(self, lang, args),
        }
        for name, render in booking.RENDERERS.items():
            self._responses[name] = lambda lang, args, render=render: render(self, lang, args)

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

    def t(self, language: str, msgid: str, **values: Any) -> str:
        """The catalog message `msgid` in `language`, placeholders filled."""
        return translate(language, msgid, self.settings.locales_dir, **values)

    def _simple(self, msgid: str) -> Callable[[str, dict[str, Any]], Message]:
        return lambda language, arguments: {"text": self.t(language, msgid)}

    def yes_no_options(self, language: str) -> list[tuple[str, str]]:
        return [(value, self.t(language, f"option.{value}")) for value in ("yes", "no")]

    def _yes_no(self, msgid: str, question: str) -> Callable[[str, dict[str, Any]], Message]:
        def render(language: str, arguments: dict[str, Any]) -> Message:
            return _question(self.t(language, msgid), question, self.yes_no_options(language))

        return render

    def _location_noted(self, language: str, arguments: dict[str, Any]) -> Message:
        code = arguments.get("country")
        if not isinstance(code, str) or code.upper() not in Locale.parse("en").territories:
            raise BadArguments(f"unknown country {code!r}")
        return {"text": self.t(language, "location.noted", country=country_name(code, language))}

    def _why_question(self, language: str, arguments: dict[str, Any]) -> Message:
        fact = arguments.get("question")
        question = self.kb.questions.get(fact) if isinstance(fact, str) else None
        if question is None or not question.help:
            raise BadArguments(f"no help text for question {arguments.get('question')!r}")
        return {"text": self.t(language, "why.question", help=self.t(language, question.help))}

    def _ask_language(self, language: str, arguments: dict[str, Any]) -> Message:
        # Nobody has chosen a language yet, so the prompt speaks all of them.
        text = " / ".join(self.t(lang, "language.ask") for lang in SUPPORTED_LANGUAGES)
        options = [(lang, native_language_name(lang)) for lang in SUPPORTED_LANGUAGES]
        return _question(text, "language", options)

    def _consent(self, language: str, arguments: dict[str, Any]) -> Message:
        days = self.settings.retention_days
        # The plural rule of the language (CLDR): "1 día" but "90 días", "0 jour" and "2 jours".
        if Locale.parse(language).plural_form(days) == "one":
            notice = self.t(language, "consent.notice.one", days=days)
        else:
            notice = self.t(language, "consent.notice.other", days=days)
        return {"text": notice + "\n\n" + self.t(language, "commands.hint")}

    def _list_options(self, language: str, values: Any) -> list[tuple[str, str]]:
        """A list question's options: programmes by their name in the language, claim states from
        the catalogs, then "none of these" and "I don't know"."""
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise BadArguments("a list question needs `options`: a non-empty list of ids")
        options = []
        for value in values:
            if value in CLAIM_STATES:
                options.append((value, self.t(language, f"option.{value}")))
                continue
            try:
                options.append((value, self.kb.pathway(value).name[language]))
            except KeyError as exc:
                raise BadArguments(f"unknown option {value!r}") from exc
        return options + [(value, self.t(language, f"option.{value}")) for value in (NONE, UNKNOWN)]

    def _unknown(self, language: str) -> list[tuple[str, str]]:
        return [(UNKNOWN, self.t(language, f"option.{UNKNOWN}"))]

    def _ask_question(self, language: str, arguments: dict[str, Any]) -> Message:
        fact = arguments.get("question")
        question = self.kb.questions.get(fact) if isinstance(fact, str) else None
        if question is None:
            raise BadArguments(f"unknown question {fact!r}")
        precision = arguments.get("precision")
        if precision == "month" and question.type == "date":
            year = arguments.get("year")
            if not isinstance(year, int):
                raise BadArguments("asking for the month needs the `year` already known")
            text = self.t(language, "ask.precision.month", year=year)
            return _question(text, fact, self._unknown(language), "month")
        if precision == "day" and question.type == "date":
            month = arguments.get("month")
            try:
                when = month_year(date.fromisoformat(f"{month}-01"), language)
            except (TypeError, ValueError) as exc:
                raise BadArguments("asking for the day needs the `month` already known (YYYY-MM)") from exc
            text = self.t(language, "ask.precision.day", month=when)
            return _question(text, fact, self._unknown(language), "day")
        if precision == "year" and question.type == "date":
            return _question(self.t(language, "ask.precision.year"), fact, self._unknown(language), "year")
        choices = arguments.get("choices")
        if question.type == "country" and choices:
            if not isinstance(choices, list) or not all(isinstance(c, str) and len(c) == 2 for c in choices):
                raise BadArguments("`choices` must be a list of country codes")
            options = [(code, country_name(code, language)) for code in choices]
            return _question(self.t(language, "ask.ambiguous_place"), fact, options)
        if question.type == "country":
            options = [(code, country_name(code, language)) for code in question.options]
        elif question.type == "list":
            options = self._list_options(language, arguments.get("options"))
        else:
            options = [(value, self.t(language, f"option.{value}")) for value in question.answer_options]
        return _question(self.t(language, question.prompt), fact, options)
