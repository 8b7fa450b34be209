"""The row planner: where a plan is made, and which lists a new plan changes.

``tui.ui.planner`` has no Textual in it, so these run without an app.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import pytest

from tui.core.model import Stance
from tui.ui import planner
from tui.ui.planner import Changes, Route, RowPlanner


class Plan(NamedTuple):
    query: str
    stance: Stance | None
    verdicts: Mapping[str, str]


def test_the_planner_imports_no_textual() -> None:
    tree = ast.parse(Path(planner.__file__).read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in names if name.split(".")[0] in ("textual", "rich")}


def test_the_first_plan_changes_every_list_and_a_stale_one_nothing() -> None:
    rows: RowPlanner[Plan] = RowPlanner(100)
    first, route = rows.request("", None, {}, search_ready=False)
    assert route is Route.UI
    second, _ = rows.request("", Stance.SKEPTICAL, {}, search_ready=False)
    assert rows.accept(first, Plan("", None, {})) is None  # overtaken by the second
    assert rows.accept(second, Plan("", Stance.SKEPTICAL, {})) == Changes(True, True, True)


def test_a_stance_touches_the_reactions_and_a_verdict_the_claims() -> None:
    rows: RowPlanner[Plan] = RowPlanner(100)
    generation, _ = rows.request("", None, {}, search_ready=True)
    rows.accept(generation, Plan("", None, {}))
    generation, _ = rows.request("", Stance.MIXED, {}, search_ready=True)
    assert rows.accept(generation, Plan("", Stance.MIXED, {})) == Changes(False, True, False)
    generation, _ = rows.request("", Stance.MIXED, {"c": "believe"}, search_ready=True)
    assert rows.accept(generation, Plan("", Stance.MIXED, {"c": "believe"})) == \
        Changes(True, False, False)
    generation, _ = rows.request("h800", Stance.MIXED, {"c": "believe"}, search_ready=True)
    assert rows.accept(generation, Plan("h800", Stance.MIXED, {"c": "believe"})) == \
        Changes(True, True, True)


def test_the_whole_story_is_planned_once_and_reused() -> None:
    rows: RowPlanner[Plan] = RowPlanner(100)
    whole = Plan("", None, {})
    rows.record(whole, 0.001, searched=0)
    assert rows.whole is whole
    assert rows.request("", None, {}, search_ready=True)[1] is Route.REUSE
    assert rows.request("", None, {"c": "doubt"}, search_ready=True)[1] is Route.UI


@pytest.mark.parametrize(("size", "ready", "route"), [
    (1_000, False, Route.UI),  # building a small story's search text is quick
    (planner.SMALL_STORY, False, Route.WORKER),  # a large one's would hold the UI thread
    (planner.LARGE_STORY - 1, True, Route.UI),  # just below: quick once it is built
    (planner.LARGE_STORY, True, Route.WORKER),  # no measurement yet: by size
])
def test_before_any_measurement_a_search_goes_by_size(size: int, ready: bool,
                                                      route: Route) -> None:
    rows: RowPlanner[Plan] = RowPlanner(size)
    assert rows.request("musk", None, {}, search_ready=ready)[1] is route


def test_a_measured_cost_decides_where_a_search_is_planned() -> None:
    rows: RowPlanner[Plan] = RowPlanner(10_000)
    rows.record(Plan("musk", None, {}), 0.040, searched=10_000)  # over the UI's budget
    assert rows.request("musk a", None, {}, search_ready=True)[1] is Route.WORKER
    rows.record(Plan("musk a", None, {}), 0.004, searched=10_000)  # measured again: quick
    assert rows.request("musk ab", None, {}, search_ready=True)[1] is Route.UI
    big: RowPlanner[Plan] = RowPlanner(planner.LARGE_STORY * 2)
    big.record_search(0.005, searched=planner.LARGE_STORY * 2)  # searches quickly
    assert big.request("musk a", None, {}, search_ready=True)[1] is Route.UI


def test_a_narrowed_search_is_costed_per_item_it_looked_at() -> None:
    """Typing on searches only the previous matches; its few milliseconds must not
    make a new search of the whole story look cheap (it took 38 ms on the UI thread)."""
    rows: RowPlanner[Plan] = RowPlanner(20_000)
    rows.record_search(0.034, searched=20_000)  # the whole story
    rows.record(Plan("export", None, {}), 0.004, searched=2_300)  # only earlier matches
    assert rows.request("e", None, {}, search_ready=True)[1] is Route.WORKER


def test_a_huge_story_replans_in_the_worker_after_its_first_plan() -> None:
    rows: RowPlanner[Plan] = RowPlanner(planner.HUGE_STORY)
    generation, route = rows.request("", None, {}, search_ready=False)
    assert route is Route.UI
    rows.accept(generation, Plan("", None, {}))
    assert rows.request("", Stance.MIXED, {}, search_ready=False)[1] is Route.WORKER
