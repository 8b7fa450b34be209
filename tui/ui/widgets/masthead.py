"""The lines above the panes, drawn by one widget.

At full size: the story (title, date, publisher), the stance tally and your take. In
the compact layout: the story and the pane tabs. The screen says what each line is;
the masthead only draws them. One widget instead of four: every widget in the first
frame costs about a millisecond to mount, style and draw, and these are lines of text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

from tui.core.agreement import Agreement
from tui.core.labels import STANCE_GLYPH, verdict_label
from tui.core.model import Stance, Verdict
from tui.ui.widgets.strips import one_strip


def stance_tally(counts: dict[Stance, int], width: int, colours: dict[str, str]) -> Text:
    """``Reactions ✗ skeptical 4 ███████ ✓ supportive 5 █████████ …`` in ``width`` cells.

    ``colours`` are the theme's variables (``stance-skeptical`` and so on).
    """
    total = sum(counts.values())
    text = Text()
    text.append("Reactions ", style="dim")
    if not total:
        text.append("none yet", style="dim")
        return text
    labels = [
        (stance, f"{STANCE_GLYPH[stance]} {stance.value} {count:,} ")
        for stance, count in counts.items()
        if count
    ]
    room = width - text.cell_len - sum(len(label) + 1 for _, label in labels)
    for stance, label in labels:
        value = colours.get(f"stance-{stance.value}")
        style = Style(color=Color.parse(value).rich_color) if value else Style()
        text.append(label, style=style)
        bar = max(1, room * counts[stance] // total) if room > 0 else 0
        text.append("█" * bar, style=style)
        text.append(" ")
    return text


def take_tally(counts: Agreement) -> Text:
    """The take line: the user's verdicts, and the reactions that agree with them."""
    text = Text()
    text.append("Your take ", style="dim")
    if not counts.rated:
        text.append("press v on a claim: believe, doubt or unsure", style="dim italic")
        return text
    text.append("  ".join(f"{verdict_label(v)} {counts.verdicts.get(v, 0)}" for v in Verdict))
    text.append(f" ({counts.rated}/{counts.claims} claims)", style="dim")
    text.append("  ·  reactions to them: ")
    text.append(f"{counts.agree} agree, {counts.disagree} disagree", style="bold")
    if counts.other:
        text.append(f", {counts.other} neither", style="dim")
    return text


class Masthead(Widget):
    """The story line, then the stance tally and your take (or, compact, the tabs)."""

    DEFAULT_CSS = """
    Masthead {
        height: 3;
        &.-compact { height: 2; }
        & > .masthead--story { background: $panel; color: $text; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"masthead--story"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = ""
        self.details: tuple[str, ...] = ()
        self.archive = ""
        """How many stories there are, at the end of the story line (``12/200 stories``)."""
        self.counts: dict[Stance, int] = {}
        self.take = Text()
        self.tabs = Text()
        self.compact = False
        self._styles: dict[bool, Style] = {}  # story line or not → its style, until restyled

    def set_story(self, title: str, details: tuple[str, ...]) -> None:
        """The story line: its title, then ``details`` (date, publisher) as room allows."""
        self.title, self.details = title, details
        self.refresh()

    def set_archive(self, progress: str) -> None:
        if progress != self.archive:
            self.archive = progress
            self.refresh()

    def story_line(self, width: int) -> Text:
        """The title with as many details as fit in ``width``, the last ones dropped
        first; only a title too long on its own is cut (with an ellipsis). The
        archive's count, if any, keeps the right end."""
        if self.archive:
            count = f"  {self.archive}"
            line = self._story_line(max(width - len(count), 0))
            line.truncate(max(width - len(count), 0), overflow="ellipsis")
            line.pad_right(max(width - len(count) - line.cell_len, 0))
            line.append(count, "dim")
            return line
        return self._story_line(width)

    def _story_line(self, width: int) -> Text:
        line = Text()
        for count in range(len(self.details), -1, -1):
            line = Text()
            line.append(self.title, "bold")
            for detail in self.details[:count]:
                line.append(f"  ·  {detail}")
            if line.cell_len <= width:
                break
        return line

    def set_counts(self, counts: dict[Stance, int]) -> None:
        self.counts = dict(counts)
        self.refresh()

    def set_take(self, text: Text) -> None:
        self.take = text
        self.refresh()

    def show_take(self, counts: Agreement) -> None:
        """The user's take: verdicts so far, and how the reactions to them line up."""
        self.set_take(take_tally(counts))

    def set_tabs(self, text: Text) -> None:
        self.tabs = text
        self.refresh()

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self.set_class(compact, "-compact")
            self.refresh()

    def line(self, y: int) -> Text:
        """What line ``y`` says (without its one-cell margins)."""
        if y == 0:
            return self.story_line(self.size.width - 2)
        if self.compact:
            return self.tabs if y == 1 else Text()
        if y == 1:
            return stance_tally(self.counts, self.size.width - 2, self.app.theme_variables)
        return self.take if y == 2 else Text()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self._style(story=y == 0)
        text = self.line(y).copy()
        text.truncate(max(width - 2, 0), overflow="ellipsis")
        segments = [Segment(" ", style), *text.render(self.app.console, end="")]
        return one_strip(segments, width, style)

    def _style(self, story: bool) -> Style:
        style = self._styles.get(story)
        if style is None:
            style = self._styles[story] = (
                self.get_component_rich_style("masthead--story") if story else self.rich_style
            )
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
