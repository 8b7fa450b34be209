"""Turning corpus items into ``Row``s for the dashboard's lists.

Pure functions of (corpus, what is visible, view options): the screen calls them
whenever its state changes and hands the rows to the panes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text

from tui.core import formatting as fmt
from tui.core import hardware
from tui.core.corpus import Corpus, normal_query
from tui.core.index import Threaded, shown_in_order
from tui.core.labels import STANCE_GLYPH, VERDICT_GLYPH, fleet_label, status_label
from tui.core.model import Claim, Reaction, Stance, Verdict
from tui.core.text import one_line
from tui.ui.widgets.row_list import Column, LazyRows, Row

NAME_CAP = 18
"""The widest a claimant or "who" column gets: a longer name is cut, with "…"."""
NAME_GIVES_WAY_TO = 10
"""How narrow the claimant column may become so that the claim keeps its floor."""
CLAIM_FLOOR = 37
"""The claim column's least width where there is room: 36 characters of it and "…"."""

CLAIM_COLUMNS = (
    Column("Claimant", 12),
    Column("Claim", min_width=CLAIM_FLOOR),
    Column("Status", 13),
)
"""The claim is the content: it gets what the claimant and its status leave (the
claimant's width is its story's longest name; see ``story_columns``)."""
YOU_COLUMN = Column("", 1)
"""Your verdict's mark (+ − ?), only once you have given one: one cell, not a column
of a word's width on every row (the masthead spells out the tally)."""

REACTION_COLUMNS = (
    Column("Who", 12),
    Column("", 1),
    Column("Said (→ replies to)"),
)
"""The stance is its mark (✗ ✓ • ±), coloured; the masthead's tally is the legend."""


class StoryColumns(NamedTuple):
    """The claims' and reactions' columns for one story, names sized to its names."""

    claims: tuple[Column, ...]
    reactions: tuple[Column, ...]

    def claim_columns(self, any_verdicts: bool) -> tuple[Column, ...]:
        """The claims list's columns: "You" only as wide as what it shows."""
        return (*self.claims, YOU_COLUMN) if any_verdicts else self.claims


def story_columns(corpus: Corpus) -> StoryColumns:
    """Columns whose name column is as wide as its longest name, up to ``NAME_CAP``.

    A reply's name is drawn after its indent (``↳``), which counts. The claimant
    column gives way (to ``NAME_GIVES_WAY_TO``) before the claim drops below its floor.
    Names are measured once per story, stopping at the cap.
    """
    names: dict[str, int] = {}

    def cells(actor_id: str) -> int:
        found = names.get(actor_id)
        if found is None:
            found = names[actor_id] = cell_len(one_line(corpus.actor_name(actor_id)))
        return found

    claimant = cell_len(CLAIM_COLUMNS[0].label)
    for by in {claim.by for claim in corpus.claims}:
        claimant = max(claimant, cells(by))
        if claimant >= NAME_CAP:
            break
    who = cell_len(REACTION_COLUMNS[0].label)
    for reaction, depth in corpus.reply_order():
        who = max(who, cells(reaction.actor) + 2 * min(depth, MAX_INDENT))
        if who >= NAME_CAP:
            break
    claimant, who = min(claimant, NAME_CAP), min(who, NAME_CAP)
    claims = (CLAIM_COLUMNS[0]._replace(width=claimant,
                                         min_width=min(claimant, NAME_GIVES_WAY_TO)),
              *CLAIM_COLUMNS[1:])
    return StoryColumns(claims, (REACTION_COLUMNS[0]._replace(width=who), *REACTION_COLUMNS[1:]))


MAX_INDENT = 8
"""The deepest a reply is indented in the reactions list."""


class GpuField(NamedTuple):
    """A figure column of the GPU table."""

    field: str
    label: str
    width: int


GPU_FIELDS: tuple[GpuField, ...] = (
    GpuField("memory_gb", "Mem GB", 6),
    GpuField("memory_bandwidth_gbs", "BW GB/s", 7),
    GpuField("bf16_dense_tflops", "BF16 TF", 7),
    GpuField("fp8_dense_tflops", "FP8 TF", 7),
    GpuField("fp64_tflops", "FP64 TF", 7),
    GpuField("tdp_w", "TDP W", 5),
    GpuField("nvlink_gbs", "NVL GB/s", 8),
)
"""Dense peak figures, units in the labels (TF = TFLOPS)."""

