"""``--watch``: a saved story file comes back on screen, a broken one in the problems panel.

A mixin of ``DeepseekApp``. The seed watcher (``tui.core.watch``, a thread with no
Textual in it) is made with the app, so its first look is taken before the stories are
read, and started after the first frame, which it must not slow. When it sees a save
it posts ``SeedsChanged`` (posted, not waited for: the app joins the watcher's thread
as it closes, and a thread waiting on the app then would wait for ever). A thread
worker reads the seeds again (a file whose bytes were checked before comes from the
cache) and the newest reload is applied: each story file's new story, or, for a file
that is broken now, the last story that loaded from it, which stays on screen and
usable while the problems panel lists what is wrong with the save.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from tui.core.corpus import Corpus
from tui.core.problems import Problem
from tui.core.seeds import LoadResult, load
from tui.ui import lifecycle

if TYPE_CHECKING:
    from textual.app import App

    from tui.core.library import Library
    from tui.core.watch import SeedWatcher
    from tui.ui.screens.dashboard import DashboardScreen
    from tui.ui.takes import Takes

    AppMixin = App[None]
else:
    AppMixin = object


class SeedsChanged(Message):
    """From the seed watcher's thread: a story file was saved."""


class SeedReloads(AppMixin):
    """Watch the seeds, reload what was saved, show the problems of what is broken."""

    seeds: list[Path]
    library: Library
    watcher: SeedWatcher | None = None
    if TYPE_CHECKING:
        takes: Takes

        @property
        def dashboard(self) -> DashboardScreen | None: ...
        @property
        def problems(self) -> tuple[Problem, ...]: ...
        def show_story(self, corpus: Corpus, select: str | None = None) -> None: ...

    def prepare_watcher(self, watch: bool) -> None:
        """Make the watcher (not started yet): its first look is now, before the load."""
        if watch:
            from tui.core.watch import SeedWatcher

            self.watcher = SeedWatcher(self.seeds, self._seeds_saved)

    def start_watching(self) -> None:
        """After the first frame: look for saves, and list the files broken at launch."""
        if self.watcher is None:
            return
        self.watcher.start()
        if self.problems:
            self.show_seed_problems()

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    def _seeds_saved(self) -> None:
        """In the watcher's thread."""
        lifecycle.post_from_thread(self, SeedsChanged())

    def on_seeds_changed(self, _: Any = None) -> None:
        self.reload_stories()

    @work(thread=True, exclusive=True, group="reload", description="reload stories")
    def reload_stories(self) -> None:
        """Read the seeds again; only the newest reload is applied."""
        from textual.worker import get_current_worker

        result = load(self.seeds)
        if not get_current_worker().is_cancelled:
            lifecycle.call_from_thread(self, self._stories_reloaded, result)

    def _stories_reloaded(self, result: LoadResult) -> None:
        """Show the saved stories, each broken file's last good one in its place."""
        library = self.library
        dashboard = self.dashboard
        shown = dashboard.corpus if dashboard is not None else None
        shown_file = library.file_of.get(shown.story.id) if shown is not None else None
        library.reloaded(dict(zip(result.story_files, result.stories, strict=True)),
                         result.problems)
        if library.stories:
            again = library.story_in(shown_file) if shown_file is not None else None
            if again is None:  # its file is gone from the folder
                self.show_story(next(iter(library.stories.values())))
            elif dashboard is not None and again is not shown:
                self.takes.sync(again.story.id, frozenset(c.id for c in again.claims))
                dashboard.show_story(again, keep=True)
        self.show_seed_problems()

    def show_seed_problems(self) -> None:
        """The problems panel: every file's problems, and whether the story on screen is
        the last good one of a file that is broken now."""
        dashboard = self.dashboard
        if dashboard is None:
            return
        shown = dashboard.corpus
        shown_file = self.library.file_of.get(shown.story.id) if shown is not None else None
        kept = any(p.file == shown_file for p in self.problems)
        dashboard.show_problems(self.problems, shown.story.title if kept and shown else None)
