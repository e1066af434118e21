"""Inside a loopback-only network namespace: start the stack, hold a conversation, exit 0 if it worked.

Usage (as root):
    unshare --net -- sh -c 'ip link set lo up && exec python -m tests.helpers.offline_check VAR_DIR'
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from tests.helpers.personas import VENEZUELAN_IN_BRAZIL_ES
from tests.helpers.stack import running_stack


def main(var_dir: Path) -> int:
    # The namespace has no route to PostgreSQL or Redis on the host: use the embedded defaults.
    with running_stack(var_dir, {"DATABASE_URL": "", "REDIS_URL": ""}) as stack:
        sender = f"offline-{uuid.uuid4().hex[:8]}"
        transcript = stack.converse(sender, ["hola"], VENEZUELAN_IN_BRAZIL_ES)
    results = [m["custom"]["results"] for m in transcript if "results" in m.get("custom", {})]
    expected = {"pathway": "br_residence_border_countries", "status": "likely_eligible"}
    if not results or expected not in results[-1]:
        print(f"offline conversation ended with {results!r}", file=sys.stderr)
        return 1
    print("offline conversation reached its result")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
