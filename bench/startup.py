"""Cold start in a real pseudo-terminal, as a ratio to a minimal Textual app.

    python -m bench.startup [--reps 7]

Each round launches the minimal app and each deepseek-tui case once, alternating, so
machine noise hits them alike; the medians and their ratios are printed. Stories are
cached first (a launch on an unchanged corpus reads the cache), in a cache folder of
the benchmark's own, and the package is compiled to bytecode first (see
``compile_package``).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpora import corpus_path
from bench.ptyclock import times_to_texts

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
REPS = 11
"""Rounds: the medians of a cold start still move by a few percent from run to run here."""


@dataclass(frozen=True)
class Case:
    name: str
    command: list[str]
    markers: list[str]
    target: float | None  # the ratio the issue asks for, if any
    whole: list[str] = field(default_factory=list)
    """Markers of the rest of the dashboard, drawn in the frames after the first (the
    inspector's links): timed too, so what the first frame leaves out is not hidden."""


def tui_command() -> list[str]:
    """How a person starts the dashboard: the installed ``deepseek-tui`` script.

    ``python -m tui`` would also time ``runpy`` finding the package (about 8 ms here),
    which nobody who installed the tool pays; it is the fallback if the script is
    missing.
    """
    script = Path(sys.executable).with_name("deepseek-tui")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tui"]


REPLY_ROW = "↳ Person"
"""On screen once the generated stories' reactions list has rows (their quotes, which
read "Reaction …", are cut short beside the replies' names)."""


def cases() -> list[Case]:
    tui = tui_command()
    return [
        Case("minimal Textual app", [sys.executable, str(ROOT / "bench" / "minimal_app.py")],
             ["minimal app ready"], None),
        Case("default story", tui, ["R1 rivals", "Lmao, no"], 1.25, ["Linked item"]),
        Case("10k claims + 10k reactions", [*tui, "--seeds", str(corpus_path(10_000))],
             ["Claim 0:", REPLY_ROW], 3.0),
        Case("100k claims + 100k reactions", [*tui, "--seeds", str(corpus_path(100_000))],
             ["Claim 0:", REPLY_ROW], None),
    ]


def compile_package() -> None:
    """Compile ``tui`` to bytecode, as ``pip install`` does and as the first launch of
    an editable install does.

    Textual, in site-packages, was compiled when it was installed. Without this, a
    machine whose environment sets ``PYTHONDONTWRITEBYTECODE`` (this one does) never
    writes ``tui``'s bytecode, and every launch compiles its ~60 modules from source:
    about 55 ms on 2026-12-01, which put the default story at 1.36× instead of 1.15×
    and made each new module look like a millisecond of start-up. No installed copy
    pays that twice.
    """
    compileall.compile_dir(ROOT / "tui", quiet=1)


def warm_seeds(seeds: Path | None = None) -> None:
    """Fill the cache for ``seeds`` (default: the bundled story) and compile the
    package: what a first launch leaves behind."""
    compile_package()
    extra = [str(seeds)] if seeds is not None else []
    subprocess.run([sys.executable, "-m", "tui", "validate", *extra], check=True,
                   env=_env(), capture_output=True)


def warm(case: Case) -> None:
    """Fill the cache for the case's seeds (what any second launch finds)."""
    if "--seeds" in case.command:
        warm_seeds(Path(case.command[case.command.index("--seeds") + 1]))
    elif case.command == tui_command():
        warm_seeds()


def _env() -> dict[str, str]:
    return {**os.environ, "DEEPSEEK_TUI_CACHE_DIR": str(CACHE),
            "DEEPSEEK_TUI_CONFIG_DIR": str(CACHE / "config"),
            "DEEPSEEK_TUI_DATA_DIR": str(CACHE / "data")}


WHOLE = " (whole dashboard)"


def measure(reps: int) -> dict[str, list[float]]:
    """Seconds to the first frame for every case (and to the whole dashboard, under
    the case's name plus ``WHOLE``), one launch per case per round."""
    chosen = cases()
    for case in chosen:
        warm(case)
    times: dict[str, list[float]] = {case.name: [] for case in chosen}
    for _ in range(reps):
        for case in chosen:
            stages = [case.markers, *([case.whole] if case.whole else [])]
            first, *rest = times_to_texts(case.command, stages, env=_env())
            times[case.name].append(first)
            if rest:
                times.setdefault(case.name + WHOLE, []).append(rest[0])
    return times


def table(times: dict[str, list[float]]) -> str:
    chosen = cases()
    base = statistics.median(times[chosen[0].name])
    lines = ["| case (120×40, cached) | median s | ratio | target | met | whole dashboard s |",
             "|---|---|---|---|---|---|"]
    for case in chosen:
        median = statistics.median(times[case.name])
        ratio = median / base
        target = f"≤ {case.target}×" if case.target else ("—" if case is chosen[0] else "opens")
        met = "—" if case is chosen[0] else ("yes" if case.target is None or ratio <= case.target
                                             else "no")
        whole = times.get(case.name + WHOLE)
        rest = f"{statistics.median(whole):.3f}" if whole else "—"
        lines.append(f"| {case.name} | {median:.3f} | {ratio:.2f}× | {target} | {met} | {rest} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=REPS)
    print(table(measure(parser.parse_args().reps)))


if __name__ == "__main__":
    main()
