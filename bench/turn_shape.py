"""The shape of a turn, measured as it runs: which of our modules a message passes through and how
often the turn comes back to a module it had left (issue 10's "measure the shape").

`python -m bench.turn_shape [--out DIR]` plays the same messages through `take_turn` with a profiler
hook, counts module changes among bot/ modules, and writes bench/results/turn-shape.json."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from bot.conversation import Message, State, take_turn
from bot.i18n.text import normalize
from bot.kb.loader import load_knowledge_base
from bot.settings import PROJECT_ROOT, get_settings

TODAY = date(2026, 11, 30)
# (state, message) pairs: a first message with facts, an answer, a command and a question after results.
MESSAGES = [
    (State(), "hola, soy venezolana y estoy en Cúcuta"),
    (State(language="es", pending="fear_of_return", consent_shown=True,
           facts={"nationality": "VE", "current_country": "CO"}), "no"),
    (State(language="es", pending="entry_date", consent_shown=True,
           facts={"nationality": "VE", "current_country": "CO", "fear_of_return": False}),
     "hace como dos años"),
    (State(language="es", pending="entry_date", consent_shown=True, answered=("nationality",),
           facts={"nationality": "VE"}), "atrás"),
]  # fmt: skip


# The engine's own back-and-forth (engine, conditions, model) is the same before and after; the
# shape in question is the conversation's reading of the message.
ENGINE = ("eligibility/", "kb/")


def trace(kb, state: State, text: str) -> tuple[list[str], int]:
    """The bot/ modules entered (engine excluded), in order, while one message is handled, and how
    many times the text was normalised."""
    root = str(PROJECT_ROOT / "bot") + "/"
    path: list[str] = []
    normalised = 0

    def hook(frame, event, arg):  # noqa: ARG001 - the profiler's signature
        nonlocal normalised
        if event != "call" or not frame.f_code.co_filename.startswith(root):
            return
        module = frame.f_code.co_filename[len(root) :]
        if module == "i18n/text.py" and frame.f_code.co_name == "normalize":
            normalised += 1
        if module.startswith(ENGINE):
            return
        if not path or path[-1] != module:
            path.append(module)

    normalize.cache_clear()  # a fresh message: its text is not normalised yet
    sys.setprofile(hook)
    try:
        take_turn(kb, state, Message(text), TODAY)
    finally:
        sys.setprofile(None)
    return path, normalised


def measure() -> dict:
    kb = load_knowledge_base(get_settings().kb_dir)
    for state, text in MESSAGES:  # warm caches, so only the turn itself is traced
        take_turn(kb, state, Message(text), TODAY)
    rows = []
    for state, text in MESSAGES:
        path, normalised = trace(kb, state, text)
        returns = len(path) - len(set(path))
        rows.append(
            {
                "message": text,
                "modules": len(set(path)),
                "moves": len(path) - 1,
                "returns": returns,
                "normalised": normalised,
            }
        )
    return {"messages": rows}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    report = measure()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "turn-shape.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    for row in report["messages"]:
        print(
            f"{row['message']!r}: {row['modules']} modules, {row['moves']} moves, "
            f"{row['returns']} returns, text normalised {row['normalised']} times"
        )


if __name__ == "__main__":
    main()