GPU_COLUMNS = (
    Column("GPU", 15, sortable=True),
    *(Column(f.label, f.width, align="right", sortable=True) for f in GPU_FIELDS),
    Column("× base", 7, align="right"),
)

FLEET_COLUMNS = (
    Column("Fleet"),
    Column("GPUs", 20),
    Column("BF16 PF", 7, align="right"),
    Column("FP8 PF", 7, align="right"),
    Column("GPU MW", 6, align="right"),
    Column("Status", 12),
)
"""Peak dense totals at datasheet figures: PF = PFLOPS; MW = GPU board power only."""


def fitted(columns: Sequence[Column], rows: Sequence[Row]) -> tuple[Column, ...]:
    """``columns`` with each right-aligned (figure) column widened to its widest cell.

    A figure is never cut: a story of bigger fleets (Stargate's 1,000,000† PFLOPS) gets
    wider figure columns, and its names, which the inspector shows whole, give way.
    """
    widest = [0] * len(columns)
    for row in rows:
        for index, cell in enumerate(row.cells[:len(columns)]):
            widest[index] = max(widest[index], cell.cell_len)
    return tuple(
        column._replace(width=max(column.width, widest[index]))
        if column.align == "right" and column.width is not None else column
        for index, column in enumerate(columns)
    )


def claim_rows(
    corpus: Corpus, visible: Collection[str] | None, verdicts: Mapping[str, Verdict] | None = None
) -> LazyRows:
    """One row per claim; ``verdicts`` (claim id → verdict) fill "You"."""
    chosen = verdicts or {}
    keys = [c.id for c in corpus.claims if visible is None or c.id in visible]

    def build(key: str) -> Row:
        claim = corpus.get(key)
        assert isinstance(claim, Claim)
        return Row(
            claim.id,
            (
                Text(one_line(corpus.actor_name(claim.by))),
                Text(one_line(claim.short)),
                Text(status_label(claim.status)),
                Text(VERDICT_GLYPH[verdict] if (verdict := chosen.get(claim.id)) else ""),
            ),
            tones=("", "", f"status-{claim.status.value}", ""),
        )

    return LazyRows(keys, build)


def reaction_rows(corpus: Corpus, order: Sequence[Threaded]) -> LazyRows:
    """One row per reaction of ``order`` (a reply order, see ``Corpus.reply_order``)."""
    depth = {reaction.id: level for reaction, level in order}

    def build(key: str) -> Row:
        reaction = corpus.get(key)
        assert isinstance(reaction, Reaction)
        said = Text()
        target = corpus.get(reaction.replies_to) if reaction.replies_to else None
        # A reply drawn one step in, right under what it answers, is told by its ↳:
        # naming the answered person again only cut its quote short. Top-level rows
        # (answering a claim, or a reaction a filter hides) and replies deeper than
        # the indent goes keep the "→ name:".
        if target is not None and not 0 < depth[key] <= MAX_INDENT:
            who = getattr(target, "by", None) or getattr(target, "actor", None)
            kind = "’s claim" if corpus.kind_of(target.id) == "claim" else ""
            said.append(f"→ {one_line(corpus.actor_name(who))}{kind}: ", "dim")
        said.append(one_line(f"“{reaction.quote}”" if reaction.quote
                             else f"({reaction.paraphrase})"))
        return Row(
            reaction.id,
            (
                Text(one_line(corpus.actor_name(reaction.actor))),
                Text(STANCE_GLYPH[reaction.stance]),
                said,
            ),
            indent=min(depth[key], MAX_INDENT),
            tones=("", f"stance-{reaction.stance.value}", ""),
        )

    return LazyRows([reaction.id for reaction, _ in order], build)


