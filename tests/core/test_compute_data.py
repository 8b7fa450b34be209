"""The compute lens's data: model-run fields and reference utilisations in the seed.

Units are in the field names; zero or negative values are rejected with a problem that
points at the line; the JSON Schema describes the new fields.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.support import line_containing, minimal_text
from tui.core.corpus import Corpus
from tui.core.export import seed_json_schema
from tui.core.loader import load_file
from tui.core.model import Precision, Run, Utilisation

RUN = """
[[runs]]
id = "run-x"
label = "The lab's X2 run"
by = "lab"
gpu = "x2-sxm"
status = "derived"
sources = ["paper"]
active_parameters_billions = 10
total_parameters_billions = 100
training_tokens_trillions = 2
precision = "fp8"

[[runs.stages]]
name = "Pre-training"
kind = "pre-training"
gpu_hours = 1000
"""

UTILISATION = """
[[utilisations]]
id = "util-x"
label = "Someone's X1 run"
gpu = "x1-sxm"
gpu_count = 64
precision = "bf16"
low_percent = 30
high_percent = 40
sources = ["paper"]
status = "confirmed-primary"
"""


def _write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "story.toml"
    path.write_text(minimal_text() + extra, encoding="utf-8")
    return path


def test_the_seed_gives_v3_its_model_figures(seed: Corpus) -> None:
    run = seed.get("run-v3")
    assert isinstance(run, Run)
    assert run.active_parameters_billions == 37
    assert run.total_parameters_billions == 671
    assert run.training_tokens_trillions == 14.8
    assert run.precision is Precision.FP8


def test_the_seed_has_the_two_reference_utilisations(seed: Corpus) -> None:
    llama3 = seed.get("util-llama3-405b")
    llama4 = seed.get("util-llama4")
    assert isinstance(llama3, Utilisation) and isinstance(llama4, Utilisation)
    assert (llama3.low_percent, llama3.high_percent, llama3.precision) == (38, 43, Precision.BF16)
    assert not llama3.uncertain and llama3.gpu == "h100-sxm"
    assert (llama4.low_percent, llama4.precision, llama4.uncertain) == (19.7, Precision.FP8, True)
    assert seed.kind_of("util-llama4") == "utilisation"
    assert "h100-sxm" in seed.links("util-llama3-405b")


def test_a_run_and_a_utilisation_load(tmp_path: Path) -> None:
    corpus = load_file(_write(tmp_path, RUN + UTILISATION))
    assert isinstance(corpus, Corpus), corpus
    assert corpus.utilisations[0].gpu_count == 64
    run = corpus.get("run-x")
    assert isinstance(run, Run) and run.training_tokens_trillions == 2


@pytest.mark.parametrize(
    ("block", "line", "field"),
    [
        (RUN, "active_parameters_billions = 10", "runs[0].active_parameters_billions"),
        (RUN, "total_parameters_billions = 100", "runs[0].total_parameters_billions"),
        (RUN, "training_tokens_trillions = 2", "runs[0].training_tokens_trillions"),
        (UTILISATION, "low_percent = 30", "utilisations[0].low_percent"),
        (UTILISATION, "gpu_count = 64", "utilisations[0].gpu_count"),
    ],
)
@pytest.mark.parametrize("bad", ["0", "-5"])
def test_zero_or_negative_is_a_located_problem(
    tmp_path: Path, block: str, line: str, field: str, bad: str
) -> None:
    key = line.split(" = ")[0]
    path = _write(tmp_path, block.replace(line, f"{key} = {bad}"))
    result = load_file(path)
    assert isinstance(result, list)
    assert [(p.item, p.line) for p in result] == [
        (field, line_containing(path, f"{key} = {bad}"))
    ]
    assert "greater than 0" in result[0].message


def test_total_parameters_below_active_is_a_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, RUN.replace("total_parameters_billions = 100",
                                        "total_parameters_billions = 5"))
    result = load_file(path)
    assert isinstance(result, list)
    assert [(p.item, p.message) for p in result] == [
        ("runs[0].total_parameters_billions", "must be ≥ active_parameters_billions (10)")
    ]


def test_a_band_upside_down_or_over_100_percent_is_a_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, UTILISATION.replace("high_percent = 40", "high_percent = 20"))
    result = load_file(path)
    assert isinstance(result, list)
    assert [(p.item, p.message) for p in result] == [
        ("utilisations[0].high_percent", "must be ≥ low_percent (30)")
    ]
    result = load_file(_write(tmp_path, UTILISATION.replace("high_percent = 40",
                                                            "high_percent = 140")))
    assert isinstance(result, list) and result[0].item == "utilisations[0].high_percent"


def test_an_unknown_precision_and_a_dangling_gpu_are_problems(tmp_path: Path) -> None:
    text = RUN.replace('precision = "fp8"', 'precision = "fp4"') + UTILISATION.replace(
        'gpu = "x1-sxm"', 'gpu = "x9-sxm"')
    result = load_file(_write(tmp_path, text))
    assert isinstance(result, list)
    assert [p.item for p in result] == ["runs[0].precision"]  # schema problems come first
    result = load_file(_write(tmp_path, RUN + UTILISATION.replace('gpu = "x1-sxm"',
                                                                  'gpu = "x9-sxm"')))
    assert isinstance(result, list)
    assert [p.item for p in result] == ["utilisations[0].gpu"]
    assert "unknown gpu id 'x9-sxm'" in result[0].message


def test_the_json_schema_covers_the_new_fields() -> None:
    schema = json.loads(seed_json_schema())
    run = schema["$defs"]["Run"]["properties"]
    for name in ("active_parameters_billions", "total_parameters_billions",
                 "training_tokens_trillions"):
        assert {"exclusiveMinimum": 0, "type": "number"} in run[name]["anyOf"], name
    assert schema["$defs"]["Precision"]["enum"] == ["bf16", "fp8"]
    utilisation = schema["$defs"]["Utilisation"]
    assert set(utilisation["required"]) >= {"id", "gpu", "precision", "low_percent",
                                            "high_percent", "sources", "status"}
    assert utilisation["properties"]["low_percent"]["exclusiveMinimum"] == 0
    assert utilisation["properties"]["low_percent"]["maximum"] == 100
    assert schema["properties"]["utilisations"]["items"] == {"$ref": "#/$defs/Utilisation"}
