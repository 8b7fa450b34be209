"""Resizing what a scroll view scrolls over without laying out the whole screen.

Assigning ``virtual_size`` makes Textual lay out the screen and redraw every widget
that moved, which on the dashboard is most of a key press's cost (the inspector and
its links change size on every selection). A view whose own height is fixed only
needs its scrollbars updated; ``set_virtual_size`` does what Textual itself does when
a size changes without a layout (``Widget._size_updated(..., layout=False)``). A
scrollbar that appears or goes still triggers a layout, through its ``display``.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def set_virtual_size(view: Widget, size: Size) -> None:
    if view.virtual_size == size:
        return
    height = view.styles.height
    if not view.is_mounted or not view.size or height is None or height.is_auto:
        view.virtual_size = size  # not laid out yet, or its height follows its content
        return
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)
    view.refresh()
