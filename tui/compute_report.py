"""``deepseek-tui compute``: the compute lens as Rich tables, plain text, or JSON.

On a terminal the lens is a few Rich tables with bars; piped, it is plain aligned text
(no box drawing, no colour), so it greps and diffs well. Every cell is ``Text`` built
from data, never markup. The JSON is ``tui.core.compute.lens_json``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui.core import compute
from tui.core import compute_view as view
from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.labels import CONFIRMATION_WORD
from tui.core.text import one_line

BAR_WIDTH = 24


def run_lines(lens: compute.Lens, corpus: Corpus) -> list[tuple[str, str]]:
    """(run, what the lens says about it) for every run of the story."""
    lines = []
    for run in lens.runs:
        item = run.run
        if run.training_flop is None or run.pretraining_gpu_hours is None:
            lines.append((run.name, f"lens does not apply: {run.reason}"))
            continue
        gpu = corpus.title_of(item.gpu)
        mark = view.UNCERTAIN_MARK if run.uncertain else ""
        shares = ", ".join(
            f"{view.percent(share)}{mark} of {view.precision_word(precision)} dense peak"
            for precision, share in run.implied.items() if share is not None
        )
        lines.append((
            run.name,
            f"{view.flop(run.training_flop)} FLOP by 6ND (6 × "
            f"{item.active_parameters_billions:g}B active parameters × "
            f"{item.training_tokens_trillions:g}T tokens, a floor); in "
            f"{fmt.hours(run.pretraining_gpu_hours)}{mark} {gpu} pre-training GPU-hours "
            f"that implies {shares or 'no known peak'}",
        ))
    return lines


def reference_lines(corpus: Corpus) -> list[tuple[str, ...]]:
    """(label, share of peak, how firm) for each reference utilisation."""
    rows: list[tuple[str, ...]] = []
    for ref in corpus.utilisations:
        share = view.marked(view.percent_range(ref.low_percent, ref.high_percent),
                            uncertain=ref.uncertain)
        rows.append((one_line(ref.label),
                     f"{share} of {view.precision_word(ref.precision)} dense peak",
                     CONFIRMATION_WORD[ref.status]))
    return rows


def fleet_rows(lens: compute.Lens, run: compute.RunCompute) -> list[tuple[str, ...]]:
    """(fleet, GPUs, precision, days, bar) for ``run`` on every fleet."""
    rows: list[tuple[str, ...]] = []
    for fleet in lens.fleets:
        peak = fleet.peak
        gpus = view.marked(f"{peak.gpu_count:,}", peak.approximate, peak.uncertain)
        precision = view.peak_word(peak.precision, peak.fell_back)
        value = fleet.days.get(run.run.id)
        if value is None:
            days, bar = "?", ""
        else:
            days = view.marked(view.days(value), peak.approximate, peak.uncertain)
            bar = view.days_bar(value, BAR_WIDTH)
        rows.append((one_line(fleet.fleet.label), gpus, precision, days, bar))
    return rows


def peak_rows(lens: compute.Lens) -> list[tuple[str, ...]]:
    """(fleet, GPUs, precision, dense peak PFLOPS, PFLOPS at the lens's utilisation) for
    every fleet: what the lens shows when no run gives it a model to time."""
    rows: list[tuple[str, ...]] = []
    for fleet in lens.fleets:
        peak = fleet.peak
        sustained = None if peak.flops is None else peak.flops * lens.utilisation
        rows.append((one_line(fleet.fleet.label),
                     view.marked(f"{peak.gpu_count:,}", peak.approximate, peak.uncertain),
                     view.peak_word(peak.precision, peak.fell_back),
                     view.marked(view.pflops(peak.flops), peak.approximate, peak.uncertain),
                     view.marked(view.pflops(sustained), peak.approximate, peak.uncertain)))
    return rows


def _peak_title(lens: compute.Lens) -> str:
    return (f"What each fleet adds up to: dense peak PFLOPS, and at "
            f"{view.setting(lens.utilisation)} of it")


PEAK_HEADER = ("Fleet", "GPUs", "Precision", "Peak PFLOPS", "At the lens's share")


def _heading(lens: compute.Lens) -> str:
    return (f"Compute lens at {view.setting(lens.utilisation)} of "
            f"{view.precision_word(lens.precision)} dense peak")


def render(lens: compute.Lens, corpus: Corpus) -> RenderableType:
    """The lens as Rich tables (for a terminal)."""
    parts: list[RenderableType] = [Text(_heading(lens), style="bold")]
    runs = Table(title=Text("Runs", style="bold"), box=box.SIMPLE_HEAD, title_justify="left")
    runs.add_column(Text("Run"))
    runs.add_column(Text("Training compute and implied utilisation"), overflow="fold")
    for name, said in run_lines(lens, corpus):
        runs.add_row(Text(one_line(name)), Text(said))
    parts.append(runs if lens.runs else Text(view.NO_RUN))
    refs = Table(title=Text("Reference utilisations (sourced context)", style="bold"),
                 box=box.SIMPLE_HEAD, title_justify="left")
    for column in ("Run", "Share of peak", "Checked"):
        refs.add_column(Text(column))
    for row in reference_lines(corpus):
        refs.add_row(*(Text(cell) for cell in row))
    parts.append(refs)
    for run in lens.applicable:
        table = Table(
            title=Text(f"Days for {run.name}'s pre-training on each fleet at "
                       f"{view.setting(lens.utilisation)} of peak", style="bold"),
            box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column(Text("Fleet"), overflow="fold")
        table.add_column(Text("GPUs"), justify="right")
        table.add_column(Text("Precision"))
        table.add_column(Text("Days"), justify="right")
        table.add_column(Text(view.days_axis(BAR_WIDTH)), no_wrap=True)
        for row in fleet_rows(lens, run):
            table.add_row(*(Text(cell) for cell in row))
        parts.append(table)
    if not lens.applicable and lens.fleets:
        if lens.runs:
            parts.append(Text(view.NO_RUN))
        table = Table(title=Text(_peak_title(lens), style="bold"), box=box.SIMPLE_HEAD,
                      title_justify="left")
        for index, column in enumerate(PEAK_HEADER):
            table.add_column(Text(column), justify="left" if index in (0, 2) else "right",
                             overflow="fold" if index == 0 else "ellipsis")
        for row in peak_rows(lens):
            table.add_row(*(Text(cell) for cell in row))
        parts.append(table)
    caveats = Table.grid(padding=(0, 1))
    caveats.add_column(width=3, justify="right")
    caveats.add_column()
    for caveat in lens.caveats:
        caveats.add_row(Text("•"), Text(caveat))
    parts += [Text("Caveats", style="bold"), caveats]
    parts.append(Text("~ approximate count   † rests on an unconfirmed figure   "
                      "days bars: log scale, 1 to 1,000 days", style="dim"))
    return Group(*parts)


def _aligned(rows: Sequence[tuple[str, ...]], indent: str = "  ") -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(width) for cell, width in zip(row, widths,
                                                                       strict=True)).rstrip()
            for row in rows]


def plain(lens: compute.Lens, corpus: Corpus) -> str:
    """The lens as plain aligned text (for a pipe or a file)."""
    out = [_heading(lens), "", "Runs"]
    out += [f"  {one_line(name)}: {said}" for name, said in run_lines(lens, corpus)]
    if not lens.applicable:
        out.append(f"  {view.NO_RUN}")
    references = reference_lines(corpus)
    if references:
        out += ["", "Reference utilisations (sourced context)", *_aligned(references)]
    for run in lens.applicable:
        out += ["", f"Days for {run.name}'s pre-training on each fleet at "
                    f"{view.setting(lens.utilisation)} of peak"]
        header = ("Fleet", "GPUs", "Precision", "Days", "log scale: 1 to 1,000 days")
        out += _aligned([header, *fleet_rows(lens, run)])
    if not lens.applicable and lens.fleets:
        out += ["", _peak_title(lens), *_aligned([PEAK_HEADER, *peak_rows(lens)])]
    out += ["", "Caveats", *(f"  - {caveat}" for caveat in lens.caveats), "",
            "~ approximate count   † rests on an unconfirmed figure"]
    return "\n".join(out) + "\n"


def print_lens(lens: compute.Lens, corpus: Corpus, console: Console | None = None) -> None:
    console = console or Console(highlight=False, emoji=False)
    if console.is_terminal:
        console.print(render(lens, corpus))
    else:
        console.file.write(plain(lens, corpus))
