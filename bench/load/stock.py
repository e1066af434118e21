"""The stock bot `rasa init --no-prompt` creates: built once in var/bench/stock-bot, trained there,
and retrained only when its project files change, so every load run compares against the same bot.

Its training time is kept in var/bench/stock-training.json beside it, with a fingerprint of the
files it was trained on, so a run that reuses the model can still report what training cost.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.settings import PROJECT_ROOT
from bot.training import rasa_env

STOCK_DIR = PROJECT_ROOT / "var" / "bench" / "stock-bot"
TRAINING_RECORD = STOCK_DIR.parent / "stock-training.json"
TRAINING_INPUTS = ("config.yml", "domain.yml", "data")
TRAINING_TIMEOUT_S = 1800


@dataclass(frozen=True)
class StockModel:
    project: Path
    model: Path
    training_seconds: float
    trained_now: bool


def project_fingerprint(project: Path) -> str:
    """A hash of the files `rasa train` reads in a `rasa init` project."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = project / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(project)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _rasa(args: list[str], cwd: Path) -> float:
    """Run the `rasa` command line of this venv; return its wall time in seconds."""
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=cwd,
        env=rasa_env(),
        check=True,
        timeout=TRAINING_TIMEOUT_S,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def _newest_model(project: Path) -> Path | None:
    models = sorted((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def ensure_stock_model(project: Path = STOCK_DIR, record: Path = TRAINING_RECORD) -> StockModel:
    """Create the stock project if absent (`rasa init` trains it), retrain it if its files changed."""
    if not (project / "config.yml").exists():
        project.mkdir(parents=True, exist_ok=True)
        print(f"stock bot: rasa init --no-prompt in {project} (creates and trains)", flush=True)
        seconds = _rasa(["init", "--no-prompt", "--init-dir", str(project)], PROJECT_ROOT)
        trained_now = True
    else:
        saved = json.loads(record.read_text()) if record.exists() else {}
        model = project / "models" / saved.get("model", "-")
        if saved.get("fingerprint") == project_fingerprint(project) and model.exists():
            return StockModel(project, model, saved["training_seconds"], trained_now=False)
        print(f"stock bot: training {project} (its files changed)", flush=True)
        seconds = _rasa(["train", "--fixed-model-name", "stock"], project)
        trained_now = True
    model = _newest_model(project)
    if model is None:
        raise RuntimeError(f"no model in {project / 'models'} after training")
    entry = {
        "fingerprint": project_fingerprint(project),
        "model": model.name,
        "training_seconds": round(seconds, 1),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    record.write_text(json.dumps(entry, indent=2) + "\n")
    return StockModel(project, model, round(seconds, 1), trained_now)


if __name__ == "__main__":
    print(ensure_stock_model())
