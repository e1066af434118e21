"""Closed-loop load against our stack (REST and signed SMS) and the stock `rasa init` bot:
`python -m bench.load` (see cli.py)."""
