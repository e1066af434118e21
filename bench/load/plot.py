"""Latency versus concurrency: p50 (dashed) and p95 (solid) against people at once, one colour per
target, log y, so the knee of each deployment shows at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_latency(record: dict[str, Any], path: Path) -> Path | None:
    """Write the PNG; None when matplotlib is not installed (the JSON and markdown still are)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        return None
    series: dict[str, list[tuple[int, float | None, float | None]]] = {}
    for level in record["levels"]:
        for name, fig in level["targets"].items():
            lat = fig["latency_ms"]
            series.setdefault(name, []).append((level["people"], lat["p50"], lat["p95"]))
    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=110)
    for index, (name, points) in enumerate(series.items()):
        colour = f"C{index}"
        for column, style, label in ((1, "--", "p50"), (2, "-", "p95")):
            shown = [(p[0], p[column]) for p in points if p[column]]
            if shown:
                xs, ys = zip(*shown, strict=True)
                axes.plot(xs, ys, style, marker="o", color=colour, label=f"{name} {label}")
    axes.set_yscale("log")
    axes.set_xscale("log")
    people = sorted({level["people"] for level in record["levels"]})
    axes.set_xticks(people)
    axes.xaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    axes.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    plain = matplotlib.ticker.FuncFormatter(lambda value, _: f"{value:g}")
    axes.yaxis.set_major_formatter(plain)
    axes.yaxis.set_minor_formatter(plain)
    axes.set_xlabel("people at once (closed loop, no think time)")
    axes.set_ylabel("turn latency (ms, log)")
    axes.set_title(f"Latency versus concurrency — {record['stem']}")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path
