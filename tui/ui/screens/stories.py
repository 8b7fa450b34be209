"""The story picker (``o``): every story of the archive, newest first, filtered as you type.

Each row gives the story's date, title and counts; a story still loading says so, and
a file that did not load is listed too, marked broken, with its located problems
shown under the list when its row is highlighted. The count at the top follows the
background load (``12/200 stories``). Enter opens the highlighted story.

It stays quick at 1,000 stories: the rows are a ``RowList`` of ``LazyRows`` (only the
lines on screen are built), and each entry's filter text is made once per change of
the archive, so a keystroke is a substring test per story.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input

from tui.core import formatting as fmt
from tui.core.library import Entry, Library
from tui.core.problems import format_problem
from tui.core.text import clean_text, one_line
from tui.ui.lifecycle import Transient
from tui.ui.widgets.row_list import Column, LazyRows, Row, RowList

COLUMNS = (Column("", 1), Column("Date", 10), Column("Story"), Column("Claims", 7, "right"),
           Column("Reactions", 9, "right"))
DATE_WIDTH = (10, 23)
"""The date column fits the widest date listed, from a day (``2025-01-27``) to a range
of days known roughly (``c. 2025-01-26–2025-01-27``)."""
MAX_PROBLEMS_SHOWN = 5
RELIST_EVERY_S = 0.5


def _plain(value: str) -> str:
    return one_line(clean_text(value))


def entry_key(entry: Entry) -> str:
    """A row's key: the story id once loaded, else the file."""
    return entry.corpus.story.id if entry.corpus is not None else f"file:{entry.head.path}"


def filter_text(entry: Entry) -> str:
    """What the filter looks in: title, id, date, publisher and file name, case-folded."""
    head, corpus = entry.head, entry.corpus
    parts = [head.title or "", head.story_id or "", str(head.date or ""), head.path.name]
    if corpus is not None:
        parts.append(corpus.story.publisher)
    if entry.problems:
        parts.append("broken")
    return " ".join(parts).casefold()


def date_label(entry: Entry) -> str:
    """The story's date as the picker lists it: as precise as it is known once loaded,
    the day of its head before that."""
    if entry.corpus is not None:
        return fmt.when(entry.corpus.story.date, False)
    return str(entry.head.date) if entry.head.date else ""


