"""The compute lens: a run's training compute done two ways, and days on each fleet.

Analysts test a training-cost claim by computing the training FLOP twice (Epoch AI's
method, "Estimating Training Compute of Deep Learning Models", 2022):

- from the model: ``6 × active parameters × tokens`` (the 6ND approximation: forward
  and backward passes through the dense matrix multiplies, so a floor);
- from the hardware: ``GPU-hours × 3600 × dense peak FLOP/s × utilisation``.

Setting the two equal gives a run's implied utilisation; dividing the model side by a
fleet's peak at a chosen utilisation gives how many days that fleet would need. Only
a pre-training stage is 6ND work: a run without one (R1's reinforcement learning) is
outside the lens, and says so. Every figure comes from the story; nothing is typed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.model import UNSUPPORTED, Fleet, Gpu, Precision, Run, StageKind

FLOP_PER_PARAMETER_TOKEN = 6
SECONDS_PER_HOUR = 3_600
SECONDS_PER_DAY = 86_400
DEFAULT_UTILISATION = 0.35
"""The lens's starting utilisation (and the CLI's ``--mfu`` default): 35% of peak."""
DEFAULT_PRECISION = Precision.BF16
"""BF16 first: the only one of the two that the A100 and A800 have."""
UTILISATION_STEP = 0.05
"""How far one key press moves the utilisation."""

PEAK_FIELD: Mapping[Precision, str] = {
    Precision.BF16: "bf16_dense_tflops",
    Precision.FP8: "fp8_dense_tflops",
}

METHOD = (
    "6ND is a floor: it leaves out attention, multi-token prediction, failed runs and "
    "ablations (Epoch AI's method, 2022)."
)


class UtilisationError(ValueError):
    """A utilisation outside (0, 1]."""


def check_utilisation(value: float) -> float:
    """``value`` if it is a share of peak in (0, 1], else ``UtilisationError``."""
    if not (value == value and 0 < value <= 1):  # also rejects NaN
        raise UtilisationError(
            f"utilisation must be above 0 and at most 1 (a share of peak), got {value:g}"
        )
    return value


def parse_utilisation(text: str) -> float:
    """A typed utilisation: ``35``, ``35%`` or ``0.35`` all mean 35% of peak."""
    raw = text.strip().removesuffix("%").strip()
    try:
        number = float(raw)
    except ValueError:
        raise UtilisationError(f"not a number: {text.strip()!r}") from None
    if text.strip().endswith("%") or number > 1:
        number /= 100
    return check_utilisation(number)


# --------------------------------------------------------------------------- the formulas


def training_flop(active_parameters: float, tokens: float) -> float:
    """Training compute by the 6ND approximation: 6 × N_active × D (a floor)."""
    return FLOP_PER_PARAMETER_TOKEN * active_parameters * tokens


def implied_utilisation(flop: float, gpu_hours: float, peak_flops: float) -> float:
    """The share of peak that does ``flop`` in ``gpu_hours`` on GPUs of ``peak_flops``."""
    return flop / (gpu_hours * SECONDS_PER_HOUR * peak_flops)


def days_on(flop: float, fleet_peak_flops: float, utilisation: float) -> float:
    """Days for ``flop`` on a fleet of total peak ``fleet_peak_flops`` at ``utilisation``."""
    return flop / (fleet_peak_flops * check_utilisation(utilisation)) / SECONDS_PER_DAY


def peak_flops(gpu: Gpu, precision: Precision) -> float | None:
    """The GPU's dense peak in FLOP/s at ``precision``; ``None`` if it lacks it or is unknown."""
    raw = getattr(gpu, PEAK_FIELD[precision])
    if raw is None or raw == UNSUPPORTED:
        return None
    return float(raw) * 1e12


# --------------------------------------------------------------------------- runs


class RunCompute(NamedTuple):
    """What the lens says about one run.

    ``training_flop`` is ``None`` when the lens does not apply (``reason`` says why).
    ``implied`` holds the implied utilisation at each precision, ``None`` where the GPU
    lacks that precision. ``uncertain`` is set when a figure behind it is marked †.
    """

    run: Run
    name: str
    training_flop: float | None
    pretraining_gpu_hours: float | None
    implied: Mapping[Precision, float | None]
    uncertain: bool
    reason: str | None = None

    @property
    def applies(self) -> bool:
        return self.training_flop is not None


def run_name(run: Run) -> str:
    """A run's short name: its label up to the first colon (``DeepSeek-V3``)."""
    return run.label.split(":", 1)[0].strip() or run.id


def pretraining(run: Run) -> tuple[float, bool] | None:
    """The GPU-hours of a run's pre-training stages and whether any is †; ``None`` if none."""
    stages = [stage for stage in run.stages if stage.kind is StageKind.PRE_TRAINING]
    if not stages:
        return None
    return sum(stage.gpu_hours for stage in stages), any(stage.uncertain for stage in stages)


def run_compute(run: Run, gpus: Mapping[str, Gpu]) -> RunCompute:
    """Training FLOP and implied utilisation of ``run``, or why the lens does not apply."""
    name = run_name(run)
    empty: dict[Precision, float | None] = {p: None for p in Precision}
    stage = pretraining(run)
    if stage is None:
        kinds = sorted({s.kind.value.replace("-", " ") for s in run.stages})
        did = " and ".join(kinds) if kinds else "no stages"
        return RunCompute(run, name, None, None, empty, False,
                          f"{name}'s stages are {did}, not pre-training")
    hours, hours_unsure = stage
    if run.active_parameters_billions is None or run.training_tokens_trillions is None:
        return RunCompute(run, name, None, hours, empty, hours_unsure,
                          f"the story gives no active parameters or training tokens for {name}")
    flop = training_flop(run.active_parameters_billions * 1e9,
                         run.training_tokens_trillions * 1e12)
    gpu = gpus.get(run.gpu)
    implied = dict(empty)
    unsure = hours_unsure
    if gpu is not None:
        for precision in Precision:
            peak = peak_flops(gpu, precision)
            if peak is not None:
                implied[precision] = implied_utilisation(flop, hours, peak)
                unsure = unsure or PEAK_FIELD[precision] in gpu.uncertain
    return RunCompute(run, name, flop, hours, implied, unsure)


