"""Figures in a story's prose that the app can compute, found and recomputed.

Prose is data typed by hand; the app computes GPU-hours (from a run's stages), costs
(GPU-hours × price), wall-clock days, fleet totals and plain arithmetic. Each shape below
is a way the seed writes such a figure; ``findings`` recomputes every one it finds, from
the data where the figure is a run's or a fleet's and from the sentence's own numbers
where it is arithmetic, and says whether the written figure agrees at the precision it
is written to (``$4.18M`` must round to 4.18 million).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from tui.core import hardware
from tui.core.corpus import Corpus
from tui.core.kinds import ENTITY_LISTS
from tui.core.model import FIGURE_FIELDS, Fleet, Gpu, Run, When

UNIT = {"": 1.0, "K": 1e3, "M": 1e6}
NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


class Finding(NamedTuple):
    item: str
    shape: str
    text: str
    written: str
    computed: float
    ok: bool


def agrees(computed: float, written: str, unit: str = "") -> bool:
    """Whether ``computed`` rounds to ``written`` (in ``unit``) at its written precision."""
    digits = written.replace(",", "")
    places = len(digits.partition(".")[2])
    return round(computed / UNIT[unit], places) == float(digits)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def prose_of(corpus: Corpus) -> Iterator[tuple[str, str]]:
    """Every piece of free text in the story, with the id of the item that holds it."""
    yield corpus.story.id, corpus.story.summary
    for item in (item for name in ENTITY_LISTS for item in getattr(corpus, name)):
        for value in item:
            if isinstance(value, When):
                value = value.note
            if isinstance(value, str) and " " in value and value != getattr(item, "id", ""):
                yield item.id, value


def _runs_of(corpus: Corpus, item_id: str) -> list[Run]:
    """The runs an item is about: itself, its claim's run, or those its `about` names."""
    item = corpus.get(item_id)
    wanted = {item_id, *getattr(item, "about", ()), getattr(item, "claim", None)}
    return [run for run in corpus.runs if run.id in wanted or run.claim in wanted]


