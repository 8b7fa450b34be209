"""The compute lens's arithmetic, pinned: FACTS.md §5b's figures from the story's data.

The expected values are worked out here by hand from the datasheet and paper figures,
so a change to a formula or to the seed shows up as a failure.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.core.support import minimal_text
from tui.core import compute
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.model import Precision

V3_FLOP = 6 * 37e9 * 14.8e12  # 3.2856e24
V3_PRETRAINING_SECONDS = 2_664_000 * 3600


def _days(flop: float, gpus: float, tflops: float, share: float) -> float:
    return flop / (gpus * tflops * 1e12 * share) / 86_400


# --------------------------------------------------------------------------- formulas


def test_training_flop_is_six_n_d() -> None:
    assert compute.training_flop(37e9, 14.8e12) == pytest.approx(3.2856e24, rel=1e-12)
    assert compute.training_flop(1, 1) == 6


def test_implied_utilisation_and_days_invert_each_other() -> None:
    share = compute.implied_utilisation(3.6e18, gpu_hours=10, peak_flops=1e15)
    assert share == pytest.approx(0.1)
    # 10 GPUs at that share do the same work in one hour
    assert compute.days_on(3.6e18, 10 * 1e15, share) * 24 == pytest.approx(1.0)


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.0001, 2.0, math.nan, math.inf])
def test_a_utilisation_outside_zero_to_one_is_refused(bad: float) -> None:
    with pytest.raises(compute.UtilisationError):
        compute.check_utilisation(bad)


@pytest.mark.parametrize(
    ("typed", "share"),
    [("35", 0.35), ("35%", 0.35), ("0.35", 0.35), (" 42.5 % ", 0.425), ("100", 1.0),
     ("1", 1.0), ("0.5", 0.5)],
)
def test_a_typed_utilisation_reads_as_percent_or_share(typed: str, share: float) -> None:
    assert compute.parse_utilisation(typed) == pytest.approx(share)


@pytest.mark.parametrize("typed", ["", "abc", "0", "120", "-5", "0%"])
def test_a_typed_utilisation_that_makes_no_sense_is_refused(typed: str) -> None:
    with pytest.raises(compute.UtilisationError):
        compute.parse_utilisation(typed)


# --------------------------------------------------------------------------- the story


def test_v3_training_compute_and_implied_utilisation(seed: Corpus) -> None:
    lens = compute.lens(seed)
    v3 = next(run for run in lens.runs if run.run.id == "run-v3")
    assert v3.training_flop == pytest.approx(3.2856e24, rel=1e-12)
    assert v3.pretraining_gpu_hours == 2_664_000
    # H800 SXM dense peaks in the seed: 989.4 BF16, 1,978.9 FP8 TFLOPS (the H100 SXM's)
    bf16 = V3_FLOP / (V3_PRETRAINING_SECONDS * 989.4e12)
    fp8 = V3_FLOP / (V3_PRETRAINING_SECONDS * 1978.9e12)
    assert v3.implied[Precision.BF16] == pytest.approx(bf16, rel=1e-12)
    assert v3.implied[Precision.FP8] == pytest.approx(fp8, rel=1e-12)
    assert round(v3.implied[Precision.BF16] * 100, 1) == 34.6
    assert round(v3.implied[Precision.FP8] * 100, 1) == 17.3
    assert not v3.uncertain


def test_days_per_fleet_at_35_percent_of_bf16(seed: Corpus) -> None:
    lens = compute.lens(seed, 0.35, Precision.BF16)
    days = {fleet.fleet.id: fleet.days["run-v3"] for fleet in lens.fleets}
    assert days["fleet-fireflyer2"] == pytest.approx(_days(V3_FLOP, 10_000, 312, 0.35))
    assert days["fleet-wang-h100"] == pytest.approx(_days(V3_FLOP, 50_000, 989.4, 0.35))
    assert days["fleet-v3-h800"] == pytest.approx(_days(V3_FLOP, 2_048, 989.4, 0.35))
    assert days["fleet-r1-512-h800"] == pytest.approx(_days(V3_FLOP, 512, 989.4, 0.35))
    semianalysis = 10_000 * 989.4 + 10_000 * 989.4 + 30_000 * 148
    assert days["fleet-semianalysis"] == pytest.approx(_days(V3_FLOP, 1, semianalysis, 0.35))
    # FACTS.md §5b: ≈ 35 (the issue's 34.9 used the rounded 3.29e24), ≈ 2.2, ≈ 54 days
    assert round(days["fleet-fireflyer2"], 1) == 34.8
    assert round(days["fleet-wang-h100"], 1) == 2.2
    assert round(days["fleet-v3-h800"], 1) == 53.6
    assert min(days.values()) > 2 and max(days.values()) < 250


def test_marks_and_precision_per_fleet(seed: Corpus) -> None:
    fleets = {f.fleet.id: f.peak for f in compute.lens(seed).fleets}
    fireflyer = fleets["fleet-fireflyer2"]
    assert (fireflyer.approximate, fireflyer.uncertain) == (True, True)  # ~10,000†
    assert (fleets["fleet-wang-h100"].approximate, fleets["fleet-wang-h100"].uncertain) == (
        True, False)
    assert (fleets["fleet-v3-h800"].approximate, fleets["fleet-v3-h800"].uncertain) == (
        False, False)
    assert fleets["fleet-semianalysis"].uncertain  # the 30,000 H20s are our inference
    assert {peak.precision for peak in fleets.values()} == {"bf16"}
    assert fleets["fleet-v3-h800"].gpu_count == 2048


def test_fp8_where_the_gpus_have_it_and_bf16_where_they_do_not(seed: Corpus) -> None:
    lens = compute.lens(seed, 0.35, Precision.FP8)
    fleets = {f.fleet.id: f for f in lens.fleets}
    fireflyer = fleets["fleet-fireflyer2"]
    assert (fireflyer.peak.precision, fireflyer.peak.fell_back) == ("bf16", True)
    assert fireflyer.days["run-v3"] == pytest.approx(_days(V3_FLOP, 10_000, 312, 0.35))
    h800 = fleets["fleet-v3-h800"]
    assert (h800.peak.precision, h800.peak.fell_back) == ("fp8", False)
    assert h800.days["run-v3"] == pytest.approx(_days(V3_FLOP, 2_048, 1978.9, 0.35))
    assert round(h800.days["run-v3"], 1) == 26.8


def test_r1_is_outside_the_lens_and_says_why(seed: Corpus) -> None:
    lens = compute.lens(seed)
    r1 = next(run for run in lens.runs if run.run.id == "run-r1")
    assert r1.training_flop is None and not r1.applies
    assert r1.implied == {Precision.BF16: None, Precision.FP8: None}
    assert r1.reason is not None and "not pre-training" in r1.reason
    assert "reinforcement learning" in r1.reason
    assert all("run-r1" not in fleet.days for fleet in lens.fleets)
    assert [run.run.id for run in lens.applicable] == ["run-v3"]


def test_the_caveats_come_from_the_story(seed: Corpus) -> None:
    caveats = compute.lens(seed).caveats
    assert caveats[0] == compute.METHOD and "floor" in caveats[0]
    assert any("DeepSeek-V3 is a mixture of experts (37B of 671B parameters active) on "
               "2,048 GPUs" in c and "not a dense run" in c for c in caveats)
    assert any(c.startswith("DeepSeek-R1's stages are") and "$294K" in c
               and "does not apply" in c for c in caveats)


def test_a_utilisation_changes_days_inversely(seed: Corpus) -> None:
    at_35 = compute.lens(seed, 0.35).fleets[0].days["run-v3"]
    at_70 = compute.lens(seed, 0.70).fleets[0].days["run-v3"]
    assert at_70 == pytest.approx(at_35 / 2)
    with pytest.raises(compute.UtilisationError):
        compute.lens(seed, 0)


def test_lens_json_has_the_issue_shape(seed: Corpus) -> None:
    data = compute.lens_json(compute.lens(seed, 0.35, Precision.BF16))
    assert data["mfu"] == 0.35 and data["precision"] == "bf16"
    runs = {run["id"]: run for run in data["runs"]}
    assert set(runs["run-v3"]) == {"id", "training_flop", "implied_utilisation"}
    assert runs["run-v3"]["training_flop"] == 3.2856e24
    assert runs["run-v3"]["implied_utilisation"] == {"bf16": 0.346263, "fp8": 0.173123}
    assert runs["run-r1"] == {"id": "run-r1", "training_flop": None,
                              "implied_utilisation": {"bf16": None, "fp8": None}}
    fleets = {fleet["id"]: fleet for fleet in data["fleets"]}
    assert set(fleets["fleet-v3-h800"]) == {"id", "gpu_count", "precision", "days"}
    assert fleets["fleet-fireflyer2"] == {"id": "fleet-fireflyer2", "gpu_count": 10_000,
                                          "precision": "bf16",
                                          "days": {"run-v3": 34.824}}
    assert fleets["fleet-wang-h100"]["days"] == {"run-v3": 2.1963}
    assert fleets["fleet-v3-h800"]["days"] == {"run-v3": 53.6205}


# --------------------------------------------------------------------------- small stories

MIXED_RUN = """
[[fleets]]
id = "fleet-mixed"
label = "Both kinds"
owner = "lab"
stated_by = "alice"
parts = [{ gpu = "x1-sxm", count = 100 }, { gpu = "x2-sxm", count = 50, uncertain = true }]
approximate = true
status = "claimed"
claim = "lab-cluster"

