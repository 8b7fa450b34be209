"""The app's side of an archive: the background load's batches, switching stories.

A mixin of ``DeepseekApp``: the batches of ``load_rest`` reach the library here, the
masthead and the picker hear of them, and a story opens from the picker, the palette
or ``--story`` (with an item selected, from a search across stories).
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.corpus import Corpus
from tui.core.library import Library
from tui.core.pool import Outcome
from tui.core.problems import did_you_mean

if TYPE_CHECKING:
    from textual.app import App

    from tui.core.watch import SeedWatcher
    from tui.ui.screens.dashboard import DashboardScreen
    from tui.ui.takes import Takes

    AppMixin = App[None]
else:
    AppMixin = object


class StorySwitching(AppMixin):
    """Take the archive's batches; open a story."""

    library: Library
    takes: Takes
    if TYPE_CHECKING:
        watcher: SeedWatcher | None

        def show_seed_problems(self) -> None: ...

        @property
        def dashboard(self) -> DashboardScreen | None: ...

    def _more_loaded(self, batch: list[tuple[Path, Outcome]]) -> None:
        """A batch of the background load: counts move, a story asked for opens."""
        wanted = self.library.story_id
        for file, outcome in batch:
            corpus = self.library.add(file, outcome)
            if corpus is not None and corpus.story.id == wanted and self._showing() != wanted:
                self.show_story(corpus)  # --story named a file the quick look could not read
        # The batch's stories live as long as the app, as the first one does: out of the
        # collector's sight (``_after_first_rows``). Else each of the idle collector's
        # full collections walks the whole archive: 219 ms at 1,000 stories (0 frozen),
        # long enough to hold up a key pressed just then. Measured 2026-12-04.
        gc.freeze()
        self._progress_changed()

    def _all_loaded(self) -> None:
        self._progress_changed()
        wanted = self.library.story_id
        if wanted is not None and wanted not in self.library.stories:
            self.notify(f"No story '{wanted}'{did_you_mean(wanted, self.library.stories)}; "
                        "press o to pick one.", severity="warning", timeout=10, markup=False)
        broken = self.library.problems
        if broken and self.watcher is not None:  # watching: the problems panel lists them
            self.show_seed_problems()
        elif broken:
            count = sum(len(problems) for problems in broken.values())
            self.notify(f"{count} problem(s) in {len(broken)} story file(s). Press o: the "
                        "picker lists each with its errors.", title="Some story files did "
                        "not load", severity="warning", timeout=15, markup=False)

    def _progress_changed(self) -> None:
        from tui.ui.screens.stories import StoryPicker

        dashboard = self.dashboard
        if dashboard is not None:
            dashboard.show_archive(self.library.progress())
        for screen in self.screen_stack:
            if isinstance(screen, StoryPicker):
                screen.library_changed()

    def _showing(self) -> str | None:
        dashboard = self.dashboard
        corpus = dashboard.corpus if dashboard is not None else None
        return corpus.story.id if corpus is not None else None

    def show_story(self, corpus: Corpus, select: str | None = None) -> None:
        """Open ``corpus`` on the dashboard, with the user's takes on it (and ``select``
        selected, when given)."""
        self.takes.sync(corpus.story.id, frozenset(c.id for c in corpus.claims))
        dashboard = self.dashboard
        if dashboard is not None:
            dashboard.show_story(corpus, select)

    def open_story(self, story_id: str | None, select: str | None = None) -> None:
        """Show the story with this id on the dashboard."""
        corpus = self.library.stories.get(story_id or "")
        if corpus is None or self.dashboard is None:
            return
        if corpus.story.id != self._showing():
            self.show_story(corpus, select)
            self.notify(f"Opened “{corpus.story.title}”", markup=False)
        elif select is not None:
            self.dashboard.follow(select)

    def action_stories(self) -> None:
        from tui.ui.screens.stories import StoryPicker

        if self.library.total < 2:
            self.notify("Only one story is loaded. Point --seeds at a folder of stories.",
                        severity="information", markup=False)
            return
        self.push_screen(StoryPicker(self.library, self._showing()), self.open_story)

