"""Fleet totals and cost arithmetic, checked against FACTS.md's derived figures."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tui.core import compute, hardware
from tui.core.corpus import Corpus
from tui.core.export import to_json, to_markdown
from tui.core.loader import load_file
from tui.core.model import (
    Confirmation,
    ExportStatus,
    Fleet,
    FleetPart,
    FleetStatus,
    Gpu,
    When,
)
from tui.core.paths import default_seeds
from tui.ui.rows import fleet_rows


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded = load_file(default_seeds() / "deepseek-r1.toml")
    assert isinstance(loaded, Corpus)
    return loaded


def _totals(corpus: Corpus, fleet_id: str) -> hardware.FleetTotals:
    fleet = next(f for f in corpus.fleets if f.id == fleet_id)
    return hardware.fleet_totals(fleet, {g.id: g for g in corpus.gpus})


def test_v3_cluster_peak_fp8_is_about_4_05_exaflops(corpus: Corpus) -> None:
    totals = _totals(corpus, "fleet-v3-h800")
    assert totals.gpus == 2048
    assert totals.fp8_pflops == pytest.approx(2048 * 1978.9 / 1000)  # ≈ 4,053 PFLOPS
    assert round(totals.fp8_pflops / 1000, 2) == 4.05
    assert totals.hbm_tb == pytest.approx(2048 * 80 / 1000)
    assert totals.power_mw == pytest.approx(2048 * 700 / 1e6)
    assert totals.uncertain  # the H800's 700 W is unconfirmed


def test_a100_fleet_has_no_fp8(corpus: Corpus) -> None:
    totals = _totals(corpus, "fleet-fireflyer2")
    assert totals.fp8_pflops is None and not totals.fp8_partial
    assert totals.bf16_pflops == pytest.approx(10_000 * 312 / 1000)


def test_wang_fleet_against_v3_cluster(corpus: Corpus) -> None:
    wang = _totals(corpus, "fleet-wang-h100")
    v3 = _totals(corpus, "fleet-v3-h800")
    assert wang.bf16_pflops is not None and v3.bf16_pflops is not None
    assert wang.bf16_pflops / v3.bf16_pflops == pytest.approx(50_000 * 989.4 / (2048 * 989.4))


def test_v3_cost_is_reproduced_by_computation() -> None:
    assert hardware.training_cost_usd(2_788_000, 2.0) == pytest.approx(5_576_000)
    assert round(hardware.wall_clock_days(2_788_000, 2048), 1) == 56.7


def test_wall_clock_needs_gpus() -> None:
    with pytest.raises(ValueError):
        hardware.wall_clock_days(100, 0)


def test_cost_what_if_of_the_v3_run(corpus: Corpus) -> None:
    run = next(r for r in corpus.runs if r.id == "run-v3")
    own = hardware.cost_what_if(run)
    assert own.price_usd == 2.0 and own.cost_usd == pytest.approx(5_576_000)
    assert own.reproduces_stated is True
    dearer = hardware.cost_what_if(run, 4.916)
    assert round(dearer.cost_usd / 1e6, 2) == 13.71  # FACTS.md §5: $13.71M
    assert hardware.cost_what_if(run, -1).price_usd == 0.0


def test_price_points_are_ranges_with_sources(corpus: Corpus) -> None:
    assert corpus.prices and all(p.low_usd <= p.high_usd and p.sources for p in corpus.prices)
    deepseek = next(p for p in corpus.prices if p.id == "price-deepseek-h800")
    assert deepseek.low_usd == deepseek.high_usd == 2.0


# --------------------------------------------------------------------------- † per total


def _gpu(gpu_id: str, uncertain: tuple[str, ...] = (), fp8: object = 1000.0) -> Gpu:
    return Gpu(id=gpu_id, name=gpu_id, vendor="V", architecture="A", form_factor="SXM",
               launch=When(dt.date(2024, 1, 1)), memory_gb=80.0, memory_type="HBM3",
               memory_bandwidth_gbs=3000.0, bf16_dense_tflops=500.0, tdp_w=700.0,
               export_status=ExportStatus.UNRESTRICTED, status=Confirmation.CONFIRMED_PRIMARY,
               fp8_dense_tflops=fp8, uncertain=uncertain)  # type: ignore[arg-type]


def _fleet(*parts: FleetPart) -> Fleet:
    return Fleet(id="f", label="f", owner="o", stated_by="o", parts=parts,
                 status=FleetStatus.CLAIMED)


def _flags(totals: hardware.FleetTotals) -> dict[str, bool]:
    return {"gpus": totals.gpus_uncertain, "bf16": totals.bf16_uncertain,
            "fp8": totals.fp8_uncertain, "hbm": totals.hbm_uncertain,
            "power": totals.power_uncertain}


NONE = {"gpus": False, "bf16": False, "fp8": False, "hbm": False, "power": False}


@pytest.mark.parametrize(
    ("figure", "total"),
    [("bf16_dense_tflops", "bf16"), ("fp8_dense_tflops", "fp8"), ("memory_gb", "hbm"),
     ("tdp_w", "power")],
)
def test_an_unconfirmed_figure_daggers_only_the_total_made_from_it(figure: str,
                                                                   total: str) -> None:
    gpus = {"g": _gpu("g", uncertain=(figure,))}
    totals = hardware.fleet_totals(_fleet(FleetPart(gpu="g", count=10)), gpus)
    assert _flags(totals) == {**NONE, total: True}
    assert totals.uncertain


@pytest.mark.parametrize("figure", ["fp64_tflops", "nvlink_gbs", "memory_bandwidth_gbs",
                                    "bf16_sparse_tflops", "fp8_sparse_tflops"])
def test_a_figure_no_total_uses_daggers_none(figure: str) -> None:
    gpus = {"g": _gpu("g", uncertain=(figure,))}
    totals = hardware.fleet_totals(_fleet(FleetPart(gpu="g", count=10)), gpus)
    assert _flags(totals) == NONE and not totals.uncertain


def test_an_unconfirmed_count_daggers_every_total_it_enters() -> None:
    gpus = {"g": _gpu("g"), "old": _gpu("old", fp8="unsupported")}
    sure = FleetPart(gpu="g", count=10)
    totals = hardware.fleet_totals(_fleet(sure, FleetPart(gpu="g", count=5, uncertain=True)),
                                   gpus)
    assert _flags(totals) == dict.fromkeys(NONE, True)
    # an unsure count of a part without FP8 does not reach the FP8 total
    mixed = hardware.fleet_totals(_fleet(sure, FleetPart(gpu="old", count=5, uncertain=True)),
                                  gpus)
    assert _flags(mixed) == {**dict.fromkeys(NONE, True), "fp8": False}
    assert mixed.fp8_partial


def test_the_h800_fleets_dagger_only_their_power(corpus: Corpus) -> None:
    """Only the H800's FP64 and TDP are unconfirmed; FP64 enters no total (issue 28 #2)."""
    h800 = next(g for g in corpus.gpus if g.id == "h800-sxm")
    assert set(h800.uncertain) == {"fp64_tflops", "tdp_w"}
    for fleet_id in ("fleet-v3-h800", "fleet-r1-512-h800"):
        assert _flags(_totals(corpus, fleet_id)) == {**NONE, "power": True}, fleet_id


