"""An archive of stories: which loads first, the index of heads, and loading many at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench.generate import write_archive
from tui.core import archive, cache, pool
from tui.core.corpus import Corpus
from tui.core.library import Library
from tui.core.seeds import load

BROKEN_STORY = '''format = 1
[story]
id = "broken-newest"
title = "The newest story, broken"
publisher = "x"
source = "x"
date = { date = 2030-01-01, precision = "day" }
summary = "x"

[[claims]]
id = "c"
by = "nobody"
short = "x"
text = "x"
kind = "not-a-kind"
status = "asserted"
section = "nowhere"
'''


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Five copies of the bundled story, archive-0000 (the newest) to archive-0004."""
    write_archive(tmp_path / "archive", 5)
    return tmp_path / "archive"


def test_the_newest_story_loads_first_then_newest_first(folder: Path) -> None:
    os.utime(folder / "archive-0000.toml", (1, 1))  # file times say nothing about order
    planned = archive.plan([folder])
    assert planned is not None
    assert [path.name for path in planned.files] == [
        f"archive-{n:04d}.toml" for n in range(5)]
    # Reversed names: the order is the stories' dates, not the files'.
    (folder / "archive-0004.toml").rename(folder / "a.toml")
    planned = archive.plan([folder])
    assert planned is not None and planned.files[-1].name == "a.toml"


def test_story_named_on_the_command_line_loads_first(folder: Path) -> None:
    planned = archive.plan([folder], "archive-0003")
    assert planned is not None
    assert planned.files[0].name == "archive-0003.toml"
    assert [p.name for p in planned.files[1:]] == [
        "archive-0000.toml", "archive-0001.toml", "archive-0002.toml", "archive-0004.toml"]


def scans_counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files ``scan_head`` reads from now on, in order."""
    scanned: list[Path] = []
    real_scan = archive.scan_head

    def scan(path: Path) -> archive.Head:
        scanned.append(path)
        return real_scan(path)

    monkeypatch.setattr(archive, "scan_head", scan)
    return scanned


def test_the_index_spares_the_scan_until_a_file_changes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library([folder])
    library.load_first(progress=lambda _: None)
    for batch in library.load_rest():
        for file, outcome in batch:
            library.add(file, outcome)
    library.finish()
    scanned = scans_counted(monkeypatch)
    planned = archive.plan([folder], scan=0)
    assert planned is not None and scanned == []
    assert planned.heads[folder / "archive-0002.toml"].claims == 14
    changed = folder / "archive-0002.toml"
    changed.write_text(changed.read_text().replace("2025-01-24", "2026-01-01", 1))
    assert archive.plan([folder], scan=0) is None  # the index no longer says
    assert archive.plan([folder], scan=1) is not None  # one file it may look at
    assert scanned == [changed]
    scanned.clear()
    planned = archive.plan([folder])
    assert scanned == [changed]
    assert planned is not None and planned.files[0] == changed  # now the newest


def test_an_index_entry_of_the_wrong_shape_is_scanned_instead(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is in the cache, which anyone can write: an odd entry costs a scan."""
    files = sorted(folder.iterdir())
    heads = [archive.scan_head(file) for file in files]
    heads = [head._replace(claims=14, reactions=11) for head in heads]
    key = archive.index_key(files)
    archive.write_index(key, heads)
    index = cache.cache_dir() / f"archive-{key}.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["files"][str(files[1])][2] = ["not", "a", "title"]
    index.write_text(json.dumps(data), encoding="utf-8")
    scanned = scans_counted(monkeypatch)
    planned = archive.plan([folder])
    assert scanned == [files[1]]
    assert planned is not None and planned.heads[files[1]].title == heads[1].title
    assert planned.heads[files[0]].claims == 14  # from the index


def test_a_story_table_longer_than_the_first_read_is_cut_out_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.toml"
    summary = "word " * 2000  # 10 KB: past the first read
    path.write_text(BROKEN_STORY.replace('summary = "x"', f'summary = "{summary}"'))
    parsed: list[int] = []
    real_story_in = archive._story_in

    def story_in(file: Path, text: bytes) -> dict[str, object] | None:
        parsed.append(len(text))
        return real_story_in(file, text)

    monkeypatch.setattr(archive, "_story_in", story_in)
    head = archive.scan_head(path)
    assert (head.story_id, head.date and head.date.isoformat()) == (
        "broken-newest", "2030-01-01")
    assert len(parsed) == 1 and parsed[0] < path.stat().st_size - 100  # the table alone


def test_a_story_table_the_quick_look_cannot_cut_out_is_read_from_the_whole_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "odd.toml"
    path.write_text('format = 1\nstory = { id = "odd", title = "Odd", '
                    'date = { date = 2024-05-06, precision = "day" } }\n')
    head = archive.scan_head(path)
    assert (head.story_id, head.date and head.date.isoformat()) == ("odd", "2024-05-06")


