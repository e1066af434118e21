"""Run every benchmark: `make bench` (python -m bench). Figures go to bench/results/*.json."""

from bench import engine_speed, questions_to_decision, restart_under_load, stack_footprint

if __name__ == "__main__":
    engine_speed.main()
    questions_to_decision.main()
    stack_footprint.main()
    restart_under_load.main()
