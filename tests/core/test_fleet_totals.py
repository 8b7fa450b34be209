"""Fleet totals and cost arithmetic, checked against FACTS.md's derived figures."""

from __future__ import annotations

import pytest

from tui.core import hardware
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.paths import default_seeds


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
    assert totals.fp8_pflops == pytest.approx(2048 * 1979 / 1000)  # ≈ 4,053 PFLOPS
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
    assert wang.bf16_pflops / v3.bf16_pflops == pytest.approx(50_000 * 989.4 / (2048 * 989))


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
