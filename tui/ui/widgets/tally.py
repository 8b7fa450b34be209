"""The stance tally: one bar split by stance, each part with its glyph, word and count."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.core.schema import Stance
from tui.labels import STANCE_GLYPH


class StanceTally(Widget):
    """``✗ skeptical 4 ███████ ✓ supportive 5 █████████ …`` drawn to the widget's width."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"stance-tally--{stance.value}" for stance in Stance
    } | {"stance-tally--label"}

    DEFAULT_CSS = """
    StanceTally {
        height: 1;
        & > .stance-tally--label { color: $text-muted; }
        & > .stance-tally--skeptical { color: $stance-skeptical; }
        & > .stance-tally--supportive { color: $stance-supportive; }
        & > .stance-tally--neutral { color: $stance-neutral; }
        & > .stance-tally--mixed { color: $stance-mixed; }
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: dict[Stance, int] = {}

    def set_counts(self, counts: dict[Stance, int]) -> None:
        self.counts = dict(counts)
        self.refresh()

    def render(self) -> Text:
        total = sum(self.counts.values())
        text = Text("Reactions ", style=self.get_component_rich_style("stance-tally--label"))
        if not total:
            text.append("none yet", style=self.get_component_rich_style("stance-tally--label"))
            return text
        labels = [
            (stance, f"{STANCE_GLYPH[stance]} {stance.value} {count} ")
            for stance, count in self.counts.items()
            if count
        ]
        room = self.size.width - text.cell_len - sum(len(label) + 1 for _, label in labels)
        for stance, label in labels:
            style = self.get_component_rich_style(f"stance-tally--{stance.value}")
            text.append(label, style=style)
            bar = max(1, room * self.counts[stance] // total) if room > 0 else 0
            text.append("█" * bar, style=style)
            text.append(" ")
        return text
