"""The source watch: fetch every pathway's source pages on a schedule, politely, and flag the pathways
whose sources changed so that editors re-check the rules (issue 14).

fetch.py talks HTTP, extract.py turns a body into comparable text, compare.py decides what a change is
and shows it, changes.py reads and resolves the recorded changes, run.py is one pass and the schedule.
"""

from bot.editorial.watch.changes import open_changes_by_pathway

__all__ = ["open_changes_by_pathway"]