# --------------------------------------------------------------------------- fleets


class FleetPeak(NamedTuple):
    """A fleet's summed dense peak at the precision each of its GPU types can do.

    ``precision`` is what was used: ``"bf16"``, ``"fp8"`` or ``"mixed"`` (some parts in
    each). ``fell_back`` says FP8 was asked for but some parts lack it and count at
    BF16. ``flops`` is ``None`` when a part's peak is unknown.
    """

    fleet: Fleet
    gpu_count: int
    flops: float | None
    precision: str
    fell_back: bool
    approximate: bool
    uncertain: bool


def fleet_peak(fleet: Fleet, gpus: Mapping[str, Gpu], precision: Precision) -> FleetPeak:
    """Sum each GPU type of ``fleet`` at ``precision``, or at BF16 where it lacks FP8."""
    total: float | None = 0.0
    used: set[Precision] = set()
    fell_back = False
    uncertain = False
    for part in fleet.parts:
        gpu = gpus.get(part.gpu)
        if gpu is None:
            total = None
            continue
        chosen = precision
        peak = peak_flops(gpu, precision)
        if peak is None and precision is not Precision.BF16:
            chosen, fell_back = Precision.BF16, True
            peak = peak_flops(gpu, Precision.BF16)
        used.add(chosen)
        uncertain = uncertain or part.uncertain or PEAK_FIELD[chosen] in gpu.uncertain
        if peak is None or total is None:
            total = None
        else:
            total += part.count * peak
    label = used.pop().value if len(used) == 1 else ("mixed" if used else precision.value)
    return FleetPeak(fleet, sum(p.count for p in fleet.parts), total or None, label,
                     fell_back, fleet.approximate, uncertain)


class FleetDays(NamedTuple):
    """Days each applicable run would take on one fleet."""

    peak: FleetPeak
    days: Mapping[str, float]

    @property
    def fleet(self) -> Fleet:
        return self.peak.fleet


# --------------------------------------------------------------------------- the lens


class Lens(NamedTuple):
    """The whole lens for one story at one utilisation and precision."""

    utilisation: float
    precision: Precision
    runs: tuple[RunCompute, ...]
    fleets: tuple[FleetDays, ...]
    caveats: tuple[str, ...]

    @property
    def applicable(self) -> tuple[RunCompute, ...]:
        return tuple(run for run in self.runs if run.applies)


def lens(
    corpus: Corpus,
    utilisation: float = DEFAULT_UTILISATION,
    precision: Precision = DEFAULT_PRECISION,
) -> Lens:
    """Every run's compute and every fleet's days at ``utilisation`` of ``precision`` peak."""
    check_utilisation(utilisation)
    gpus = {gpu.id: gpu for gpu in corpus.gpus}
    runs = tuple(run_compute(run, gpus) for run in corpus.runs)
    fleets = []
    for fleet in corpus.fleets:
        peak = fleet_peak(fleet, gpus, precision)
        days = {}
        if peak.flops:
            for run in runs:
                if run.training_flop is not None:
                    days[run.run.id] = days_on(run.training_flop, peak.flops, utilisation)
        fleets.append(FleetDays(peak, days))
    return Lens(utilisation, precision, runs, tuple(fleets), caveats(corpus, runs))


def caveats(corpus: Corpus, runs: tuple[RunCompute, ...]) -> tuple[str, ...]:
    """What the reader must keep in mind, built from the story's runs."""
    found = [METHOD]
    for run in runs:
        item = run.run
        if run.applies and item.total_parameters_billions and item.active_parameters_billions \
                and item.total_parameters_billions > item.active_parameters_billions:
            fleet = corpus.get(item.fleet) if item.fleet else None
            on = ""
            if isinstance(fleet, Fleet):
                on = f" on {sum(p.count for p in fleet.parts):,} GPUs"
            found.append(
                f"{run.name} is a mixture of experts ({item.active_parameters_billions:g}B of "
                f"{item.total_parameters_billions:g}B parameters active){on} with heavy "
                "all-to-all traffic: not a dense run."
            )
    for run in runs:
        if not run.applies and run.reason and run.pretraining_gpu_hours is None:
            cost = run.run.stated_cost_usd
            found.append(run.reason + ": the lens does not apply" + (
                f" to its {fmt.money(cost)}." if cost else "."))
    return tuple(found)


def _significant(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else float(f"{value:.{digits}g}")


def lens_json(lens: Lens) -> dict[str, Any]:
    """The lens as plain JSON data (the CLI's ``--json`` and the JSON export)."""
    return {
        "mfu": lens.utilisation,
        "precision": lens.precision.value,
        "runs": [
            {
                "id": run.run.id,
                "training_flop": _significant(run.training_flop),
                "implied_utilisation": {
                    precision.value: _significant(run.implied[precision])
                    for precision in Precision
                },
            }
            for run in lens.runs
        ],
        "fleets": [
            {
                "id": fleet.fleet.id,
                "gpu_count": fleet.peak.gpu_count,
                "precision": fleet.peak.precision,
                "days": {run_id: _significant(days) for run_id, days in fleet.days.items()},
            }
            for fleet in lens.fleets
        ],
        "caveats": list(lens.caveats),
    }
