"""Percentiles, a level's figures and the markdown summary of a load run."""

from __future__ import annotations

from bench.load.generator import LevelLog, LevelRun
from bench.load.report import level_figures, percentile, ratio, render_markdown


def test_nearest_rank_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile([7.0, 1.0, 3.0], 50) == 3.0
    assert percentile([5.0], 99) == 5.0
    assert percentile([], 50) is None


def test_level_figures_count_answered_turns_and_errors_apart() -> None:
    turns = [(1.0 + i / 10, 100.0 + i, None) for i in range(10)]
    turns += [(1.5, 0.0, "timeout"), (1.6, 0.0, "status 500"), (1.7, 0.0, "status 500")]
    log = LevelLog(turns=turns, completed=[1.2, 1.9], abandoned=[1.4])
    log.numbers_sent, log.texts_sent = 4, 6
    figures = level_figures(LevelRun(log, window_start=1.0, window_end=3.0, cpu_seconds=0.5))
    assert figures["turns"] == 10
    assert figures["turns_per_s"] == 5.0
    assert figures["latency_ms"] == {"p50": 104.0, "p95": 109.0, "p99": 109.0}
    assert figures["errors"] == 3
    assert figures["errors_by_kind"] == {"status 500": 2, "timeout": 1}
    assert (figures["conversations_completed"], figures["conversations_given_up"]) == (2, 1)
    assert figures["cpu_s_per_turn"] == 0.05
    assert (figures["answers_by_number"], figures["answers_typed"]) == (4, 6)


def test_window_keeps_only_turns_that_ended_inside() -> None:
    log = LevelLog(turns=[(0.5, 1.0, None), (1.0, 2.0, None), (2.0, 3.0, None), (2.5, 4.0, None)])
    assert [t[1] for t in log.window(1.0, 2.0).turns] == [2.0, 3.0]


def test_ratio() -> None:
    assert ratio(30.0, 15.0) == "2.00"
    assert ratio(None, 15.0) == "—"
    assert ratio(3.0, 0.0) == "—"


def _target(turns_per_s: float, p95: float, rss: float) -> dict:
    return {
        "turns_per_s": turns_per_s,
        "latency_ms": {"p50": p95 / 2, "p95": p95, "p99": p95 * 1.5},
        "errors": 0,
        "conversations_completed": 9,
        "cpu_s_per_turn": 0.0312,
        "rss_peak_total_mib": rss,
        "pss_peak_total_mib": rss - 100,
        "rss_peak_mib": {"rasa": rss},
    }


def test_markdown_has_one_table_per_level_with_ratios_to_stock() -> None:
    record = {
        "stem": "2026-01-02-host-before",
        "command": "python -m bench.load --quick",
        "machine": {
            "cores": 2,
            "cpu_model": "CPU X",
            "ram_gib": 4.0,
            "python": "3.10.13",
            "rasa": "3.6.21",
            "commit": "abc123",
        },  # fmt: skip
        "settings": {"seconds": 5.0, "warmup_s": 2.0},
        "levels": [
            {
                "people": 1,
                "targets": {"ours-rest": _target(30.0, 80.0, 900.0), "stock": _target(15.0, 100.0, 1100)},
            },
            {
                "people": 5,
                "targets": {"ours-rest": _target(32.0, 300.0, 910.0), "stock": _target(16.0, 600.0, 1100)},
            },
        ],
        "once": {"cold_start_to_first_answer_s": {"ours": 29.8, "stock": 30.4}, "training_s": {"ours": None}},
    }
    text = render_markdown(record)
    assert text.count("| target | turns/s |") == 2
    assert "## 1 person at once" in text and "## 5 people at once" in text
    assert "| ours-rest | 30.0 | 40 | 80 | 120 | 0 | 9 | 0.031 | 900 | 800 | 2.00 | 0.80 |" in text
    assert "| ours-rest | 32.0 | 150 | 300 | 450 | 0 | 9 | 0.031 | 910 | 810 | 2.00 | 0.50 |" in text
    assert "| stock | 15.0 | 50 | 100 | 150 | 0 | 9 | 0.031 | 1100 | 1000 | — | — |" in text
    assert "| cold_start_to_first_answer_s | ours: 29.80; stock: 30.40 |" in text
    assert "| training_s | ours: — |" in text
    assert "commit abc123" in text