[[runs]]
id = "run-x"
label = "X: the lab's run"
by = "lab"
gpu = "x2-sxm"
status = "derived"
sources = ["paper"]
active_parameters_billions = 10
total_parameters_billions = 10
training_tokens_trillions = 2
precision = "bf16"

[[runs.stages]]
name = "Pre-training"
kind = "pre-training"
gpu_hours = 100000
uncertain = true

[[runs.stages]]
name = "Post-training"
kind = "post-training"
gpu_hours = 5000
"""


@pytest.fixture
def small(tmp_path: Path) -> Corpus:
    path = tmp_path / "story.toml"
    path.write_text(minimal_text() + MIXED_RUN, encoding="utf-8")
    corpus = load_file(path)
    assert isinstance(corpus, Corpus), corpus
    return corpus


def test_a_mixed_fleet_adds_up_each_gpu_type(small: Corpus) -> None:
    flop = 6 * 10e9 * 2e12
    lens = compute.lens(small, 0.5, Precision.FP8)
    mixed = next(f for f in lens.fleets if f.fleet.id == "fleet-mixed")
    # X1 has no FP8 and counts at its BF16 300; X2 counts at its FP8 1,800
    assert mixed.peak.flops == pytest.approx((100 * 300 + 50 * 1800) * 1e12)
    assert (mixed.peak.precision, mixed.peak.fell_back) == ("mixed", True)
    assert (mixed.peak.approximate, mixed.peak.uncertain) == (True, True)
    assert mixed.days["run-x"] == pytest.approx(flop / (120_000e12 * 0.5) / 86_400)
    bf16 = next(f for f in compute.lens(small, 0.5).fleets if f.fleet.id == "fleet-mixed")
    assert bf16.peak.flops == pytest.approx((100 * 300 + 50 * 900) * 1e12)
    assert (bf16.peak.precision, bf16.peak.fell_back) == ("bf16", False)


def test_an_unsure_stage_or_peak_marks_the_run(small: Corpus) -> None:
    run = next(r for r in compute.lens(small).runs if r.run.id == "run-x")
    assert run.pretraining_gpu_hours == 100_000  # post-training is not counted
    assert run.uncertain  # the pre-training stage is marked uncertain
    assert run.implied[Precision.BF16] == pytest.approx(
        6 * 10e9 * 2e12 / (100_000 * 3600 * 900e12))
    # a dense run: no mixture-of-experts caveat
    assert not any("mixture of experts" in c for c in compute.lens(small).caveats)


def test_a_run_without_model_figures_says_so(small: Corpus, tmp_path: Path) -> None:
    text = minimal_text() + MIXED_RUN.replace("training_tokens_trillions = 2\n", "")
    path = tmp_path / "no-tokens.toml"
    path.write_text(text, encoding="utf-8")
    corpus = load_file(path)
    assert isinstance(corpus, Corpus)
    run = compute.lens(corpus).runs[0]
    assert not run.applies and run.pretraining_gpu_hours == 100_000
    assert run.reason == "the story gives no active parameters or training tokens for X"
