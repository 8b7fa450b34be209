"""The problems panel: what is wrong with the story files just saved, under ``--watch``.

Each problem is one line, the very text ``deepseek-tui validate`` prints
(``file:line:column: field.path: message``), so what the author reads here is what
the terminal and the editor jump to. The panel sits under the panes, above the
footer, and says that the story above it is the last one that loaded; it takes its
lines from the claims and reactions, which stay on screen and usable. It is mounted
the first time there is a problem to show, and hidden when a save fixes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from tui.core.problems import Problem
from tui.core.text import clean_text, one_line

MOST_SHOWN = 6
"""Lines of problems at most; the rest are counted (``validate`` lists them all)."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def problem_lines(problems: Sequence[Problem]) -> Text:
    """Every problem as ``validate`` prints it, the place picked out from the message."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, problem in enumerate(problems[:MOST_SHOWN]):
        if number:
            text.append("\n")
        place = str(problem.file)
        if problem.line:
            place += f":{problem.line}"
            if problem.column:
                place += f":{problem.column}"
        shown = one_line(clean_text(str(problem)))
        where = one_line(clean_text(place))
        if shown.startswith(where):
            text.append(where, "bold")
            text.append(shown[len(where):])
        else:
            text.append(shown)
    hidden = len(problems) - MOST_SHOWN
    if hidden > 0:
        text.append(f"\n… and {_plural(hidden, 'more problem')}: `deepseek-tui validate` "
                    "lists them all", "italic")
    return text


class ProblemsPanel(Static):
    """The saved story files' problems, while the last good story stays on screen."""

    def show_problems(self, problems: Sequence[Problem], kept: str | None) -> None:
        """Show ``problems`` (none: hide the panel); ``kept`` is the story still shown."""
        self.set_class(bool(problems), "-on")
        if not problems:
            return
        files = len(dict.fromkeys(problem.file for problem in problems))
        title = f"⚠ {_plural(len(problems), 'problem')} in {_plural(files, 'file')}"
        if kept:
            title += f" · showing the last good version of “{one_line(clean_text(kept))}”"
        self.border_title = Text(title)  # a Text: never read as markup
        self.border_subtitle = Text("fix and save: the story reloads")
        self.update(problem_lines(problems))
