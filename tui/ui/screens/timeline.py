"""The timeline: every dated event of the story in order, each linked to its items.

Dates keep their precision (``c.``, month-only, ranges); a timestamped post shows
both UTC and US Pacific time, since several fall on different days in the two.
Enter on a linked item closes the timeline and follows it on the dashboard.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.labels import CONFIRMATION_WORD
from tui.core.model import Event
from tui.core.text import one_line
from tui.ui.lifecycle import Transient
from tui.ui.widgets.row_list import Column, Row, RowList

EVENT_COLUMNS = (Column("When", 24), Column("Kind", 14), Column("Event"))
LINK_COLUMNS = (Column("Kind", 9), Column("Linked item"))


def ordered_events(corpus: Corpus) -> list[Event]:
    """Events by date, then time (undated times last on their day), then file order."""
    position = {event.id: i for i, event in enumerate(corpus.events)}
    return sorted(
        corpus.events,
        key=lambda e: (e.date.date, e.date.time_utc is None, e.date.time_utc or 0,
                       position[e.id]),
    )


class TimelineScreen(Transient, Screen[str | None]):
    """Dismisses with the id to follow on the dashboard, or ``None``."""

    DEFAULT_CSS = """
    TimelineScreen {
        & #timeline-events { width: 3fr; border: round $panel-lighten-2; }
        & #timeline-side { width: 2fr; }
        & #timeline-detail { height: 1fr; border: round $panel-lighten-2; padding: 0 1; }
        & #timeline-links { height: auto; max-height: 50%; border: round $panel-lighten-2; }
        & RowList:focus { border: round $accent; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch_list", "Events/links", show=False, id="timeline.switch",
                tooltip="Move between the events and the selected event's links"),
        Binding("escape,t", "close", "Back", id="timeline.close",
                tooltip="Back to the dashboard"),
    ]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        with Horizontal():
            events = RowList(EVENT_COLUMNS, id="timeline-events", empty_text="no dated events")
            events.border_title = f"Timeline · {len(self.corpus.events)} events"
            yield events
            with Vertical(id="timeline-side"):
                with VerticalScroll(id="timeline-detail", can_focus=False):
                    yield Static(id="timeline-body")
                links = RowList(LINK_COLUMNS, id="timeline-links", empty_text="no links")
                links.border_title = "Linked items (Enter opens on the dashboard)"
                yield links
        yield Footer()

    def on_mount(self) -> None:
        rows = [
            Row(event.id, (Text(fmt.when(event.date)), Text(event.kind.value),
                           Text(one_line(event.title))), tones=("", "dim", ""))
            for event in ordered_events(self.corpus)
        ]
        events = self.query_one("#timeline-events", RowList)
        events.set_rows(rows)
        events.focus()
        if rows:
            self.show_event(rows[0].key)

    @on(RowList.Highlighted, "#timeline-events")
    def _event_highlighted(self, event: RowList.Highlighted) -> None:
        if event.key:
            self.show_event(event.key)

    @on(RowList.Selected, "#timeline-events")
    def _event_selected(self) -> None:
        self.query_one("#timeline-links", RowList).focus()

    @on(RowList.Selected, "#timeline-links")
    def _link_selected(self, event: RowList.Selected) -> None:
        self.dismiss(event.key)

    def show_event(self, event_id: str) -> None:
        event = self.corpus.get(event_id)
        if not isinstance(event, Event):
            return
        body = Text()
        body.append(one_line(event.title) + "\n", "bold")
        body.append(fmt.when_in_zones(event.date) + "\n")
        if event.date.note:
            body.append(event.date.note + "\n", "dim")
        body.append(f"{event.kind.value} · {CONFIRMATION_WORD[event.status]}\n", "dim")
        if event.text:
            body.append("\n" + event.text + "\n")
        self.query_one("#timeline-body", Static).update(body)
        links = [
            Row(item_id, (Text(self.corpus.kind_of(item_id) or ""),
                          Text(self.corpus.title_of(item_id))))
            for item_id in (*event.refs, *event.sources)
            if item_id in self.corpus
        ]
        self.query_one("#timeline-links", RowList).set_rows(links, reset=True)

    def action_switch_list(self) -> None:
        events = self.query_one("#timeline-events", RowList)
        links = self.query_one("#timeline-links", RowList)
        (links if events.has_focus else events).focus()

    def action_close(self) -> None:
        self.dismiss(None)
