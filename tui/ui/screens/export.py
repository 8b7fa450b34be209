"""Choosing an export format in the app; the file goes to the data folder's exports/."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ui.lifecycle import Transient

FORMATS: tuple[tuple[str, str, str], ...] = (
    ("markdown", "md", "Markdown brief: claims, GPUs, fleets, reactions and your verdicts"),
    ("json", "json", "JSON: the whole story, GPU figures with units in their names"),
    ("claimreview", "jsonld", "ClaimReview JSON-LD (schema.org), one review per claim"),
)


class ExportPicker(Transient, ModalScreen[str | None]):
    """Dismisses with a format name, or ``None``."""

    DEFAULT_CSS = """
    ExportPicker {
        align: center middle;
        & > OptionList {
            width: 80%;
            max-width: 90;
            height: auto;
            border: round $accent;
            border-title-color: $accent;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_none", "Close", id="export.close",
                tooltip="Close without exporting"),
    ]

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(Text(label), id=name) for name, _, label in FORMATS))
        options.border_title = "Export — Enter writes the file, Esc closes"
        yield options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
