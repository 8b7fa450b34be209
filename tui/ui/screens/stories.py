"""The story switcher: a list of the loaded stories; Enter opens one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.text import one_line
from tui.ui.lifecycle import Transient


class StoryPicker(Transient, ModalScreen[str | None]):
    """Pick a story; dismisses with its id, or ``None``."""

    DEFAULT_CSS = """
    StoryPicker {
        align: center middle;
        & > OptionList {
            width: 80%;
            max-width: 90;
            height: auto;
            max-height: 80%;
            border: round $accent;
            border-title-color: $accent;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_none", "Close", id="stories.close",
                tooltip="Close without switching"),
    ]

    def __init__(self, stories: tuple[Corpus, ...], current: str | None) -> None:
        super().__init__()
        self.stories = stories
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for corpus in self.stories:
            story = corpus.story
            mark = "● " if story.id == self.current else "  "
            label = Text(mark)
            label.append(one_line(story.title), "bold")
            label.append(f"\n  {one_line(story.publisher)} · {fmt.when(story.date, False)} · "
                         f"{len(corpus.claims)} claims, {len(corpus.reactions)} reactions")
            options.append(Option(label, id=story.id))
        option_list = OptionList(*options)
        option_list.border_title = "Stories — Enter to open, Esc to close"
        yield option_list

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [c.story.id for c in self.stories]
        if self.current in ids:
            option_list.highlighted = ids.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
