"""Key to screen, in a real pseudo-terminal: how long the interface makes you wait.

    python -m bench.keystrokes [--sizes 10000 100000]

On a generated corpus: each ``j`` until the inspector shows the next claim (40 of
them, so the list scrolls too), each character typed into the search box until it is
echoed, ``f`` until the stance is shown (twice round all four stances and back to
none), and ``j`` in the reactions pane until the inspector shows the next reaction
(each move re-marks the claims it links to). This is the "no key blocks the
interface" measure: a key that starts work in a worker is answered as soon as the
screen reacts. The app gets a second after its first rows to load its settings.

Each table starts with a yardstick from the same run: characters typed into a minimal
Textual app's ``Input`` (``bench/minimal_input_app.py``) until they are echoed. The
targets are in milliseconds, but a machine that runs at half speed doubles every row,
the yardstick's too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.corpora import corpus_path
from bench.first_search import search_box
from bench.ptyclock import Session
from bench.startup import _env, tui_command, warm_seeds

YARDSTICK = "minimal Textual app: keystroke echo (yardstick)"
YARDSTICK_APP = Path(__file__).resolve().parent / "minimal_input_app.py"
INSPECTOR_COLUMN = 80
"""At 120×40 the inspector pane lies right of this column (left of it: the GPU table)."""


def _inspector_title(text: str) -> str:
    """The inspector's first lines: what is selected (``REACTION …``, ``CLAIM …``).

    Several lines, as one can be cut short the same way for two items.
    """
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "REACTION" in line or "CLAIM" in line),
                 None)
    if start is None:
        return ""
    return "\n".join(line[INSPECTOR_COLUMN:] for line in lines[start:start + 6])


def _shows(part: str, text: str) -> bool:
    return part in text


def yardstick() -> list[float]:
    """Seconds from each key typed into a minimal Textual ``Input`` until it is echoed."""
    session = Session([sys.executable, str(YARDSTICK_APP)], env=_env())
    times = []
    try:
        session.wait_for(lambda text: "minimal input ready" in text)
        session.settle(1.0)
        typed = ""
        for char in "ZYXWVUTSRQPONM":  # no prefix of these is on screen before it is typed
            typed += char
            session.send(char)
            times.append(session.wait_for(partial(_shows, typed)))
            session.settle(0.05)
        session.send(b"\x11")  # Ctrl+Q: the Input would take the q that close() sends
        session.settle(0.5)
    finally:
        session.close()
    return times


def measure(size: int) -> dict[str, list[float]]:
    """Key-to-screen times on the ``size`` corpus, after the yardstick's (first row)."""
    base = yardstick()
    seeds = corpus_path(size)
    warm_seeds(seeds)
    session = Session([*tui_command(), "--seeds", str(seeds)], env=_env())
    times: dict[str, list[float]] = {
        YARDSTICK: base,
        "j (next claim in the inspector)": [], "search keystroke (echo)": [],
        "f (stance filter, and back)": [], "link highlight (j in reactions)": []}
    try:
        session.wait_for(lambda text: "Claim 0:" in text)
        session.settle(1.0)  # themes, takes and config load after the first rows
        for n in range(1, 41):  # past the bottom of the pane: scrolling too
            session.send("j")
            times["j (next claim in the inspector)"].append(session.wait_for(
                _claim_in_inspector(n)))
            session.settle(0.02)
        session.send("/")
        session.wait_for(lambda text: "search every pane" in text)
        typed = ""
        for char in "claim 77 fleet":
            typed += char
            session.send(char)
            # In the search box itself: "c", "cl", … "claim" are on screen before
            # they are typed (the footer, the inspector's text). A space shows only as
            # the cursor moving, which the screen's text does not hold.
            shown = typed.rstrip()
            times["search keystroke (echo)"].append(session.wait_for(
                _search_box_shows(shown)))
            session.settle(0.05)
        session.send(b"\x1b")  # Esc: clear the search
        session.settle(1.0)
        for _ in range(2):
            for stance in ("skeptical", "supportive", "neutral", "mixed", None):
                session.send("f")
                times["f (stance filter, and back)"].append(session.wait_for(
                    _stance_shown(stance)))
                session.settle(0.05)
        session.send("3")  # the reactions pane: each move re-marks the claims it links to
        session.settle(0.2)
        for _ in range(20):
            before = _inspector_title(session.text)
            session.send("j")
            times["link highlight (j in reactions)"].append(session.wait_for(
                _inspector_title_changed(before)))
            session.settle(0.02)
    finally:
        session.close()
    return times


def _claim_in_inspector(n: int) -> Callable[[str], bool]:
    return lambda text: any("CLAIM" in line and f"Claim {n}:" in line
                            for line in text.splitlines())


def _search_box_shows(typed: str) -> Callable[[str], bool]:
    return lambda text: search_box(text) == typed


def _stance_shown(stance: str | None) -> Callable[[str], bool]:
    return lambda text: f"stance: {stance}" in text if stance else "stance:" not in text


def _inspector_title_changed(before: str) -> Callable[[str], bool]:
    return lambda text: _inspector_title(text) not in ("", before)


def table(size: int, times: dict[str, list[float]]) -> str:
    lines = [f"| {size:,} + {size:,} (pty) | keys | median ms | p99 ms | max ms | target |",
             "|---|---|---|---|---|---|"]
    limit = "≤ 200 ms" if size >= 100_000 else "≤ 50 ms"
    for kind, samples in times.items():
        target = "—" if kind == YARDSTICK else limit
        ms = [s * 1000 for s in samples]
        ordered = sorted(ms)
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        lines.append(f"| {kind} | {len(ms)} | {statistics.median(ms):.0f} | {p99:.0f} "
                     f"| {max(ms):.0f} | {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    for size in parser.parse_args().sizes:
        print(table(size, measure(size)))
        print()


if __name__ == "__main__":
    main()
