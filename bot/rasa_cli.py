"""Run a `rasa` command inside the project's environment: `make rasa ARGS='data validate'`.

Sets what endpoints.yml expects (database, action and NLG URLs) from bot/settings.py and keeps
telemetry off, then hands over to Rasa's own command line.
"""

from __future__ import annotations

import os
import sys

from bot.settings import get_settings
from bot.stack import child_env


def main() -> None:
    env = child_env(get_settings())
    os.execvpe(sys.executable, [sys.executable, "-m", "rasa", *sys.argv[1:]], env)


if __name__ == "__main__":
    main()
