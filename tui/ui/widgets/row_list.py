"""A virtual list of rows with columns: renders only the lines on screen.

The stock ``DataTable`` measures every cell on idle, which blocks the event loop for
seconds at 10,000 rows. ``RowList`` keeps rows as plain tuples of ``rich.text.Text``
cells and renders a line only when it is visible, so a key press costs the same at
ten rows or a hundred thousand.

Rows carry their item id as ``key``. The list posts ``RowList.Highlighted`` when the
cursor lands on a row and ``RowList.Selected`` on Enter or a click. Rows whose key is
in ``marked`` are drawn as linked (a ``◆`` gutter mark and the ``--linked`` style).
An optional column cursor (``column_cursor``) lets a table be sorted by a column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.textual_compat import set_virtual_size
from tui.ui.widgets.row_types import Column, LazyRows, Row, keys_of
from tui.ui.widgets.strips import one_strip

__all__ = ["Column", "LazyRows", "Row", "RowList", "keys_of"]

GUTTER = 2
SEPARATOR = " "


class RowList(ScrollView, can_focus=True):
    """A focusable, scrollable list of rows that renders only what is visible."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous row"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down", tooltip="Next row"),
        Binding("home,g", "first", "First", show=False, id="list.first", tooltip="First row"),
        Binding("end,G", "last", "Last", show=False, id="list.last", tooltip="Last row"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up",
                tooltip="Up one page"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down",
                tooltip="Down one page"),
        Binding("enter", "select", "Open", id="list.select",
                tooltip="Open the row in the inspector, or follow a link"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--header",
        "row-list--cursor",
        "row-list--cursor-blurred",
        "row-list--linked",
        "row-list--column-cursor",
        "row-list--empty",
    }

    DEFAULT_CSS = """
    RowList {
        background: $surface;
        scrollbar-size-vertical: 1;
        & > .row-list--header { text-style: bold; color: $text-muted; }
        & > .row-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .row-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .row-list--linked { background: $accent 25%; }
        & > .row-list--column-cursor { text-style: bold underline; }
        & > .row-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    # The watchers redraw what changed (two lines for the cursor), not the whole list.
    cursor: reactive[int] = reactive(0, always_update=False, init=False, repaint=False)
    column_cursor: reactive[int | None] = reactive(None, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor landed on a row."""

        def __init__(self, row_list: RowList, key: str | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Selected(Message):
        """A row was chosen with Enter or a click."""

        def __init__(self, row_list: RowList, key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        show_header: bool = True,
        empty_text: str = "nothing to show",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        rows: Sequence[Row] = (),
    ) -> None:
        """``rows`` are the first rows, cursor on the first (``set_rows`` replaces them)."""
        super().__init__(name=name, id=id, classes=classes)
        self.columns: tuple[Column, ...] = tuple(columns)
        self.show_header = show_header
        self.empty_text = empty_text
        self.rows: Sequence[Row] = rows if isinstance(rows, LazyRows) else tuple(rows)
        self._keys: tuple[str, ...] = keys_of(self.rows)
        self.marked: frozenset[str] = frozenset()
        self.sort_column: int | None = None
        self.sort_reverse = False
        self._index: dict[str, int] | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._tones: dict[str, Style] = {}
        self._styles: dict[str, Style] = {}  # "" is the widget's own; the rest by name
        self._over_own: dict[Style | None, Style] = {}  # a segment's style → over ours
        self._widths_for: dict[int, list[int]] = {}

    # -- data in

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show ``columns`` instead (the rows keep their cells; extra cells are not drawn)."""
        columns = tuple(columns)
        if columns != self.columns:
            self.columns = columns
            self._widths_for.clear()
            self._strips.clear()
            self.refresh()

    @property
    def header_height(self) -> int:
        return 1 if self.show_header else 0

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        if 0 <= self.cursor < len(self._keys):
            return self._keys[self.cursor]
        return None

    def set_rows(self, rows: Sequence[Row], keep: str | None = None, reset: bool = False) -> None:
        """Replace the rows; keep the cursor on ``keep`` (or the current key) if present.

        With ``reset`` the cursor goes back to the first row (new content, not a refilter).
        """
        wanted = keep if keep is not None else self.current_key
        self.rows = rows if isinstance(rows, LazyRows) else tuple(rows)
        self._keys = keys_of(self.rows)
        self._index = None  # built on first lookup: 100,000 keys cost ~20 ms
        self._strips.clear()
        self._update_virtual_size()
        position = None if reset or wanted is None else self._position(wanted)
        fallback = 0 if reset else min(self.cursor, max(len(self.rows) - 1, 0))
        new = position if position is not None else fallback
        if new != self.cursor:
            self.cursor = new
        else:
            self._scroll_to_cursor()
        self.refresh()

    def set_marked(self, keys: frozenset[str]) -> None:
        """Mark the rows linked to the selection elsewhere (the strip cache keys on it).

        Only the rows on screen whose mark changed are redrawn: a selection changes the
        marks of every list, and redrawing them all was most of the cost of a key.
        """
        if keys == self.marked:
            return
        changed = keys ^ self.marked
        self.marked = keys
        top = self.scroll_offset.y
        bottom = min(top + self.scrollable_content_region.height, len(self._keys))
        for index in range(top, bottom):
            if self._keys[index] in changed:
                self.refresh_line(index + self.header_height)

    def _position(self, key: str) -> int | None:
        if self._index is None:
            if len(self._keys) < 1000:
                self._index = {k: i for i, k in enumerate(self._keys)}
            else:
                try:
                    return self._keys.index(key)  # one scan in C beats building the map
                except ValueError:
                    return None
        return self._index.get(key)

    def move_to(self, key: str) -> bool:
        """Put the cursor on the row with ``key``; ``False`` if there is none."""
        position = self._position(key)
        if position is None:
            return False
        if position == self.cursor:
            self.post_message(self.Highlighted(self, key))
        self.cursor = position
        return True

    def index_of(self, key: str) -> int | None:
        return self._position(key)

    # -- reactive

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + self.header_height)  # only the two rows that changed
        self.refresh_line(new + self.header_height)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current_key))

    def watch_column_cursor(self) -> None:
        self._strips.clear()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        if not self.rows:
            return
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1 + self.header_height),
            animate=False,
            force=True,
            spacing=None,
            top=False,
            immediate=True,
        )

    def on_focus(self) -> None:
        self.refresh()  # the cursor row's look depends on focus (part of the cache key)

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._strips.clear()
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        height = max(len(self.rows), 1) + self.header_height
        set_virtual_size(self, Size(self._content_width(), height))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._tones.clear()  # the theme may have changed
        self._styles.clear()
        self._over_own.clear()

    # -- actions

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - self.header_height - 1)

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - self.header_height - 1)

    def action_select(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y - self.header_height
        if 0 <= index < len(self.rows):
            self.focus()
            if index == self.cursor:
                self.action_select()
            self.cursor = index

    # -- rendering

    def _widths(self, width: int) -> list[int]:
        widths = self._widths_for.get(width)
        if widths is None:
            widths = self._widths_for[width] = self._compute_widths(width)
        return widths

    def _compute_widths(self, width: int) -> list[int]:
        """Fixed columns at their width; the others share what is left. When that is
        less than they need (their ``min_width``), fixed columns that may give way do,
        in order, down to their own ``min_width``."""
        widths = [c.width or 0 for c in self.columns]
        flex = [index for index, c in enumerate(self.columns) if c.width is None]
        spare = width - GUTTER - sum(widths) - len(SEPARATOR) * (len(self.columns) - 1)
        if not flex:
            return widths
        needed = max(self.columns[index].min_width for index in flex) * len(flex)
        for index, column in enumerate(self.columns):
            if spare >= needed:
                break
            if column.width is not None and 0 < column.min_width < column.width:
                give = min(column.width - column.min_width, needed - spare)
                widths[index] -= give
                spare += give
        share = max(6, spare // len(flex))
        for index in flex:
            widths[index] = share
        return widths

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 1)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.header_height:
            key: tuple[object, ...] = (
                "header", width, self.column_cursor, self.sort_column, self.sort_reverse,
                self.has_focus,
            )
            return self._cached(key, lambda: self._render_header(width))
        row_index = self.scroll_offset.y + y - self.header_height
        if not self.rows:
            if row_index == 0:
                text = Text(f"  {self.empty_text}", style=self._style("row-list--empty"))
                return self._strip(text, width)
            return Strip.blank(width, self._style())
        if not 0 <= row_index < len(self.rows):
            return Strip.blank(width, self._style())
        key = (row_index, width, row_index == self.cursor, self._keys[row_index] in self.marked,
               self.has_focus)
        return self._cached(key, lambda: self._render_row(self.rows[row_index], row_index, width))

    def _cached(self, key: tuple[object, ...], render: Callable[[], Strip]) -> Strip:
        strip = self._strips.get(key)
        if strip is None:
            strip = render()
            self._strips[key] = strip
        return strip

    def _tone(self, tone: str) -> Style:
        """``dim``, or the colour of a theme variable such as ``stance-skeptical``.

        Read from the theme's variables rather than one CSS component class per tone:
        a dozen component classes on every list made styling the first frame slow.
        """
        style = self._tones.get(tone)
        if style is None:
            if tone == "dim":
                style = Style(dim=True)
            else:
                value = self.app.theme_variables.get(tone)
                style = Style(color=Color.parse(value).rich_color) if value else Style()
            self._tones[tone] = style
        return style

    def _style(self, name: str = "") -> Style:
        """The widget's own style (``""``) or a component class's, kept until restyled.

        Textual works each out afresh on every call (walking the ancestors to blend
        backgrounds), which was a third of the cost of drawing a row.
        """
        style = self._styles.get(name)
        if style is None:
            # Not partial: a translucent background must be blended with the widget's.
            style = self.rich_style if not name else self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def _strip(self, text: Text, width: int, style: Style | None = None) -> Strip:
        base = self._style() + style if style is not None else self._style()
        text.no_wrap = True
        text.overflow = "ellipsis"
        segments = list(text.render(self.app.console, end=""))
        return one_strip(segments, width, base, self._over_own if style is None else {})

    def _render_header(self, width: int) -> Strip:
        text = Text(" " * GUTTER, style=self._style("row-list--header"))
        for index, (column, size) in enumerate(zip(self.columns, self._widths(width), strict=True)):
            label = column.label
            if index == self.sort_column:  # the arrow always shows; the label gives way
                arrow = "▼" if self.sort_reverse else "▲"
                room = max(size - 2, 0)
                label = (label if len(label) <= room else label[: max(room - 1, 0)] + "…")
                label = f"{label} {arrow}"
            cell = Text(label, style=self._style("row-list--header"))
            if index == self.column_cursor and self.has_focus:
                cell.stylize(self._style("row-list--column-cursor"))
            text.append_text(_fit(cell, size, column.align))
            if index < len(self.columns) - 1:
                text.append(SEPARATOR)
        return self._strip(text, width)

    def _render_row(self, row: Row, index: int, width: int) -> Strip:
        """One row as segments: plain cells directly, styled ones through Rich.

        Most cells are plain text in one style, so they skip ``Text`` rendering (the
        bulk of the cost of a row); the result is the same as rendering the row as
        one ``Text`` with the tone and the cursor or link style laid over it.
        """
        is_cursor = index == self.cursor
        linked = row.key in self.marked
        over: Style | None = None
        if is_cursor:
            over = self._style(
                "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
            )
        elif linked:
            over = self._style("row-list--linked")
        console = self.app.console
        gutter = "› " if is_cursor else ("◆ " if linked else "  ")
        segments = [Segment(gutter, over)]
        last = len(self.columns) - 1
        for position, (column, size) in enumerate(
            zip(self.columns, self._widths(width), strict=True)
        ):
            cell = row.cells[position] if position < len(row.cells) else _EMPTY
            if position == 0 and row.indent:
                cell = Text("  " * (row.indent - 1) + "↳ ") + cell
            tone = row.tones[position] if position < len(row.tones) else ""
            tone_style = self._tone(tone) if tone else None
            if cell.spans:
                cell = cell.copy()
                if tone_style is not None:
                    cell.stylize(tone_style)
                if over is not None:
                    cell.stylize(over)
                segments.extend(_fit(cell, size, column.align).render(console, end=""))
            else:  # the tone covers the text, not the padding; the cursor covers both
                own = console.get_style(cell.style) if cell.style else None
                pad_style = _layered(own, over)
                text, padding = _fit_plain(cell.plain, size)
                text_segment = Segment(text, _layered(_layered(own, tone_style), over))
                if column.align == "right":
                    segments += (Segment(padding, pad_style), text_segment)
                else:
                    segments += (text_segment, Segment(padding, pad_style))
            if position < last:
                segments.append(Segment(SEPARATOR, over))
        return one_strip(segments, width, self._style(), self._over_own)


_EMPTY = Text("")


def _fit_plain(plain: str, width: int) -> tuple[str, str]:
    """``plain`` cut with an ellipsis to ``width`` cells, and the padding that fills it."""
    length = cell_len(plain)
    if length > width:
        return (set_cell_size(plain, width - 1) + "…" if width > 0 else ""), ""
    return plain, " " * (width - length)


def _layered(under: Style | None, over: Style | None) -> Style | None:
    if under is None:
        return over
    return under if over is None else under + over


def _fit(cell: Text, width: int, align: str) -> Text:
    """``cell`` cut with an ellipsis or padded to exactly ``width`` cells."""
    cell = cell.copy()
    cell.truncate(width, overflow="ellipsis", pad=False)
    padding = width - cell.cell_len
    if padding > 0:
        if align == "right":
            cell = Text(" " * padding) + cell
        else:
            cell.append(" " * padding)
    return cell
