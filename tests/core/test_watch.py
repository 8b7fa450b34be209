"""The seed watcher: which changes it sees, that it waits for a save to settle, and
that its thread ends when it is stopped. Looks are made one at a time with ``check``;
no assertion depends on timing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.core.support import MINIMAL
from tui.core import watch
from tui.core.watch import SeedWatcher, snapshot


class Calls:
    def __init__(self) -> None:
        self.count = 0
        self.event = threading.Event()

    def __call__(self) -> None:
        self.count += 1
        self.event.set()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.toml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def _watcher(paths: list[Path]) -> tuple[SeedWatcher, Calls]:
    calls = Calls()
    return SeedWatcher(paths, calls, settle_s=0.0), calls


def test_nothing_changed_nothing_reported(story: Path) -> None:
    watcher, calls = _watcher([story])
    assert not watcher.check()
    assert calls.count == 0


def test_a_save_is_reported_once(story: Path) -> None:
    watcher, calls = _watcher([story])
    story.write_text(story.read_text() + "# edited\n")
    assert watcher.check()
    assert not watcher.check()
    assert calls.count == 1


def test_a_save_of_the_same_size_is_seen_by_its_time(story: Path) -> None:
    watcher, _ = _watcher([story])
    stat = story.stat()
    story.write_text(story.read_text().replace('"minimal"', '"minimax"'))
    assert story.stat().st_size == stat.st_size
    os.utime(story, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert watcher.check()


def test_a_save_by_rename_is_seen_by_its_inode(story: Path) -> None:
    watcher, _ = _watcher([story])
    stat = story.stat()
    replacement = story.with_name(".story.toml.tmp")
    replacement.write_bytes(story.read_bytes())
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time and size
    os.replace(replacement, story)
    assert watcher.check()


def test_a_deleted_and_recreated_file_is_seen_both_times(story: Path) -> None:
    watcher, calls = _watcher([story])
    text = story.read_bytes()
    story.unlink()
    assert watcher.check()
    story.write_bytes(text)
    assert watcher.check()
    assert calls.count == 2


def test_in_a_folder_new_story_files_count_and_other_files_do_not(story: Path) -> None:
    folder = story.parent
    watcher, calls = _watcher([folder])
    (folder / "notes.txt").write_text("not a story")
    (folder / "story.schema.json").write_text("{}")  # the schema `new` writes beside
    assert not watcher.check()
    (folder / "second.toml").write_bytes(MINIMAL.read_bytes())
    assert watcher.check()
    (folder / "second.toml").unlink()
    assert watcher.check()
    assert calls.count == 2


def test_a_missing_seed_path_is_watched_until_it_appears(tmp_path: Path) -> None:
    later = tmp_path / "later.toml"
    assert snapshot([later]) == {later: None}
    watcher, _ = _watcher([later])
    assert not watcher.check()
    later.write_bytes(MINIMAL.read_bytes())
    assert watcher.check()


def test_a_change_is_reported_once_it_holds_still(
    monkeypatch: pytest.MonkeyPatch, story: Path
) -> None:
    """An editor caught halfway through a write: the looks differ until it is done."""
    watcher, calls = _watcher([story])
    seen = [{story: (1, 1, 1)}, {story: (2, 2, 1)}, {story: (3, 3, 1)}, {story: (3, 3, 1)}]
    looks: list[int] = []

    def fake(paths: object) -> watch.Snapshot:
        looks.append(1)
        return seen[min(len(looks) - 1, len(seen) - 1)]

    monkeypatch.setattr(watch, "snapshot", fake)
    assert watcher.check()
    assert len(looks) == 4 and calls.count == 1
    assert not watcher.check()  # what it reported is what it now compares with


def test_the_thread_reports_a_save_and_ends_when_stopped(story: Path) -> None:
    calls = Calls()
    watcher = SeedWatcher([story], calls, poll_s=0.01, settle_s=0.0)
    watcher.start()
    watcher.start()  # once only
    try:
        assert watcher.running
        story.write_text(story.read_text() + "# edited\n")
        assert calls.event.wait(30), "the save was never reported"
    finally:
        watcher.stop()
    assert not watcher.running
    assert not any(t.name == "seed watcher" for t in threading.enumerate())


def test_stop_from_the_callback_and_before_start_are_harmless(story: Path) -> None:
    SeedWatcher([story], lambda: None).stop()
    stopped = threading.Event()
    holder: list[SeedWatcher] = []

    def stop_here() -> None:
        holder[0].stop()
        stopped.set()

    watcher = SeedWatcher([story], stop_here, poll_s=0.01, settle_s=0.0)
    holder.append(watcher)
    watcher.start()
    story.write_text(story.read_text() + "# edited\n")
    assert stopped.wait(30)
    watcher.stop()
    assert not watcher.running
