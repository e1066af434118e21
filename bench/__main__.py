"""Run every benchmark: `make bench` (python -m bench). Figures go to bench/results/*.json."""

from bench import engine_speed, stack_footprint

if __name__ == "__main__":
    engine_speed.main()
    stack_footprint.main()
