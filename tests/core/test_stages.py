"""Runs made of stages: the schema's rules, the seed's two runs against FACTS.md, the cache.

FACTS.md §3: V3 is 2,664K + 119K + 5K = 2,788K H800 GPU-hours, $5.576M at $2; R1 is
512 × 198 h + ≈5K + 512 × 80 h ≈ 147K GPU-hours, ≈$294K at $2 (the supplement's rate).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.core.support import SEED, line_containing, minimal_text
from tui.core import cache, hardware
from tui.core import formatting as fmt
from tui.core.codec import to_jsonable
from tui.core.corpus import Corpus
from tui.core.export import seed_json_schema
from tui.core.loader import load_file
from tui.core.locate import TomlLocator
from tui.core.model import Run, RunStage, StageKind
from tui.core.problems import Problem
from tui.core.schema import RunStage as StageModel

# --------------------------------------------------------------------------- the seed's runs


def _run(seed: Corpus, run_id: str) -> Run:
    run = seed.get(run_id)
    assert isinstance(run, Run)
    return run


def test_v3_is_three_stages_that_add_up_to_table_1(seed: Corpus) -> None:
    run = _run(seed, "run-v3")
    assert [(s.name, s.kind, s.gpu_hours) for s in run.stages] == [
        ("Pre-training", StageKind.PRE_TRAINING, 2_664_000),
        ("Context extension", StageKind.CONTEXT_EXTENSION, 119_000),
        ("Post-training", StageKind.POST_TRAINING, 5_000),
    ]
    assert run.gpu_hours == 2_788_000
    assert run.gpu_hours_uncertain is False
    what_if = hardware.cost_what_if(run)
    assert [fmt.money(stage.cost_usd) for stage in what_if.stages] == [
        "$5.328M", "$238K", "$10K"]
    assert what_if.cost_usd == 5_576_000
    assert what_if.reproduces_stated is True and what_if.approximate is False


def test_r1_is_three_approximate_stages_on_512_h800s(seed: Corpus) -> None:
    run = _run(seed, "run-r1")
    assert [(s.kind, s.gpu_count, s.wall_clock_hours, s.gpu_hours) for s in run.stages] == [
        (StageKind.REINFORCEMENT_LEARNING, 512, 198, 512 * 198),
        (StageKind.DATA_GENERATION, None, None, 5_000),
        (StageKind.REINFORCEMENT_LEARNING, 512, 80, 512 * 80),
    ]
    assert all(stage.uncertain for stage in run.stages)
    assert run.gpu_hours_uncertain is True  # from its stages: the seed does not say it
    assert run.gpu_hours == 512 * 198 + 512 * 80 + 5_000
    assert round(run.gpu_hours, -3) == 147_000
    what_if = hardware.cost_what_if(run)
    assert what_if.price_usd == 2.0
    assert round(what_if.cost_usd, -3) == 295_000  # $294,672: the supplement rounds its parts
    assert what_if.approximate is True and what_if.tolerance == 0.01
    assert what_if.stated_cost_usd == 294_000
    assert what_if.reproduces_stated is True


def test_the_final_stage_alone_is_not_the_294k(seed: Corpus) -> None:
    """FACTS.md §3: 512 × 80 h alone is ≈41K GPU-hours, ≈$82K."""
    final = _run(seed, "run-r1").stages[-1]
    assert round(final.gpu_hours, -3) == 41_000
    assert round(hardware.training_cost_usd(final.gpu_hours, 2.0), -3) == 82_000


def test_exact_figures_must_reproduce_to_a_tenth_of_a_percent() -> None:
    stage = RunStage(name="All", kind=StageKind.PRE_TRAINING, gpu_hours=147_336)
    run = Run(id="r", label="r", by="a", gpu="g", stages=(stage,), status="derived",  # type: ignore[arg-type]
              price_per_gpu_hour_usd=2.0, stated_cost_usd=294_000)
    assert hardware.cost_what_if(run).reproduces_stated is False
    assert hardware.cost_what_if(run._replace(gpu_hours_uncertain=True)).reproduces_stated
    far = run._replace(gpu_hours_uncertain=True, stated_cost_usd=300_000)
    assert hardware.cost_what_if(far).reproduces_stated is False


def test_stage_hours_read_as_counted() -> None:
    counted = RunStage(name="RL", kind=StageKind.REINFORCEMENT_LEARNING, gpu_hours=101_376,
                       gpu_count=512, wall_clock_hours=198, uncertain=True)
    assert fmt.stage_hours(counted) == "512 × 198 h = ≈101.4K"
    given = RunStage(name="Pre-training", kind=StageKind.PRE_TRAINING, gpu_hours=2_664_000)
    assert fmt.stage_hours(given) == "2.664M"


# --------------------------------------------------------------------------- the schema


def _stage(**fields: Any) -> StageModel:
    return StageModel.model_validate({"name": "Stage", "kind": "pre-training", **fields})


@pytest.mark.parametrize(
    ("fields", "hours"),
    [
        ({"gpu_hours": 5000}, 5000),
        ({"gpu_count": 512, "wall_clock_hours": 80}, 40_960),
        ({"gpu_count": 512, "wall_clock_hours": 80, "gpu_hours": 40_960}, 40_960),
        ({"gpu_count": 512, "gpu_hours": 5000}, 5000),
        ({"wall_clock_hours": 0.5, "gpu_hours": 5000}, 5000),
    ],
)
def test_a_stage_gives_its_hours_directly_or_as_count_times_hours(
    fields: dict[str, Any], hours: float
) -> None:
    assert _stage(**fields).resolved_gpu_hours == hours


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "no GPU-hours: give gpu_hours, or gpu_count and wall_clock_hours"),
        ({"gpu_count": 512}, "wall_clock_hours is missing"),
        ({"wall_clock_hours": 80}, "gpu_count is missing"),
        ({"gpu_count": 512, "wall_clock_hours": 80, "gpu_hours": 41_000},
         "gpu_hours (41000) is not gpu_count × wall_clock_hours (512 × 80 = 40960)"),
    ],
)
def test_a_stage_without_consistent_hours_is_rejected(
    fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _stage(**fields)
    [error] = caught.value.errors()
    assert error["loc"] == ()
    assert message in error["msg"]


@pytest.mark.parametrize(
    ("field", "bad"),
    [("gpu_hours", 0), ("gpu_hours", -5), ("gpu_count", 0), ("gpu_count", -512),
     ("wall_clock_hours", 0), ("wall_clock_hours", -1.5), ("gpu_hours", float("nan")),
     ("gpu_count", 1.5), ("gpu_count", True), ("uncertain", "yes")],
)
def test_zero_negative_and_mistyped_figures_are_rejected_at_their_field(
    field: str, bad: object
) -> None:
    others = {"gpu_hours": 10.0} if field != "gpu_hours" else {}
    with pytest.raises(ValidationError) as caught:
        _stage(**others, **{field: bad})
    assert (field,) in [tuple(error["loc"]) for error in caught.value.errors()]


RUN = """
[[runs]]
id = "run-x1"
label = "The lab's run"
by = "lab"
gpu = "x1-sxm"
fleet = "fleet-lab-x1"
claim = "lab-cluster"
status = "derived"
"""
STAGES = """
[[runs.stages]]
name = "Pre-training"
kind = "pre-training"
gpu_hours = 1000