def test_a_broken_file_never_blocks_the_others(folder: Path) -> None:
    (folder / "broken.toml").write_text(BROKEN_STORY)
    library = Library([folder])
    first = library.load_first(progress=lambda _: None)
    # The broken file is the newest, so it was tried first; the next story opened.
    assert [file.name for file, _ in first] == ["broken.toml", "archive-0000.toml"]
    for file, outcome in first:
        library.add(file, outcome)
    for batch in library.load_rest():
        for file, outcome in batch:
            library.add(file, outcome)
    assert len(library.stories) == 5
    problems = library.problems[folder / "broken.toml"]
    assert "claims[0].kind" in {p.item for p in problems}
    assert all(p.line for p in problems)  # located
    entries = library.entries()
    assert entries[0].head.path.name == "broken.toml" and entries[0].corpus is None
    assert [e.corpus.story.id for e in entries[1:] if e.corpus] == [
        f"archive-{n:04d}" for n in range(5)]
    assert library.progress() == "5 stories, 1 broken"


def test_the_count_follows_the_load(folder: Path) -> None:
    library = Library([folder])
    for file, outcome in library.load_first(progress=lambda _: None):
        library.add(file, outcome)
    assert library.progress() == "1/5 stories"


def test_a_pool_of_processes_gives_what_one_thread_gives(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Cold in the pool (which writes the cache), then from the cache in this thread:
    the same stories, problems and search text as one thread gives."""
    (folder / "broken.toml").write_text(BROKEN_STORY)
    files = sorted(folder.iterdir())
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    started: list[int] = []
    real_start = pool.Loading.start_pool

    def start(self: pool.Loading, workers: int) -> object:
        started.append(workers)
        return real_start(self, workers)

    monkeypatch.setattr(pool.Loading, "start_pool", start)
    alone = list(pool.load_many(files, use_cache=False, pool=False))
    for _, outcome in alone:
        if isinstance(outcome, Corpus):
            outcome.prepare_search()
    for run in ("cold", "cached"):
        pooled = list(pool.load_many(files))
        assert started == [2], run  # only the cold run needed processes
        assert [file for file, _ in pooled] == files
        for (_, a), (_, b) in zip(pooled, alone, strict=True):
            if isinstance(a, Corpus):
                assert isinstance(b, Corpus) and a.story == b.story and a.claims == b.claims
                assert a.reactions == b.reactions and a.events == b.events
                assert a.actors == b.actors and a.sources == b.sources
                # the pool's stories come with their search text; this thread's build it
                assert (a.index.haystack is not None) == (run == "cold")
                a.prepare_search()
                assert a.index.haystack == b.index.haystack
                assert a.index.findable == b.index.findable
            else:
                assert a == b
    assert [f.name for f in files if pool._cache_key(f) is not None] == [
        f.name for f in files if f.name != "broken.toml"]


def test_the_pool_gives_out_a_few_files_ahead_at_most(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answers do not pile up: at most ``IN_FLIGHT`` per process are asked for ahead."""
    files = sorted(folder.iterdir()) * 3
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    monkeypatch.setattr(pool, "IN_FLIGHT", 2)
    given: list[int] = []
    real_start = pool.Loading.start_pool

    def start(self: pool.Loading, workers: int) -> object:
        executor = real_start(self, workers)
        assert executor is not None
        real_submit = executor.submit

        def submit(*args: object, **kwargs: object) -> object:
            given.append(1)
            return real_submit(*args, **kwargs)  # type: ignore[arg-type]

        executor.submit = submit  # type: ignore[method-assign, assignment]
        return executor

    monkeypatch.setattr(pool.Loading, "start_pool", start)
    ahead = []
    for taken, _ in enumerate(pool.load_many(files, use_cache=False), start=1):
        ahead.append(len(given) - taken)
    assert len(given) == len(files)
    assert max(ahead) == 4 and ahead[-1] == 0


def test_pool_processes_run_at_a_lower_priority() -> None:
    loading = pool.Loading()
    executor = loading.start_pool(1)
    assert executor is not None
    try:
        assert executor.submit(os.nice, 0).result(timeout=60) == min(19, os.nice(0) + 10)
    finally:
        loading.cancel()


def test_validate_of_a_folder_reports_in_path_order(folder: Path) -> None:
    (folder / "broken.toml").write_text(BROKEN_STORY)
    result = load([folder])
    assert [c.story.id for c in result.stories] == [f"archive-{n:04d}" for n in range(5)]
    assert result.bad_files == (folder / "broken.toml",)


def test_a_cache_entry_that_does_not_read_is_checked_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file found cached whose entry turns out broken loads from its TOML instead."""
    files = sorted(folder.iterdir())
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    first = [outcome for _, outcome in pool.load_many(files)]
    for entry in cache.cache_dir().glob("story-*.json"):
        entry.write_text("{", encoding="utf-8")
    again = [outcome for _, outcome in pool.load_many(files)]
    assert [c.story for c in again if isinstance(c, Corpus)] == [
        c.story for c in first if isinstance(c, Corpus)]
    assert len(again) == len(files) and all(isinstance(c, Corpus) for c in again)
