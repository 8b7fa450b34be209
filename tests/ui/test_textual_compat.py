"""The fence around Textual's internals (``tui.ui.textual_compat``): it still matches the
installed Textual, its copies still do what Textual does, and nothing else in ``tui/``
names a private Textual symbol."""

from __future__ import annotations

import ast
import io
import os
import re
import selectors
import threading
from pathlib import Path
from typing import Any, ClassVar

import pytest
import textual
from textual.app import App, ComposeResult
from textual.drivers.linux_driver import LinuxDriver
from textual.filter import ANSIToTruecolor
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.theme import BUILTIN_THEMES, Theme

from tests.core.support import ROOT
from tui.ui import textual_compat
from tui.ui.textual_compat import (
    TEXTUAL_LINE,
    QuietOutput,
    TerminalDriver,
    set_virtual_size,
    start_in_theme,
)
from tui.ui.theming import quick_theme

TUI = ROOT / "tui"
COMPAT = TUI / "ui" / "textual_compat.py"


def test_textual_is_still_the_line_this_module_matches() -> None:
    """Fails on an upgrade past 8.2.x: re-check the copies in ``textual_compat`` first."""
    assert textual.__version__.split(".")[:2] == TEXTUAL_LINE.split(".")
    assert "8.2.8" in (textual_compat.__doc__ or "")


def _themes() -> list[Theme]:
    bundled = quick_theme("deepseek-dark")
    assert bundled is not None
    return [BUILTIN_THEMES["textual-light"], BUILTIN_THEMES["textual-dark"], bundled]


def _truecolor(app: App[Any]) -> tuple[object, bool]:
    (found,) = [f for f in app._filters if isinstance(f, ANSIToTruecolor)]
    return found._terminal_theme, found.enabled


@pytest.mark.parametrize("theme", _themes(), ids=lambda t: t.name)
def test_start_in_theme_leaves_the_app_as_textuals_theme_watcher_does(theme: Theme) -> None:
    ours: App[None] = App()
    start_in_theme(ours, theme)
    theirs: App[None] = App()
    theirs.register_theme(theme)
    theirs.set_reactive(App.theme, theme.name)
    theirs._watch_theme(theme.name)  # what assigning a theme runs (the copied method)
    assert ours.theme == theirs.theme == theme.name
    assert ours.classes == theirs.classes
    assert f"-theme-{theme.name}" in ours.classes
    assert _truecolor(ours) == _truecolor(theirs)
    assert _truecolor(ours)[0] is (ours.ansi_theme_dark if theme.dark else ours.ansi_theme_light)
    assert ours.stylesheet._variables == theirs.get_css_variables()


class _Tall(ScrollView):
    DEFAULT_CSS = "_Tall { height: 6; width: 20; }"


class _Views(App[None]):
    CSS: ClassVar[str] = "Screen { layout: horizontal; }"

    def compose(self) -> ComposeResult:
        yield _Tall(id="ours")
        yield _Tall(id="theirs")


def _scroll_state(view: ScrollView) -> tuple[object, ...]:
    bar = view.vertical_scrollbar
    return (view.virtual_size, view.show_vertical_scrollbar, view.max_scroll_y, view.scroll_y,
            bar.window_virtual_size if view.show_vertical_scrollbar else None)


async def test_set_virtual_size_updates_the_scrollbars_as_a_layout_would() -> None:
    app = _Views()
    async with app.run_test(size=(60, 20)) as pilot:
        ours, theirs = app.query_one("#ours", _Tall), app.query_one("#theirs", _Tall)
        for size, scroll_to in ((Size(18, 40), 30.0), (Size(18, 12), None), (Size(18, 3), None)):
            set_virtual_size(ours, size)
            theirs.virtual_size = size  # Textual's own way: a layout
            await pilot.pause()
            assert _scroll_state(ours) == _scroll_state(theirs)
            if scroll_to is not None:
                ours.scroll_to(y=scroll_to, animate=False, immediate=True)
                theirs.scroll_to(y=scroll_to, animate=False, immediate=True)
                await pilot.pause()
                assert ours.scroll_y == theirs.scroll_y > 0
        assert ours.scroll_y == 0 and not ours.show_vertical_scrollbar  # clamped, bar gone


# ------------------------------------------------------------------ the fence itself

def _textual_private_names() -> set[str]:
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in Path(textual.__file__).parent.rglob("*.py"))
    return set(re.findall(r"def (_[a-z]\w*)", source)) | set(
        re.findall(r"self\.(_[a-z]\w*)\s*[:=]", source))