def gpu_rows(
    corpus: Corpus,
    visible: Collection[str] | None,
    *,
    sort_field: str | None,
    reverse: bool,
    ratio_field: str,
    baseline: str | None,
) -> list[Row]:
    gpus = [g for g in corpus.gpus if visible is None or g.id in visible]
    if sort_field is not None:
        gpus = hardware.sort_gpus(gpus, None if sort_field == "name" else sort_field, reverse)
    base = next((g for g in corpus.gpus if g.id == baseline), None)
    rows = []
    for gpu in gpus:
        unsure = set(gpu.uncertain)
        maker = fmt.UNCERTAIN_MARK if gpu.not_from_maker else ""  # no datasheet from NVIDIA
        cells = [Text(one_line(gpu.name) + maker)]
        tones = [""]
        for column in GPU_FIELDS:
            cells.append(Text(fmt.figure(getattr(gpu, column.field), column.field in unsure)))
            tones.append("dim" if column.field in unsure else "")
        share = hardware.ratio(gpu, base, ratio_field) if base is not None else None
        cells.append(Text(f"{share:.2f}×" if share is not None else fmt.DASH))
        tones.append("")
        rows.append(Row(gpu.id, tuple(cells), tones=tuple(tones)))
    return rows


def total(value: float | None, uncertain: bool = False, partial: bool = False) -> str:
    """A fleet total, ``—`` when it cannot be computed; ``†`` unconfirmed, ``*`` partial."""
    if value is None:
        return fmt.DASH
    text = f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"
    return text + ("*" if partial else "") + (fmt.UNCERTAIN_MARK if uncertain else "")


def fleet_rows(corpus: Corpus, visible: Collection[str] | None) -> list[Row]:
    rows = []
    gpus = {gpu.id: gpu for gpu in corpus.gpus}
    for fleet in corpus.fleets:
        if visible is not None and fleet.id not in visible:
            continue
        sums = hardware.fleet_totals(fleet, gpus)
        parts = " + ".join(
            f"{fmt.count(p.count, fleet.approximate)}{fmt.UNCERTAIN_MARK if p.uncertain else ''}"
            f" {corpus.title_of(p.gpu)}"
            for p in fleet.parts
        )
        rows.append(
            Row(
                fleet.id,
                (
                    Text(one_line(fleet.label)),
                    Text(one_line(parts)),
                    Text(total(sums.bf16_pflops, sums.bf16_uncertain)),
                    Text(total(sums.fp8_pflops, sums.fp8_uncertain, sums.fp8_partial)),
                    Text(total(sums.power_mw, sums.power_uncertain)),
                    Text(fleet_label(fleet.status)),
                ),
                tones=("", "", "", "", "", "dim"),
            )
        )
    return rows


class Plan(NamedTuple):
    """Everything the lists show for one search and stance filter (and what for)."""

    visible: frozenset[str] | None
    claims: LazyRows
    reactions: LazyRows
    fleets: list[Row]
    stances: dict[Stance, int]
    query: str
    stance: Stance | None
    verdicts: Mapping[str, Verdict]


def plan_rows(
    corpus: Corpus,
    query: str,
    stance: Stance | None,
    verdicts: Mapping[str, Verdict],
    cancelled: Callable[[], bool] = lambda: False,
) -> Plan | None:
    """Work out the rows for a search and filter; pure, so it can run in a worker.

    ``cancelled`` is asked between the steps; ``None`` means it said yes.
    """
    visible = corpus.search(query) if query.strip() else None
    if cancelled():
        return None
    claims = claim_rows(corpus, visible, verdicts)
    if cancelled():
        return None
    order = corpus.reply_order(stance)  # each stance's order is kept once worked out
    if visible is not None:
        order = shown_in_order([t for t in order if t.reaction.id in visible])
    return Plan(
        visible=visible,
        claims=claims,
        reactions=reaction_rows(corpus, order),
        fleets=fleet_rows(corpus, visible),
        query=normal_query(query),
        stance=stance,
        verdicts=dict(verdicts),
        stances=_stance_counts(corpus, order, stance, visible),
    )


def _stance_counts(
    corpus: Corpus, order: Sequence[Threaded], stance: Stance | None,
    visible: Collection[str] | None,
) -> dict[Stance, int]:
    """Reactions shown per stance; with no search, a stance filter shows all of its own."""
    if visible is None:
        if stance is None:
            return corpus.stance_counts()
        return {each: len(order) if each is stance else 0 for each in Stance}
    return corpus.stance_counts(t.reaction for t in order)
