"""The user's takes: round trips, clearing, broken files set aside, crash safety, merging."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.core.support import ROOT
from tui.core import userdata
from tui.core.model import VERDICT_CYCLE, Verdict, next_verdict
from tui.core.userdata import (
    ENV_DATA_DIR,
    MAX_NOTE,
    Take,
    UserStore,
    data_dir,
    data_file,
)

STORY = "deepseek-r1"
ASIDE = re.compile(r"^takes\.json\.corrupt-\d{8}T\d{6}Z(-\d+)?$")
WHEN = dt.datetime(2025, 1, 28, 9, 30, tzinfo=dt.UTC)


def _store(directory: Path) -> UserStore:
    store = UserStore(directory)
    assert store.load() == []
    return store


def _entries(directory: Path) -> dict[str, dict[str, dict[str, object]]]:
    data = json.loads((directory / "takes.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    entries: dict[str, dict[str, dict[str, object]]] = data["takes"]
    return entries


def _names(directory: Path) -> set[str]:
    return {path.name for path in directory.iterdir()}


# --------------------------------------------------------------------------- verdicts


def test_the_cycle_goes_believe_doubt_unsure_and_back_to_none() -> None:
    assert VERDICT_CYCLE == (Verdict.BELIEVE, Verdict.DOUBT, Verdict.UNSURE, None)
    seen = []
    current: Verdict | None = None
    for _ in range(4):
        current = next_verdict(current)
        seen.append(current)
    assert seen == [Verdict.BELIEVE, Verdict.DOUBT, Verdict.UNSURE, None]
    assert [v.value for v in Verdict] == ["believe", "doubt", "unsure"]


def test_take_times_are_utc_and_must_be_aware() -> None:
    plus_two = dt.timezone(dt.timedelta(hours=2))
    take = Take(verdict=Verdict.DOUBT, updated=dt.datetime(2025, 1, 28, 11, 30, tzinfo=plus_two))
    assert take.updated == WHEN and take.updated.utcoffset() == dt.timedelta(0)
    with pytest.raises(ValidationError):
        Take(verdict=None, updated=dt.datetime(2025, 1, 28))  # naive
    with pytest.raises(ValidationError):
        Take(verdict=None, note="x" * (MAX_NOTE + 1), updated=WHEN)
    with pytest.raises(ValidationError):
        Take.model_validate({"verdict": "doubt", "updated": WHEN, "extra": 1})


# --------------------------------------------------------------------------- round trip


def test_missing_file_is_no_takes_and_creates_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "not-yet"
    store = _store(directory)
    assert store.takes(STORY) == {} and store.take(STORY, "c") is None
    assert not store.read_only
    assert not directory.exists()


def test_takes_round_trip_through_the_file(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.set_verdict(STORY, "wang-50k-h100", Verdict.DOUBT) == []
    assert store.set_note(STORY, "wang-50k-h100", "Line one\nline two, “quoted” ✓") == []
    assert store.set_note(STORY, "dsv3-training-cost", "only a note") == []
    assert store.set_verdict("other-story", "c1", Verdict.BELIEVE) == []

    again = _store(tmp_path)
    assert again.takes(STORY) == store.takes(STORY)
    assert again.takes("other-story") == store.takes("other-story")
    wang = again.take(STORY, "wang-50k-h100")
    assert wang is not None
    assert (wang.verdict, wang.note) == (Verdict.DOUBT, "Line one\nline two, “quoted” ✓")
    only_note = again.take(STORY, "dsv3-training-cost")
    assert only_note is not None and only_note.verdict is None
    assert set(again.takes(STORY)) == {"wang-50k-h100", "dsv3-training-cost"}
    assert _entries(tmp_path)["other-story"]["c1"]["verdict"] == "believe"
    # the file is private, UTF-8 JSON with a trailing newline, readable by anything
    assert stat.S_IMODE((tmp_path / "takes.json").stat().st_mode) == 0o600
    raw = (tmp_path / "takes.json").read_bytes()
    assert raw.endswith(b"}\n") and "✓".encode() in raw


def test_verdict_and_note_are_kept_independently(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set_note(STORY, "c", "why")
    store.set_verdict(STORY, "c", Verdict.UNSURE)
    store.set_verdict(STORY, "c", Verdict.BELIEVE)
    take = store.take(STORY, "c")
    assert take is not None and (take.verdict, take.note) == (Verdict.BELIEVE, "why")
    store.set_note(STORY, "c", "")
    take = store.take(STORY, "c")
    assert take is not None and (take.verdict, take.note) == (Verdict.BELIEVE, "")


def test_clearing_removes_the_take_but_keeps_a_dated_empty_entry(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set_verdict(STORY, "c", Verdict.DOUBT)
    store.set_note(STORY, "c", "hm")
    store.set_verdict(STORY, "c", None)
    assert store.take(STORY, "c") is not None  # the note is still there
    store.set_note(STORY, "c", "   \n ")
    assert store.take(STORY, "c") is None
    assert store.takes(STORY) == {}
    entry = _entries(tmp_path)[STORY]["c"]
    assert (entry["verdict"], entry["note"]) == (None, "")
    assert entry["updated"]
    assert _store(tmp_path).take(STORY, "c") is None


def test_notes_are_cleaned_and_limited(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set_note(STORY, "c", "  \x1b[31mred\x1b[0m\r\nnext\u202e line\x07  ")
    take = store.take(STORY, "c")
    assert take is not None and take.note == "red\nnext line"
    assert store.set_note(STORY, "c", "x" * MAX_NOTE) == []
    before = (tmp_path / "takes.json").read_bytes()
    problems = store.set_note(STORY, "c", "y" * (MAX_NOTE + 1))
    assert len(problems) == 1 and "at most 5,000" in problems[0].message
    assert (tmp_path / "takes.json").read_bytes() == before
    take = store.take(STORY, "c")
    assert take is not None and take.note == "x" * MAX_NOTE


def test_ids_must_be_ids(tmp_path: Path) -> None:
    store = _store(tmp_path)
    problems = store.set_verdict(STORY, "Not An Id\x1b", Verdict.DOUBT)
    assert len(problems) == 1 and "not a valid claim id" in problems[0].message
    assert store.set_verdict("", "c", Verdict.DOUBT)[0].message.endswith("valid story id")
    assert not (tmp_path / "takes.json").exists()


# --------------------------------------------------------------------------- broken files

_BROKEN = {
    "bad-json": b'{"format": 1, "takes": {',
    "schema": b'{"format": 1, "takes": {"s": {"c": {"verdict": "maybe", '
    b'"note": "", "updated": "2025-01-28T09:30:00Z"}}}}',
    "naive-time": b'{"format": 1, "takes": {"s": {"c": {"verdict": "doubt", '
    b'"note": "", "updated": "2025-01-28T09:30:00"}}}}',
    "not-an-object": b"[1, 2]",
    "empty": b"",
    "blank": b"  \n\n",
    "not-utf8": b'{"format": 1, "takes": {"s": {"\xff\xfe": 1}}}',
    "bad-key": b'{"format": 1, "takes": {"Bad Key": {}}}',
}


@pytest.mark.parametrize("name", sorted(_BROKEN))
def test_a_broken_file_is_set_aside_never_overwritten(tmp_path: Path, name: str) -> None:
    original = _BROKEN[name]
    (tmp_path / "takes.json").write_bytes(original)
    store = UserStore(tmp_path)
    problems = store.load()
    assert len(problems) == 1
    asides = [p for p in tmp_path.iterdir() if ASIDE.match(p.name)]
    assert len(asides) == 1
    aside = asides[0]
    assert aside.read_bytes() == original
    text = str(problems[0])
    assert str(tmp_path / "takes.json") in text and str(aside) in text
    assert not (tmp_path / "takes.json").exists()
    # the store is usable afterwards, and the old file stays where it was put
    assert not store.read_only and store.takes("s") == {}
    assert store.set_verdict("s", "c", Verdict.DOUBT) == []
    assert _entries(tmp_path)["s"]["c"]["verdict"] == "doubt"
    assert aside.read_bytes() == original
    assert _store(tmp_path).take("s", "c") is not None


def test_set_aside_names_never_collide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        userdata, "_utcnow", lambda: dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    )
    for number in range(3):
        (tmp_path / "takes.json").write_bytes(b"broken %d" % number)
        assert len(UserStore(tmp_path).load()) == 1
    base = tmp_path / "takes.json.corrupt-20250102T030405Z"
    assert base.read_bytes() == b"broken 0"
    assert Path(f"{base}-2").read_bytes() == b"broken 1"
    assert Path(f"{base}-3").read_bytes() == b"broken 2"


def test_an_unmovable_broken_file_makes_the_store_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores folder permissions, so a refused rename stands in for a locked folder."""
    original = b"{ not json"
    (tmp_path / "takes.json").write_bytes(original)

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    store = UserStore(tmp_path)
    problems = store.load()
    assert store.read_only
    assert len(problems) == 1 and "Permission denied" in problems[0].message
    assert "nothing will be saved" in problems[0].message
    refused = store.set_verdict(STORY, "c", Verdict.DOUBT)
    assert len(refused) == 1 and refused[0].message.startswith("not saved")
    assert store.set_note(STORY, "c", "n")[0].message.startswith("not saved")
    assert store.take(STORY, "c") is None
    assert (tmp_path / "takes.json").read_bytes() == original
    assert not any(ASIDE.match(name) for name in _names(tmp_path))


