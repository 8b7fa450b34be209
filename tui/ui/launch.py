"""Running the app from the CLI: exit codes, and diagnostics after the terminal is back."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.ui.app import create_app
from tui.ui.exits import ending_on_signals


def run(
    seeds: list[Path],
    *,
    theme: str | None = None,
    data_dir: Path | None = None,
    headless: bool = False,
    watch: bool = False,
    story: str | None = None,
) -> int:
    """Run the dashboard; 2 (with every problem on stderr) if no story could load."""
    app = create_app(seeds, theme=theme, data_dir=data_dir, watch=watch, story=story)
    with ending_on_signals(app.exit_request):
        app.run(headless=headless)
    if app.loaded and not app.stories:
        for problem in app.problems:
            print(problem, file=sys.stderr)
        print("no story could be loaded", file=sys.stderr)
        return 2
    return app.return_code or 0
