"""Train the Rasa model only when its inputs changed: `python -m bot.training`.

The model is named by a fingerprint of config.yml, domain/ and data/ (and the Rasa version), and
kept both in models/ and in a cache outside the work tree (MODEL_CACHE_DIR), so a fresh clone
with unchanged training data reuses the model instead of training again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bot.settings import PROJECT_ROOT, Settings, get_settings

logger = logging.getLogger(__name__)
TRAINING_INPUTS = ("config.yml", "domain", "data")


def _files(root: Path) -> list[Path]:
    found = []
    for name in TRAINING_INPUTS:
        path = root / name
        found.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return found


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    """A hash of everything that shapes the trained model."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"rasa {version('rasa')}\n".encode())
    for path in _files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def model_name(root: Path = PROJECT_ROOT) -> str:
    return f"pathways-{fingerprint(root)}"


def rasa_env() -> dict[str, str]:
    """The environment every Rasa process runs with: telemetry off, TensorFlow quiet."""
    env = dict(os.environ)
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONUNBUFFERED="1")
    return env


def ensure_model(settings: Settings | None = None, root: Path = PROJECT_ROOT) -> Path:
    """The path of a model trained on the current training data, training it if needed."""
    settings = settings or get_settings()
    name = model_name(root) + ".tar.gz"
    target = settings.model_dir / name
    if target.exists():
        return target
    cached = settings.model_cache_dir / name
    settings.model_dir.mkdir(parents=True, exist_ok=True)
    if cached.exists():
        shutil.copyfile(cached, target)
        print(f"model: reused {cached}", flush=True)
        return target
    print(f"model: training {name} (training data changed)", flush=True)
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "--config",
            str(root / "config.yml"),
            "--domain",
            str(root / "domain"),
            "--data",
            str(root / "data"),
            "--out",
            str(settings.model_dir),
            "--fixed-model-name",
            name.removesuffix(".tar.gz"),
        ],
        cwd=root,
        env=rasa_env(),
        check=True,
    )
    print(f"model: trained in {time.monotonic() - started:.0f} s", flush=True)
    settings.model_cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".partial")
    shutil.copyfile(target, partial)
    partial.replace(cached)
    return target


if __name__ == "__main__":
    print(ensure_model())
