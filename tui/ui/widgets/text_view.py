"""A scrollable block of text that re-wraps on resize without a screen re-layout.

A ``Static`` inside a ``VerticalScroll`` changes height whenever its text changes,
which makes Textual lay out the whole screen again (tens of milliseconds on the
dashboard) on every selection. ``TextView`` keeps its own size, wraps its text to
the width, and renders only the visible lines.

Its text may depend on the width (the inspector labels each link to fit its line):
given a function of the width, the view builds its text again whenever its width
changes (a resize, the compact layout, a maximised pane).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.textual_compat import set_virtual_size

UNLAID_WIDTH = 40
"""The width a text that depends on it is built for before the view is laid out."""
TextFor = Text | Callable[[int], Text]
"""A text, or a function that builds the text for a width in cells."""


class TextView(ScrollView, can_focus=False):
    DEFAULT_CSS = """
    TextView {
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, text: TextFor | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source: TextFor = Text() if text is None else text
        self._text: Text | None = None  # built from ``_source`` for ``_wrapped_for``
        self._lines: list[Strip] = []
        self._wrapped_for = -1
        self._styled: dict[int, Strip] = {}  # line index → drawn line, until restyled

    @property
    def text(self) -> Text:
        """The text shown (built for the current width, or a default one before layout)."""
        if self._text is None:
            source = self._source
            width = self._wrapped_for if self._wrapped_for > 0 else UNLAID_WIDTH
            self._text = source(width) if callable(source) else source
        return self._text

    def update(self, text: TextFor) -> None:
        """Show ``text`` (or what a function of the width builds) from its top."""
        self._source = text
        self._text = None
        self._wrapped_for = -1
        self._wrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def render(self) -> Text:  # used by tests and ``str(widget.render())``
        return self.text

    def on_resize(self) -> None:
        self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._wrapped_for or width <= 0:
            # Not laid out yet: wrapping a long text to one column costs tens of ms, and
            # the first ``render_line`` wraps it to its real width anyway.
            return
        self._wrapped_for = width
        if callable(self._source):
            self._text = None  # built again for this width
        console = self.app.console
        lines = self.text.wrap(console, width, overflow="fold")
        self._lines = [
            Strip(list(line.render(console))).adjust_cell_length(width)
            for line in lines
        ]
        self._styled.clear()
        set_virtual_size(self, Size(width, len(self._lines)))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._wrapped_for:  # drawn before ``on_resize`` has run
            self._wrap()
        index = y + self.scroll_offset.y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._styled.get(index)
        if line is None:
            style = self.rich_style
            line = self._styled[index] = self._lines[index].apply_style(style)
        return line

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styled.clear()
