"""Prose never disagrees with the data: every figure the app can compute is recomputed.

``tests/core/prose.py`` finds the figures (costs at a price, GPU-hours of runs and
stages, products, sums, wall-clock days, fleet totals); here each must agree with its
computation at the precision it is written to, and a wrong figure must be caught.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.core.prose import Finding, agrees, findings
from tests.core.support import SEED, SEEDS
from tui.core.corpus import Corpus
from tui.core.loader import load_file


def test_every_computable_figure_in_the_seeds_prose_agrees(seed: Corpus) -> None:
    found = findings(seed)
    wrong = [f for f in found if not f.ok]
    assert wrong == [], "\n".join(f"{f.item}: {f.text!r} says {f.written}, "
                                  f"computed {f.computed:,.4f}" for f in wrong)


STARGATE = SEEDS / "stargate.toml"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.toml")), ids=lambda p: p.name)
def test_every_computable_figure_in_every_bundled_story_agrees(path: Path) -> None:
    corpus = load_file(path)
    assert isinstance(corpus, Corpus)
    wrong = [f for f in findings(corpus) if not f.ok]
    assert wrong == [], "\n".join(f"{f.item}: {f.text!r} says {f.written}, "
                                  f"computed {f.computed:,.4f}" for f in wrong)


def test_the_scanner_finds_each_shape_in_the_stargate_story() -> None:
    corpus = load_file(STARGATE)
    assert isinstance(corpus, Corpus)
    shapes = Counter(f.shape for f in findings(corpus))
    assert shapes["quotient"] >= 14 and shapes["GPU figure"] >= 7
    assert shapes["fleet FP8"] == 2 and shapes["fleet power"] == 2
    assert shapes["fleet GPUs"] >= 2 and shapes["product"] >= 8


def test_the_scanner_finds_each_shape_in_the_seed(seed: Corpus) -> None:
    shapes = Counter(f.shape for f in findings(seed))
    assert shapes["cost"] == 5  # note-v3-cost-what-ifs: five prices
    assert shapes["run GPU-hours"] >= 5 and shapes["stage GPU-hours"] >= 12
    assert shapes["stage wall-clock hours"] >= 6 and shapes["stage cost"] == 2
    for shape in ("product", "sum", "run cost", "days", "fleet FP8", "difference",
                  "fleet GPUs", "fleet part"):
        assert shapes[shape] >= 1, shape
    items = {f.item for f in findings(seed)}
    assert {"note-v3-cost-what-ifs", "note-nature-gpu-hours", "nature-r1-cost", "run-r1",
            "dsv3-training-cost", "note-v3-cost-scope", "fleet-semianalysis"} <= items


@pytest.mark.parametrize(
    ("right", "wrong", "item"),
    [
        ("H100 list): $34.26M", "H100 list): $34.27M", "note-v3-cost-what-ifs"),
        ("about 147K GPU-hours in all", "about 148K GPU-hours in all", "nature-r1-cost"),
        ("512 × 198 h ≈ 101K", "512 × 198 h ≈ 99K", "note-nature-gpu-hours"),
        ("R1 reinforcement learning (about 80 hours)", "R1 reinforcement learning (about 90 hours)",
         "nature-r1-cost"),
        ("would be only about $82K", "would be only about $84K", "note-nature-gpu-hours"),
        ("that is about 56.7 days", "that is about 57.7 days", "note-v3-cost-scope"),
        ("$5.328M + $0.238M + $0.01M = $5.576M", "$5.328M + $0.238M + $0.02M = $5.576M",
         "dsv3-training-cost"),
        ("~50,000 − ~10,000 − ~10,000 = ~30,000", "~50,000 − ~10,000 − ~10,000 = ~20,000",
         "semianalysis-50k-hopper"),
    ],
)
def test_a_wrong_figure_is_caught(tmp_path: Path, right: str, wrong: str, item: str) -> None:
    _caught_alone(tmp_path, SEED, right, wrong, item)


@pytest.mark.parametrize(
    ("right", "wrong", "item"),
    [
        ("BF16 5 PFLOPS sparse per GPU ÷ 2 = 2,500 TFLOPS",
         "BF16 5 PFLOPS sparse per GPU ÷ 2 = 2,600 TFLOPS", "gb200"),
        ("the board's FP8 72 PFLOPS ÷ 8 = 9,000 TFLOPS", "the board's FP8 72 PFLOPS ÷ 8 = 9,500 "
         "TFLOPS", "note-per-gpu-derivation"),
        ("64,000 × 1,200 W = 76.8 MW of GPU power at", "64,000 × 1,200 W = 78.6 MW of GPU power at",
         "fleet-abilene-64k"),
        ("about 320 EFLOPS (64,000", "about 330 EFLOPS (64,000", "fleet-abilene-64k"),
        ("installed count: 8 × 50,000 = 400,000", "installed count: 8 × 50,000 = 450,000",
         "fleet-abilene-design"),
    ],
)
def test_a_wrong_figure_in_the_stargate_story_is_caught(
    tmp_path: Path, right: str, wrong: str, item: str
) -> None:
    _caught_alone(tmp_path, STARGATE, right, wrong, item)


def test_a_per_gpu_figure_that_disagrees_with_the_gpu_is_caught(tmp_path: Path) -> None:
    """The derivation may be right arithmetic and still not be the GPU's figure."""
    _caught_alone(tmp_path, STARGATE, "bf16_dense_tflops = 2500", "bf16_dense_tflops = 2400",
                  "gb200")


def _caught_alone(tmp_path: Path, seed: Path, right: str, wrong: str, item: str) -> None:
    text = seed.read_text(encoding="utf-8")
    assert right in text
    copy = tmp_path / "story.toml"
    copy.write_text(text.replace(right, wrong, 1), encoding="utf-8")
    corpus = load_file(copy)
    assert isinstance(corpus, Corpus)
    caught: list[Finding] = [f for f in findings(corpus) if not f.ok]
    assert caught and {f.item for f in caught} == {item}, caught


@pytest.mark.parametrize(
    ("computed", "written", "unit", "ok"),
    [(34_264_520, "34.26", "M", True), (34_264_520, "34.27", "M", False),
     (147_336, "147", "K", True), (56.722, "56.7", "", True), (30_000, "30,000", "", True),
     (5_576_000, "5.576", "M", True), (81_920, "82", "K", True), (294_672, "294", "K", False)],
)
def test_agreement_is_at_the_written_precision(
    computed: float, written: str, unit: str, ok: bool
) -> None:
    assert agrees(computed, written, unit) is ok
