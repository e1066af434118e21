"""How long evaluating every pathway and choosing the next question takes, per call."""

from __future__ import annotations

import time
from datetime import date

from bench.common import summary, write_results
from bot.eligibility.engine import assess
from bot.kb import load_knowledge_base
from bot.settings import get_settings

FACT_SETS = [
    {},
    {"nationality": "VE"},
    {"nationality": "CO", "current_country": "BR"},
    {"nationality": None, "current_country": "PE"},
]
ROUNDS = 2000


def measure() -> dict:
    """Microseconds per `assess` call over every fact set, and how many pathways were assessed."""
    kb = load_knowledge_base(get_settings().kb_dir)
    today = date(2026, 11, 24)
    samples = []
    for _ in range(ROUNDS):
        for facts in FACT_SETS:
            started = time.perf_counter()
            assess(kb, facts, today)
            samples.append((time.perf_counter() - started) * 1e6)
    return {"pathways": len(kb.pathways), "assess_us": summary(samples)}


def main() -> dict:
    figures = measure()
    print(f"engine: {figures}")
    write_results("engine_speed", figures)
    return figures


if __name__ == "__main__":
    main()
