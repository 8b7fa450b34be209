"""The GPU comparison pane: the datasheet table and the fleets, with its own keys.

It owns what only it shows: the table's sort, its column cursor (which figure the
ratio column compares) and the baseline GPU, and the keys that change them (``s``,
``b``, ``h``/``l`` and the arrows). They are bound here, so they act only while the
pane has focus and the footer shows them only then. What the pane shows (the story,
the search's matches, the fleet rows) is handed in by the screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.reactive import reactive

from tui.core.corpus import Corpus
from tui.ui import rows as build
from tui.ui.widgets.row_list import Row, RowList

SORTABLE = ("name", *(f.field for f in build.GPU_FIELDS))
"""What each column of the GPU table sorts by."""
BF16_COLUMN = 1 + next(i for i, f in enumerate(build.GPU_FIELDS)
                       if f.field == "bf16_dense_tflops")


def ratio_field_for(column: int) -> str:
    """The figure the ratio column compares: the focused one, or BF16 dense."""
    if 1 <= column <= len(build.GPU_FIELDS):
        return build.GPU_FIELDS[column - 1].field
    return "bf16_dense_tflops"


def default_baseline(corpus: Corpus) -> str | None:
    """The first A100 (what the story's claims are measured against), else the first GPU."""
    return next((g.id for g in corpus.gpus if g.id.startswith("a100")),
                corpus.gpus[0].id if corpus.gpus else None)


class GpuPane(Vertical):
    """The GPU table (``#gpus``) over the fleet list (``#fleets``)."""

    ALLOW_MAXIMIZE = True  # z: the whole screen for the table and the fleets

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort", "Sort", id="gpus.sort",
                tooltip="Sort the GPU table by its focused column; again to reverse"),
        Binding("b", "baseline", "Baseline", id="gpus.baseline",
                tooltip="Make the GPU under the cursor the baseline for ratios"),
        Binding("left,h", "column(-1)", "Column left", show=False, id="gpus.column_left",
                tooltip="Focus the GPU table's previous column"),
        Binding("right,l", "column(1)", "Column right", show=False, id="gpus.column_right",
                tooltip="Focus the GPU table's next column"),
    ]

    # Pane state, not something drawn: each watcher redraws what it concerns.
    gpu_sort: reactive[tuple[str, bool] | None] = reactive(None, init=False, repaint=False)
    gpu_column: reactive[int] = reactive(BF16_COLUMN, init=False, repaint=False)
    baseline: reactive[str | None] = reactive(None, init=False, repaint=False)

    def __init__(self, *, id: str, classes: str) -> None:
        super().__init__(id=id, classes=classes)
        self.corpus: Corpus | None = None
        self.matching: frozenset[str] | None = None

    def compose(self) -> ComposeResult:
        yield RowList(build.GPU_COLUMNS, id="gpus", empty_text="")
        yield RowList(build.FLEET_COLUMNS, id="fleets", empty_text="")

    @property
    def gpus(self) -> RowList:
        return self.query_one("#gpus", RowList)

    @property
    def fleets(self) -> RowList:
        return self.query_one("#fleets", RowList)

    def show_story(self, corpus: Corpus) -> None:
        """A new story: its baseline, nothing sorted, rows to come with ``show``."""
        self.corpus = corpus
        self.matching = None
        self.gpus.empty_text = "no GPUs match"
        self.fleets.empty_text = "no fleets match"
        baseline = default_baseline(corpus)
        self.set_reactive(GpuPane.baseline, baseline)
        # Figure columns as wide as this story's widest figure (a few GPUs and fleets).
        self.gpus.set_columns(build.fitted(build.GPU_COLUMNS, build.gpu_rows(
            corpus, None, sort_field=None, reverse=False, ratio_field="bf16_dense_tflops",
            baseline=baseline)))
        self.fleets.set_columns(build.fitted(build.FLEET_COLUMNS,
                                             build.fleet_rows(corpus, None)))

    def show(self, visible: frozenset[str] | None, fleets: list[Row]) -> None:
        """Show the GPUs and fleets that match the search (``None``: all of them)."""
        self.matching = visible
        self.fleets.set_rows(fleets)
        self.refresh_gpus()

    def refresh_gpus(self) -> None:
        """Rebuild the GPU table: its sort, column cursor or baseline changed."""
        corpus = self.corpus
        if corpus is None:
            return
        sort_field, reverse = self.gpu_sort or (None, False)
        ratio_field = ratio_field_for(self.gpu_column)
        gpus = self.gpus
        gpus.sort_column = SORTABLE.index(sort_field) if sort_field else None
        gpus.sort_reverse = reverse
        gpus.column_cursor = self.gpu_column
        gpus.set_rows(build.gpu_rows(corpus, self.matching, sort_field=sort_field,
                                     reverse=reverse, ratio_field=ratio_field,
                                     baseline=self.baseline))
        base = corpus.title_of(self.baseline) if self.baseline else "none"
        label = next(f.label for f in build.GPU_FIELDS if f.field == ratio_field)
        self.border_subtitle = escape(f"× base = {label} vs {base}")

    def action_sort(self) -> None:
        field = SORTABLE[self.gpu_column]
        current = self.gpu_sort
        if current and current[0] == field:
            self.gpu_sort = (field, not current[1])
        else:
            self.gpu_sort = (field, field != "name")  # figures: biggest first

    def action_column(self, step: int) -> None:
        self.gpu_column = max(0, min(len(SORTABLE) - 1, self.gpu_column + step))

    def action_baseline(self) -> None:
        corpus = self.corpus
        gpu = self.gpus.current_key if self.gpus.has_focus else None
        if corpus is None or gpu is None:
            self.notify("Move to a GPU in the table first, then press b", severity="warning",
                        markup=False)
            return
        self.baseline = gpu
        self.notify(f"Baseline: {corpus.title_of(gpu)}", markup=False)

    def watch_gpu_sort(self) -> None:
        self.refresh_gpus()

    def watch_gpu_column(self) -> None:
        self.refresh_gpus()

    def watch_baseline(self) -> None:
        self.refresh_gpus()
