"""The dashboard: claims, GPU comparison, reactions and the inspector, linked.

The screen owns the state (story, selection, search, stance filter) and hands each
pane its rows and its marked (linked) rows; panes only post messages back. Its other
jobs live beside it: the row planner (``tui.ui.planner``: where and when rows are
worked out), the GPU pane (``widgets/gpu_pane.py``: its sort, columns and baseline),
the search box and filter bar (``widgets/filter_bar.py``), and six mixins, one job
each: putting a story on screen, another or the same saved again (``dashboard_story``),
following links and going back (``dashboard_navigation``), pane focus
(``dashboard_panes``), the take keys (``dashboard_takes``), reading, copying and
opening sources (``dashboard_reader``) and the other views (``dashboard_views``). The
mixins and the screen use each other's public names only. Layout switches to one pane
at a time below 110×34, and to a message below the minimum size.
"""

from __future__ import annotations

import time
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize, ScreenResume
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from tui.core.corpus import Corpus
from tui.core.model import Stance, Verdict
from tui.ui import lifecycle
from tui.ui import rows as build
from tui.ui.details import describe, link_rows
from tui.ui.planner import Route, RowPlanner
from tui.ui.screens.dashboard_navigation import LIST_OF_KIND, Navigation
from tui.ui.screens.dashboard_panes import LISTS, PaneFocus
from tui.ui.screens.dashboard_reader import Reader
from tui.ui.screens.dashboard_story import StoryShown
from tui.ui.screens.dashboard_takes import TakeKeys
from tui.ui.screens.dashboard_views import StoryViews
from tui.ui.takes import Takes
from tui.ui.widgets.filter_bar import filter_parts
from tui.ui.widgets.gpu_pane import GpuPane
from tui.ui.widgets.inspector import Inspector
from tui.ui.widgets.key_footer import KeyFooter
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import RowList

MIN_WIDTH, MIN_HEIGHT = 60, 16
SEARCH_SETTLE_S = 0.08
COST_PROBE = "e"  # a search of the whole story matching most of it: a first keystroke
COMPACT_WIDTH, COMPACT_HEIGHT = 110, 34
STANCE_CYCLE: tuple[Stance | None, ...] = (None, *Stance)


