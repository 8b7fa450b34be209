"""The first search keystroke, in a real pseudo-terminal: is it as quick as the rest?

    python -m bench.first_search [--stories small-1 issue-16 ...] [--wait 1.0] [--runs 1]

For each story the installed ``deepseek-tui`` is launched at 120×40; ``--wait``
seconds after its first rows (as ``bench.keystrokes`` gives the settings), ``/`` opens
the search box and ``QUERY`` is typed a key at a time, each once the previous one's
answer is on screen. Each key is timed from writing it to the pseudo-terminal until
it is echoed in the search box (does the interface wait?) and until the filter bar
shows that query's counts, "filtering…" gone (the answer): to the arrival of the
output that shows it, leaving out the terminal emulator's own parsing
(``ptyclock.StampedSession``). The first key is the one issue 16 is about; "the
rest" of the query, and the first key of a second search (after Esc), are there to
compare it with.

The stories sit on both sides of each threshold of ``tui.ui.planner`` (counted in
items, as the planner counts them), plus the issue's own case, the bundled story's
claims and reactions replicated to about 18,000 items.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from bench.corpora import corpus_of_items, corpus_path, replicated_path
from bench.generate import replicated_items, story_items
from bench.ptyclock import StampedSession
from bench.startup import _env, tui_command, warm_seeds
from tui.ui.planner import HUGE_STORY, LARGE_STORY, SMALL_STORY

QUERY = "export"
"""Typed one key at a time: "e" matches almost every item, so the first key is a
search of the whole story and a refill of every list; "export" narrows it."""
PAUSE_S = 0.3
"""Between keys, once the answer is on screen: about a slow typist's pace, and room
for anything the answer left to finish."""
ISSUE_COPIES = 714
"""The bundled story's 14 claims and 11 reactions 714 times over: 9,996 claims and
7,854 reactions, issue 16's "about 10,000 claims and 7,900 reactions"."""


@dataclass(frozen=True)
class Story:
    key: str
    name: str
    items: int
    """As the planner counts them: everything with an id."""
    path: Callable[[], Path]
    marker: str
    """Text of the first rows."""


def stories() -> list[Story]:
    def generated(key: str, name: str, items: int) -> Story:
        return Story(key, name, items, lambda: corpus_of_items(items), "Claim 0:")

    return [
        generated("small-1", "SMALL_STORY − 1", SMALL_STORY - 1),
        generated("small", "SMALL_STORY", SMALL_STORY),
        Story("issue-16", f"bundled story ×{ISSUE_COPIES} (issue 16)",
              replicated_items(ISSUE_COPIES), lambda: replicated_path(ISSUE_COPIES),
              "R1 rivals"),
        generated("large-1", "LARGE_STORY − 1", LARGE_STORY - 1),
        generated("large", "LARGE_STORY", LARGE_STORY),
        Story("10k", "10k claims + 10k reactions", story_items(10_000, 10_000),
              lambda: corpus_path(10_000), "Claim 0:"),
        generated("huge-1", "HUGE_STORY − 1", HUGE_STORY - 1),
        generated("huge", "HUGE_STORY", HUGE_STORY),
        Story("100k", "100k claims + 100k reactions", story_items(100_000, 100_000),
              lambda: corpus_path(100_000), "Claim 0:"),
    ]


@dataclass
class Key:
    """One key's times, in seconds from writing it; ``worker`` if "filtering…" showed."""

    echo: float
    result: float
    worker: bool


@dataclass
class Keys:
    first: Key
    rest: list[Key]
    again: Key
    """The first key of a second search, after Esc."""


def search_box(text: str) -> str | None:
    """What the search box shows (``None`` while it is closed): the line inside its
    border, which is the line under ``▊▔▔…`` at 120×40."""
    lines = text.splitlines()
    for above, line in pairwise(lines):
        if above.startswith("▊▔"):
            return line.strip("▊▎ ")
    return None


def _answered(text: str, typed: str) -> bool:
    """The filter bar shows the counts for ``typed``, and is not filtering any more."""
    bar = text.splitlines()[-1]
    return f"search “{typed}”:" in bar and "filtering…" not in bar


def _type(session: StampedSession, char: str, typed: str) -> Key:
    seen_worker = [False]

    def answered(text: str) -> bool:
        seen_worker[0] = seen_worker[0] or "filtering…" in text.splitlines()[-1]
        return _answered(text, typed)

    sent = time.perf_counter()
    session.send(char)
    session.wait_for(lambda text: search_box(text) == typed)
    echo = session.arrived - sent
    session.wait_for(answered)
    result = session.arrived - sent
    session.settle(PAUSE_S)
    return Key(echo, result, seen_worker[0])


def _open_search(session: StampedSession) -> None:
    session.send("/")
    session.wait_for(lambda text: (search_box(text) or "").startswith("search every pane"))
    session.settle(0.2)


def measure(story: Story, wait: float) -> Keys:
    seeds = story.path()
    warm_seeds(seeds)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.001)  # the pty reader's stamps: within a millisecond
    session = StampedSession([*tui_command(), "--seeds", str(seeds)], env=_env())
    try:
        session.wait_for(lambda text: story.marker in text)
        session.settle(wait)
        _open_search(session)
        typed = ""
        keys = []
        for char in QUERY:
            typed += char
            keys.append(_type(session, char, typed))
        session.send(b"\x1b")  # Esc: clear the search
        session.wait_for(lambda text: search_box(text) is None and "search “" not in text)
        session.settle(1.0)
        _open_search(session)
        again = _type(session, QUERY[0], QUERY[0])
    finally:
        session.close()
        sys.setswitchinterval(switch)
    return Keys(keys[0], keys[1:], again)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def _key(key: Key) -> str:
    return f"{_ms(key.echo)} | {_ms(key.result)}{' (w)' if key.worker else ''}"


def table(results: list[tuple[Story, Keys]]) -> str:
    lines = [
        "| story (120×40, pty) | items | 1st key: echo ms | 1st key: answer ms "
        "| rest: echo ms, median (max) | rest: answer ms, median (max) "
        "| 1st key of a 2nd search: echo ms | …: answer ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for story, keys in results:
        echo = [k.echo for k in keys.rest]
        result = [k.result for k in keys.rest]
        workers = sum(k.worker for k in keys.rest)
        lines.append(
            f"| {story.name} | {story.items:,} | {_key(keys.first)} "
            f"| {_ms(statistics.median(echo))} ({_ms(max(echo))}) "
            f"| {_ms(statistics.median(result))} ({_ms(max(result))})"
            f"{f' ({workers}w)' if workers else ''} | {_key(keys.again)} |"
        )
    return "\n".join(lines) + (
        f"\n\nKeys typed: {QUERY!r}, one at a time; (w): the answer came from a worker "
        "(the filter bar said \"filtering…\" first)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    every = {story.key: story for story in stories()}
    parser.add_argument("--stories", nargs="+", choices=list(every), default=list(every))
    parser.add_argument("--wait", type=float, default=1.0,
                        help="seconds from the first rows to the first key (default 1)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for _ in range(args.runs):
        print(table([(every[key], measure(every[key], args.wait)) for key in args.stories]))
        print()


if __name__ == "__main__":
    main()
