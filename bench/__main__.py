"""Run every benchmark: `make bench` (python -m bench). Figures go to bench/results/*.json."""

from bench import (
    engine_speed,
    questions_to_decision,
    reading_accuracy,
    restart_under_load,
    stack_footprint,
    turn_shape,
)
from bench.load import cli as load

if __name__ == "__main__":
    engine_speed.main()
    questions_to_decision.main()
    reading_accuracy.main([])
    turn_shape.main([])
    stack_footprint.main()
    restart_under_load.main()
    load.main([])  # the load run last: it takes minutes of both cores
