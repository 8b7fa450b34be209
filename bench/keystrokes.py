"""Key to screen, in a real pseudo-terminal: how long the interface makes you wait.

    python -m bench.keystrokes [--sizes 10000 100000]

On a generated corpus: each character typed into the search box until it is echoed,
each ``j`` until the inspector shows the next claim, and ``f`` until the filter bar
shows the stance. This is the "no key blocks the interface" measure: a key that
starts work in a worker is answered as soon as the screen reacts.
"""

from __future__ import annotations

import argparse
import statistics

from bench.corpora import corpus_path
from bench.ptyclock import Session
from bench.startup import _env, tui_command, warm_seeds


def measure(size: int) -> dict[str, list[float]]:
    seeds = corpus_path(size)
    warm_seeds(seeds)
    session = Session([*tui_command(), "--seeds", str(seeds)], env=_env())
    times: dict[str, list[float]] = {"j (next claim in the inspector)": [],
                                     "search keystroke (echo)": [], "f (stance filter)": []}
    try:
        session.wait_for(lambda text: "Claim 0:" in text)
        session.settle(0.5)
        for n in range(1, 21):
            session.send("j")
            times["j (next claim in the inspector)"].append(session.wait_for(
                lambda text, n=n: any("CLAIM" in line and f"Claim {n}:" in line
                                      for line in text.splitlines())))
            session.settle(0.02)
        session.send("/")
        session.wait_for(lambda text: "search every pane" in text)
        typed = ""
        for char in "claim 77 fleet":
            typed += char
            session.send(char)
            times["search keystroke (echo)"].append(session.wait_for(
                lambda text, t=typed: t in text.replace("search “", "")))
            session.settle(0.05)
        session.send(b"\x1b")  # Esc: clear the search
        session.settle(1.0)
        for stance in ("skeptical", "supportive", "neutral", "mixed"):
            session.send("f")
            times["f (stance filter)"].append(session.wait_for(
                lambda text, s=stance: f"stance: {s}" in text))
            session.settle(0.05)
    finally:
        session.close()
    return times


def table(size: int, times: dict[str, list[float]]) -> str:
    lines = [f"| {size:,} + {size:,} (pty) | keys | median ms | max ms | target |",
             "|---|---|---|---|---|"]
    target = "≤ 200 ms" if size >= 100_000 else "≤ 50 ms"
    for kind, samples in times.items():
        ms = [s * 1000 for s in samples]
        lines.append(f"| {kind} | {len(ms)} | {statistics.median(ms):.0f} | {max(ms):.0f} "
                     f"| {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    for size in parser.parse_args().sizes:
        print(table(size, measure(size)))
        print()


if __name__ == "__main__":
    main()
