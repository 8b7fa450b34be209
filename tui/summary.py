"""``deepseek-tui summary``: the story as Rich tables on stdout.

Every cell is a ``rich.text.Text`` built from data, so seed text is never read as
markup. Rich drops colour and styles by itself when stdout is not a terminal.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.labels import fleet_label, stance_label, status_label
from tui.core.text import one_line


def _table(title: str, *columns: str) -> Table:
    table = Table(title=Text(title, style="bold"), box=box.SIMPLE_HEAD, title_justify="left")
    for column in columns:
        table.add_column(Text(column), overflow="fold")
    return table


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(one_line(cell)) for cell in cells))


def render_story(corpus: Corpus) -> RenderableType:
    """The whole story as a group of tables."""
    story = corpus.story
    header = Text.assemble(
        (one_line(story.title), "bold"),
        "\n",
        f"{one_line(story.publisher)} · {fmt.when(story.date, with_time=False)} · ",
        one_line(story.source),
        "\n\n",
        story.summary,
    )
    claims = _table("Claims", "Claimant", "Claim", "Status")
    for claim in corpus.claims:
        _row(claims, corpus.actor_name(claim.by), claim.short, status_label(claim.status))

    gpus = _table(
        "GPUs (datasheet, dense)",
        "GPU",
        "Memory GB",
        "Mem BW GB/s",
        "BF16 TFLOPS",
        "FP8 TFLOPS",
        "TDP W",
        "NVLink GB/s",
    )
    for gpu in corpus.gpus:
        unsure = set(gpu.uncertain)
        _row(
            gpus,
            gpu.name,
            fmt.figure(gpu.memory_gb, "memory_gb" in unsure),
            fmt.figure(gpu.memory_bandwidth_gbs, "memory_bandwidth_gbs" in unsure),
            fmt.figure(gpu.bf16_dense_tflops, "bf16_dense_tflops" in unsure),
            fmt.figure(gpu.fp8_dense_tflops, "fp8_dense_tflops" in unsure),
            fmt.figure(gpu.tdp_w, "tdp_w" in unsure),
            fmt.figure(gpu.nvlink_gbs, "nvlink_gbs" in unsure),
        )

    fleets = _table("Claimed fleets", "Fleet", "Owner", "Stated by", "GPUs", "Status")
    for fleet in corpus.fleets:
        parts = " + ".join(
            f"{fmt.count(p.count, fleet.approximate)}{'†' if p.uncertain else ''} "
            f"{corpus.title_of(p.gpu)}"
            for p in fleet.parts
        )
        _row(
            fleets,
            fleet.label,
            corpus.actor_name(fleet.owner),
            corpus.actor_name(fleet.stated_by),
            parts,
            fleet_label(fleet.status),
        )

    reactions = _table("Reactions", "Who", "Stance", "Said", "Replies to")
    for reaction in corpus.reactions:
        said = f"“{reaction.quote}”" if reaction.quote else f"({reaction.paraphrase})"
        target = corpus.title_of(reaction.replies_to) if reaction.replies_to else ""
        _row(
            reactions,
            corpus.actor_name(reaction.actor),
            stance_label(reaction.stance),
            said,
            target,
        )
    footer = Text("† unconfirmed figure   — not supported   ~ approximate", style="dim")
    return Group(header, claims, gpus, fleets, reactions, footer)


def print_summary(corpus: Corpus, console: Console | None = None) -> None:
    console = console or Console(highlight=False, emoji=False)
    console.print(render_story(corpus))