def test_the_gpu_pane_and_the_export_agree_with_the_compute_lens(corpus: Corpus) -> None:
    """The compute lens shows the H800 fleets without †, so the fleet totals must too."""
    lens = {f.fleet.id: f for f in compute.lens(corpus).fleets}
    gpus = {g.id: g for g in corpus.gpus}
    for fleet in corpus.fleets:
        totals = hardware.fleet_totals(fleet, gpus)
        peak = lens[fleet.id].peak
        shown = totals.fp8_uncertain if peak.precision == "fp8" else totals.bf16_uncertain
        assert shown == peak.uncertain, fleet.id
    rows = {row.key: row for row in fleet_rows(corpus, None)}
    bf16, fp8, power = (cell.plain for cell in rows["fleet-v3-h800"].cells[2:5])
    assert (bf16, fp8, power) == ("2,026", "4,053", "1.4†")
    markdown = to_markdown(corpus, None)
    assert "| 2,048 H800 SXM5 | 2,026.3 | 4,052.8 | 163.8 | 1.4† |" in markdown
    assert "| 512 H800 SXM5 | 506.6 | 1,013.2 | 41.0 | 0.4† |" in markdown
    data = json.loads(to_json(corpus, None))["fleet_totals"]
    assert data["fleet-v3-h800"]["unconfirmed"] == ["gpu_power_mw"]
    assert data["fleet-fireflyer2"]["unconfirmed"] == [
        "gpus", "bf16_dense_pflops", "hbm_tb", "gpu_power_mw"]
