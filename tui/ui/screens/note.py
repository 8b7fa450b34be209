"""The note editor: a claim's note in a text area; Ctrl+S saves, Esc cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from tui.ui.lifecycle import Transient

MAX_NOTE = 5000


class NoteEditor(Transient, ModalScreen[str | None]):
    """Dismisses with the new note, or ``None`` when cancelled."""

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
        & > Vertical {
            width: 80%;
            max-width: 100;
            height: 70%;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
            padding: 0 1;
        }
        & #note-claim { height: auto; margin-bottom: 1; }
        & TextArea { height: 1fr; }
        & #note-count { height: 1; color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save",
                tooltip="Save the note and close"),
        Binding("escape", "cancel", "Cancel", id="note.cancel",
                tooltip="Close without saving"),
    ]

    def __init__(self, claim_title: str, note: str) -> None:
        super().__init__()
        self.claim_title = claim_title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Your note — Ctrl+S saves, Esc cancels"
            yield Static(Text(self.claim_title, style="bold"), id="note-claim")
            yield TextArea(self.note, id="note-text", soft_wrap=True)
            yield Static(id="note-count")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self._count()

    def on_text_area_changed(self) -> None:
        self._count()

    def _count(self) -> None:
        size = len(self.query_one(TextArea).text)
        over = size > MAX_NOTE
        self.query_one("#note-count", Static).update(
            Text(f"{size:,} / {MAX_NOTE:,} characters" + ("  — too long to save" if over else ""),
                 style="bold red" if over else "")
        )

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if len(text) > MAX_NOTE:
            self.notify(f"The note has {len(text):,} characters; at most {MAX_NOTE:,} fit.",
                        severity="error", markup=False)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
