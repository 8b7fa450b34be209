"""GPU figures: the real seed against FACTS.md section 1, and the rules for a figure."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tui.core import formatting as fmt
from tui.core import hardware, model
from tui.core.corpus import Corpus
from tui.core.schema import FIGURE_FIELDS, UNSUPPORTED, Gpu, StoryFile

U = UNSUPPORTED

# FACTS.md tables 1a and 1b (dense/sparse TFLOPS, GB, GB/s, W); None = not found.
# Columns: memory_gb, memory_bandwidth_gbs, bf16_dense, bf16_sparse, fp8_dense, fp8_sparse,
# fp64 (vector), tdp_w, nvlink_gbs.
FACTS: dict[str, tuple[Any, ...]] = {
    "a100-sxm-80": (80, 2039, 312, 624, U, U, 9.7, 400, 600),
    "a100-pcie-40": (40, 1555, 312, 624, U, U, 9.7, 250, 600),
    "a100-pcie-80": (80, 1935, 312, 624, U, U, 9.7, 300, 600),
    "a800-sxm-80": (80, 2039, 312, 624, U, U, 9.7, 400, 400),
    "h100-sxm": (80, 3350, 989.4, 1978.9, 1978.9, 3957.8, 33.5, 700, 900),
    "h100-pcie": (80, 2000, 756, 1513, 1513, 3026, 25.6, 350, 600),
    "h800-sxm": (80, 3350, 989.4, 1978.9, 1978.9, 3957.8, 1, 700, 400),  # the H100 SXM's
    "h20": (96, 4000, 148, 296, 296, 592, None, 400, 900),
}

# Cells marked † in FACTS.md must be listed in `uncertain`.
UNCERTAIN: dict[str, set[str]] = {
    "a100-sxm-80": set(),
    "a100-pcie-40": {"nvlink_gbs"},
    "a100-pcie-80": {"nvlink_gbs"},
    "a800-sxm-80": {"memory_bandwidth_gbs"},
    "h100-sxm": set(),
    "h100-pcie": {"nvlink_gbs"},
    "h800-sxm": {"fp64_tflops", "tdp_w"},
    "h20": {"bf16_sparse_tflops", "fp8_sparse_tflops"},
}


def _gpu(seed: Corpus, gpu_id: str) -> model.Gpu:
    gpu = seed.get(gpu_id)
    assert isinstance(gpu, model.Gpu), gpu_id
    return gpu


def test_the_seed_has_exactly_the_gpus_in_the_fact_sheet(seed: Corpus) -> None:
    assert [g.id for g in seed.gpus] == list(FACTS)


@pytest.mark.parametrize("gpu_id", list(FACTS))
def test_gpu_figures_match_the_fact_sheet(seed: Corpus, gpu_id: str) -> None:
    gpu = _gpu(seed, gpu_id)
    assert tuple(getattr(gpu, field) for field in FIGURE_FIELDS) == FACTS[gpu_id]


@pytest.mark.parametrize("gpu_id", list(FACTS))
def test_uncertain_marks_match_the_fact_sheet(seed: Corpus, gpu_id: str) -> None:
    assert set(_gpu(seed, gpu_id).uncertain) == UNCERTAIN[gpu_id]


def test_a100_sxm_80gb(seed: Corpus) -> None:
    a100 = _gpu(seed, "a100-sxm-80")
    assert a100.bf16_dense_tflops == 312
    assert a100.memory_bandwidth_gbs == 2039
    assert a100.tdp_w == 400
    assert a100.nvlink_gbs == 600
    assert a100.fp8_dense_tflops == "unsupported"
    assert a100.memory_gb == 80 and a100.memory_type == "HBM2e"


def test_h100_sxm(seed: Corpus) -> None:
    h100 = _gpu(seed, "h100-sxm")
    assert h100.bf16_dense_tflops == 989.4
    assert h100.memory_bandwidth_gbs == 3350
    assert h100.tdp_w == 700
    assert h100.nvlink_gbs == 900


def test_h800_keeps_h100_compute_and_memory_but_cuts_nvlink(seed: Corpus) -> None:
    h100, h800 = _gpu(seed, "h100-sxm"), _gpu(seed, "h800-sxm")
    assert h800.cut_from == "h100-sxm"
    assert (h800.memory_gb, h800.memory_type, h800.memory_bandwidth_gbs) == (
        h100.memory_gb,
        h100.memory_type,
        h100.memory_bandwidth_gbs,
    )
    # FACTS gives 989 for the H800 and 989.4 for the H100: the same figure, rounded
    for field in ("bf16_dense_tflops", "bf16_sparse_tflops", "fp8_dense_tflops"):
        assert getattr(h800, field) == pytest.approx(getattr(h100, field), abs=0.5), field
    assert h800.nvlink_gbs == 400
    assert h100.nvlink_gbs == 900
    assert hardware.value(h800, "fp64_tflops") < hardware.value(h100, "fp64_tflops")  # type: ignore[operator]


def test_a800_cuts_only_nvlink_from_the_a100(seed: Corpus) -> None:
    a100, a800 = _gpu(seed, "a100-sxm-80"), _gpu(seed, "a800-sxm-80")
    assert a800.cut_from == "a100-sxm-80"
    differing = [f for f in FIGURE_FIELDS if getattr(a100, f) != getattr(a800, f)]
    assert differing == ["nvlink_gbs"]
    assert (a100.nvlink_gbs, a800.nvlink_gbs) == (600, 400)


def test_unsupported_is_not_zero(seed: Corpus) -> None:
    a100 = _gpu(seed, "a100-sxm-80")
    assert a100.fp8_dense_tflops == UNSUPPORTED
    assert a100.fp8_dense_tflops != 0  # type: ignore[comparison-overlap]
    zero = a100._replace(fp8_dense_tflops=0.0)
    assert hardware.value(a100, "fp8_dense_tflops") is None
    assert hardware.value(zero, "fp8_dense_tflops") == 0.0
    assert fmt.figure(a100.fp8_dense_tflops) == "—"
    assert fmt.figure(0.0) == "0"
    assert fmt.figure(None) == "?"
    # H20 FP64 was not found: unknown, not unsupported
    h20 = _gpu(seed, "h20")
    assert h20.fp64_tflops is None


# --------------------------------------------------------------------------- the figure rules


def _gpu_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "x1",
        "name": "X1",
        "vendor": "Test",
        "architecture": "Test",
        "form_factor": "SXM",
        "launch": {"date": "2020-01-01"},
        "memory_gb": 80,
        "memory_type": "HBM",
        "memory_bandwidth_gbs": 2000,
        "bf16_dense_tflops": 300,
        "tdp_w": 400,
        "export_status": "restricted",
        "status": "derived",
    }
    data.update(changes)
    return data


def _errors(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    try:
        Gpu.model_validate(data)
    except ValidationError as error:
        return [(tuple(e["loc"]), e["msg"]) for e in error.errors(include_url=False)]
    return []


def test_base_gpu_data_is_valid() -> None:
    gpu = Gpu.model_validate(_gpu_data())
    assert gpu.tdp_w == 400.0
    assert isinstance(gpu.tdp_w, float)


@pytest.mark.parametrize("field", FIGURE_FIELDS)
@pytest.mark.parametrize("bad", [-1, -0.5, -1e9])
def test_negative_figures_are_rejected(field: str, bad: float) -> None:
    errors = _errors(_gpu_data(**{field: bad}))
    assert len(errors) == 1
    loc, message = errors[0]
    assert loc == (field,)
    assert "must be ≥ 0" in message


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (float("inf"), "expected a finite number"),
        (float("nan"), "expected a finite number"),
        (True, 'expected a number ≥ 0 or "unsupported"'),
        ("312", 'expected a number ≥ 0 or "unsupported"'),
        ("Unsupported", 'expected a number ≥ 0 or "unsupported"'),
        ("n/a", 'expected a number ≥ 0 or "unsupported"'),
        ([312], 'expected a number ≥ 0 or "unsupported"'),
    ],
)
def test_figures_reject_non_numbers(bad: object, message: str) -> None:
    [(loc, shown)] = _errors(_gpu_data(bf16_dense_tflops=bad))
    assert loc == ("bf16_dense_tflops",)
    assert message in shown


@pytest.mark.parametrize("good", [0, 0.0, 312, 989.4, "unsupported", 10**9])
def test_figures_accept_numbers_and_unsupported(good: object) -> None:
    gpu = Gpu.model_validate(_gpu_data(bf16_dense_tflops=good))
    assert gpu.bf16_dense_tflops == good


def test_required_figures_cannot_be_left_unknown() -> None:
    data = _gpu_data()
    del data["tdp_w"]
    assert _errors(data) == [(("tdp_w",), "Field required")]
    # an optional figure can be absent (unknown)
    assert Gpu.model_validate(_gpu_data()).nvlink_gbs is None


def test_figure_fields_are_exactly_the_fields_that_take_figures() -> None:
    takes_figures = {
        name
        for name in Gpu.model_fields
        if not _errors(_gpu_data(**{name: 1.5})) and not _errors(_gpu_data(**{name: U}))
    }
    assert takes_figures == set(FIGURE_FIELDS)


def test_uncertain_must_name_figure_fields() -> None:
    assert Gpu.model_validate(_gpu_data(uncertain=list(FIGURE_FIELDS))).uncertain == tuple(
        FIGURE_FIELDS
    )
    [(loc, message)] = _errors(_gpu_data(uncertain=["tdp_w", "name", "nvlink"]))
    assert loc == ("uncertain",)
    assert "not a figure field: name, nvlink" in message
    [(loc, _)] = _errors(_gpu_data(uncertain=["TDP_W"]))
    assert loc == ("uncertain",)


def test_figure_json_schema() -> None:
    schema = Gpu.model_json_schema()
    assert schema["properties"]["tdp_w"]["anyOf"] == [
        {"type": "number", "minimum": 0},
        {"const": "unsupported"},
    ]


def test_story_file_format_must_be_1() -> None:
    with pytest.raises(ValidationError) as raised:
        StoryFile.model_validate(
            {
                "format": 2,
                "story": {
                    "id": "s",
                    "title": "t",
                    "publisher": "p",
                    "source": "s",
                    "date": {"date": "2025-01-01"},
                    "summary": "s",
                },
            }
        )
    assert [e["loc"] for e in raised.value.errors()] == [("format",)]


def test_models_are_frozen(seed: Corpus) -> None:
    gpu = _gpu(seed, "h100-sxm")
    with pytest.raises(AttributeError):
        gpu.tdp_w = 1  # type: ignore[misc]
    checked = Gpu.model_validate(_gpu_data())
    with pytest.raises(ValidationError):
        checked.tdp_w = 1  # type: ignore[misc]
