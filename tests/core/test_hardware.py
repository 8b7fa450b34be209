"""GPU arithmetic: values, ratios against a baseline, and sort order (FACTS.md table 1d)."""

from __future__ import annotations

import pytest

from tui.core import hardware
from tui.core.corpus import Corpus
from tui.core.model import FIGURE_FIELDS, Gpu


def _gpu(corpus: Corpus, gpu_id: str) -> Gpu:
    gpu = corpus.get(gpu_id)
    assert isinstance(gpu, Gpu)
    return gpu


def test_value(seed: Corpus) -> None:
    h100 = _gpu(seed, "h100-sxm")
    assert hardware.value(h100, "bf16_dense_tflops") == 989.4
    assert hardware.value(_gpu(seed, "a100-sxm-80"), "fp8_dense_tflops") is None  # unsupported
    assert hardware.value(_gpu(seed, "h20"), "fp64_tflops") is None  # unknown
    with pytest.raises(KeyError):
        hardware.value(h100, "name")


def test_h100_over_a100_bf16_is_3_17(seed: Corpus) -> None:
    ratio = hardware.ratio(_gpu(seed, "h100-sxm"), _gpu(seed, "a100-sxm-80"), "bf16_dense_tflops")
    assert ratio is not None
    assert round(ratio, 2) == 3.17
    assert ratio == pytest.approx(989.4 / 312)


def test_h800_over_a100_bf16_is_also_3_17(seed: Corpus) -> None:
    ratio = hardware.ratio(_gpu(seed, "h800-sxm"), _gpu(seed, "a100-sxm-80"), "bf16_dense_tflops")
    assert ratio is not None and round(ratio, 2) == 3.17


def test_h100_over_a100_bandwidth_is_1_64(seed: Corpus) -> None:
    ratio = hardware.ratio(
        _gpu(seed, "h100-sxm"), _gpu(seed, "a100-sxm-80"), "memory_bandwidth_gbs"
    )
    assert ratio is not None
    assert round(ratio, 2) == 1.64
    assert ratio == pytest.approx(3350 / 2039)


def test_ratio_to_itself_is_one(seed: Corpus) -> None:
    for gpu in seed.gpus:
        for field in FIGURE_FIELDS:
            expected = None if hardware.value(gpu, field) in (None, 0) else 1.0
            assert hardware.ratio(gpu, gpu, field) == expected, (gpu.id, field)


def test_ratio_with_unsupported_or_unknown_is_none(seed: Corpus) -> None:
    a100, h100, h20 = _gpu(seed, "a100-sxm-80"), _gpu(seed, "h100-sxm"), _gpu(seed, "h20")
    assert hardware.ratio(h100, a100, "fp8_dense_tflops") is None  # baseline unsupported
    assert hardware.ratio(a100, h100, "fp8_dense_tflops") is None  # gpu unsupported
    assert hardware.ratio(h20, h100, "fp64_tflops") is None  # gpu unknown
    assert hardware.ratio(h100, h20, "fp64_tflops") is None  # baseline unknown


def test_ratio_over_zero_is_none(seed: Corpus) -> None:
    h100 = _gpu(seed, "h100-sxm")
    zero = h100._replace(nvlink_gbs=0.0)
    assert hardware.ratio(h100, zero, "nvlink_gbs") is None
    assert hardware.ratio(zero, h100, "nvlink_gbs") == 0.0


def _ids(gpus: list[Gpu]) -> list[str]:
    return [g.id for g in gpus]


def test_sort_by_figure_puts_unsupported_last_both_ways(seed: Corpus) -> None:
    no_fp8 = {"a100-sxm-80", "a100-pcie-40", "a100-pcie-80", "a800-sxm-80"}
    up = hardware.sort_gpus(seed.gpus, "fp8_dense_tflops")
    down = hardware.sort_gpus(seed.gpus, "fp8_dense_tflops", reverse=True)
    assert _ids(up)[:4] == ["h20", "h100-pcie", "h100-sxm", "h800-sxm"]
    # the H100 SXM and the H800 share a die and a datasheet figure: ties keep file order
    assert _ids(down)[:4] == ["h100-sxm", "h800-sxm", "h100-pcie", "h20"]
    assert set(_ids(up)[4:]) == set(_ids(down)[4:]) == no_fp8


def test_sort_puts_unknown_last_both_ways(seed: Corpus) -> None:
    up = hardware.sort_gpus(seed.gpus, "fp64_tflops")
    down = hardware.sort_gpus(seed.gpus, "fp64_tflops", reverse=True)
    assert _ids(up)[-1] == _ids(down)[-1] == "h20"
    assert _ids(up)[0] == "h800-sxm"  # ~1 TFLOPS
    assert _ids(down)[0] == "h100-sxm"  # 33.5


@pytest.mark.parametrize("field", FIGURE_FIELDS)
@pytest.mark.parametrize("reverse", [False, True])
def test_sort_orders_known_values_then_missing(seed: Corpus, field: str, reverse: bool) -> None:
    ordered = hardware.sort_gpus(seed.gpus, field, reverse=reverse)
    assert sorted(_ids(ordered)) == sorted(g.id for g in seed.gpus)
    values = [hardware.value(g, field) for g in ordered]
    known = [v for v in values if v is not None]
    assert values[: len(known)] == known  # every missing one comes after every number
    assert known == sorted(known, reverse=reverse)


def test_sort_without_a_field_is_by_name(seed: Corpus) -> None:
    names = [g.name for g in hardware.sort_gpus(seed.gpus, None)]
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "A100 40GB PCIe"
    reverse = [g.name for g in hardware.sort_gpus(seed.gpus, None, reverse=True)]
    assert reverse == names[::-1]


def test_sort_does_not_change_its_input(seed: Corpus) -> None:
    before = list(seed.gpus)
    hardware.sort_gpus(seed.gpus, "tdp_w", reverse=True)
    assert list(seed.gpus) == before
