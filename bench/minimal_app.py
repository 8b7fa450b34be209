"""The yardstick: a minimal Textual app (Header, Static, Footer), as in the targets."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("minimal app ready")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