def test_a_file_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    original = b'{"format": 2, "takes": {}, "something": "new"}'
    (tmp_path / "takes.json").write_bytes(original)
    store = UserStore(tmp_path)
    problems = store.load()
    assert store.read_only and "newer deepseek-tui (format 2)" in problems[0].message
    assert store.set_verdict(STORY, "c", Verdict.DOUBT)[0].message.startswith("not saved")
    assert (tmp_path / "takes.json").read_bytes() == original


def test_a_file_broken_between_saves_is_set_aside_and_the_session_kept(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set_verdict(STORY, "a", Verdict.BELIEVE)
    (tmp_path / "takes.json").write_bytes(b"garbage")
    problems = store.set_verdict(STORY, "b", Verdict.DOUBT)
    assert len(problems) == 1 and "go to a new file" in problems[0].message
    (aside,) = (p for p in tmp_path.iterdir() if ASIDE.match(p.name))
    assert aside.read_bytes() == b"garbage"
    assert str(aside) in str(problems[0])
    assert {c: e["verdict"] for c, e in _entries(tmp_path)[STORY].items()} == {
        "a": "believe",
        "b": "doubt",
    }


# --------------------------------------------------------------------------- crashes


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_a_failed_save_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    store = _store(tmp_path)
    store.set_verdict(STORY, "a", Verdict.BELIEVE)
    before = (tmp_path / "takes.json").read_bytes()
    names = _names(tmp_path)

    def crash(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, step, crash)
    problems = store.set_verdict(STORY, "a", Verdict.DOUBT)
    monkeypatch.undo()
    assert len(problems) == 1 and "Input/output error" in problems[0].message
    assert (tmp_path / "takes.json").read_bytes() == before
    assert _names(tmp_path) == names == {"takes.json", "takes.json.lock"}
    take = store.take(STORY, "a")  # the failed change was not applied in memory either
    assert take is not None and take.verdict == Verdict.BELIEVE


def test_an_interrupted_save_cleans_up_and_releases_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    store.set_verdict(STORY, "a", Verdict.BELIEVE)
    before = (tmp_path / "takes.json").read_bytes()

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.set_verdict(STORY, "a", Verdict.DOUBT)
    monkeypatch.undo()
    assert (tmp_path / "takes.json").read_bytes() == before
    assert _names(tmp_path) == {"takes.json", "takes.json.lock"}
    assert store.set_verdict(STORY, "a", Verdict.DOUBT) == []  # the lock was released


def test_temp_files_left_by_a_killed_save_are_removed(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set_verdict(STORY, "a", Verdict.BELIEVE)
    (tmp_path / ".takes.json.abc123.tmp").write_text("half a fi")
    (tmp_path / "unrelated.tmp").write_text("mine")
    store.set_verdict(STORY, "b", Verdict.BELIEVE)
    assert _names(tmp_path) == {"takes.json", "takes.json.lock", "unrelated.tmp"}


def test_a_held_lock_makes_the_save_fail_cleanly(tmp_path: Path) -> None:
    store = UserStore(tmp_path, lock_timeout=0.05)
    assert store.load() == []
    store.set_verdict(STORY, "a", Verdict.BELIEVE)
    before = (tmp_path / "takes.json").read_bytes()
    fd = os.open(tmp_path / "takes.json.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        problems = store.set_verdict(STORY, "a", Verdict.DOUBT)
    finally:
        os.close(fd)
    assert len(problems) == 1 and "held takes.json.lock" in problems[0].message
    assert (tmp_path / "takes.json").read_bytes() == before
    assert store.set_verdict(STORY, "a", Verdict.DOUBT) == []


_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from tui.core.userdata import UserStore, Verdict

    directory, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    if sys.argv[4] == "slow":  # a slow disk: say when a sync starts, then take a while
        real_fsync = os.fsync

        def slow_fsync(fd):
            print("fsync", flush=True)
            time.sleep(0.05)
            real_fsync(fd)

        os.fsync = slow_fsync
    store = UserStore(directory)
    assert store.load() == []
    print("ready", flush=True)
    while not (directory / "go").exists():
        time.sleep(0.001)
    verdicts = list(Verdict)
    number = 0
    while count == 0 or number < count:
        problems = store.set_verdict("s", f"{prefix}{number}", verdicts[number % 3])
        if problems:
            print("problem", problems, flush=True)
            sys.exit(1)
        print(number, flush=True)
        number += 1
    """
)


def _child(directory: Path, prefix: str, count: int, slow: bool = False) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(directory),
            prefix,
            str(count),
            "slow" if slow else "fast",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def _verdict(number: int) -> str:
    return list(Verdict)[number % 3].value


def test_a_save_killed_midway_leaves_a_valid_file_with_every_saved_take(tmp_path: Path) -> None:
    old = {
        f"old{n}": {"verdict": "unsure", "note": "n" * 200, "updated": "2025-01-01T00:00:00Z"}
        for n in range(50)
    }
    (tmp_path / "takes.json").write_text(json.dumps({"format": 1, "takes": {"s": old}}))
    child = _child(tmp_path, "k", 0, slow=True)
    assert child.stdout is not None
    (tmp_path / "go").touch()
    # Each save prints "fsync" (the temp file), "fsync" (the folder), then its number.
    # After a few saves, kill the child inside the next save's first sync: its new
    # file is written but not yet in place.
    saved: list[int] = []
    syncs = 0
    while True:
        line = child.stdout.readline().strip()
        assert line and not line.startswith("problem"), line
        if line == "fsync":
            syncs += 1
            if len(saved) >= 3 and syncs == 1:
                break
        else:
            saved.append(int(line))
            syncs = 0
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=10) == -signal.SIGKILL
    child.stdout.close()
    assert [name for name in _names(tmp_path) if name.endswith(".tmp")]  # killed mid-save

    json.loads((tmp_path / "takes.json").read_text(encoding="utf-8"))
    store = _store(tmp_path)
    takes = store.takes("s")
    assert set(takes) == {f"k{n}" for n in saved} | set(old)
    for number in saved:
        take = takes[f"k{number}"]
        assert take.verdict is not None and take.verdict.value == _verdict(number)
    assert all(takes[f"old{n}"].note == "n" * 200 for n in range(50))
    store.set_verdict("s", "after", Verdict.DOUBT)  # and the next save clears the leftover
    assert not [name for name in _names(tmp_path) if name.endswith(".tmp")]


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    count = 25
    children = {prefix: _child(tmp_path, prefix, count) for prefix in ("a", "b")}
    (tmp_path / "go").touch()
    for child in children.values():
        out, _ = child.communicate(timeout=60)
        assert child.returncode == 0, out
    entries = _entries(tmp_path)["s"]
    assert len(entries) == 2 * count
    for prefix in children:
        for number in range(count):
            assert entries[f"{prefix}{number}"]["verdict"] == _verdict(number)


# --------------------------------------------------------------------------- merging


def test_two_stores_merge_per_claim_newest_wins(tmp_path: Path) -> None:
    first, second = _store(tmp_path), _store(tmp_path)
    first.set_verdict(STORY, "shared", Verdict.BELIEVE)
    second.set_verdict(STORY, "mine", Verdict.UNSURE)  # second never saw "shared"
    assert set(second.takes(STORY)) == {"shared", "mine"}
    second.set_verdict(STORY, "shared", Verdict.DOUBT)  # newer than first's
    first.set_note(STORY, "other", "x")  # first's stale "shared" must not win
    on_disk = _entries(tmp_path)[STORY]
    assert on_disk["shared"]["verdict"] == "doubt"
    assert on_disk["mine"]["verdict"] == "unsure"
    shared = first.take(STORY, "shared")
    assert shared is not None and shared.verdict == Verdict.DOUBT
    second.set_verdict(STORY, "mine", None)  # a removal merges like any change
    first.set_note(STORY, "other", "y")
    assert first.take(STORY, "mine") is None
    assert _store(tmp_path).take(STORY, "mine") is None


def test_a_change_wins_even_when_the_clock_is_behind(tmp_path: Path) -> None:
    future = "2100-01-01T00:00:00Z"
    (tmp_path / "takes.json").write_text(
        json.dumps(
            {
                "format": 1,
                "takes": {"s": {"c": {"verdict": "doubt", "note": "", "updated": future}}},
            }
        )
    )
    store = _store(tmp_path)
    assert store.set_verdict("s", "c", Verdict.BELIEVE) == []
    take = _store(tmp_path).take("s", "c")
    assert take is not None and take.verdict == Verdict.BELIEVE
    assert take.updated > dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def test_orphans_are_reported_and_kept_in_the_file(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set_verdict(STORY, "gone-claim", Verdict.DOUBT)
    store.set_verdict(STORY, "kept", Verdict.BELIEVE)
    store.set_verdict(STORY, "cleared", Verdict.BELIEVE)
    store.set_verdict(STORY, "cleared", None)
    claims = {"kept", "another"}
    assert set(store.orphans(STORY, claims)) == {"gone-claim"}
    for _ in range(3):
        store.set_note(STORY, "kept", "more saves")
    again = _store(tmp_path)
    orphans = again.orphans(STORY, claims)
    assert set(orphans) == {"gone-claim"} and orphans["gone-claim"].verdict == Verdict.DOUBT
    assert "gone-claim" in _entries(tmp_path)[STORY]


# --------------------------------------------------------------------------- where


def test_the_data_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert data_dir() == Path(os.environ[ENV_DATA_DIR])  # set per test by tests/conftest.py
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path))
    assert data_dir() == tmp_path
    assert data_file(tmp_path) == tmp_path / "takes.json"
    store = UserStore()
    assert store.path == tmp_path / "takes.json"
    assert store.lock_path == tmp_path / "takes.json.lock"
    store.load()
    store.set_verdict(STORY, "c", Verdict.DOUBT)
    assert (tmp_path / "takes.json").is_file()


def test_without_the_variable_the_platform_data_folder_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from platformdirs import user_data_path

    monkeypatch.delenv(ENV_DATA_DIR)
    assert data_dir() == user_data_path("deepseek-tui", appauthor=False)
    assert data_dir().name == "deepseek-tui"
