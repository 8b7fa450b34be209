"""The search box and the filter bar: what the dashboard is filtered by, and the way out.

The search box sits above the footer while the user types; the filter bar takes the
footer's own line while a search or a stance filter is on, and says what is shown
(counts agree with their nouns) and that Esc clears it. Swapping two docked lines of
one height leaves the panes where they are; Textual still lays the screen out once
when the bar shows or hides (the slowest stance-filter key at 10k items is that one).
Neither is in the dashboard's first frame: the screen mounts them just after it, or
the moment one is wanted.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import Input, Static

from tui.core.model import Stance
from tui.core.text import one_line

PLACEHOLDER = "search every pane…  (Enter keeps the filter, Esc clears it)"
NOUNS = {"claims": ("claim", "claims"), "gpus": ("GPU", "GPUs"),
         "fleets": ("fleet", "fleets"), "reactions": ("reaction", "reactions")}


def counted(count: int, list_name: str) -> str:
    """``1 GPU``, ``2 GPUs``, ``0 claims``: a count and its noun, agreeing."""
    one, many = NOUNS.get(list_name, (list_name, list_name))
    return f"{count:,} {one if count == 1 else many}"


def filter_parts(query: str, counts: Mapping[str, int], stance: Stance | None,
                 filtering: bool) -> list[str]:
    """What the bar says, part by part; empty when nothing is filtered."""
    parts = []
    if query.strip():
        found = ", ".join(counted(count, name) for name, count in counts.items())
        parts.append(f"search “{one_line(query.strip())}”: {found}")
    if stance is not None:
        parts.append(f"stance: {stance.value}")
    if filtering:
        parts.append("filtering…")
    return parts


class SearchBox(Input):
    """The search box: hidden until ``/`` opens it."""

    def __init__(self, *, id: str) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)
        self.display = False

    def open(self) -> None:
        self.display = True
        self.focus()

    def close(self, clear: bool) -> None:
        """Hide the box; with ``clear``, empty it too (Esc), else keep the filter (Enter)."""
        if clear:
            self.value = ""
        self.display = False


class FilterBar(Static):
    """One line in the footer's place while a filter is on (the ``-on`` class)."""

    def show_filters(self, parts: list[str]) -> None:
        self.set_class(bool(parts), "-on")
        self.update(Text("▸ filter  " + "  ·  ".join(parts) + "   (Esc clears)"), layout=False)
