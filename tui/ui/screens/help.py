"""The help screen, generated from the bindings themselves (and the user's keymap)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.lifecycle import Transient


def binding_table(
    groups: Iterable[tuple[str, Iterable[BindingType]]],
    keymap: Mapping[str, str],
    key_display: object,
) -> Table:
    """A table of every binding: keys (after the keymap), what it does, and why."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column(Text("Keys"), no_wrap=True, style="bold")
    table.add_column(Text("Action"), no_wrap=True)
    table.add_column(Text("What it does"), ratio=1)
    for title, bindings in groups:
        table.add_row(Text(title, style="bold underline"), Text(""), Text(""))
        for binding in bindings:
            if not isinstance(binding, Binding):
                continue
            keys = keymap.get(binding.id or "", binding.key)
            shown = ", ".join(
                key_display(Binding(k, binding.action)) if callable(key_display) else k
                for k in keys.split(",")
            )
            table.add_row(Text(shown), Text(binding.description), Text(binding.tooltip))
    return table


class HelpScreen(Transient, ModalScreen[None]):
    """Every key, grouped by where it works."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 110;
            height: 90%;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close",
                tooltip="Close the help screen"),
        Binding("down,j", "scroll('down')", "Down", show=False, id="help.down",
                tooltip="Scroll down"),
        Binding("up,k", "scroll('up')", "Up", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def __init__(self, table: Table) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys — Esc to close"
            yield Static(self.table)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(VerticalScroll)
        if direction == "down":
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)
