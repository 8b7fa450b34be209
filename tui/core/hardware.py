"""Arithmetic on GPU figures: ratios, sort order, fleet totals and cost what-ifs.

Peak datasheet figures, not real-world speed-ups. A figure that is ``unsupported`` or
unknown has no ratio and sorts after every number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from tui.core.model import FIGURE_FIELDS, UNSUPPORTED, Fleet, Gpu, Run


def value(gpu: Gpu, field: str) -> float | None:
    """The number in ``field``, or ``None`` when unsupported or unknown."""
    if field not in FIGURE_FIELDS:
        raise KeyError(field)
    raw = getattr(gpu, field)
    if raw is None or raw == UNSUPPORTED:
        return None
    return float(raw)


def ratio(gpu: Gpu, baseline: Gpu, field: str) -> float | None:
    """``gpu``'s figure over ``baseline``'s, or ``None`` when either is missing or 0."""
    top, bottom = value(gpu, field), value(baseline, field)
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def sort_gpus(gpus: Sequence[Gpu], field: str | None, reverse: bool = False) -> list[Gpu]:
    """GPUs ordered by ``field`` (name when ``None``); missing figures always last."""
    if field is None:
        return sorted(gpus, key=lambda g: g.name.casefold(), reverse=reverse)
    known = [g for g in gpus if value(g, field) is not None]
    missing = [g for g in gpus if value(g, field) is None]
    known.sort(key=lambda g: value(g, field) or 0.0, reverse=reverse)
    return known + missing


class FleetTotals(NamedTuple):
    """What a claimed fleet adds up to, at datasheet peak.

    ``fp8_pflops`` counts only the parts that support FP8 (``fp8_partial`` says some
    did not); it is ``None`` when none do. Each total has its own ``…_uncertain`` flag,
    set only when a count or a figure that total was computed from is marked
    unconfirmed: an H800 fleet's power rests on an unconfirmed TDP, its FP8 does not.
    """

    gpus: int
    bf16_pflops: float | None
    fp8_pflops: float | None
    fp8_partial: bool
    hbm_tb: float | None
    power_mw: float | None
    gpus_uncertain: bool = False
    bf16_uncertain: bool = False
    fp8_uncertain: bool = False
    hbm_uncertain: bool = False
    power_uncertain: bool = False

    @property
    def uncertain(self) -> bool:
        """Whether any total rests on an unconfirmed count or figure."""
        return (self.gpus_uncertain or self.bf16_uncertain or self.fp8_uncertain
                or self.hbm_uncertain or self.power_uncertain)


TOTAL_FIGURES: dict[str, str] = {
    "bf16": "bf16_dense_tflops",
    "fp8": "fp8_dense_tflops",
    "hbm": "memory_gb",
    "power": "tdp_w",
}
"""The GPU figure each fleet total is computed from."""


def fleet_totals(fleet: Fleet, gpus: Mapping[str, Gpu]) -> FleetTotals:
    """Sum a fleet's parts: peak BF16 and FP8 (PFLOPS), HBM (TB) and GPU power (MW)."""
    count = 0
    bf16: float | None = 0.0
    fp8 = 0.0
    fp8_parts = 0
    hbm: float | None = 0.0
    power: float | None = 0.0
    counts_unsure = False
    unsure = dict.fromkeys(TOTAL_FIGURES, False)
    for part in fleet.parts:
        gpu = gpus.get(part.gpu)
        count += part.count
        counts_unsure = counts_unsure or part.uncertain
        if gpu is None:
            bf16 = hbm = power = None
            continue
        bf16 = _add(bf16, part.count, value(gpu, "bf16_dense_tflops"), 1e-3)
        hbm = _add(hbm, part.count, value(gpu, "memory_gb"), 1e-3)
        power = _add(power, part.count, value(gpu, "tdp_w"), 1e-6)
        per_gpu_fp8 = value(gpu, "fp8_dense_tflops")
        if per_gpu_fp8 is not None:
            fp8 += part.count * per_gpu_fp8 * 1e-3
            fp8_parts += 1
        for total, figure in TOTAL_FIGURES.items():
            counted = total != "fp8" or per_gpu_fp8 is not None
            if counted and (part.uncertain or figure in gpu.uncertain):
                unsure[total] = True
    return FleetTotals(
        gpus=count,
        bf16_pflops=bf16,
        fp8_pflops=fp8 if fp8_parts else None,
        fp8_partial=0 < fp8_parts < len(fleet.parts),
        hbm_tb=hbm,
        power_mw=power,
        gpus_uncertain=counts_unsure,
        bf16_uncertain=unsure["bf16"],
        fp8_uncertain=unsure["fp8"] and fp8_parts > 0,
        hbm_uncertain=unsure["hbm"],
        power_uncertain=unsure["power"],
    )


