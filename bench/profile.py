"""Where a turn's CPU goes, per process: py-spy samples Rasa, the action server and the web service
while simulated people hold conversations through the REST channel.

`python -m bench.profile [--people 4] [--seconds 30] [--label now]` starts our stack on free
loopback ports (SQLite, as `make run`), drives it with bench/load's closed loop, records each
process with `py-spy record --format raw`, and writes bench/results/profile-<label>.md: for every
process, the share of its samples spent in each of the functions that cost most (inclusive: a
function counts with everything it calls), so the next thing to remove is at the top.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.common import RESULTS_DIR
from bench.load.deployments import ours
from bench.load.generator import run_level
from bench.load.people import our_script
from bench.load.processes import role
from bench.load.report import level_figures
from bot.settings import PROJECT_ROOT

SAMPLES_PER_S = 100
TOP = 40
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*):\d+\)$")


def frame_name(frame: str) -> str:
    """`function (file:line)` as `function (package/module.py)`, lines merged."""
    match = FRAME.match(frame)
    if not match:
        return frame
    file = match["file"].split("site-packages/")[-1].removeprefix(f"{PROJECT_ROOT}/")
    return f"{match['function']} ({file})"


def inclusive_shares(raw: str) -> tuple[int, list[tuple[str, float]]]:
    """Total samples and, per function, the share of samples with it anywhere on the stack."""
    counts: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit():
            continue
        samples = int(number)
        total += samples
        for name in {frame_name(frame) for frame in stack.split(";")}:
            counts[name] += samples
    return total, [(name, n / total) for name, n in counts.most_common()] if total else []


def record(pid: int, seconds: float, out: Path) -> subprocess.Popen:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    args = [py_spy, "record", "--pid", str(pid), "--duration", str(int(seconds))]
    args += ["--rate", str(SAMPLES_PER_S), "--format", "raw", "--output", str(out), "--nonblocking"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def render(people: int, seconds: float, figures: dict, shares: dict[str, tuple[int, list]]) -> str:
    lat = figures["latency_ms"]
    lines = [
        f"# Where a turn's CPU goes ({people} people, {seconds:.0f} s, REST, SQLite)",
        "",
        f"`python -m bench.profile --people {people} --seconds {seconds:.0f}`: "
        f"{figures['turns_per_s']:.1f} turns/s, p50 {lat['p50']} ms, p95 {lat['p95']} ms, "
        f"{figures['errors']} errors. Inclusive share of each process's samples of its main thread "
        f"(py-spy, {SAMPLES_PER_S} Hz, wall clock: time waiting for work shows only in the server loop).",
    ]
    for name, (total, top) in shares.items():
        lines += ["", f"## {name} ({total} samples)", "", "| share | function |", "|---|---|"]
        lines += [f"| {share:.1%} | `{function}` |" for function, share in top[:TOP]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--label", default=time.strftime("%Y-%m-%d"))
    args = parser.parse_args(argv)
    with ours() as deployment, tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        processes = {role(pid): pid for pid in deployment.pids() if role(pid) in ("rasa", "actions", "web")}
        raw = {name: Path(tmp) / f"{name}.raw" for name in processes}
        recorders = {name: record(pid, args.seconds, raw[name]) for name, pid in processes.items()}
        run = asyncio.run(run_level(deployment.rest, our_script, args.people, 1.0, args.seconds))
        for recorder in recorders.values():
            recorder.wait(timeout=args.seconds + 60)
        shares = {name: inclusive_shares(path.read_text()) for name, path in raw.items() if path.exists()}
    path = RESULTS_DIR / f"profile-{args.label}.md"
    path.write_text(render(args.people, args.seconds, level_figures(run), shares))
    print(f"wrote {path}")
    return path


if __name__ == "__main__":
    main()
