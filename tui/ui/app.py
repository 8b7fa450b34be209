"""The Textual app and its factory, shared by the CLI, the tests and the benchmarks.

The first frame never waits for data. A small story already in the cache is read in a
few milliseconds and the dashboard opens with it; anything else is read by a thread
worker while a one-line loading view (what it is doing, with counts) keeps the UI
thread nearly idle, and the dashboard opens once the story is there. Themes, the
user's takes and the config load after the first rows are shown. If no story loads,
the app exits with code 2 and the launcher prints the problems after the terminal is
restored.

The imports inside functions are what the first frame must not pay for (measured on
2026-12-01 as the time to import each after the dashboard's modules, from bytecode):
the pydantic-backed themes, takes and config (70–90 ms each alone, about 115 ms
together, in the settings worker) and, on first use, the palette, its commands, the
export and the pushed screens (about 13 ms together, 7 ms of it the note editor's
``TextArea``).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.driver import Driver
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme, ThemeProvider
from textual.widgets import Static

from tui.core.corpus import Corpus
from tui.core.library import Library
from tui.core.paths import default_seeds
from tui.core.pool import Outcome
from tui.core.problems import Problem

if TYPE_CHECKING:
    from tui.core.themes import LoadedTheme
    from tui.core.userdata import UserStore
from tui.ui import lifecycle
from tui.ui.app_stories import StorySwitching
from tui.ui.exits import HANG_UP, ExitRequest
from tui.ui.idle_gc import CHECK_EVERY_S, IdleCollector
from tui.ui.reloading import SeedReloads
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.takes import Takes
from tui.ui.textual_compat import TerminalGone, start_in_theme
from tui.ui.theming import (
    DEFAULT_THEME,
    FALLBACK_THEME,
    configured_theme,
    quick_theme,
)

STANCE_DEFAULTS = {
    "stance-skeptical": "#ff8f70",
    "stance-supportive": "#6fd08c",
    "stance-neutral": "#a0b4c8",
    "stance-mixed": "#e8c35a",
    "status-established": "#6fd08c",
    "status-reported": "#8cc8f0",
    "status-asserted": "#c8c8c8",
    "status-disputed": "#ff8f70",
    "status-speculative": "#e8c35a",
    "status-misreported": "#ff6b8a",
}
"""Colours for stances and statuses on dark themes; light themes override them."""


def _item_commands() -> type[Provider]:
    from tui.ui.commands import ItemCommands

    return ItemCommands


def _archive_search() -> type[Provider]:
    from tui.ui.archive_search import ArchiveSearch

    return ArchiveSearch


def _app_commands() -> type[Provider]:
    from tui.ui.commands import AppCommands

    return AppCommands


class DeepseekApp(SeedReloads, StorySwitching, App[None]):
    """deepseek-tui: one disputed story, claims to GPUs to reactions."""

    TITLE = "deepseek-tui"
    # The dashboard's CSS, read with the app's: as a screen's CSS_PATH it made Textual
    # parse every stylesheet again and restyle the whole app when the screen opened.
    CSS_PATH = "screens/dashboard.tcss"
    COMMANDS = App.COMMANDS | {_item_commands, _app_commands, _archive_search}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit deepseek-tui"),
        Binding("T", "next_theme", "Theme", show=False, id="app.next_theme",
                tooltip="Switch to the next theme (Ctrl+P → Theme to pick with a preview)"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_now",
                tooltip="Quit from anywhere, even while typing"),
        Binding("question_mark", "help", "Help", id="app.help",
                tooltip="Show every key and what it does"),
        Binding("ctrl+z", "suspend", "Suspend", show=False, id="app.suspend",
                tooltip="Suspend to the shell; `fg` brings the dashboard back"),
    ]

    def __init__(
        self,
        seeds: Sequence[Path],
        theme: str | None = None,
        data_dir: Path | None = None,
        watch: bool = False,
        story: str | None = None,
    ) -> None:
        super().__init__()
        self.seeds = list(seeds)
        self.library = Library(self.seeds, story)
        """Every story file: the first story loads first, the rest in the background."""
        self.prepare_watcher(watch)  # with --watch: its first look, before the load
        self.data_dir = data_dir
        self.takes = Takes(self, self._takes_changed)
        """The user's verdicts and notes; the dashboard gets them handed in."""
        self.last_export: Path | None = None
        self.keymap: dict[str, str] = {}
        self.loaded = False
        self.settled = False
        """Themes, takes and config are loaded too (tests wait for this)."""
        self._settings_requested = False
        self.idle_gc = IdleCollector()
        paths = ", ".join(str(path) for path in self.seeds)
        self._loading = Static(Text(f"Loading stories from {paths} …"), id="loading")
        # A small first story already in the cache takes a few ms to read: no loading view.
        self._quick = self.library.quick_first()
        self.theme_order: list[str] = []
        self.wanted_theme = theme or configured_theme() or DEFAULT_THEME
        quick = quick_theme(self.wanted_theme)
        if quick is not None:
            start_in_theme(self, quick)
        self._start_theme = self.theme
        """Until the themes load: a different theme now is the user's own choice (T)."""
        self.exit_request = ExitRequest(self.leave)
        """Where SIGTERM and SIGHUP ask the app to leave (see ``tui.ui.exits``)."""

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but on a Unix terminal one that notices the terminal going
        away (``TerminalDriver``; the browser and headless drivers stay as they are)."""
        driver = super().get_driver_class()
        if sys.platform != "win32":
            from textual.drivers.linux_driver import LinuxDriver

            from tui.ui.textual_compat import TerminalDriver

            if driver is LinuxDriver:
                return TerminalDriver
        return driver

    def leave(self, return_code: int = 0) -> None:
        """The one way out: quit keys, SIGTERM, SIGHUP and a terminal gone all come here.

        Textual restores the terminal as the app exits, and ``on_unmount`` waits for the
        takes' save thread (see ``tui.ui.exits``).
        """
        self.exit(return_code=return_code)

    async def action_quit(self) -> None:
        self.leave()

    def on_terminal_gone(self, _message: TerminalGone) -> None:
        self.leave(HANG_UP)

    def action_suspend(self) -> None:
        """Ctrl+Z: back to the shell, where ``fg`` resumes (Unix terminals only).

        Textual's driver gives the terminal back and, on SIGCONT, takes it again and
        sends the app a resize, which redraws the whole screen as it was.
        """
        if sys.platform == "win32" or self.is_web or self.is_headless:
            where = "in the browser" if self.is_web else "here"
            self.notify(f"Suspending to a shell is not possible {where}.",
                        severity="warning", markup=False)
            return
        self.action_suspend_process()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.idle_gc.key_pressed()
        await super().on_event(event)

    # Every palette Textual would open is ours: Textual's, with paging that cannot crash
    # (see tui.ui.palette).

    def action_command_palette(self) -> None:
        from tui.ui.palette import Palette

        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            # No fixed id, unlike Textual's: Ctrl+P pressed while the palette just
            # closed is still being removed would push a second one with the same id.
            self.push_screen(Palette())

    def search_themes(self) -> None:
        from tui.ui.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(STANCE_DEFAULTS)

    @property
    def stories(self) -> tuple[Corpus, ...]:
        """The stories loaded so far, in the order they loaded."""
        return tuple(self.library.stories.values())

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem found so far (the seed paths', then each file's)."""
        return tuple(self.library.all_problems())

    @property
    def dashboard(self) -> DashboardScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                return screen
        return None

    def get_default_screen(self) -> Screen[Any]:
        """The dashboard itself for a story read from the cache, else Textual's default
        screen, which shows the loading line until the dashboard is pushed over it.

        Opening the dashboard as the first screen, instead of pushing it over an empty
        one, saved about 5 ms of start-up (one screen less to mount, and no push).
        """
        quick = self._quick
        if quick is not None:
            return DashboardScreen(quick, self.takes, self.library.progress())
        return super().get_default_screen()

    def compose(self) -> ComposeResult:
        # On the default screen, under the dashboard: seen only while a story loads.
        if self._quick is None:
            yield self._loading

    def on_mount(self) -> None:
        pending = self.exit_request.take_pending()
        if pending is not None:  # SIGTERM or SIGHUP came before the event loop ran
            self.leave(pending)
            return
        if self._quick is None:
            self.load_stories()
        else:
            self.loaded = True

    async def _open_dashboard(self, first: Corpus) -> None:
        await self.push_screen(DashboardScreen(first, self.takes, self.library.progress()))

    @work(thread=True, exclusive=True, group="load", description="load stories")
    def load_stories(self) -> None:
        """Read the first story off the UI thread (a cached seed needs no pydantic):
        the one named by ``--story``, else the most recent (``tui.core.library``).

        Its reply order is worked out here too, as its corpus is built.
        """
        results = self.library.load_first(progress=self._report_progress)
        lifecycle.call_from_thread(self, self._first_loaded, results)

    @work(thread=True, exclusive=True, group="archive", description="load the other stories")
    def load_rest(self) -> None:
        """The archive's other stories, newest first, handed over in batches; a pool of
        processes checks the ones not yet cached (``tui.core.pool``)."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        for batch in self.library.load_rest():
            if worker.is_cancelled or self.library.stopped:
                return
            lifecycle.call_from_thread(self, self._more_loaded, batch)
        if not (worker.is_cancelled or self.library.stopped):
            self.library.finish()  # writes the archive's index: off the UI thread
            lifecycle.call_from_thread(self, self._all_loaded)

    def on_dashboard_screen_rows_shown(self) -> None:
        """The first rows are on their way to the screen: now load everything else.

        Not sooner: importing pydantic takes the GIL for a good 100 ms, and the first
        frame with the story in it should not have to share the interpreter with that.
        """
        if not self._settings_requested:
            self._settings_requested = True
            lifecycle.call_after_refresh(self, self._after_first_rows)

    def _after_first_rows(self) -> None:
        # The stories, the stylesheet and the widgets live as long as the app: keep the
        # garbage collector from walking them again and again (on a large story, pauses
        # of 100 ms and more). The CLI turns the collector off for start-up, and it
        # comes back on here, once the first frame is out: until then it had been
        # running some 36 young collections through it (3–5 ms).
        gc.freeze()
        gc.enable()
        self.idle_gc.start()
        lifecycle.set_interval(self, CHECK_EVERY_S, self.idle_gc.tick, name="idle gc")
        self.load_settings()
        if self.library.total > len(self.library.done):
            self.load_rest()
        else:  # every file was read on the way to the first story
            self.library.finish()
            self._all_loaded()
        self.start_watching()

    @work(thread=True, exclusive=True, group="settings", description="load settings")
    def load_settings(self) -> None:
        """Themes, the user's takes and the config: each only refines the view."""
        from tui.core.themes import load_all_themes
        from tui.core.userdata import UserStore

        store = UserStore(self.data_dir)
        store_problems = store.load()
        # The takes first: the dashboard holds back v, n and exports until they are here.
        lifecycle.call_from_thread(self, self._store_loaded, store, store_problems)
        lifecycle.call_from_thread(self, self._themes_loaded, *load_all_themes())
        from tui.core.config import load_config

        config, config_problems = load_config()
        lifecycle.call_from_thread(self, self._config_loaded, config.keymap, config_problems)
        self.settled = True

    def _report_progress(self, message: str) -> None:
        """From the load worker: show what it is doing, with its counts."""
        lifecycle.call_from_thread(self, self._loading.update, Text(f"Loading: {message} …"))

    def _store_loaded(self, store: UserStore, problems: list[Problem]) -> None:
        dashboard = self.dashboard
        self.takes.attach(store, problems, dashboard.corpus if dashboard is not None else None)

    def _takes_changed(self) -> None:
        dashboard = self.dashboard
        if dashboard is not None:
            dashboard.refresh_takes()

    def _config_loaded(self, keymap: dict[str, str], problems: list[Problem]) -> None:
        if keymap:
            self.keymap = keymap
            self.set_keymap(keymap)
        for problem in problems:
            self.notify(str(problem), title="Config file ignored", severity="error",
                        timeout=10, markup=False)

    def action_export(self) -> None:
        from tui.ui.screens.export import ExportPicker

        if self.dashboard is None or self.dashboard.corpus is None:
            return
        self.push_screen(ExportPicker(), self.export_story)

    def export_story(self, form: str | None) -> None:
        """Write the open story (and the user's takes) to the data folder's exports/.

        An export chosen before the takes have loaded waits for them: it carries them.
        """
        dashboard = self.dashboard
        corpus = dashboard.corpus if dashboard is not None else None
        if form is None or corpus is None:
            return
        self.takes.when_ready(self, partial(
            self.run_worker, partial(self._export, corpus, form), thread=True, group="export",
            description=f"export {form}"))

    def _export(self, corpus: Corpus, form: str) -> None:
        from tui.core.exporting import write_export

        self.takes.wait()
        store = self.takes.store
        takes = store.takes(corpus.story.id) if store is not None else {}
        result = write_export(corpus, takes, form, self.data_dir)
        if isinstance(result, Problem):
            lifecycle.call_from_thread(self, partial(self.notify, str(result), severity="error",
                                                     markup=False))
        else:
            self.last_export = result.path
            lifecycle.call_from_thread(self, partial(
                self.notify, f"Exported {form} to {result.path}", timeout=10, markup=False))
            for warning in result.warnings:
                lifecycle.call_from_thread(self, partial(
                    self.notify, warning, title="ClaimReview", severity="warning", timeout=15,
                    markup=False))

    def on_unmount(self) -> None:
        self.stop_watching()  # its thread ends here: none is left behind
        self.library.cancel()  # the background load stops between two files
        self.idle_gc.stop()
        self.takes.shutdown()  # every change reaches the disk before we go

    def _themes_loaded(self, themes: list[LoadedTheme], problems: list[Problem]) -> None:
        """Register every valid theme; fall back if the wanted one is missing or broken."""
        for problem in problems:
            self.notify(str(problem), title="Theme file ignored", severity="error",
                        timeout=10, markup=False)
        for loaded in themes:
            self.register_theme(Theme(**loaded.theme.model_dump()))
        ours = [loaded.theme.name for loaded in themes]
        wanted = self.wanted_theme
        chosen_meanwhile = self.theme != self._start_theme  # T pressed before this
        if chosen_meanwhile:
            pass  # the user's choice stands
        elif wanted not in BUILTIN_THEMES and wanted not in ours:
            fallback = DEFAULT_THEME if DEFAULT_THEME in ours else FALLBACK_THEME
            self.notify(f"Theme “{wanted}” is not available; using {fallback}.",
                        severity="warning", markup=False)
            self.theme = fallback
            if wanted in self.available_themes:  # registered from its file before checking
                self.unregister_theme(wanted)
        elif self.theme != wanted:
            self.theme = wanted
        self.theme_order = ours + sorted(n for n in self.available_themes if n not in ours)
        # Only the user's own changes are remembered, not the start-up ones above.
        lifecycle.call_next(self, self.theme_changed_signal.subscribe, self,
                            self._remember_theme)
        if chosen_meanwhile:
            lifecycle.call_next(self, self._remember_theme, self.current_theme)

    def _remember_theme(self, theme: Theme) -> None:
        from tui.core.config import save_theme

        problem = save_theme(theme.name)
        if problem is not None:
            self.notify(str(problem), severity="error", markup=False)

    def action_next_theme(self) -> None:
        order = self.theme_order or sorted(self.available_themes)
        position = order.index(self.theme) if self.theme in order else -1
        self.theme = order[(position + 1) % len(order)]
        self.notify(f"Theme: {self.theme}", markup=False)

    def _first_loaded(self, results: list[tuple[Path, Outcome]]) -> None:
        """The first story is here (or every file failed): open the dashboard on it."""
        first = None
        for file, outcome in results:
            added = self.library.add(file, outcome)
            if added is not None:  # not ``or``: a story with no items yet is falsy
                first = added
        self.loaded = True
        if first is None:
            self.exit(return_code=2)
            return
        # After Textual's start-up batch (this can run inside it): a frame drawn in the
        # batch is thrown away, and the dashboard's first frame should be the one seen.
        if self.dashboard is None:
            lifecycle.call_later(self, self._open_dashboard, first)

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.for_app(self))


def create_app(
    seeds: Sequence[Path] | None = None,
    theme: str | None = None,
    data_dir: Path | None = None,
    watch: bool = False,
    story: str | None = None,
) -> DeepseekApp:
    """The app on ``seeds`` (default: the bundled stories), in ``theme`` if given.

    Without ``theme`` the config file's choice is used, else ``deepseek-dark``. The
    user's verdicts live in ``data_dir`` (default: ``DEEPSEEK_TUI_DATA_DIR`` or the
    platform data folder). ``story`` is the id of the story to open first (default:
    the most recent). With ``watch``, a saved story file reloads on screen (the
    watcher starts after the first frame).
    """
    if seeds is None:
        seeds = [default_seeds()]
    return DeepseekApp(seeds, theme=theme, data_dir=data_dir, watch=watch, story=story)