class TextLines(Widget):
    """Lines of text in a fixed height: changing them redraws them and lays out nothing
    (a ``Static`` of the same lines laid the whole picker out again on every key)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()

    def show(self, text: Text) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return self.text


class StoryPicker(Transient, ModalScreen[str | None]):
    """Pick a story; dismisses with its id, or ``None``."""

    DEFAULT_CSS = """
    StoryPicker {
        align: center middle;
        & > Vertical {
            width: 90%;
            max-width: 120;
            height: 80%;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
        }
        #story-filter { border: none; height: 1; padding: 0 1; }
        #story-count { height: 1; padding: 0 1; color: $text-muted; }
        #story-list { height: 1fr; }
        #story-details { height: 8; padding: 0 1; color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="stories.close",
                tooltip="Close without switching"),
        Binding("enter", "open", "Open", id="stories.open", tooltip="Open the highlighted story"),
        Binding("down", "move(1)", "Down", show=False, id="stories.down"),
        Binding("up", "move(-1)", "Up", show=False, id="stories.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="stories.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="stories.page_up"),
    ]

    def __init__(self, library: Library, current: str | None) -> None:
        super().__init__()
        self.library = library
        self.current = current
        self.entries: list[Entry] = []
        self._texts: list[str] = []
        self._text_of: dict[tuple[Path, bool, bool], tuple[str, str]] = {}
        """Each entry's filter text and date, made once per state of its file."""
        self._listed = 0.0
        self.shown: list[Entry] = []
        """The entries the filter lets through, in the list's order."""

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            frame.border_title = "Stories — type to filter, Enter to open, Esc to close"
            yield Input(placeholder="Filter: title, id, date…", id="story-filter")
            yield TextLines(id="story-count")
            yield RowList(COLUMNS, id="story-list", empty_text="no story matches")
            yield TextLines(id="story-details")

    def on_mount(self) -> None:
        self._reload()
        if self.current is not None:
            self.query_one(RowList).move_to(self.current)
        self.query_one(Input).focus()

    def library_changed(self) -> None:
        """The archive has moved on (more stories loaded): list them all again, at most
        every ``RELIST_EVERY_S`` while it loads (typing in the filter comes first)."""
        if self.is_mounted and (self.library.complete or
                                time.monotonic() - self._listed >= RELIST_EVERY_S):
            self._reload()

    def _reload(self) -> None:
        self._listed = time.monotonic()
        self.entries = self.library.entries()
        texts = self._text_of
        known = []
        for entry in self.entries:
            key = (entry.head.path, entry.corpus is not None, bool(entry.problems))
            if key not in texts:
                texts[key] = (filter_text(entry), date_label(entry))
            known.append(texts[key])
        self._texts = [text for text, _ in known]
        low, high = DATE_WIDTH
        width = min(high, max([low, *(len(date) for _, date in known)]))
        self.query_one(RowList).set_columns(
            [column._replace(width=width) if column.label == "Date" else column
             for column in COLUMNS])
        self._refilter()

    @on(Input.Submitted, "#story-filter")
    def _submitted(self) -> None:
        self.action_open()

    @on(Input.Changed, "#story-filter")
    def _filter_changed(self) -> None:
        self._refilter()

    def _refilter(self) -> None:
        terms = self.query_one(Input).value.casefold().split()
        self.shown = [entry for entry, text in zip(self.entries, self._texts, strict=True)
                      if all(term in text for term in terms)]
        by_key = {entry_key(entry): entry for entry in self.shown}
        rows = LazyRows(list(by_key), lambda key: self._row(by_key[key]))
        row_list = self.query_one(RowList)
        row_list.set_rows(rows)
        self._show_count()
        self._show_details(row_list.current_key)

    def _row(self, entry: Entry) -> Row:
        head, corpus = entry.head, entry.corpus
        mark = "●" if corpus is not None and corpus.story.id == self.current else ""
        if corpus is not None:
            story = corpus.story
            return Row(entry_key(entry), (
                Text(mark), Text(date_label(entry)), Text(_plain(story.title)),
                Text(f"{len(corpus.claims):,}"), Text(f"{len(corpus.reactions):,}")))
        title = Text(_plain(head.title or head.path.name))
        if entry.problems:
            title = Text.assemble(("broken ", "bold red"), _plain(head.path.name))
            counts = (Text(f"{len(entry.problems)}", "red"), Text("problems", "red"))
        else:
            title.append("  loading…", "dim italic")
            counts = (Text(""), Text(""))
        date = Text(date_label(entry), "dim")
        return Row(entry_key(entry), (Text(mark), date, title, *counts))

    def _show_count(self) -> None:
        progress = self.library.progress() or "1 story"
        shown = f"{len(self.shown):,} shown · " if len(self.shown) != len(self.entries) else ""
        self.query_one("#story-count", TextLines).show(Text(shown + progress))

    @on(RowList.Highlighted, "#story-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        self._show_details(event.key)

    def _show_details(self, key: str | None) -> None:
        """Under the list: the highlighted file's problems, or where the story is from."""
        entry = next((e for e in self.shown if entry_key(e) == key), None)
        details = Text()
        if entry is not None and entry.problems:
            details.append(f"{_plain(str(entry.head.path))} did not load:\n", "bold")
            for problem in entry.problems[:MAX_PROBLEMS_SHOWN]:
                details.append(_plain(format_problem(problem, entry.head.path.parent)) + "\n")
            if len(entry.problems) > MAX_PROBLEMS_SHOWN:
                details.append(f"… and {len(entry.problems) - MAX_PROBLEMS_SHOWN} more; "
                               "`deepseek-tui validate` lists them all")
        elif entry is not None:
            details.append(_plain(str(entry.head.path)))
        self.query_one("#story-details", TextLines).show(details)

    @on(RowList.Selected, "#story-list")
    def _selected(self, event: RowList.Selected) -> None:
        self._open(event.key)

    def action_open(self) -> None:
        self._open(self.query_one(RowList).current_key)

    def _open(self, key: str | None) -> None:
        entry = next((e for e in self.shown if entry_key(e) == key), None)
        if entry is None:
            return
        if entry.corpus is not None:
            self.dismiss(entry.corpus.story.id)
        elif entry.problems:
            self.notify("This file did not load: its problems are listed under the list.",
                        severity="warning", markup=False)
        else:
            self.notify("That story is still loading.", markup=False)

    def action_move(self, step: int) -> None:
        row_list = self.query_one(RowList)
        row_list.cursor = max(0, min(row_list.cursor + step, len(self.shown) - 1))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
