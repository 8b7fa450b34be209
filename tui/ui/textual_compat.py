"""Every use of a private Textual name, fenced in one place: matched to Textual 8.2.8.

The dashboard reaches into Textual's internals in three places: two for speed, one to
end the app when its terminal goes away. Nothing else in ``tui/`` may name a private
Textual symbol; each one used here, what it is copied from, and the test that guards it:

- ``App._refresh_truecolor_filter`` (Textual 8.2.8, ``textual/app.py``), in
  ``start_in_theme``: a hand copy of ``App._watch_theme`` without its stylesheet
  reparse. Guarded by ``tests/ui/test_textual_compat.py::
  test_start_in_theme_leaves_the_app_as_textuals_theme_watcher_does`` and
  ``tests/ui/test_themes_ui.py::test_the_app_starts_in_its_theme_without_restyling``.
- ``Widget._scroll_update`` (Textual 8.2.8, ``textual/widget.py``), in
  ``set_virtual_size``: what ``Widget._size_updated(..., layout=False)`` does.
  Guarded by ``tests/ui/test_textual_compat.py::
  test_set_virtual_size_updates_the_scrollbars_as_a_layout_would`` and
  ``tests/ui/test_redraw.py::test_the_links_list_scrolls_when_an_item_has_more_links_than_fit``.
- ``LinuxDriver.run_input_thread`` (Textual 8.2.8, ``textual/drivers/linux_driver.py``),
  in ``TerminalDriver``, with what it uses: ``loop_last`` from ``textual._loop``,
  ``XTermParser`` from ``textual._xterm_parser``, ``ParseError`` from
  ``textual._parser``, and the driver's ``LinuxDriver._debug`` and
  ``LinuxDriver._file``. Textual's input loop spins at 100% CPU for ever once its
  terminal has gone away without a SIGHUP (``os.read`` returns ``b""``, the loop
  leaves its ``for`` and selects the readable fd again); the copy stops reading and
  tells the app (``TerminalGone``); the driver's output goes quiet instead of raising,
  so the app can still leave and save. Guarded by
  ``tests/ui/test_textual_compat.py::test_textuals_input_loop_still_spins_at_end_of_input``
  (the canary: it fails once Textual stops on its own, and the copy can go),
  ``test_the_terminal_driver_ends_at_end_of_input`` and
  ``tests/terminal/test_outside_a_terminal.py``.

``tests/ui/test_textual_compat.py::test_textual_is_still_the_line_this_module_matches``
fails as soon as the installed Textual leaves 8.2.x: on an upgrade, re-read the
Textual methods named above, update the copies, then the version there.
"""

from __future__ import annotations

import os
import selectors
import sys
import threading
from codecs import getincrementaldecoder
from typing import IO, Any

from textual.app import App
from textual.geometry import Size
from textual.message import Message
from textual.theme import Theme
from textual.widget import Widget

TEXTUAL_LINE = "8.2"
"""The Textual minor line the copies below were checked against (8.2.8)."""


def start_in_theme(app: App[Any], theme: Theme) -> None:
    """Start ``app`` (not yet running) in ``theme`` as if it had been Textual's default.

    Assigning ``app.theme`` runs Textual's theme watcher, which parses every stylesheet
    again and restyles the app, for a stylesheet that has not been parsed even once yet.
    Measured with ``bench.startup`` (31 rounds, 2026-12-01): with the assignment instead,
    the default story started at 1.21× and 1.32× the minimal app, against 1.12–1.15×
    with this; about 25–50 ms on this machine. This does what that watcher
    (``App._watch_theme``) does before the first parse: the theme classes, the ANSI
    colour filter and the CSS variables, without the reparse.
    """
    app.register_theme(theme)
    app.set_reactive(App.theme, theme.name)
    app.update_classes({f"-theme-{name}": name == theme.name for name in app.available_themes}
                       | {"-dark-mode": theme.dark, "-light-mode": not theme.dark},
                       update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())


def set_virtual_size(view: Widget, size: Size) -> None:
    """Resize what ``view`` scrolls over without laying out the whole screen.

    Assigning ``virtual_size`` makes Textual lay out the screen and redraw every widget
    that moved, which on the dashboard is most of a key press's cost (the inspector and
    its links change size on every selection). A view whose own height is fixed only
    needs its scrollbars updated, which is what Textual itself does when a size changes
    without a layout (``Widget._size_updated(..., layout=False)``). A scrollbar that
    appears or goes still triggers a layout, through its ``display``.
    """
    if view.virtual_size == size:
        return
    height = view.styles.height
    if not view.is_mounted or not view.size or height is None or height.is_auto:
        view.virtual_size = size  # not laid out yet, or its height follows its content
        return
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)
    view.refresh()


class TerminalGone(Message):
    """Posted to the app by ``TerminalDriver`` when its terminal has gone away."""


class QuietOutput:
    """The terminal's output stream, which goes quiet instead of raising once the
    terminal is gone, so that leaving the app (restoring the terminal, saving the
    takes) never fails or blocks on Textual's writer thread."""

    def __init__(self, stream: IO[str], gone: threading.Event) -> None:
        self._stream = stream
        self._gone = gone

    def write(self, text: str) -> int:
        if not self._gone.is_set():
            try:
                return self._stream.write(text)
            except (OSError, ValueError):  # EIO or EPIPE from a closed terminal
                self._gone.set()
        return len(text)

    def flush(self) -> None:
        if not self._gone.is_set():
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._gone.set()

    def fileno(self) -> int:
        return self._stream.fileno()


if sys.platform != "win32":
    from textual._loop import loop_last
    from textual._parser import ParseError
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    class TerminalDriver(LinuxDriver):
        """Textual's Linux driver, which tells the app when its terminal goes away.

        The input loop below is ``LinuxDriver.run_input_thread`` as in Textual 8.2.8,
        except at end of input: where Textual's loop would select the same readable,
        ended fd again and again, this one stops reading and posts ``TerminalGone``.
        """

        def __init__(self, app: App[Any], **options: Any) -> None:
            super().__init__(app, **options)
            self.terminal_gone = threading.Event()
            """Set once reading or writing the terminal has found it gone."""
            stream = self._file
            if stream is not None:  # Textual's writer thread needs write, flush, fileno
                self._file = QuietOutput(stream, self.terminal_gone)  # type: ignore[assignment]

        def input_ended(self) -> None:
            """From the input thread: the terminal is gone; the app decides what next."""
            self.terminal_gone.set()
            self.send_message(TerminalGone())

        def run_input_thread(self) -> None:
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            fileno = self.fileno
            event_read = selectors.EVENT_READ
            parser = XTermParser(self._debug)
            feed = parser.feed
            tick = parser.tick
            decode = getincrementaldecoder("utf-8")().decode
            read = os.read

            def process_selector_events(
                selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
            ) -> bool:
                """Handle what was read; ``False`` once the input has ended."""
                for last, (_key, mask) in loop_last(selector_events):
                    if mask & event_read:
                        try:
                            data = read(fileno, 1024 * 4)
                        except OSError:  # EIO: the terminal was hung up
                            data = b""
                        if not data:
                            return False
                        for event in feed(decode(data, final=final and last)):
                            self.process_message(event)
                for event in tick():
                    self.process_message(event)
                return True

            try:
                while not self.exit_event.is_set():
                    if not process_selector_events(selector.select(0.1)):
                        self.input_ended()
                        return
                selector.unregister(self.fileno)
                process_selector_events(selector.select(0.1), final=True)
            finally:
                selector.close()
                try:
                    for _event in feed(""):
                        pass
                except (EOFError, ParseError):
                    pass