[[runs.stages]]
name = "Reinforcement learning"
kind = "reinforcement-learning"
gpu_count = 100
wall_clock_hours = 5
uncertain = true
"""


def _load_variant(tmp_path: Path, extra: str) -> tuple[Path, Corpus | list[Problem]]:
    path = tmp_path / "story.toml"
    path.write_text(minimal_text() + extra, encoding="utf-8")
    return path, load_file(path)


def test_a_run_with_stages_loads_and_sums_them(tmp_path: Path) -> None:
    _, corpus = _load_variant(tmp_path, RUN + STAGES)
    assert isinstance(corpus, Corpus), corpus
    [run] = corpus.runs
    assert [stage.gpu_hours for stage in run.stages] == [1000, 500]
    assert run.gpu_hours == 1500 and run.gpu_hours_uncertain is True


def test_a_run_without_stages_is_a_located_problem(tmp_path: Path) -> None:
    path, result = _load_variant(tmp_path, RUN)
    assert isinstance(result, list)
    [problem] = result
    assert problem.item == "runs[0].stages"
    assert problem.message == "required key is missing"
    assert problem.line == line_containing(path, "[[runs]]")


def test_a_run_with_no_stages_is_a_problem(tmp_path: Path) -> None:
    path, result = _load_variant(tmp_path, RUN.replace('status = "derived"',
                                                       'status = "derived"\nstages = []'))
    assert isinstance(result, list)
    [problem] = result
    assert problem.item == "runs[0].stages"
    assert "at least 1 item" in problem.message
    assert problem.line == line_containing(path, "stages = []")


def test_a_bad_stage_points_at_its_own_lines(tmp_path: Path) -> None:
    path, result = _load_variant(
        tmp_path, RUN + STAGES.replace("gpu_count = 100", "gpu_count = 0")
        .replace("gpu_hours = 1000", ""))
    assert isinstance(result, list)
    first, second = sorted(result, key=lambda p: p.item)
    assert first.item == "runs[0].stages[0]"
    assert first.message.startswith("no GPU-hours")
    assert first.line == line_containing(path, "[[runs.stages]]", nth=1)
    assert second.item == "runs[0].stages[1].gpu_count"
    assert second.message == "Input should be greater than 0, got 0"
    assert second.line == line_containing(path, "gpu_count = 0")


def test_the_locator_finds_nested_tables_within_their_parent_item() -> None:
    text = "[[runs]]\nid = 'a'\n[[runs.stages]]\nname = 'a0'\n[[runs]]\nid = 'b'\n" \
           "[[runs.stages]]\nname = 'b0'\n[[runs.stages]]\nname = 'b1'\n"
    locator = TomlLocator(text)
    assert locator.line_of(("runs", 1, "stages", 1, "name")) == 10
    assert locator.line_of(("runs", 1, "stages", 0)) == 7
    assert locator.line_of(("runs", 0, "stages", 0, "name")) == 4
    # runs[0] has one stage: the second is not taken from runs[1]
    assert locator.line_of(("runs", 0, "stages", 1, "name")) == 1
    assert locator.line_of(("runs", 1, "id")) == 6


# --------------------------------------------------------------------------- cache and schema


def test_stages_survive_the_cache(seed: Corpus, tmp_path: Path) -> None:
    data = json.loads(json.dumps([to_jsonable(run) for run in seed.runs]))
    assert "gpu_hours" not in data[0]  # a sum, never stored beside its parts
    assert data[1]["stages"][0]["gpu_hours"] == 512 * 198
    copy = tmp_path / "story.toml"
    copy.write_bytes(SEED.read_bytes())
    assert isinstance(load_file(copy), Corpus)  # fills the cache
    cached = cache.get(cache.key_of(copy.read_bytes()))
    assert cached is not None and cached.runs == tuple(seed.runs)


def test_the_json_schema_requires_stages_and_describes_them() -> None:
    schema = json.loads(seed_json_schema())
    run = schema["$defs"]["Run"]
    assert "stages" in run["required"] and "gpu_hours" not in run["properties"]
    assert run["properties"]["stages"]["minItems"] == 1
    stage = schema["$defs"]["RunStage"]
    assert set(stage["required"]) == {"name", "kind"}
    assert {"gpu_hours", "gpu_count", "wall_clock_hours", "uncertain"} <= set(
        stage["properties"])
    assert set(schema["$defs"]["StageKind"]["enum"]) == {k.value for k in StageKind}
