"""The work behind each key on large corpora, measured in Pilot: CPU and UI stalls.

    python -m bench.keys [--sizes 10000 100000]

For each corpus: moves (j), search keystrokes (typing into /), stance filter (f) and
link highlighting (moving through reactions, which re-marks the other panes). For
each press, the process's CPU time (every thread, so a search worker counts) from the
press until Pilot finds the app idle. Separately, a 5 ms timer on the event loop
records the longest gap between its ticks during each kind of key: how long the
interface was blocked, worker or not. Pilot's own waiting makes its wall times
meaningless as latency; the time a person waits is ``bench.keystrokes``'s table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path

from bench.corpora import corpus_path

CACHE = Path(__file__).resolve().parent / ".cache"


async def _time_keys(size: int) -> dict[str, list[tuple[float, float]]]:
    from tui.ui.app import create_app

    app = create_app([corpus_path(size)])
    results: dict[str, list[tuple[float, float]]] = {}
    stalls: dict[str, float] = {}
    last_tick = [time.perf_counter()]
    worst = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last_tick[0])
        last_tick[0] = now

    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.stories, app.problems
        app.set_interval(0.005, tick)

        async def press(kind: str, *keys: str) -> None:
            await pilot.pause(0.05)
            last_tick[0], worst[0] = time.perf_counter(), 0.0
            for key in keys:
                wall, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                results.setdefault(kind, []).append(
                    (time.perf_counter() - wall, time.process_time() - cpu)
                )
            stalls[kind] = max(stalls.get(kind, 0.0), worst[0])

        await press("move (j/k)", *"j" * 40, *"k" * 10)
        await press("page down", *["pagedown"] * 10)
        await pilot.press("slash")
        await press("search keystroke", *"claim 1", *["backspace"] * 7, *"fleet")
        await pilot.press("escape")
        await pilot.pause()
        await press("stance filter (f)", *"f" * 10)
        await pilot.press("3")
        await press("link highlight (j in reactions)", *"j" * 30)
    results["__stalls__"] = [(stalls[k], 0.0) for k in results if k != "__stalls__"]
    _STALLS.update(stalls)
    return results


_STALLS: dict[str, float] = {}


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def table(size: int, results: dict[str, list[tuple[float, float]]]) -> str:
    lines = [f"| {size:,} + {size:,}: key | presses | CPU p50 ms | CPU p99 ms "
             "| longest UI stall ms |",
             "|---|---|---|---|---|"]
    for kind, samples in results.items():
        if kind == "__stalls__":
            continue
        cpu = [c * 1000 for _, c in samples]
        lines.append(f"| {kind} | {len(samples)} | {statistics.median(cpu):.1f} | "
                     f"{_p99(cpu):.1f} | {_STALLS.get(kind, 0.0) * 1000:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    os.environ.setdefault("DEEPSEEK_TUI_CACHE_DIR", str(CACHE))
    os.environ.setdefault("DEEPSEEK_TUI_CONFIG_DIR", str(CACHE / "config"))
    os.environ.setdefault("DEEPSEEK_TUI_DATA_DIR", str(CACHE / "data"))
    for size in args.sizes:
        print(table(size, asyncio.run(_time_keys(size))))
        print()


if __name__ == "__main__":
    main()
