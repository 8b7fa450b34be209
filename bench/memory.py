"""Peak memory of the dashboard with a large corpus open (resident set size, MB).

    python -m bench.memory [--sizes 10000 100000]

Runs the real app headless in a fresh process per corpus, waits for the story to be
on screen, and reports the process's peak RSS next to the minimal app's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.corpora import corpus_path

CACHE = Path(__file__).resolve().parent / ".cache"

_CHILD = """
import asyncio, json, resource, sys
from pathlib import Path
async def main():
    if sys.argv[1] == "minimal":
        from bench.minimal_app import Minimal
        app = Minimal()
    else:
        from tui.ui.app import create_app
        app = create_app([Path(sys.argv[1])])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in "jjjj":
            await pilot.press(key)
asyncio.run(main())
# The peak of this program's own memory: Linux carries ru_maxrss over an exec, so a
# fork of a large parent (this benchmark, after the others) showed in it (237 MB for
# the minimal app on 2026-12-04); VmHWM belongs to the new address space alone.
try:
    status = Path("/proc/self/status").read_text()
    peak = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(peak / 1024))
"""


def peak_mb(target: str) -> float:
    env = {**os.environ, "DEEPSEEK_TUI_CACHE_DIR": str(CACHE),
           "DEEPSEEK_TUI_CONFIG_DIR": str(CACHE / "config"),
           "DEEPSEEK_TUI_DATA_DIR": str(CACHE / "data")}
    out = subprocess.run([sys.executable, "-c", _CHILD, target], capture_output=True,
                         text=True, check=True, env=env, cwd=Path(__file__).parent.parent)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print("| corpus | peak RSS MB |\n|---|---|")
    print(f"| minimal Textual app | {peak_mb('minimal'):.0f} |")
    for size in args.sizes:
        path = corpus_path(size)
        subprocess.run([sys.executable, "-m", "tui", "validate", str(path)], check=True,
                       capture_output=True,
                       env={**os.environ, "DEEPSEEK_TUI_CACHE_DIR": str(CACHE)})
        print(f"| {size:,} claims + {size:,} reactions | {peak_mb(str(path)):.0f} |")


if __name__ == "__main__":
    main()
