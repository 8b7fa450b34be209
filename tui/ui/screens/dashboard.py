"""The dashboard: claims, GPU comparison, reactions and the inspector, linked.

The screen owns the state (story, selection, search, stance filter, GPU sort and
baseline) and hands each pane its rows and its marked (linked) rows; panes only post
messages back. Layout switches to one pane at a time below 110×34, and to a message
below the minimum size.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.markup import escape
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from tui.core import formatting as fmt
from tui.core.agreement import agreement
from tui.core.corpus import Corpus
from tui.core.labels import verdict_label
from tui.core.model import Stance, Verdict, next_verdict
from tui.core.text import one_line
from tui.ui import lifecycle
from tui.ui import rows as build
from tui.ui.details import describe
from tui.ui.takes import Takes
from tui.ui.widgets.inspector import Inspector
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import Row, RowList

MIN_WIDTH, MIN_HEIGHT = 60, 16
LARGE_STORY = 20_000
"""Items from which a search runs in a worker."""
HUGE_STORY = 100_000
"""Items from which every replan but the first runs in a worker (~100 ms of work)."""
SEARCH_SETTLE_S = 0.08
COMPACT_WIDTH, COMPACT_HEIGHT = 110, 34
PANES = ("claims", "gpus", "reactions", "inspector")
PANE_TITLES = {"claims": "Claims", "gpus": "GPU comparison", "reactions": "Reactions",
               "inspector": "Inspector"}
PANE_BOX = {"claims": "claims", "gpus": "pane-gpus", "reactions": "reactions",
            "inspector": "inspector"}
"""The id of each pane's bordered box: the claims and reactions lists and the inspector
are their own boxes (a wrapping container would be one more widget to mount, style and
draw in the first frame); the GPU pane holds two lists."""
LIST_OF_KIND = {"claim": "claims", "gpu": "gpus", "fleet": "fleets", "reaction": "reactions"}
STANCE_CYCLE: tuple[Stance | None, ...] = (None, *Stance)
SORTABLE = ("name", *(f.field for f in build.GPU_FIELDS))


_W = TypeVar("_W", bound=Widget)


def ratio_field_for(column: int) -> str:
    """The figure the ratio column compares: the focused one, or BF16 dense."""
    if 1 <= column <= len(build.GPU_FIELDS):
        return build.GPU_FIELDS[column - 1].field
    return "bf16_dense_tflops"


class DashboardScreen(lifecycle.Guarded, Screen[None]):
    """The one screen of the story."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_next_pane", "Next pane", show=False, id="dashboard.next_pane",
                tooltip="Move focus to the next pane"),
        Binding("shift+tab", "focus_previous_pane", "Previous pane", show=False,
                id="dashboard.previous_pane", tooltip="Move focus to the previous pane"),
        Binding("1", "pane('claims')", "Claims", show=False, id="dashboard.pane_claims",
                tooltip="Jump to the claims pane"),
        Binding("2", "pane('gpus')", "GPUs", show=False, id="dashboard.pane_gpus",
                tooltip="Jump to the GPU comparison pane"),
        Binding("3", "pane('reactions')", "Reactions", show=False,
                id="dashboard.pane_reactions", tooltip="Jump to the reactions pane"),
        Binding("4", "pane('inspector')", "Inspector", show=False,
                id="dashboard.pane_inspector", tooltip="Jump to the inspector's links"),
        Binding("slash", "search", "Search", id="dashboard.search",
                tooltip="Filter every pane by text, live"),
        Binding("f", "cycle_stance", "Stance", id="dashboard.stance_filter",
                tooltip="Cycle the reactions' stance filter"),
        Binding("s", "sort", "Sort", id="dashboard.sort",
                tooltip="Sort the GPU table by its focused column; again to reverse"),
        Binding("b", "baseline", "Baseline", id="dashboard.baseline",
                tooltip="Make the GPU under the cursor the baseline for ratios"),
        Binding("left,h", "column(-1)", "Column left", show=False,
                id="dashboard.column_left", tooltip="Focus the GPU table's previous column"),
        Binding("right,l", "column(1)", "Column right", show=False,
                id="dashboard.column_right", tooltip="Focus the GPU table's next column"),
        Binding("c", "copy", "Copy", id="dashboard.copy",
                tooltip="Copy the selected item as text (OSC 52)"),
        Binding("o", "stories", "Stories", id="dashboard.stories",
                tooltip="Switch to another story"),
        Binding("v", "verdict", "Verdict", id="dashboard.verdict",
                tooltip="Your verdict on the selected claim: believe → doubt → unsure → none"),
        Binding("n", "note", "Note", id="dashboard.note",
                tooltip="Write a note on the selected claim"),
        Binding("e", "export", "Export", id="dashboard.export",
                tooltip="Export the story and your verdicts: Markdown, JSON or ClaimReview"),
        Binding("t", "timeline", "Timeline", id="dashboard.timeline",
                tooltip="Every dated event in order, linked to its items"),
        Binding("w", "cost", "Cost what-if", id="dashboard.cost",
                tooltip="Price a training run's GPU-hours at any rate"),
        Binding("m", "compute", "Compute", id="dashboard.compute",
                tooltip="The compute lens: days of pre-training on each fleet"),
        Binding("escape", "back", "Back", show=False, id="dashboard.back",
                tooltip="Go back in the inspector, or clear search, filter and selection"),
    ]

    # Screen state, not something drawn: each watcher updates the widgets it concerns
    # (a repainting reactive here would redraw the whole screen on every key).
    selected: reactive[str | None] = reactive(None, init=False, repaint=False)
    search_query: reactive[str] = reactive("", init=False, repaint=False)
    stance_filter: reactive[Stance | None] = reactive(None, init=False, repaint=False)
    gpu_sort: reactive[tuple[str, bool] | None] = reactive(None, init=False, repaint=False)
    gpu_column: reactive[int] = reactive(3, init=False, repaint=False)  # BF16 dense
    baseline: reactive[str | None] = reactive(None, init=False, repaint=False)
    active_pane: reactive[str] = reactive("claims", init=False, repaint=False)

    def __init__(self, first: Corpus, takes: Takes) -> None:
        """``first`` is shown as the screen mounts: in its very first frame; ``takes``
        are the user's verdicts and notes (they may still be loading)."""
        super().__init__()
        self._first: Corpus | None = first
        self.takes = takes
        self.corpus: Corpus | None = None
        self.history: list[str] = []
        self._plan_generation = 0
        self._shown_plan: build.Plan | None = None  # of this story
        self._whole_plan: build.Plan | None = None  # of this story, unfiltered
        self._filtering = False
        self._resumed = False
        self._first_frame_out = False  # see _after_first_frame

    # -- layout

    def compose(self) -> ComposeResult:
        yield Masthead(id="masthead")
        # Born with the classes of the claims pane being active: setting them after
        # mounting restyles the subtrees again.
        with Horizontal(id="top", classes="-holds-active"):
            yield RowList(build.CLAIM_COLUMNS, id="claims", empty_text="",
                          classes="pane -active")
            yield RowList(build.REACTION_COLUMNS, id="reactions", empty_text="",
                          classes="pane")
        with Horizontal(id="bottom"):
            with Vertical(id="pane-gpus", classes="pane"):
                yield RowList(build.GPU_COLUMNS, id="gpus", empty_text="")
                yield RowList(build.FLEET_COLUMNS, id="fleets", empty_text="")
            yield Inspector(id="inspector", classes="pane")
        # The size message, the search box and the filter bar come after the first frame
        # (see _extra).
        yield Footer()

    def on_mount(self) -> None:
        for pane in PANES:
            title = f"{PANES.index(pane) + 1} {PANE_TITLES[pane]}"
            self._pane(pane).border_title = title
        self._watch_cursors()
        self._update_filter_bar()
        self.watch_active_pane()
        self._apply_size(self.size.width, self.size.height)
        if self._first is not None:
            self.show_story(self._first)
            self._first = None
        # What the first frame goes without comes right after it: with the first
        # resume (on_screen_resume), or failing that once the screen next settles.
        lifecycle.call_after_refresh(self, self._after_first_frame)

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Screen's own handler, which restyles the whole tree when asked to.
        # The first resume asks, just after mounting styled every widget: doing it again
        # was about a tenth of the first frame. Later resumes are left as Textual has
        # them.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
            # The first frame is normally out by now (it is drawn once the screen has
            # mounted; if not, it only carries a little more): what it went without
            # comes next, in the layout this resume does anyway, not after the screen
            # has also settled its first resizes (~40 ms later).
            lifecycle.call_next(self, self._after_first_frame)

    def on_resize(self, event: Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(too_small, "-too-small")
        compact = not too_small and (width < COMPACT_WIDTH or height < COMPACT_HEIGHT)
        self.set_class(compact, "-compact")
        self.query_one(Masthead).set_compact(compact)
        if too_small:
            self._too_small_message().update(
                Text(
                    f"terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {width}×{height}\n"
                    "make the window bigger, or press q to quit",
                    justify="center",
                )
            )
        self._update_tabs()

    # -- the story

    def show_story(self, corpus: Corpus) -> None:
        """Show ``corpus``; selection, search and filters start afresh."""
        self.corpus = corpus
        self._shown_plan = self._whole_plan = None
        self.history.clear()
        for name, what in (("claims", "claims"), ("reactions", "reactions"), ("gpus", "GPUs"),
                           ("fleets", "fleets")):
            self.query_one(f"#{name}", RowList).empty_text = f"no {what} match"
        story = corpus.story
        header = Text()
        header.append(one_line(story.title), "bold")
        header.append(f"  ·  {fmt.when(story.date, False)}  ·  {one_line(story.publisher)}")
        self.query_one(Masthead).set_story(header)
        self.baseline = next((g.id for g in corpus.gpus if g.id.startswith("a100")),
                             corpus.gpus[0].id if corpus.gpus else None)
        self.search_query = ""
        self.stance_filter = None
        self.selected = None
        self.refresh_rows()
        claims = self.query_one("#claims", RowList)
        self.set_focus(claims)
        if claims.current_key:
            self.selected = claims.current_key

    def _visible(self) -> frozenset[str] | None:
        """Ids that match the search, or ``None`` when there is no search."""
        corpus = self.corpus
        if corpus is None or not self.search_query.strip():
            return None
        return corpus.search(self.search_query)

    def refresh_rows(self, typing: bool = False) -> None:
        """Rebuild every pane's rows from the story, the search and the filters.

        A search on a large story runs in a worker, so typing in the search box never
        waits for it; the newest request wins and older results are dropped. While
        ``typing``, the worker first waits a moment for the next key. Without a search
        the plan is quick at any size (rows are built lazily, the reply order is worked
        out in the load worker, and a stance is one pass over the reactions: 3 ms at
        10,000), so it is made here and shown in the key's own frame; on a huge story
        only the first plan is (it opens the story), and the rest go to the worker,
        except going back to the whole story, which reuses that first plan.
        """
        corpus = self.corpus
        if corpus is None:
            return
        self._plan_generation += 1
        verdicts = self._verdicts()
        args = (corpus, self.search_query, self.stance_filter, verdicts)
        size = len(corpus)
        whole = self._whole_plan
        if (whole is not None and whole.verdicts == verdicts and self.stance_filter is None
                and not self.search_query.strip()):
            self._apply_plan(self._plan_generation, whole)
        elif (size >= LARGE_STORY and self.search_query.strip()) or (
            size >= HUGE_STORY and self._shown_plan is not None
        ):
            self._filtering = True
            self._update_filter_bar()
            # Only once the filter bar has said "filtering…": the worker holds the GIL
            # for tens of milliseconds, and the key should be answered on screen first.
            lifecycle.call_after_refresh(self, self._plan_in_worker, self._plan_generation,
                                         SEARCH_SETTLE_S if typing else 0.0, *args)
        else:
            plan = build.plan_rows(*args)
            assert plan is not None
            if plan.stance is None and not plan.query:
                self._whole_plan = plan
            self._apply_plan(self._plan_generation, plan)

    @work(thread=True, exclusive=True, group="rows", description="plan rows")
    def _plan_in_worker(
        self,
        generation: int,
        settle_s: float,
        corpus: Corpus,
        query: str,
        stance: Stance | None,
        verdicts: dict[str, Verdict],
    ) -> None:
        worker = get_current_worker()
        # Let a fast typist finish the word: a newer key cancels this one before it
        # starts, instead of leaving a dozen threads to fight the UI for the GIL.
        if settle_s:
            time.sleep(settle_s)
            if worker.is_cancelled:
                return
        plan = build.plan_rows(corpus, query, stance, verdicts, lambda: worker.is_cancelled)
        if plan is not None and not worker.is_cancelled:
            lifecycle.call_from_thread(self, self._apply_plan, generation, plan)

    class RowsShown(Message):
        """The panes have rows from a story (the app then loads the rest)."""

    def _apply_plan(self, generation: int, plan: build.Plan) -> None:
        if generation != self._plan_generation:
            return  # a newer search or filter is on its way
        self.post_message(self.RowsShown())
        self._filtering = False
        # Only the lists whose inputs changed: a stance filter touches the reactions
        # alone, and refilling a list redraws all of it.
        shown = self._shown_plan
        same_search = shown is not None and shown.query == plan.query
        if not (same_search and shown is not None and shown.verdicts == plan.verdicts):
            self.query_one("#claims", RowList).set_rows(plan.claims)
        if not (same_search and shown is not None and shown.stance is plan.stance):
            self.query_one("#reactions", RowList).set_rows(plan.reactions)
        if not same_search:
            self.query_one("#fleets", RowList).set_rows(plan.fleets)
            self.refresh_gpu_rows(plan.visible)  # and the pane titles
        else:
            self._update_titles(ratio_field_for(self.gpu_column))
        self._shown_plan = plan
        self.query_one(Masthead).set_counts(plan.stances)
        self._update_take_tally()
        self._update_filter_bar()

    def refresh_gpu_rows(self, visible: frozenset[str] | None) -> None:
        """Rebuild only the GPU table: its sort, column cursor and baseline changed."""
        corpus = self.corpus
        if corpus is None:
            return
        sort_field, reverse = self.gpu_sort or (None, False)
        ratio_field = ratio_field_for(self.gpu_column)
        gpus = self.query_one("#gpus", RowList)
        gpus.sort_column = SORTABLE.index(sort_field) if sort_field else None
        gpus.sort_reverse = reverse
        gpus.column_cursor = self.gpu_column
        gpus.set_rows(
            build.gpu_rows(corpus, visible, sort_field=sort_field, reverse=reverse,
                           ratio_field=ratio_field, baseline=self.baseline)
        )
        self._update_titles(ratio_field)

    def _update_titles(self, ratio_field: str) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        reactions = self._pane("reactions")
        reactions.border_subtitle = (
            f"stance: {self.stance_filter.value}" if self.stance_filter else ""
        )
        base = corpus.title_of(self.baseline) if self.baseline else "none"
        label = next(f.label for f in build.GPU_FIELDS if f.field == ratio_field)
        self._pane("gpus").border_subtitle = escape(f"× base = {label} vs {base}")

    def _update_filter_bar(self) -> None:
        parts = []
        if self.search_query.strip():
            counts = self._counts()
            parts.append(f"search “{one_line(self.search_query.strip())}”: {counts}")
        if self.stance_filter is not None:
            parts.append(f"stance: {self.stance_filter.value}")
        if self._filtering:
            parts.append("filtering…")
        if not parts and not self.query("#filter-bar"):
            return  # nothing to hide
        bar = self._filter_bar()
        # The bar takes the footer's line while a filter is on: swapping two docked
        # lines of one height leaves the panes where they are, so showing or hiding it
        # redraws one line instead of laying out and redrawing the whole screen.
        bar.set_class(bool(parts), "-on")
        self.query_one(Footer).set_class(bool(parts), "-off")
        bar.update(Text("▸ filter  " + "  ·  ".join(parts) + "   (Esc clears)"), layout=False)

    # -- widgets the first frame goes without

    def _extra(self, widget_id: str, kind: type[_W], make: Callable[[], _W]) -> _W:
        """The ``kind`` widget ``widget_id``; if it is not mounted yet, ``make`` it now.

        The size message, the search box and the filter bar are not in the first frame
        (each widget there costs about a millisecond to mount, style and draw). They
        are mounted just after it, or the moment one is wanted if that is sooner,
        always before the footer (their order does not matter: they never overlap).
        """
        mounted = self.query(f"#{widget_id}")
        if mounted:
            return mounted.first(kind)
        widget = make()
        widget.id = widget_id
        self.mount(widget, before=self.query_one(Footer))
        return widget

    def _too_small_message(self) -> Static:
        return self._extra("too-small", Static, Static)

    def _search_box(self) -> Input:
        def make() -> Input:
            box = Input(placeholder="search every pane…  (Enter keeps the filter, Esc "
                        "clears it)")
            box.display = False
            return box

        return self._extra("search", Input, make)

    def _filter_bar(self) -> Static:
        return self._extra("filter-bar", Static, Static)

    def _counts(self) -> str:
        sizes = {name: len(self.query_one(f"#{name}", RowList).rows)
                 for name in ("claims", "gpus", "fleets", "reactions")}
        return ", ".join(f"{count} {name}" for name, count in sizes.items())

    # -- selection and links

    def _watch_cursors(self) -> None:
        """Select what the focused list's cursor lands on, in the same frame.

        The screen watches the lists' cursors instead of waiting for their
        ``Highlighted`` messages: a message arrives after the cursor's own frame has
        been drawn, so the inspector and the link marks came a frame (17 ms) later.
        """
        for name in ("claims", "gpus", "fleets", "reactions"):
            row_list = self.query_one(f"#{name}", RowList)
            self.watch(row_list, "cursor", partial(self._cursor_moved, row_list), init=False)

    def _cursor_moved(self, row_list: RowList) -> None:
        if row_list.has_focus and row_list.current_key:
            self.selected = row_list.current_key

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        if event.row_list.id == "links":
            self.follow(event.key)
        else:
            self.selected = event.key
            self.action_pane("inspector")

    def on_descendant_focus(self) -> None:
        focused = self.focused
        if isinstance(focused, RowList) and focused.id != "links" and focused.current_key:
            self.selected = focused.current_key
        self._sync_active_pane()

    def _sync_active_pane(self) -> None:
        focused = self.focused
        if focused is None:
            return
        for pane in PANES:
            if self._pane(pane) in focused.ancestors_with_self:
                self.active_pane = pane
                return

    def watch_active_pane(self) -> None:
        for pane in PANES:
            self._pane(pane).set_class(pane == self.active_pane, "-active")
        top = self.active_pane in ("claims", "reactions")
        self.query_one("#top").set_class(top, "-holds-active")
        self.query_one("#bottom").set_class(not top, "-holds-active")
        self._update_tabs()

    def _pane(self, pane: str) -> Widget:
        return self.query_one(f"#{PANE_BOX[pane]}")

    def _update_tabs(self) -> None:
        tabs = Text()
        for number, pane in enumerate(PANES, start=1):
            label = f" {number} {PANE_TITLES[pane]} "
            tabs.append(label, "reverse bold" if pane == self.active_pane else "dim")
            tabs.append(" ")
        self.query_one(Masthead).set_tabs(tabs)

    def watch_selected(self, item_id: str | None) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        related = corpus.related(item_id) if item_id else frozenset()
        for name in ("claims", "gpus", "fleets", "reactions"):
            self.query_one(f"#{name}", RowList).set_marked(related)
        if self._first_frame_out:
            self._inspect()

    def _after_first_frame(self) -> None:
        """Inspect the selection and mount what the first frame went without.

        The first frame goes out without the inspector's text: wrapping it and drawing
        its links was a tenth of that frame, and nothing in it waits for them.
        """
        if self._first_frame_out:
            return
        self._first_frame_out = True
        self._inspect()
        self._too_small_message()
        self._search_box()
        self._filter_bar()

    def _inspect(self) -> None:
        """Show the selected item in the inspector."""
        corpus = self.corpus
        item_id = self.selected
        if corpus is None:
            return
        inspector = self.query_one(Inspector)
        if item_id is None:
            inspector.show(Text("Select a claim, a GPU or a reaction to see it here."), [])
            return
        links = sorted(corpus.links(item_id),
                       key=lambda i: (_KIND_ORDER.get(corpus.kind_of(i) or "", 9), i))
        inspector.show(
            describe(corpus, item_id, self._verdicts().get(item_id), self._note(item_id)),
            [Row(link, (Text(corpus.kind_of(link) or ""), Text(corpus.title_of(link))))
             for link in links],
        )

    def follow(self, item_id: str) -> None:
        """Select ``item_id``: in its own pane when it has one, else in the inspector."""
        corpus = self.corpus
        if corpus is None or item_id not in corpus:
            return
        if self.selected:
            self.history.append(self.selected)
        list_name = LIST_OF_KIND.get(corpus.kind_of(item_id) or "")
        if list_name:
            row_list = self.query_one(f"#{list_name}", RowList)
            if row_list.index_of(item_id) is None and (self.search_query or self.stance_filter):
                self.clear_filters()
            if row_list.move_to(item_id):
                self.set_focus(row_list)
        self.selected = item_id

    # -- actions

    def _focus_order(self) -> list[RowList]:
        return [*(self.query_one(f"#{name}", RowList)
                  for name in ("claims", "gpus", "fleets", "reactions")),
                self.query_one(Inspector).links]

    def action_focus_next_pane(self) -> None:
        self._cycle_focus(1)

    def action_focus_previous_pane(self) -> None:
        self._cycle_focus(-1)

    def _cycle_focus(self, step: int) -> None:
        order = self._focus_order()
        current = self.focused
        index = order.index(current) if current in order else -step
        self.set_focus(order[(index + step) % len(order)])

    def action_pane(self, pane: str) -> None:
        target = (self.query_one(Inspector).links if pane == "inspector"
                  else self.query_one(f"#{pane}", RowList))
        self.set_focus(target)
        self.active_pane = pane

    def action_search(self) -> None:
        search = self._search_box()
        search.display = True
        search.cursor_blink = False if self.app.is_headless else search.cursor_blink
        self.set_focus(search)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_query = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self._search_box().display = False
        self.set_focus(self.query_one("#claims", RowList))

    def watch_search_query(self) -> None:
        self.refresh_rows(typing=True)

    def action_cycle_stance(self) -> None:
        position = STANCE_CYCLE.index(self.stance_filter)
        self.stance_filter = STANCE_CYCLE[(position + 1) % len(STANCE_CYCLE)]

    def watch_stance_filter(self) -> None:
        self.refresh_rows()

    def action_sort(self) -> None:
        field = SORTABLE[self.gpu_column] if self.gpu_column < len(SORTABLE) else None
        if field is None:
            self.notify("This column cannot be sorted", severity="warning", markup=False)
            return
        current = self.gpu_sort
        if current and current[0] == field:
            self.gpu_sort = (field, not current[1])
        else:
            self.gpu_sort = (field, field != "name")

    def watch_gpu_sort(self) -> None:
        self.refresh_gpu_rows(self._visible())

    def action_column(self, step: int) -> None:
        self.gpu_column = max(0, min(len(SORTABLE) - 1, self.gpu_column + step))

    def watch_gpu_column(self) -> None:
        self.refresh_gpu_rows(self._visible())

    def action_baseline(self) -> None:
        if self.selected and self.corpus and self.corpus.kind_of(self.selected) == "gpu":
            self.baseline = self.selected
            self.notify(f"Baseline: {self.corpus.title_of(self.selected)}", markup=False)
        else:
            self.notify("Select a GPU first (pane 2), then press b", severity="warning")

    def watch_baseline(self) -> None:
        self.refresh_gpu_rows(self._visible())

    def action_copy(self) -> None:
        if self.corpus is None or self.selected is None:
            self.notify("Nothing selected to copy", severity="warning", markup=False)
            return
        text = describe(self.corpus, self.selected).plain
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {self.corpus.kind_of(self.selected)} "
                    f"“{self.corpus.title_of(self.selected)[:40]}” to the clipboard", markup=False)

    def action_stories(self) -> None:
        self.app.action_stories()  # type: ignore[attr-defined]

    def _verdicts(self) -> dict[str, Verdict]:
        if self.corpus is None:
            return {}
        return dict(self.takes.verdicts.get(self.corpus.story.id, {}))

    def _note(self, claim_id: str) -> str:
        if self.corpus is None:
            return ""
        return self.takes.notes.get(self.corpus.story.id, {}).get(claim_id, "")

    def _update_take_tally(self) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        counts = agreement(corpus, self._verdicts())
        text = Text()
        text.append("Your take ", style="dim")
        if not counts.rated:
            text.append("press v on a claim: believe, doubt or unsure", style="dim italic")
        else:
            text.append("  ".join(f"{verdict_label(v)} {counts.verdicts.get(v, 0)}"
                                  for v in Verdict))
            text.append(f" ({counts.rated}/{counts.claims} claims)", style="dim")
            text.append("  ·  reactions to them: ")
            text.append(f"{counts.agree} agree, {counts.disagree} disagree", style="bold")
            if counts.other:
                text.append(f", {counts.other} neither", style="dim")
        self.query_one(Masthead).set_take(text)

    def refresh_takes(self) -> None:
        """Show changed verdicts or notes: the claims' "You" column, the tally, the inspector.

        Only the claims list depends on the takes, so the other panes (and, on a large
        story, a search worker) are left alone.
        """
        corpus = self.corpus
        if corpus is None:
            return
        self.query_one("#claims", RowList).set_rows(
            build.claim_rows(corpus, self._visible(), self._verdicts())
        )
        self._update_take_tally()
        self.watch_selected(self.selected)

    def _selected_claim(self) -> str | None:
        if self.corpus is None or self.selected is None:
            return None
        if self.corpus.kind_of(self.selected) != "claim":
            self.notify("Select a claim first (pane 1)", severity="warning")
            return None
        return self.selected

    def action_verdict(self) -> None:
        """Cycle the verdict on the selected claim (once the takes have loaded)."""
        claim_id = self._selected_claim()
        if claim_id is not None and self.corpus is not None:
            self.takes.when_ready(self, partial(self._cycle_verdict, self.corpus, claim_id))

    def _cycle_verdict(self, corpus: Corpus, claim_id: str) -> None:
        if corpus is not self.corpus:
            return  # another story was opened while the takes loaded
        verdict = next_verdict(self._verdicts().get(claim_id))
        self.takes.set_verdict(corpus.story.id, claim_id, verdict)
        self.refresh_takes()

    def action_note(self) -> None:
        """Edit the note on the selected claim (once the takes have loaded)."""
        claim_id = self._selected_claim()
        if claim_id is not None and self.corpus is not None:
            self.takes.when_ready(self, partial(self._edit_note, self.corpus, claim_id))

    def _edit_note(self, corpus: Corpus, claim_id: str) -> None:
        from tui.ui.screens.note import NoteEditor

        if corpus is not self.corpus:
            return
        story_id = corpus.story.id

        def saved(note: str | None) -> None:
            if note is not None:
                self.takes.set_note(story_id, claim_id, note)
                self.watch_selected(self.selected)

        self.app.push_screen(NoteEditor(corpus.title_of(claim_id), self._note(claim_id)), saved)

    def action_export(self) -> None:
        self.app.action_export()  # type: ignore[attr-defined]

    def action_timeline(self) -> None:
        from tui.ui.screens.timeline import TimelineScreen

        if self.corpus is not None:
            self.app.push_screen(TimelineScreen(self.corpus), self._follow_from)

    def action_cost(self) -> None:
        from tui.ui.screens.cost import CostScreen

        if self.corpus is not None:
            self.app.push_screen(CostScreen(self.corpus))

    def action_compute(self) -> None:
        from tui.ui.screens.compute import ComputeScreen

        if self.corpus is not None:
            self.app.push_screen(ComputeScreen(self.corpus), self._follow_from)

    def _follow_from(self, item_id: str | None) -> None:
        if item_id is not None:
            self.follow(item_id)

    def action_back(self) -> None:
        search = self._search_box()
        if search.has_focus:
            self.clear_filters()
            self.set_focus(self.query_one("#claims", RowList))
            return
        if self.history:
            previous = self.history.pop()
            self.follow(previous)
            self.history.pop()  # follow() pushed the item we came back from
            return
        if self.search_query or self.stance_filter:
            self.clear_filters()
        elif self.selected:
            self.selected = None

    def clear_filters(self) -> None:
        search = self._search_box()
        search.value = ""
        search.display = False
        self.search_query = ""
        self.stance_filter = None


_KIND_ORDER = {"claim": 0, "reaction": 1, "fleet": 2, "gpu": 3, "actor": 4, "event": 5,
               "note": 6, "source": 7, "section": 8}
