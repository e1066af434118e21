"""Log files rotate daily (UTC) and at the size limit, and rotated files go after the retention."""

from __future__ import annotations

import os
import re
import threading
from datetime import datetime, timedelta, timezone

from bot.logs import MAX_BYTES, LogSink, purge_old_logs

START = datetime(2026, 11, 30, 23, 59, 58, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _rotated(log_dir, name="rasa"):
    return sorted(
        p.name for p in log_dir.iterdir() if re.fullmatch(rf"{name}-\d{{8}}-\d{{6}}(-\d+)?\.log", p.name)
    )


def test_lines_are_appended_to_name_log(tmp_path) -> None:
    with LogSink(tmp_path / "log", "rasa") as sink:
        sink.write(b"one\n")
        sink.write(b"two\n")
        assert (tmp_path / "log" / "rasa.log").read_bytes() == b"one\ntwo\n"  # flushed at once
    assert MAX_BYTES == 10 * 1024 * 1024


def test_rotates_when_the_utc_date_changes(tmp_path) -> None:
    clock = Clock(START)
    with LogSink(tmp_path, "rasa", clock=clock) as sink:
        sink.write(b"monday\n")
        clock.now = START + timedelta(seconds=3)  # 2026-12-01 00:00:01
        sink.write(b"tuesday\n")
        clock.now = START + timedelta(hours=5)
        sink.write(b"still tuesday\n")
    assert _rotated(tmp_path) == ["rasa-20261201-000001.log"]
    assert (tmp_path / "rasa-20261201-000001.log").read_bytes() == b"monday\n"
    assert (tmp_path / "rasa.log").read_bytes() == b"tuesday\nstill tuesday\n"


def test_rotates_when_the_file_passes_the_size_limit(tmp_path) -> None:
    clock = Clock(START - timedelta(hours=1))
    with LogSink(tmp_path, "web", max_bytes=100, clock=clock) as sink:
        for _ in range(25):
            sink.write(b"x" * 19 + b"\n")  # 20 bytes: a new file every 5 lines, all in one second
    rotated = _rotated(tmp_path, "web")
    assert len(rotated) == 4
    assert "web-20261130-225958.log" in rotated  # later ones the same second get -1, -2…
    assert all((tmp_path / name).stat().st_size == 100 for name in rotated)
    assert (tmp_path / "web.log").stat().st_size == 100
    total = sum((tmp_path / name).stat().st_size for name in [*rotated, "web.log"])
    assert total == 25 * 20


def test_a_file_left_from_an_earlier_day_is_rotated_on_the_first_write(tmp_path) -> None:
    old = tmp_path / "actions.log"
    old.write_bytes(b"from yesterday\n")
    yesterday = (START - timedelta(days=1)).timestamp()
    os.utime(old, (yesterday, yesterday))
    with LogSink(tmp_path, "actions", clock=Clock(START)) as sink:
        sink.write(b"today\n")
    assert _rotated(tmp_path, "actions") == ["actions-20261130-235958.log"]
    assert old.read_bytes() == b"today\n"


def test_a_quiet_log_can_be_rotated_without_writing(tmp_path) -> None:
    clock = Clock(START)
    with LogSink(tmp_path, "rasa", clock=clock) as sink:
        sink.write(b"last line of the day\n")
        assert not sink.rotate_if_due()
        clock.now = START + timedelta(days=1)
        assert sink.rotate_if_due()
        assert not sink.rotate_if_due()  # the new file is empty
    assert len(_rotated(tmp_path)) == 1


def test_writes_from_many_threads_are_never_interleaved_or_lost(tmp_path) -> None:
    with LogSink(tmp_path, "stack", max_bytes=4096) as sink:

        def writer(number: int) -> None:
            for line in range(200):
                sink.write(f"thread {number:02d} line {line:03d} ".encode() + b"." * 40 + b"\n")

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    lines = []
    for path in tmp_path.glob("stack*.log"):
        lines.extend(path.read_bytes().splitlines())
    assert len(lines) == 8 * 200
    assert all(re.fullmatch(rb"thread \d\d line \d\d\d \.{40}", line) for line in lines)
    assert len(set(lines)) == len(lines)


def test_purge_deletes_rotated_files_older_than_the_retention(tmp_path) -> None:
    now = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
    ages = {
        "rasa-20260801-000000.log": 100,
        "rasa-20261125-000000.log": 5,
        "web-20260801-000000-1.log": 91,
        "rasa.log": 200,  # the current file is left to rotate
        "notes.txt": 200,  # not a log of ours
    }
    for name, days in ages.items():
        path = tmp_path / name
        path.write_text("x")
        moment = (now - timedelta(days=days)).timestamp()
        os.utime(path, (moment, moment))
    deleted = purge_old_logs(tmp_path, 90, now=now)
    assert sorted(p.name for p in deleted) == ["rasa-20260801-000000.log", "web-20260801-000000-1.log"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "rasa-20261125-000000.log", "rasa.log"]
    assert purge_old_logs(tmp_path / "missing", 90, now=now) == []