class DashboardScreen(
    StoryShown, Navigation, TakeKeys, PaneFocus, StoryViews, Reader, lifecycle.Guarded,
    Screen[None],
):
    """The one screen of the story."""

    ALLOW_IN_MAXIMIZED_VIEW = "Footer, #search, #filter-bar"
    """A maximised pane keeps the keys, the search box and the filter bar below it."""

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
        Binding("u", "open_source", "Open source", id="dashboard.open_source",
                tooltip="Open in the browser the selected item's source (its first one)"),
        Binding("z", "maximize_pane", "Full screen", id="dashboard.maximize",
                tooltip="Give the focused pane the whole screen; again (or Esc) to restore"),
        Binding("c", "copy", "Copy", id="dashboard.copy",
                tooltip="Copy the selected item as text, addresses in full (OSC 52)"),
        Binding("o", "app.stories", "Stories", id="dashboard.stories",
                tooltip="Switch to another story"),
        Binding("v", "verdict", "Verdict", id="dashboard.verdict",
                tooltip="Your verdict on the selected claim: believe → doubt → unsure → none"),
        Binding("n", "note", "Note", id="dashboard.note",
                tooltip="Write a note on the selected claim"),
        Binding("e", "app.export", "Export", id="dashboard.export",
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
    active_pane: reactive[str] = reactive("claims", init=False, repaint=False)

    def __init__(self, first: Corpus, takes: Takes, archive: str = "") -> None:
        """``first`` is shown as the screen mounts: in its very first frame; ``takes``
        are the user's verdicts and notes (they may still be loading); ``archive``
        says how many stories there are (``12/200 stories``), if more than one."""
        super().__init__()
        self._first: Corpus | None = first
        self._archive = archive
        self.takes = takes
        self.corpus: Corpus | None = None
        self.history: list[str] = []
        self.kept: dict[str, tuple[str | None, list[str]]] = {}
        """Each story left: its selection and history, for when it is opened again."""
        self._planner: RowPlanner[build.Plan] | None = None  # of the story shown
        self.columns = build.StoryColumns(build.CLAIM_COLUMNS, build.REACTION_COLUMNS)
        """The claims' and reactions' columns, names sized to the story's (per story)."""
        self._filtering = False
        self._first_frame_pending = True
        """The first frame is still on its way: see ``_after_first_frame``."""

    # -- layout

    def compose(self) -> ComposeResult:
        masthead = Masthead(id="masthead")
        masthead.archive = self._archive
        yield masthead
        # Born with the classes of the claims pane being active: setting them after
        # mounting restyles the subtrees again.
        with Horizontal(id="top", classes="-holds-active"):
            yield RowList(build.CLAIM_COLUMNS, id="claims", empty_text="",
                          classes="pane -active")
            yield RowList(build.REACTION_COLUMNS, id="reactions", empty_text="",
                          classes="pane")
        with Horizontal(id="bottom"):
            yield GpuPane(id="pane-gpus", classes="pane")
            yield Inspector(id="inspector", classes="pane")
        # The size message, the search box and the filter bar come after the first frame
        # (see _after_first_frame).
        yield KeyFooter()

    def on_mount(self) -> None:
        self._title_panes()
        self._watch_cursors()
        self._update_filter_bar()
        self.watch_active_pane()
        self._apply_size(self.size.width, self.size.height)
        if self._first is not None:
            self.show_story(self._first)
            self._first = None
        lifecycle.call_after_refresh(self, self._after_first_frame)  # the fallback

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Screen's own handler (see _after_first_frame).
        if self._first_frame_pending:
            event.refresh_styles = False
            lifecycle.call_next(self, self._after_first_frame)
        self.query_one(Masthead).set_archive(self._archive)  # as it is now (see show_archive)

    def on_resize(self, event: Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(too_small, "-too-small")
        if too_small:
            self.minimize()
        compact = not too_small and (width < COMPACT_WIDTH or height < COMPACT_HEIGHT)
        self.set_class(compact, "-compact")
        self.query_one(Masthead).set_compact(compact)
        if too_small:
            self.ensure_size_message().update(
                Text(
                    f"terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {width}×{height}\n"
                    "make the window bigger, or press q to quit",
                    justify="center",
                )
            )
        self._update_tabs()

    # -- the story

    def visible_items(self) -> frozenset[str] | None:
        """Ids that match the search, or ``None`` when there is no search."""
        corpus = self.corpus
        if corpus is None or not self.search_query.strip():
            return None
        return corpus.search(self.search_query)

    def refresh_rows(self, typing: bool = False) -> None:
        """Rebuild every pane's rows from the story, the search and the filters.

        ``RowPlanner`` (``tui.ui.planner``) says where the plan is made: reused, on the
        UI thread in the key's own frame, or in a worker when it would keep the UI
        thread too long; the newest request wins and older results are dropped. While
        ``typing``, the worker first waits a moment for the next key.
        """
        corpus, planner = self.corpus, self._planner
        if corpus is None or planner is None:
            return
        verdicts = dict(self.takes.story(corpus.story.id).verdicts)
        generation, route = planner.request(self.search_query, self.stance_filter, verdicts,
                                            corpus.index.haystack is not None)
        if route is Route.REUSE:
            assert planner.whole is not None
            self._apply_plan(generation, planner.whole)
        elif route is Route.WORKER:
            self._filtering = True
            self._update_filter_bar()
            # Only once the filter bar has said "filtering…": the worker holds the GIL
            # for tens of milliseconds, and the key should be answered on screen first.
            lifecycle.call_after_refresh(self, self._plan_in_worker, planner, generation,
                                         SEARCH_SETTLE_S if typing else 0.0, corpus,
                                         self.search_query, self.stance_filter, verdicts)
        else:
            started = time.perf_counter()
            plan = build.plan_rows(corpus, self.search_query, self.stance_filter, verdicts)
            assert plan is not None
            planner.record(plan, time.perf_counter() - started, corpus.index.last_scanned)
            self._apply_plan(generation, plan)

    @work(thread=True, exclusive=True, group="rows", description="plan rows")
    def _plan_in_worker(
        self,
        planner: RowPlanner[build.Plan],
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
        started = time.perf_counter()
        plan = build.plan_rows(corpus, query, stance, verdicts, lambda: worker.is_cancelled)
        if plan is not None and not worker.is_cancelled:
            planner.record(plan, time.perf_counter() - started, corpus.index.last_scanned)
            lifecycle.call_from_thread(self, self._apply_plan, generation, plan)

    class RowsShown(Message):
        """The panes have rows from a story (the app then loads the rest)."""

    def _apply_plan(self, generation: int, plan: build.Plan) -> None:
        planner = self._planner
        changes = planner.accept(generation, plan) if planner is not None else None
        if changes is None:
            return  # a newer search or filter is on its way
        self.post_message(self.RowsShown())
        self._filtering = False
        if changes.claims:
            self.show_claims(plan.claims, bool(plan.verdicts))
        if changes.reactions:
            self.query_one("#reactions", RowList).set_rows(plan.reactions)
        if changes.gpus_and_fleets:
            self.query_one(GpuPane).show(plan.visible, plan.fleets)
        self._pane("reactions").border_subtitle = (
            f"stance: {self.stance_filter.value}" if self.stance_filter else "")
        self.query_one(Masthead).set_counts(plan.stances)
        self.show_take_tally()
        self._update_filter_bar()
        self._keep_selection_visible()

    def _keep_selection_visible(self) -> None:
        """The inspector follows the filter: an item the search or stance filter has just
        hidden gives way to the row under the cursor of its own list (the first row
        shown, as a rule), or to nothing if that list is empty."""
        corpus, selected = self.corpus, self.selected
        if corpus is None or selected is None:
            return
        list_name = LIST_OF_KIND.get(corpus.kind_of(selected) or "")
        if list_name is None:
            return  # an actor, source or note opened from the inspector's links
        row_list = self.query_one(f"#{list_name}", RowList)
        if row_list.index_of(selected) is None:
            self.selected = row_list.current_key

    def _update_filter_bar(self) -> None:
        counts = {name: len(self.query_one(f"#{name}", RowList).rows)
                  for name in LISTS}
        parts = filter_parts(self.search_query, counts, self.stance_filter, self._filtering)
        if not parts and not self.query("#filter-bar"):
            return  # nothing to hide
        self.ensure_filter_bar().show_filters(parts)
        self.query_one(Footer).set_class(bool(parts), "-off")  # the bar takes its line

    # -- selection and links

    def _watch_cursors(self) -> None:
        """Select what the focused list's cursor lands on, in the same frame.

        The screen watches the lists' cursors instead of waiting for their
        ``Highlighted`` messages: a message arrives after the cursor's own frame has
        been drawn, so the inspector and the link marks came a frame (17 ms) later.
        """
        for name in LISTS:
            row_list = self.query_one(f"#{name}", RowList)
            self.watch(row_list, "cursor", partial(self._cursor_moved, row_list), init=False)

    def _cursor_moved(self, row_list: RowList) -> None:
        if row_list.has_focus and row_list.current_key:
            self.selected = row_list.current_key

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        if event.row_list.id == "links":
            if self.corpus is not None and self.corpus.kind_of(event.key) == "source":
                self.open_source(event.key)
            else:
                self.follow(event.key)
        else:
            self.selected = event.key
            self.action_pane("inspector")

    def on_descendant_focus(self) -> None:
        focused = self.focused
        if isinstance(focused, RowList) and focused.id != "links" and focused.current_key:
            self.selected = focused.current_key
        self._sync_active_pane()

    def show_selection(self) -> None:
        """Show the selected item again: its links marked and the inspector redrawn (the
        takes changed, or the story was saved again)."""
        self.watch_selected(self.selected)

    def watch_selected(self, item_id: str | None) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        related = corpus.related(item_id) if item_id else frozenset()
        for name in LISTS:
            self.query_one(f"#{name}", RowList).set_marked(related)
        if not self._first_frame_pending:
            self._inspect()

    def _after_first_frame(self) -> None:
        """What the first frame goes without, right after it: the one hand-off.

        The first frame goes out without the inspector's text (wrapping it and drawing
        its links was a tenth of that frame, and nothing in it waits for them), the size
        message, the search box and the filter bar (about a millisecond each to mount,
        style and draw); and the search text of the story is built in the background.
        Until then ``_first_frame_pending`` holds, and a selection marks its links but
        leaves the inspector alone.

        It runs once, at the first of two moments. Normally the screen's first resume
        (``on_screen_resume``), which Textual sends once the screen is up, the first
        frame normally out: the hand-off comes in the layout that resume does anyway,
        not ~40 ms later, after the first resizes. The same resume would have Textual
        restyle the whole screen, just after mounting styled every widget (a tenth of
        the first frame), so that one restyle is skipped through the public
        ``ScreenResume.refresh_styles``; later resumes are left as Textual has them.
        Failing a resume, the call after the next refresh that ``on_mount`` schedules.
        Both are gated (``tui.ui.lifecycle``): nothing here runs while the app exits.
        """
        if not self._first_frame_pending:
            return
        self._first_frame_pending = False
        self._inspect()
        self.ensure_size_message()
        self.ensure_search_box()
        self.ensure_filter_bar()
        self._prepare_search()

    def _prepare_search(self) -> None:
        corpus, planner = self.corpus, self._planner
        if corpus is not None and planner is not None and corpus.index.haystack is None:
            self._build_search_text(corpus, planner)

    @work(thread=True, exclusive=True, group="search-text", description="build search text")
    def _build_search_text(self, corpus: Corpus, planner: RowPlanner[build.Plan]) -> None:
        """The story's search text, ahead of the first search (which would otherwise
        build it, or send itself to a worker to do so), and what one search over the
        whole story costs, so the planner knows where the first keystroke's goes."""
        corpus.prepare_search()
        started = time.perf_counter()
        build.plan_rows(corpus, COST_PROBE, None, {})
        planner.record_search(time.perf_counter() - started, len(corpus))

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
        inspector.show(partial(self._describe_at, corpus, item_id), link_rows(corpus, item_id))

    def _describe_at(self, corpus: Corpus, item_id: str, width: int) -> Text:
        """The inspector's text for ``item_id``, its links labelled to fit ``width``."""
        takes = self.takes.story(corpus.story.id)
        return describe(corpus, item_id, takes.verdict(item_id), takes.note(item_id),
                        width=width, lens=self.lens_setting)

    # -- actions

    def action_search(self) -> None:
        self.ensure_search_box().open()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_query = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.ensure_search_box().close(clear=False)
        self.set_focus(self.query_one("#claims", RowList))

    def watch_search_query(self) -> None:
        self.refresh_rows(typing=True)

    def action_cycle_stance(self) -> None:
        position = STANCE_CYCLE.index(self.stance_filter)
        self.stance_filter = STANCE_CYCLE[(position + 1) % len(STANCE_CYCLE)]

    def watch_stance_filter(self) -> None:
        self.refresh_rows()

    def clear_filters(self) -> None:
        self.ensure_search_box().close(clear=True)
        self.search_query = ""
        self.stance_filter = None

