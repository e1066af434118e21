"""Figures from a level's turns, and the markdown summary: one table per level with every target,
and our targets' turns/s and p95 as ratios of the stock bot's in the same run."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from bench.load.generator import LevelRun

STOCK = "stock"


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least q% of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def level_figures(run: LevelRun) -> dict[str, Any]:
    seconds = run.window_end - run.window_start
    answered = [ms for _, ms, error in run.log.turns if error is None]
    errors = Counter(error for _, _, error in run.log.turns if error is not None)
    figures: dict[str, Any] = {
        "seconds": round(seconds, 2),
        "turns": len(answered),
        "turns_per_s": round(len(answered) / seconds, 2) if seconds > 0 else 0.0,
        "latency_ms": {
            f"p{q}": None if (v := percentile(answered, q)) is None else round(v, 1) for q in (50, 95, 99)
        },
        "errors": sum(errors.values()),
        "errors_by_kind": dict(sorted(errors.items())),
        "conversations_completed": len(run.log.completed),
        "conversations_given_up": len(run.log.abandoned),
        "answers_by_number": run.log.numbers_sent,
        "answers_typed": run.log.texts_sent,
    }
    if run.cpu_seconds is not None:
        figures["cpu_seconds"] = round(run.cpu_seconds, 2)
        figures["cpu_s_per_turn"] = round(run.cpu_seconds / len(answered), 4) if answered else None
    return figures


def ratio(ours: float | None, stock: float | None) -> str:
    if not ours or not stock:
        return "—"
    return f"{ours / stock:.2f}"


def _cell(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_markdown(record: dict[str, Any]) -> str:
    """The summary next to the JSON: run conditions, one table per level, the once-per-run figures."""
    machine = record["machine"]
    lines = [
        f"# Load run {record['stem']}",
        "",
        f"`{record['command']}` on {machine['cores']} cores ({machine['cpu_model']}), "
        f"{machine['ram_gib']} GiB RAM, Python {machine['python']}, Rasa {machine['rasa']}, "
        f"commit {machine['commit'] or 'unknown'}; {record['settings']['seconds']} s per level after a "
        f"{record['settings']['warmup_s']} s warm-up, closed loop, no think time.",
        "",
    ]
    for level in record["levels"]:
        targets = level["targets"]
        stock = targets.get(STOCK)
        lines += [
            f"## {level['people']} {'person' if level['people'] == 1 else 'people'} at once",
            "",
            "| target | turns/s | p50 ms | p95 ms | p99 ms | errors | conversations | CPU s/turn "
            "| RSS MiB | PSS MiB | turns/s ÷ stock | p95 ÷ stock |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, fig in targets.items():
            lat = fig["latency_ms"]
            is_stock = name == STOCK or stock is None
            lines.append(
                f"| {name} | {_cell(fig['turns_per_s'], 1)} | {_cell(lat['p50'])} | {_cell(lat['p95'])} "
                f"| {_cell(lat['p99'])} | {fig['errors']} | {fig['conversations_completed']} "
                f"| {_cell(fig.get('cpu_s_per_turn'), 3)} | {_cell(fig.get('rss_peak_total_mib'))} "
                f"| {_cell(fig.get('pss_peak_total_mib'))} "
                f"| {'—' if is_stock else ratio(fig['turns_per_s'], stock['turns_per_s'])} "
                f"| {'—' if is_stock else ratio(lat['p95'], stock['latency_ms']['p95'])} |"
            )
        lines.append("")
    once = record.get("once", {})
    if once:
        lines += ["## Once per run", "", "| figure | value |", "|---|---|"]
        for key, value in once.items():
            lines.append(f"| {key} | {_once_cell(value)} |")
        lines.append("")
    memory = {
        name: fig["rss_peak_mib"]
        for level in record["levels"]
        for name, fig in level["targets"].items()
        if fig.get("rss_peak_mib")
    }
    if memory:
        lines += ["## Peak resident memory by process (MiB, last level)", ""]
        lines += [
            f"- {name}: " + ", ".join(f"{r} {v:.0f}" for r, v in roles.items())
            for name, roles in memory.items()
        ]
        lines.append("")
    return "\n".join(lines)


def _once_cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_once_cell(v)}" for k, v in value.items())
    return _cell(value, 2) if isinstance(value, float) else str(value)
