"""The dashboard's ways out to the story's other views, and back.

A mixin of ``DashboardScreen``: the timeline (``t``), the cost what-if (``w``) and the
compute lens (``m``) open over the dashboard with the story shown; the timeline and
the lens can come back with an item, which the dashboard then selects. Each view is
imported when it is first opened, not at start-up.

The compute lens's setting (utilisation and precision) lives here, on the dashboard,
in ``lens_setting``: the lens opens on it and hands back each change, and the
inspector's compute lines are worked out at it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.corpus import Corpus
from tui.ui.details import DEFAULT_LENS, LensSetting
from tui.ui.lifecycle import ScreenMixin


class StoryViews(ScreenMixin):
    """Open the timeline, the cost what-if and the compute lens."""

    corpus: Corpus | None
    lens_setting = DEFAULT_LENS
    """The compute lens's utilisation and precision (35% of BF16 until changed)."""
    if TYPE_CHECKING:

        def follow(self, item_id: str) -> None: ...
        def _inspect(self) -> None: ...

    def action_timeline(self) -> None:
        from tui.ui.screens.timeline import TimelineScreen

        if self.corpus is not None:
            self.app.push_screen(TimelineScreen(self.corpus), self._follow_from)

    def action_cost(self) -> None:
        from tui.ui.screens.cost import CostScreen

        if self.corpus is not None:
            self.app.push_screen(CostScreen(self.corpus))

    def action_compute(self) -> None:
        from tui.ui.screens.compute import ComputeScreen

        if self.corpus is not None:
            self.app.push_screen(ComputeScreen(self.corpus, self.lens_setting,
                                               self._lens_changed), self._follow_from)

    def _lens_changed(self, setting: LensSetting) -> None:
        """The lens was set to ``setting``: keep it, and show the inspector at it."""
        if setting != self.lens_setting:
            self.lens_setting = setting
            self._inspect()

    def _follow_from(self, item_id: str | None) -> None:
        """What a view came back with (a fleet, a claim, an event's item): select it."""
        if item_id is not None:
            self.follow(item_id)