def _products(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    pattern = NUMBER + r" × " + NUMBER + r" h(?: alone)?(?: is only about| ≈| =) ≈?" \
        + NUMBER + r"(K|M)?"
    for m in re.finditer(pattern, text):
        value = _number(m[1]) * _number(m[2])
        yield Finding(item_id, "product", m[0], m[3] + (m[4] or ""), value,
                      agrees(value, m[3], m[4] or ""))


def _costs(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``At $2.50: $6.97M``: the item's run priced at that rate."""
    for m in re.finditer(r"At \$" + NUMBER + r"[^:$]*: \$" + NUMBER + r"(K|M)", text):
        for run in _runs_of(corpus, item_id):
            value = hardware.cost_what_if(run, _number(m[1])).cost_usd
            yield Finding(item_id, "cost", m[0], m[2] + m[3], value, agrees(value, m[2], m[3]))


def _sums(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``$5.328M + $0.238M + $0.01M = $5.576M``: the sum, which must also be the run's cost."""
    term = r"\$" + NUMBER + r"(K|M)"
    for m in re.finditer(term + r" \+ " + term + r" \+ " + term + r" = " + term, text):
        value = sum(_number(m[i]) * UNIT[m[i + 1]] for i in (1, 3, 5))
        yield Finding(item_id, "sum", m[0], m[7] + m[8], value, agrees(value, m[7], m[8]))
        for run in _runs_of(corpus, item_id):
            cost = hardware.cost_what_if(run).cost_usd
            yield Finding(item_id, "run cost", m[0], m[7] + m[8], cost,
                          agrees(cost, m[7], m[8]))


def _totals(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``2,788K H800 GPU-hours in all``: some run of the item has that many GPU-hours."""
    pattern = NUMBER + r"(K|M) (?:H800 )?(?:GPU-hours |hours )?in all"
    for m in re.finditer(pattern, text):
        runs = _runs_of(corpus, item_id)
        matching = [run.gpu_hours for run in runs if agrees(run.gpu_hours, m[1], m[2])]
        value = matching[0] if matching else (runs[0].gpu_hours if runs else float("nan"))
        yield Finding(item_id, "run GPU-hours", m[0], m[1] + m[2], value, bool(matching))


def _stages(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """A run's stage by name: ``2,664K hours of pre-training``, ``SFT-data generation
    (about 5K GPU-hours)``, ``R1 reinforcement learning (about 80 hours)`` (wall-clock)."""
    lower = text.lower()
    for run in _runs_of(corpus, item_id):
        for stage in run.stages:
            name = re.escape(stage.name.lower())
            before = NUMBER + r"(k|m) (?:h800 )?(?:gpu-hours |hours )?(?:of )?" + name
            for m in re.finditer(before, lower):
                yield Finding(item_id, "stage GPU-hours", m[0], m[1] + m[2], stage.gpu_hours,
                              agrees(stage.gpu_hours, m[1], m[2].upper()))
            after = name + r" \(about " + NUMBER + r"(k|m)? (gpu-hours|hours)\)"
            for m in re.finditer(after, lower):
                wall = m[3] == "hours"
                value = stage.wall_clock_hours if wall else stage.gpu_hours
                shape = "stage wall-clock hours" if wall else "stage GPU-hours"
                value = float("nan") if value is None else value
                yield Finding(item_id, shape, m[0], m[1] + (m[2] or ""), value,
                              agrees(value, m[1], (m[2] or "").upper()))


def _stage_costs(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``41K GPU-hours, about $82K``: a stage of the item's run, at the run's price."""
    pattern = NUMBER + r"(K|M) GPU-hours,? (?:would be )?(?:only )?about \$" + NUMBER + r"(K|M)"
    for m in re.finditer(pattern, text):
        costs = [hardware.training_cost_usd(stage.gpu_hours, run.price_per_gpu_hour_usd or 2.0)
                 for run in _runs_of(corpus, item_id) for stage in run.stages
                 if agrees(stage.gpu_hours, m[1], m[2])]
        value = costs[0] if costs else float("nan")
        yield Finding(item_id, "stage cost", m[0], m[3] + m[4], value,
                      bool(costs) and agrees(value, m[3], m[4]))


def _days(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``all 2,788K hours ran on the 2,048 GPUs, that is about 56.7 days``."""
    pattern = NUMBER + r"(K|M)? (?:GPU-)?hours ran on (?:the )?" + NUMBER \
        + r" GPUs[^.]*?about " + NUMBER + r" days"
    for m in re.finditer(pattern, text):
        value = hardware.wall_clock_days(_number(m[1]) * UNIT[m[2] or ""], int(_number(m[3])))
        yield Finding(item_id, "days", m[0], m[4], value, agrees(value, m[4]))


def _eflops(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``about 4.05 EFLOPS (2,048 × 1,979 TFLOPS``: the product, and the fleet's FP8 total."""
    pattern = r"about " + NUMBER + r" EFLOPS \(" + NUMBER + r" × " + NUMBER + r" TFLOPS"
    for m in re.finditer(pattern, text):
        value = _number(m[2]) * _number(m[3]) / 1e6
        yield Finding(item_id, "product", m[0], m[1], value, agrees(value, m[1]))
        fleet = corpus.get(item_id)
        if isinstance(fleet, Fleet):
            total = hardware.fleet_totals(fleet, {g.id: g for g in corpus.gpus}).fp8_pflops
            exa = float("nan") if total is None else total / 1e3
            yield Finding(item_id, "fleet FP8", m[0], m[1], exa, agrees(exa, m[1]))


def _remainders(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``~50,000 − ~10,000 − ~10,000 = ~30,000``: the arithmetic, the fleet's total, and
    the part that holds the remainder."""
    term = r"~" + NUMBER
    for m in re.finditer(term + r" − " + term + r" − " + term + r" = " + term, text):
        value = _number(m[1]) - _number(m[2]) - _number(m[3])
        yield Finding(item_id, "difference", m[0], m[4], value, agrees(value, m[4]))
        fleets = [f for f in corpus.fleets if f.id == item_id or f.claim == item_id]
        for fleet in fleets:
            count = float(sum(part.count for part in fleet.parts))
            yield Finding(item_id, "fleet GPUs", m[0], m[1], count, agrees(count, m[1]))
            parts = [float(p.count) for p in fleet.parts if agrees(p.count, m[4])]
            yield Finding(item_id, "fleet part", m[0], m[4], parts[0] if parts else value,
                          bool(parts))


SCALE = {"PFLOPS": 1e3, "TFLOPS": 1.0, "TB/s": 1e3, "GB/s": 1.0}
"""Each unit in TFLOPS or GB/s, for per-GPU derivations."""


def _quotients(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``FP8 720 PFLOPS ÷ 72 = 10,000 TFLOPS``: the quotient, and on a GPU one of its
    datasheet figures."""
    pattern = (NUMBER + r" (PFLOPS|TFLOPS|TB/s|GB/s)(?: sparse)?(?: per GPU)? ÷ " + NUMBER
               + r" = " + NUMBER + r" (TFLOPS|GB/s)")
    item = corpus.get(item_id)
    for m in re.finditer(pattern, text):
        value = _number(m[1]) * SCALE[m[2]] / _number(m[3]) / SCALE[m[5]]
        yield Finding(item_id, "quotient", m[0], m[4], value, agrees(value, m[4]))
        if isinstance(item, Gpu):
            figures = [getattr(item, name) for name in FIGURE_FIELDS]
            held = [float(f) for f in figures if isinstance(f, float | int)
                    and agrees(float(f), m[4])]
            yield Finding(item_id, "GPU figure", m[0], m[4], held[0] if held else value,
                          bool(held))


def _fleets_of(corpus: Corpus, item_id: str) -> list[Fleet]:
    """The fleets an item is about: itself, or those whose claim it is."""
    return [f for f in corpus.fleets if item_id in (f.id, f.claim)]


def _power(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``64,000 × 1,200 W = 76.8 MW``: the product, and a fleet's GPU power."""
    pattern = NUMBER + r" × " + NUMBER + r" W = " + NUMBER + r" MW"
    gpus = {g.id: g for g in corpus.gpus}
    for m in re.finditer(pattern, text):
        value = _number(m[1]) * _number(m[2]) / 1e6
        yield Finding(item_id, "product", m[0], m[3], value, agrees(value, m[3]))
        fleet = corpus.get(item_id)
        if isinstance(fleet, Fleet):
            power = hardware.fleet_totals(fleet, gpus).power_mw
            power = float("nan") if power is None else power
            yield Finding(item_id, "fleet power", m[0], m[3], power, agrees(power, m[3]))


def _counts(corpus: Corpus, item_id: str, text: str) -> Iterator[Finding]:
    """``8 × 50,000 = 400,000``: the product, and the GPUs of the item's fleets."""
    for m in re.finditer(r"(?<![\d,.])" + NUMBER + r" × " + NUMBER + r" = " + NUMBER
                         + r"(?!\d|,\d| ?[A-Za-z%$])", text):
        value = _number(m[1]) * _number(m[2])
        yield Finding(item_id, "product", m[0], m[3], value, agrees(value, m[3]))
        for fleet in _fleets_of(corpus, item_id):
            count = float(sum(part.count for part in fleet.parts))
            yield Finding(item_id, "fleet GPUs", m[0], m[3], count, agrees(count, m[3]))


SHAPES: tuple[Callable[[Corpus, str, str], Iterator[Finding]], ...] = (
    _products, _costs, _sums, _totals, _stages, _stage_costs, _days, _eflops, _remainders,
    _quotients, _power, _counts,
)


def findings(corpus: Corpus) -> list[Finding]:
    """Every computable figure in the story's prose, recomputed."""
    return [found for item_id, text in prose_of(corpus)
            for shape in SHAPES for found in shape(corpus, item_id, text)]
