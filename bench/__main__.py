"""Run every benchmark and print the tables the README shows: ``python -m bench``."""

from __future__ import annotations

import os
import platform
import sys

import textual

from bench import archive, first_search, keys, keystrokes, memory, pool, startup


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, Textual {textual.__version__}")


def main() -> None:
    print(f"Machine: {machine()}\n")
    print("Cold start (pseudo-terminal, time until claims and reactions are on screen):\n")
    print(startup.table(startup.measure(startup.REPS)))
    print("\nPeak memory:\n")
    sys.argv = [sys.argv[0]]
    memory.main()
    print("\nKey to screen (pseudo-terminal):\n")
    for size in (10_000, 100_000):
        print(keystrokes.table(size, keystrokes.measure(size)))
        print()
    print("First search keystroke (pseudo-terminal, a second after the first rows):\n")
    print(first_search.table([(story, first_search.measure(story, 1.0))
                              for story in first_search.stories()]))
    print()
    print("Work per key inside the app (Pilot: CPU of every thread, longest UI stall):\n")
    keys.main()
    print("\nAn archive of stories (pseudo-terminal; medians of the rounds):\n")
    print(archive.table(archive.measure(archive.SIZES, archive.REPS), archive.SIZES))
    print("\nThe process pool, with it and without it (1,000 stories, medians of 3):\n")
    print(pool.table(1000, pool.measure(1000, 3)))


if __name__ == "__main__":
    main()
