"""The key yardstick: a minimal Textual app with a focused Input, for key-to-screen times.

``bench.keystrokes`` types into it in the same run as into the dashboard, so a slow
machine shows in both (the start-up yardstick is ``minimal_app.py``).
"""

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Header, Input


class MinimalInput(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="minimal input ready")
        yield Footer()


if __name__ == "__main__":
    MinimalInput().run()