def _private_textual_uses(source: str, private: set[str]) -> list[str]:
    """Private Textual names a module uses: imports from ``textual._…`` modules, and
    attributes Textual defines privately that the module does not define itself."""
    tree = ast.parse(source)
    own = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    own |= {n.attr for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "textual" and any(p.startswith("_") for p in parts):
                found.append(node.module)
        elif (isinstance(node, ast.Attribute) and node.attr.startswith("_")
              and not node.attr.startswith("__") and node.attr in private
              and node.attr not in own):
            found.append(node.attr)
    return sorted(set(found))


def test_only_the_compat_module_names_private_textual_symbols() -> None:
    private = _textual_private_names()
    files = sorted(TUI.rglob("*.py"))
    assert len(files) > 40
    uses = {str(p.relative_to(ROOT)): _private_textual_uses(p.read_text(encoding="utf-8"),
                                                            private) for p in files}
    assert {path: names for path, names in uses.items() if names} == {
        "tui/ui/textual_compat.py": [
            "_debug", "_refresh_truecolor_filter", "_scroll_update", "textual._loop",
            "textual._parser", "textual._xterm_parser",
        ],
    }
    doc = textual_compat.__doc__ or ""
    for name in uses["tui/ui/textual_compat.py"]:
        assert f"``{name}``" in doc or any(
            f"``{owner}.{name}``" in doc for owner in ("App", "Widget", "LinuxDriver")), name


def test_the_fence_check_sees_private_imports_and_attributes() -> None:
    private = {"_compositor", "_refresh_truecolor_filter"}
    source = ("from textual._context import active_app\n"
              "from textual.widget import Widget\n"
              "def f(app):\n    app._compositor.x = 1\n    app._refresh_truecolor_filter(1)\n")
    assert _private_textual_uses(source, private) == [
        "_compositor", "_refresh_truecolor_filter", "textual._context"]
    mine = "class A:\n    def __init__(self):\n        self._compositor = 1\n"
    assert _private_textual_uses(mine, private) == []


def _driver_on_ended_input(driver_class: type[LinuxDriver]) -> tuple[LinuxDriver, int]:
    """A driver (not started: only what its input loop reads) on a pipe at end of input,
    and the pipe's read end, which the caller closes."""
    read_end, write_end = os.pipe()
    os.close(write_end)  # nothing more will come: every read returns b""
    driver = driver_class.__new__(driver_class)
    driver.fileno = read_end
    driver.exit_event = threading.Event()
    driver._debug = False
    return driver, read_end


def test_textuals_input_loop_still_spins_at_end_of_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """The canary. Textual 8.2.8's input thread selects an ended stdin again and again,
    at full speed, for ever. When this fails, Textual stops on its own: drop the copy in
    ``TerminalDriver.run_input_thread`` (and keep only the app's ``TerminalGone``)."""
    selects = 0

    class CountingSelector(selectors.SelectSelector):
        def select(self, timeout: float | None = None) -> list[Any]:
            nonlocal selects
            selects += 1
            return super().select(timeout)

    monkeypatch.setattr(selectors, "SelectSelector", CountingSelector)
    driver, read_end = _driver_on_ended_input(LinuxDriver)
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        thread.join(0.5)
        assert thread.is_alive(), "Textual's input loop now ends at end of input"
        # An idle loop selects once per 0.1 s timeout; this one never waits.
        assert selects > 50, f"only {selects} selects in 0.5 s: Textual's loop no longer spins"
    finally:
        driver.exit_event.set()
        thread.join(2)
        os.close(read_end)


def test_the_terminal_driver_ends_at_end_of_input() -> None:
    driver, read_end = _driver_on_ended_input(TerminalDriver)
    told: list[str] = []
    driver.terminal_gone = threading.Event()
    driver.send_message = lambda message: told.append(type(message).__name__)  # type: ignore[method-assign]
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        thread.join(2)
        assert not thread.is_alive(), "the input loop still runs after the input ended"
        assert told == ["TerminalGone"]
        assert driver.terminal_gone.is_set()
    finally:
        driver.exit_event.set()
        os.close(read_end)


def test_quiet_output_swallows_a_gone_terminal_and_stays_quiet() -> None:
    class Gone(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Gone.writes += 1
            raise OSError(5, "Input/output error")

    gone = threading.Event()
    output = QuietOutput(Gone(), gone)
    assert output.write("\x1b[?1049l") == len("\x1b[?1049l")
    assert gone.is_set()
    output.write("more")
    output.flush()
    assert Gone.writes == 1  # nothing is tried again once the terminal is known gone
