"""An archive of stories: time to the first story, to all of them, and the picker.

    python -m bench.archive [--sizes 200 1000] [--reps 5]

Folders of copies of the bundled story (``bench/generate.py --archive``) are opened
the way a person opens them (``deepseek-tui --seeds FOLDER``) in a real
pseudo-terminal, cold (an empty cache) and cached (what any later launch finds).
Each round also launches the yardsticks: a minimal Textual app and the archive's
first story alone (cold and cached), so every ratio compares launches of the same
run. Times are medians over the rounds; the machine is shared, so single launches
move by tens of percent.

Reported per size: the time to the first story's claims on screen (and its ratio to
the story alone and to the minimal app), the time until every story has loaded
(the masthead says ``200 stories``), the first keystroke in the story picker (from
writing the key until the filtered count is on screen), opening a story from the
picker (Enter until its title is on screen), and the app's peak memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import write_archive
from bench.ptyclock import Session
from bench.startup import ROOT, compile_package, tui_command

FOLDER = ROOT / "bench" / "corpora"
CACHE = ROOT / "bench" / ".cache"
SIZES = (200, 1000)
REPS = 5
FIRST = ["Archive 0000", "R1 rivals", "Lmao, no"]
"""The newest story of a generated archive, its claims and its reactions on screen."""


def archive_folder(stories: int) -> Path:
    folder = FOLDER / f"archive-{stories}"
    if not (folder / f"archive-{stories - 1:04d}.toml").exists():
        partial = FOLDER / f"archive-{stories}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        write_archive(partial, stories)
        shutil.rmtree(folder, ignore_errors=True)
        partial.replace(folder)
    return folder


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "DEEPSEEK_TUI_CACHE_DIR": str(cache),
            "DEEPSEEK_TUI_CONFIG_DIR": str(CACHE / "config"),
            "DEEPSEEK_TUI_DATA_DIR": str(CACHE / "data")}


def _all_loaded(stories: int) -> Callable[[str], bool]:
    marker = f" {stories:,} stories"
    return lambda text: marker in text


def launch(command: list[str], cache: Path, markers: list[str], stories: int = 0,
           picker: bool = False) -> dict[str, float]:
    """One launch: seconds to the markers, then (for an archive) to every story loaded,
    the first picker keystroke, opening a story from the picker, and peak RSS in MB."""
    session = Session(command, env=_env(cache))
    result: dict[str, float] = {}
    try:
        session.wait_for(lambda text: all(m in text for m in markers))
        result["first"] = time.perf_counter() - session.started
        if stories:
            session.wait_for(_all_loaded(stories))
            result["all"] = time.perf_counter() - session.started
        if picker:
            session.send("o")
            session.wait_for(lambda text: "Filter:" in text)
            session.settle(0.3)
            start = time.perf_counter()
            session.send("7")
            session.wait_for(lambda text: "shown ·" in text)
            result["keystroke_ms"] = (time.perf_counter() - start) * 1000
            middle = stories // 2
            session.send("\x7f")
            session.wait_for(lambda text: "shown ·" not in text)
            session.send(f"archive-{middle:04d}")
            session.wait_for(lambda text: "1 shown ·" in text)
            session.settle(0.2)
            start = time.perf_counter()
            session.send("\r")
            session.wait_for(lambda text: text.lstrip().startswith(f"Archive {middle:04d}"))
            result["open_ms"] = (time.perf_counter() - start) * 1000
        result["rss_mb"] = _peak_mb(session.process.pid)
    finally:
        session.close()
    return result


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def measure(sizes: tuple[int, ...], reps: int) -> dict[str, list[dict[str, float]]]:
    compile_package()
    tui = tui_command()
    minimal = [sys.executable, str(ROOT / "bench" / "minimal_app.py")]
    folders = {size: archive_folder(size) for size in sizes}
    alone = folders[sizes[0]] / "archive-0000.toml"
    warm: dict[int | str, Path] = {size: CACHE / f"archive-{size}" for size in sizes}
    warm["alone"] = CACHE / "archive-alone"
    for size, folder in folders.items():  # what a first launch leaves behind
        launch([*tui, "--seeds", str(folder)], warm[size], FIRST, size)
    launch([*tui, "--seeds", str(alone)], warm["alone"], FIRST)
    runs: dict[str, list[dict[str, float]]] = {}

    def cold(command: list[str], **kwargs: object) -> dict[str, float]:
        with tempfile.TemporaryDirectory() as empty:
            return launch(command, Path(empty), FIRST, **kwargs)  # type: ignore[arg-type]

    for _ in range(reps):
        runs.setdefault("minimal", []).append(
            launch(minimal, warm["alone"], ["minimal app ready"]))
        runs.setdefault("alone cold", []).append(cold([*tui, "--seeds", str(alone)]))
        runs.setdefault("alone cached", []).append(
            launch([*tui, "--seeds", str(alone)], warm["alone"], FIRST))
        for size, folder in folders.items():
            command = [*tui, "--seeds", str(folder)]
            runs.setdefault(f"{size} cold", []).append(cold(command, stories=size))
            runs.setdefault(f"{size} cached", []).append(
                launch(command, warm[size], FIRST, size, picker=True))
    return runs


def _median(runs: list[dict[str, float]], key: str) -> float:
    values = [run[key] for run in runs if key in run]
    return statistics.median(values) if values else float("nan")


def table(runs: dict[str, list[dict[str, float]]], sizes: tuple[int, ...]) -> str:
    base = _median(runs["minimal"], "first")
    lines = [
        f"Yardsticks (median of {len(runs['minimal'])}): minimal Textual app {base:.3f} s; "
        f"first story alone: cold {_median(runs['alone cold'], 'first'):.3f} s, "
        f"cached {_median(runs['alone cached'], 'first'):.3f} s.",
        "",
        "| archive | first story s | × story alone | × minimal app | target | met "
        "| all loaded s | picker key ms | open from picker ms | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        for mode in ("cold", "cached"):
            case = runs[f"{size} {mode}"]
            first = _median(case, "first")
            ratio = first / _median(runs[f"alone {mode}"], "first")
            key = _median(case, "keystroke_ms")
            opened = _median(case, "open_ms")
            lines.append(
                f"| {size:,} stories, {mode} | {first:.3f} | {ratio:.2f}× | {first / base:.2f}× "
                f"| ≤ 1.25× | {'yes' if ratio <= 1.25 else 'no'} | {_median(case, 'all'):.2f} "
                f"| {'—' if key != key else f'{key:.0f}'} "
                f"| {'—' if opened != opened else f'{opened:.0f}'} "
                f"| {_median(case, 'rss_mb'):.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--reps", type=int, default=REPS)
    args = parser.parse_args()
    sizes = tuple(args.sizes)
    print(table(measure(sizes, args.reps), sizes))


if __name__ == "__main__":
    main()
