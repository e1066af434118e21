"""`python -m bench.load`: closed-loop load against our stack (REST, signed SMS) and the stock
`rasa init` bot in one run, so every figure has its ratio; `--url` drives a running deployment.

Writes bench/results/<date>-<host>[-label].json, a .md summary and a .png latency plot beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shlex
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.common import RESULTS_DIR
from bench.load import deployments, once
from bench.load.generator import Channel, RestChannel, Script, run_level
from bench.load.machine import machine
from bench.load.people import our_script, stock_script
from bench.load.plot import plot_latency
from bench.load.processes import Footprint
from bench.load.redis_server import throwaway_redis
from bench.load.report import level_figures, render_markdown
from bench.load.stock import ensure_stock_model

# ours-rest and ours-sms: the embedded default (SQLite, one Rasa process); ours-workers: the same
# stack with a throwaway Redis and RASA_WORKERS=2, through REST.
TARGETS = ("ours-rest", "ours-sms", "ours-workers", "stock")
WORKERS = 2
PAUSE_BETWEEN_LEVELS_S = 1.0


def _people(text: str) -> list[int]:
    values = [int(v) for v in text.split(",") if v.strip()]
    if not values or any(v < 1 or v > 500 for v in values):
        raise argparse.ArgumentTypeError("people: a comma-separated list of numbers from 1 to 500")
    return values


def _targets(text: str) -> list[str]:
    names = [v.strip() for v in text.split(",") if v.strip()]
    unknown = sorted(set(names) - set(TARGETS))
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"targets: some of {', '.join(TARGETS)}")
    return names


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--people", type=_people, default=[1, 5, 20, 50], help="levels, e.g. 1,5,20,50")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per level")
    parser.add_argument("--warmup", type=float, default=3.0, help="uncounted seconds before each level")
    parser.add_argument("--targets", type=_targets, default=list(TARGETS))
    parser.add_argument("--url", help="base URL of a running deployment to drive through REST instead")
    parser.add_argument("--rest-token", help="Bearer token of that deployment's REST channel")
    parser.add_argument("--quick", action="store_true", help="smoke run: people 1,5 and 5 s per level")
    parser.add_argument("--train", action="store_true", help="also measure training ours from scratch")
    parser.add_argument("--label", help="appended to the file names, e.g. before-nlg")
    parser.add_argument("--out-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    if args.quick:
        args.people, args.seconds, args.warmup = [1, 5], 5.0, 2.0
    if not 1 <= args.seconds <= 600 or not 0 <= args.warmup <= 60:
        parser.error("--seconds must be 1..600 and --warmup 0..60")
    if args.url and not args.url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
        parser.error("--url must be on loopback")
    return args


def _level(
    channel: Channel,
    scripts: Callable[[int, int], Script],
    people: int,
    args: argparse.Namespace,
    pids: Callable[[], list[int]] | None = None,
    default_role: str = "other",
) -> dict[str, Any]:
    """One level against one target, with CPU and memory of its processes when they are known."""

    async def measured() -> dict[str, Any]:
        footprint = Footprint(pids, default_role) if pids else None
        stop = asyncio.Event()
        watcher = asyncio.create_task(footprint.watch(stop)) if footprint else None
        run = await run_level(
            channel, scripts, people, args.warmup, args.seconds, footprint.cpu if footprint else None
        )
        stop.set()
        if watcher:
            await watcher
        return {**level_figures(run), **(footprint.figures() if footprint else {})}

    figures = asyncio.run(measured())
    lat = figures["latency_ms"]
    print(
        f"  {people:>3} people: {figures['turns_per_s']:.1f} turns/s, "
        f"p50 {lat['p50']} ms, p95 {lat['p95']} ms, "
        f"errors {figures['errors']}, CPU/turn {figures.get('cpu_s_per_turn')} s, "
        f"RSS {figures.get('rss_peak_total_mib')} MiB",
        flush=True,
    )
    time.sleep(PAUSE_BETWEEN_LEVELS_S)
    return figures


def _every_level(
    target: str,
    deployment: deployments.Deployment,
    channel: Channel,
    scripts: Callable[[int, int], Script],
    args: argparse.Namespace,
    levels: dict[int, dict[str, Any]],
    cold: dict[str, float],
) -> None:
    """Every level of people against one started deployment, its cold start recorded."""
    cold[target] = deployment.cold_start_s
    print(f"{target}: cold start to first answer {deployment.cold_start_s} s", flush=True)
    for people in args.people:
        levels[people]["targets"][target] = _level(
            channel, scripts, people, args, deployment.pids, deployment.default_role
        )


def _stem(label: str | None, host: str) -> str:
    stem = f"{datetime.now().strftime('%Y-%m-%d')}-{host}"
    return f"{stem}-{label}" if label else stem


def run(args: argparse.Namespace, argv: list[str]) -> dict[str, Any]:
    info = machine()
    levels: dict[int, dict[str, Any]] = {p: {"people": p, "targets": {}} for p in args.people}
    cold: dict[str, float] = {}
    if args.url:
        channel = RestChannel(args.url.rstrip("/"), args.rest_token)
        print(f"url {args.url}:", flush=True)
        for people in args.people:
            levels[people]["targets"]["url"] = _level(channel, our_script, people, args)
    ours_targets = [t for t in args.targets if t in ("ours-rest", "ours-sms")] if not args.url else []
    if ours_targets:
        with deployments.ours() as deployment:
            cold["ours"] = deployment.cold_start_s
            print(f"ours: cold start to first answer {deployment.cold_start_s} s", flush=True)
            for target in ours_targets:
                channel = deployment.sms if target == "ours-sms" else deployment.rest
                print(f"{target}:", flush=True)
                for people in args.people:
                    if deployment.sms:
                        deployment.sms.twilio.messages.clear()
                    levels[people]["targets"][target] = _level(
                        channel, our_script, people, args, deployment.pids, deployment.default_role
                    )
    if "ours-workers" in args.targets and not args.url:
        with throwaway_redis() as redis_url:
            env = {"REDIS_URL": redis_url, "RASA_WORKERS": str(WORKERS)}
            with deployments.ours(env) as deployment:
                _every_level("ours-workers", deployment, deployment.rest, our_script, args, levels, cold)
    stock_model = ensure_stock_model() if "stock" in args.targets and not args.url else None
    if stock_model:
        with deployments.stock(stock_model) as deployment:
            _every_level("stock", deployment, deployment.rest, stock_script, args, levels, cold)
    figures_once: dict[str, Any] = {"cold_start_to_first_answer_s": cold}
    if not args.url:
        training = {"ours": once.training_ours(args.train)}
        if stock_model:
            training["stock"] = once.training_stock(stock_model.trained_now)
        figures_once["training_s"] = training
        figures_once["engine_assess_us"] = once.engine_time()
        figures_once["kb_reload_ms_median_of_5"] = once.kb_reload_ms()
    return {
        "stem": _stem(args.label, info["hostname"]),
        "taken_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m bench.load " + shlex.join(argv),
        "machine": info,
        "settings": {
            "people": args.people,
            "seconds": args.seconds,
            "warmup_s": args.warmup,
            "targets": ["url"] if args.url else args.targets,
            "url": args.url,
        },
        "levels": list(levels.values()),
        "once": figures_once,
    }


def write(record: dict[str, Any], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir / record["stem"]
    json_path, md_path = base.with_suffix(".json"), base.with_suffix(".md")
    json_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(render_markdown(record) + "\n")
    png = plot_latency(record, base.with_suffix(".png"))
    return [json_path, md_path] + ([png] if png else [])


def main(argv: list[str] | None = None) -> dict[str, Any]:
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    record = run(args, argv)
    for path in write(record, args.out_dir):
        print(f"wrote {path}", flush=True)
    return record
