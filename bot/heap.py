"""What a server loaded to start is set aside from Python's cyclic garbage collector.

A full collection walks every object the process holds. In Rasa's process that is TensorFlow's
and the model's objects, several hundred thousand of them, so each full collection stopped every
turn in progress for a few hundred milliseconds (issue 11: up to 384 ms, ten of them in a short
load run). `settle()` runs once a server has started: one collection, then `gc.freeze()` moves
what is left out of the collector's sight, so later collections walk only what the turns
created. Frozen objects are still freed when nothing refers to them.
"""

from __future__ import annotations

import gc


def settle(*_listener_args: object) -> None:
    """Collect once, then keep everything alive so far out of later collections. Usable as a
    Sanic listener."""
    gc.collect()
    gc.freeze()
