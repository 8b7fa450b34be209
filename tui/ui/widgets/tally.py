"""The stance tally: one bar split by stance, each part with its glyph, word and count."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.widget import Widget

from tui.core.model import Stance
from tui.labels import STANCE_GLYPH


class StanceTally(Widget):
    """``✗ skeptical 4 ███████ ✓ supportive 5 █████████ …`` drawn to the widget's width."""

    DEFAULT_CSS = """
    StanceTally {
        height: 1;
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
        text = Text()
        text.append("Reactions ", style="dim")
        if not total:
            text.append("none yet", style="dim")
            return text
        labels = [
            (stance, f"{STANCE_GLYPH[stance]} {stance.value} {count:,} ")
            for stance, count in self.counts.items()
            if count
        ]
        room = self.size.width - text.cell_len - sum(len(label) + 1 for _, label in labels)
        for stance, label in labels:
            value = self.app.theme_variables.get(f"stance-{stance.value}")
            style = Style(color=Color.parse(value).rich_color) if value else Style()
            text.append(label, style=style)
            bar = max(1, room * self.counts[stance] // total) if room > 0 else 0
            text.append("█" * bar, style=style)
            text.append(" ")
        return text
