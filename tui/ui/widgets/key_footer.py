"""The dashboard's footer: the keys that fit the width, most useful first, all whole.

Textual's ``Footer`` lays every shown key in one line and cuts the line at the edge,
so at 120 columns the last label was cut in half and Help and Quit were gone. This
footer shows, of the keys the focused pane and the screen offer, those that fit,
taken in the order of ``KEY_PRIORITY`` (in Textual's own order on screen), and
always leaves room for the palette key on the right. Every key stays in the help
(``?``) and in the palette, whatever the width. The footer chooses again when its
width changes, and whenever Textual recomposes it (a change of focus or bindings).

Widths, measured with the default keys (each key takes its key, its label and three
cells; the palette key 12):

- 80 columns: Open, Search, Open source, Full screen, Quit, Help.
- 120 columns: those, and Copy, Stance, Verdict and Compute.
- 160 columns: those, and Timeline, Note and Cost what-if (Export and Stories only
  in ``?`` and the palette).

In the GPU pane, its own keys (Sort, Baseline) come right after Open.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Footer

from tui.ui import lifecycle

KEY_PRIORITY = (
    "app.help", "app.quit", "list.select", "gpus.sort", "gpus.baseline",
    "dashboard.search", "dashboard.open_source", "dashboard.maximize", "dashboard.copy",
    "dashboard.stance_filter", "dashboard.verdict", "dashboard.compute",
    "dashboard.timeline", "dashboard.note", "dashboard.cost", "dashboard.export",
    "dashboard.stories",
)
"""Binding ids, the first the most wanted in the footer; any other binding comes last."""
KEY_CELLS = 3
"""A key's cells beyond its key and its label: the key's padding and a space after."""
PALETTE_CELLS = 3
"""The palette key's cells beyond its key and its label: its padding and its border."""


class KeyFooter(Footer):
    """A ``Footer`` that shows only the keys that fit, in ``KEY_PRIORITY`` order."""

    def __init__(self) -> None:
        super().__init__()
        self.shown_keys: frozenset[str] = frozenset()
        """The keys of the bindings shown now (tests read it)."""

    def compose(self) -> ComposeResult:
        self.shown_keys = self._keys_that_fit(self.screen.size.width or self.app.size.width)
        for widget in super().compose():
            # Each key widget carries its binding's key (Textual's ``FooterKey.key``).
            if widget.has_class("-command-palette") or getattr(widget, "key", None) \
                    in self.shown_keys:
                yield widget

    def on_resize(self, event: Resize) -> None:
        if self._keys_that_fit(event.size.width) != self.shown_keys:
            lifecycle.call_after_refresh(self, self.recompose)

    def _width(self, binding: Binding, extra: int) -> int:
        return cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + extra

    def _keys_that_fit(self, width: int) -> frozenset[str]:
        """The keys of the shown bindings that fit in ``width``, the most wanted first."""
        active = self.screen.active_bindings
        room = width
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            room -= self._width(palette.binding, PALETTE_CELLS)
        first_of_action: dict[str, Binding] = {}  # Textual shows one key per action
        for _node, binding, _enabled, _tooltip in active.values():
            if binding.show and binding.key != self.app.COMMAND_PALETTE_BINDING:
                first_of_action.setdefault(binding.action, binding)
        ranked = sorted(first_of_action.values(), key=_rank)
        kept: set[str] = set()
        for binding in ranked:
            cells = self._width(binding, KEY_CELLS)
            if cells <= room:
                kept.add(binding.key)
                room -= cells
        return frozenset(kept)


def _rank(binding: Binding) -> int:
    return KEY_PRIORITY.index(binding.id) if binding.id in KEY_PRIORITY else len(KEY_PRIORITY)
