"""Rasa NLU cross-validation per language: `make nlu-report`. Intent F1 (weighted average) per
language, from `rasa test nlu --cross-validation` on that language's files in data/nlu/."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import write_results
from bot.settings import ALL_LANGUAGES, PROJECT_ROOT
from bot.training import rasa_env

FOLDS = 3


def language_f1(lang: str, workdir: Path) -> dict:
    data = workdir / lang / "data"
    data.mkdir(parents=True)
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob(f"*-{lang}.yml")):
        shutil.copy(path, data / path.name)
    out = workdir / lang / "report"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "test",
            "nlu",
            "--nlu",
            str(data),
            "--config",
            str(PROJECT_ROOT / "config.yml"),
            "--cross-validation",
            "--folds",
            str(FOLDS),
            "--out",
            str(out),
        ],
        cwd=PROJECT_ROOT,
        env=rasa_env(),
        check=True,
        capture_output=True,
    )
    report = json.loads((out / "intent_report.json").read_text())
    per_intent = {
        name: round(values["f1-score"], 3)
        for name, values in report.items()
        if isinstance(values, dict)
        and "f1-score" in values
        and name not in ("macro avg", "weighted avg", "micro avg")
    }
    return {"weighted_f1": round(report["weighted avg"]["f1-score"], 3), "per_intent": per_intent}


def main() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        figures = {lang: language_f1(lang, Path(tmp)) for lang in ALL_LANGUAGES}
    for lang, values in figures.items():
        print(f"{lang}: intent F1 {values['weighted_f1']}")
    write_results("nlu_cross_validation", {"folds": FOLDS, "languages": figures})
    return figures


if __name__ == "__main__":
    main()
