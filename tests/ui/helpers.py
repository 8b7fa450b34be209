"""Building the real app for tests and waiting until its stories are on screen."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tui.ui.app import DeepseekApp, create_app
from tui.ui.screens.dashboard import DashboardScreen

THEME = "deepseek-dark"


def warm_cache(seeds: list[Path] | None = None) -> None:
    """Check the seeds once, as a first launch does: the next app finds them cached and
    opens the dashboard as its first screen (the path a real launch takes)."""
    from tui.core.paths import default_seeds
    from tui.core.seeds import load

    result = load(seeds or [default_seeds()])
    assert result.stories and not result.problems


def make_app(seeds: list[Path] | None = None, theme: str = THEME) -> DeepseekApp:
    app = create_app(seeds, theme=theme)
    app.animation_level = "none"
    return app


async def loaded(pilot: Pilot[None]) -> DashboardScreen:
    """Wait for the story and then the settings (themes, takes, config) to load.

    Fails loudly if the dashboard did not get a story.
    """
    app = pilot.app
    assert isinstance(app, DeepseekApp)
    for _ in range(500):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.settled or (app.loaded and not app.stories):
            break
    assert app.loaded, "the load worker did not finish"
    assert app.stories, f"no story loaded: {app.problems}"
    screen = app.dashboard
    assert screen is not None and screen.corpus is not None
    return screen
