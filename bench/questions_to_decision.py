"""How many questions the engine asks before every relevant pathway is settled, over the KB scenarios.

Each scenario's facts play the person: the engine asks from nothing, the person answers from the
scenario (a fact the scenario does not give is answered "I don't know"), until no question is left.
"""

from __future__ import annotations

import statistics
from collections import Counter

from bench.common import write_results
from bot.eligibility.engine import next_question
from bot.kb.loader import load_knowledge_base
from bot.kb.scenarios import load_scenarios
from bot.settings import get_settings


def main() -> dict:
    settings = get_settings()
    kb = load_knowledge_base(settings.kb_dir)
    scenarios, problems = load_scenarios(settings.kb_dir / "tests", kb)
    assert not problems, problems
    counts = []
    for scenario in scenarios:
        facts: dict = {}
        asked = 0
        while (fact := next_question(kb, facts, scenario.on)) is not None:
            facts[fact] = scenario.facts.get(fact)
            asked += 1
        counts.append(asked)
    figures = {
        "scenarios": len(counts),
        "questions_median": statistics.median(counts),
        "questions_max": max(counts),
        "questions_min": min(counts),
        "distribution": dict(sorted(Counter(counts).items())),
        "askable_facts": len(kb.questions),
    }
    print(f"questions to decision: {figures}")
    write_results("questions_to_decision", figures)
    return figures


if __name__ == "__main__":
    main()
