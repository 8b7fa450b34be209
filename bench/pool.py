"""The process pool, with it and without it in one run: what ``tui.core.pool`` is worth.

    python -m bench.pool [--stories 1000] [--reps 3]

Loads the generated archive (``bench/generate.py --archive``) with ``load_many``
as the app's background load does (each story indexed and its search text built),
cold (an empty cache: the pool checks and caches) and cached (the cache written by the
cold pass: those files are read in this thread either way), once through the pool
and once in one thread per round, alternating which goes first. Also times
``deepseek-tui validate FOLDER`` cold, which loads through the same function.
Wall-clock medians; the ratio is what counts on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.archive import archive_folder
from bench.startup import compile_package, tui_command


def load_all(folder: Path, cache: Path, pool: bool) -> float:
    """Seconds to load and index every story of ``folder`` with ``cache`` as the cache."""
    from tui.core.corpus import Corpus
    from tui.core.loader import story_files
    from tui.core.pool import load_many

    os.environ["DEEPSEEK_TUI_CACHE_DIR"] = str(cache)
    files = story_files(folder)
    assert isinstance(files, list)
    start = time.perf_counter()
    loaded = 0
    for _, outcome in load_many(files, pool=pool):
        if isinstance(outcome, Corpus):
            outcome.prepare_search()
            loaded += 1
    assert loaded == len(files)
    return time.perf_counter() - start


def validate_cold(folder: Path) -> float:
    with tempfile.TemporaryDirectory() as empty:
        start = time.perf_counter()
        subprocess.run([*tui_command(), "validate", str(folder)], check=True,
                       stdout=subprocess.DEVNULL,
                       env={**os.environ, "DEEPSEEK_TUI_CACHE_DIR": empty})
        return time.perf_counter() - start


def measure(stories: int, reps: int) -> dict[str, list[float]]:
    compile_package()
    folder = archive_folder(stories)
    times: dict[str, list[float]] = {}
    for round_ in range(reps):
        order = (True, False) if round_ % 2 == 0 else (False, True)
        for pool in order:
            name = "pool" if pool else "one thread"
            with tempfile.TemporaryDirectory() as cache:
                times.setdefault(f"cold, {name}", []).append(load_all(folder, Path(cache), pool))
                times.setdefault(f"cached, {name}", []).append(
                    load_all(folder, Path(cache), pool))
        times.setdefault("validate, cold", []).append(validate_cold(folder))
    return times


def table(stories: int, times: dict[str, list[float]]) -> str:
    def median(key: str) -> float:
        return statistics.median(times[key])

    lines = [f"| {stories:,} stories | one thread s | pool s | pool ÷ one thread |",
             "|---|---|---|---|"]
    for mode in ("cold", "cached"):
        one, pool = median(f"{mode}, one thread"), median(f"{mode}, pool")
        lines.append(f"| {mode} | {one:.2f} | {pool:.2f} | {pool / one:.2f}× |")
    lines.append(f"\n`deepseek-tui validate` of the {stories:,} stories, cold: "
                 f"{median('validate, cold'):.2f} s (median of {len(times['validate, cold'])}).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    print(table(args.stories, measure(args.stories, args.reps)))


if __name__ == "__main__":
    main()