def _add(total: float | None, count: int, per_gpu: float | None, scale: float) -> float | None:
    if total is None or per_gpu is None:
        return None
    return total + count * per_gpu * scale


def training_cost_usd(gpu_hours: float, price_per_gpu_hour: float) -> float:
    """Rental cost of a run: GPU-hours × price per GPU-hour."""
    return gpu_hours * price_per_gpu_hour


def wall_clock_days(gpu_hours: float, gpus: int) -> float:
    """Days a run takes when ``gpus`` GPUs share ``gpu_hours`` perfectly."""
    if gpus <= 0:
        raise ValueError("a fleet needs at least one GPU")
    return gpu_hours / gpus / 24


PRICE_STEP_USD = 0.25
"""How far one key press moves the what-if price."""


EXACT_TOLERANCE = 0.001
"""How close (as a share) a computed cost must come to a stated one from exact figures."""

APPROXIMATE_TOLERANCE = 0.01
"""The same, when the GPU-hours are approximate (≈): the stated cost rounds its parts."""


class StageCost(NamedTuple):
    """One stage of a run priced at the what-if price."""

    name: str
    gpu_hours: float
    cost_usd: float
    uncertain: bool


class CostWhatIf(NamedTuple):
    """A run priced at ``price_usd`` per GPU-hour, stage by stage and in total."""

    gpu_hours: float
    price_usd: float
    cost_usd: float
    stated_cost_usd: float | None
    stated_price_usd: float | None
    stages: tuple[StageCost, ...] = ()
    approximate: bool = False

    @property
    def tolerance(self) -> float:
        """The share the computation may miss the stated cost by and still reproduce it."""
        return APPROXIMATE_TOLERANCE if self.approximate else EXACT_TOLERANCE

    @property
    def reproduces_stated(self) -> bool | None:
        """At the run's own price, does the computation give the stated cost?

        To 0.1% from exact GPU-hours, to 1% from approximate ones (``tolerance``).
        """
        if self.stated_cost_usd is None or self.stated_price_usd is None:
            return None
        computed = training_cost_usd(self.gpu_hours, self.stated_price_usd)
        return abs(computed - self.stated_cost_usd) <= self.tolerance * max(
            self.stated_cost_usd, 1.0)


def cost_what_if(run: Run, price_usd: float | None = None) -> CostWhatIf:
    """Price ``run`` at ``price_usd`` (default: the price its owner assumed, else $2)."""
    price = price_usd if price_usd is not None else (run.price_per_gpu_hour_usd or 2.0)
    price = max(0.0, price)
    stages = tuple(
        StageCost(stage.name, stage.gpu_hours, training_cost_usd(stage.gpu_hours, price),
                  stage.uncertain)
        for stage in run.stages
    )
    return CostWhatIf(
        gpu_hours=run.gpu_hours,
        price_usd=price,
        cost_usd=sum((stage.cost_usd for stage in stages), 0.0),
        stated_cost_usd=run.stated_cost_usd,
        stated_price_usd=run.price_per_gpu_hour_usd,
        stages=stages,
        approximate=run.gpu_hours_uncertain,
    )
