"""The help screen, generated from the bindings themselves (and the user's keymap).

``help_groups`` says which bindings it lists, grouped by where they work: a screen or
widget with keys of its own gets a line there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.lifecycle import Transient

if TYPE_CHECKING:
    from textual.app import App


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


def help_groups(app: App[Any]) -> list[tuple[str, Iterable[BindingType]]]:
    """Every group of keys the help lists: the app's, then each screen's and widget's."""
    from tui.ui.screens.compute import ComputeScreen
    from tui.ui.screens.cost import CostScreen
    from tui.ui.screens.dashboard import DashboardScreen
    from tui.ui.screens.note import NoteEditor
    from tui.ui.screens.timeline import TimelineScreen
    from tui.ui.widgets.gpu_pane import GpuPane
    from tui.ui.widgets.row_list import RowList

    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Palette",
                      tooltip="Commands: jump to any item, switch story or theme")
    return [
        ("Everywhere", [*app.BINDINGS, palette]),
        ("Dashboard", DashboardScreen.BINDINGS),
        ("GPU comparison", GpuPane.BINDINGS),
        ("Note editor", NoteEditor.BINDINGS),
        ("In a list", RowList.BINDINGS),
        ("Timeline", TimelineScreen.BINDINGS),
        ("Cost what-if", CostScreen.BINDINGS),
        ("Compute lens", ComputeScreen.BINDINGS),
    ]


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

    @classmethod
    def for_app(cls, app: App[Any]) -> HelpScreen:
        """Every key of ``app``, as its user's keymap binds them now."""
        keymap: Mapping[str, str] = getattr(app, "keymap", {})
        return cls(binding_table(help_groups(app), keymap, app.get_key_display))

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
