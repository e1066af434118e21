"""Figures taken once per run, beside the load: training time (ours and stock), the eligibility
engine's time per call, and a forced knowledge-base reload.

Training ours takes minutes of both cores, so it is measured only when asked (`--train`, into a
temporary directory, as bot.training would train); otherwise the last measured figure is reported,
marked as cached, with whether the training data changed since.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from unittest.mock import patch

from bench import engine_speed
from bench.load.stock import TRAINING_RECORD as STOCK_RECORD
from bot.kb.store import KnowledgeBaseStore
from bot.settings import PROJECT_ROOT, get_settings
from bot.training import ensure_model, fingerprint

OURS_RECORD = PROJECT_ROOT / "var" / "bench" / "ours-training.json"
KB_RELOADS = 5
RASA_CACHE_ENV = "RASA_CACHE_DIRECTORY"


def training_ours(measure: bool, record: Path = OURS_RECORD) -> dict[str, Any]:
    """Seconds `bot.training` takes from scratch: measured now, or the last figure measured."""
    current = fingerprint()
    if measure:
        with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
            settings = replace(
                get_settings(), model_dir=Path(tmp) / "models", model_cache_dir=Path(tmp) / "cache"
            )
            # Rasa's own training cache (~/.rasa/cache) would restore trained components: empty it.
            started = time.monotonic()
            with patch.dict(os.environ, {RASA_CACHE_ENV: str(Path(tmp) / "rasa-cache")}):
                ensure_model(settings)
            seconds = round(time.monotonic() - started, 1)
        record.parent.mkdir(parents=True, exist_ok=True)
        saved = {"fingerprint": current, "training_seconds": seconds, "trained_at": time.strftime("%Y-%m-%d")}
        record.write_text(json.dumps(saved, indent=2) + "\n")
        return {"seconds": seconds, "source": "measured in this run"}
    if not record.exists():
        return {"seconds": None, "source": "not measured (run with --train)"}
    saved = json.loads(record.read_text())
    same = "same training data" if saved["fingerprint"] == current else "training data changed since"
    return {"seconds": saved["training_seconds"], "source": f"cached from {saved['trained_at']}, {same}"}


def training_stock(trained_now: bool, record: Path = STOCK_RECORD) -> dict[str, Any]:
    saved = json.loads(record.read_text())
    source = (
        "measured in this run" if trained_now else f"cached from {saved['trained_at']}, same project files"
    )
    return {"seconds": saved["training_seconds"], "source": source}


def engine_time() -> dict[str, Any]:
    """bench/engine_speed.py's measurement (its own results file is left as it is)."""
    figures = engine_speed.measure()
    return {key: round(value, 1) for key, value in figures["assess_us"].items()}


def kb_reload_ms() -> float:
    """Median of forced reloads (validation included) of the shipped knowledge base."""
    settings = get_settings()
    store = KnowledgeBaseStore(settings.kb_dir, settings.locales_dir)
    samples = []
    for _ in range(KB_RELOADS):
        started = time.perf_counter()
        store.refresh(force=True)
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)
