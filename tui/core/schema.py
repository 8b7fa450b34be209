"""The story model: what a seed file may say, checked by pydantic at the edge.

A seed file holds one story. Every entity has an ``id`` unique within its story, and
every reference is by id; the loader (``tui.core.loader``) checks that references
resolve, since that needs the whole document. Models are frozen and reject unknown
keys, and every string is cleaned of control characters on the way in.

Figures carry their unit in the field name (``memory_bandwidth_gbs``). A figure is a
non-negative number, ``"unsupported"`` (the feature does not exist on that part, which
is not the same as 0), or absent (not known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tui.core import model
from tui.core.model import (
    FIGURE_FIELDS,
    UNSUPPORTED,
    ActorKind,
    ClaimKind,
    ClaimStatus,
    Confirmation,
    DatePrecision,
    EventKind,
    ExportStatus,
    FleetStatus,
    Precision,
    SourceKind,
    StageKind,
    Stance,
)
from tui.core.schema_types import Figure, Id, Positive, Text, Url

__all__ = [
    "FIGURE_FIELDS",
    "UNSUPPORTED",
    "ActorKind",
    "ClaimKind",
    "ClaimStatus",
    "Confirmation",
    "DatePrecision",
    "EventKind",
    "ExportStatus",
    "FleetStatus",
    "Precision",
    "SourceKind",
    "StageKind",
    "Stance",
    "StoryFile",
    "to_model",
]


class Model(BaseModel):
    """Base of every seed model: immutable, strict about keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def record_values(self) -> dict[str, object]:
        """Values the plain record gets beyond (or instead of) the fields: none here."""
        return {}


# --------------------------------------------------------------------------- pieces


class When(Model):
    """A date with its precision; a UTC time where one is known."""

    date: dt.date
    precision: DatePrecision = DatePrecision.DAY
    time_utc: dt.time | None = None
    end: dt.date | None = Field(default=None, description="last day of a range")
    note: Text | None = Field(default=None, max_length=300)


class Story(Model):
    """What the story is and where it comes from."""

    id: Id
    title: Text = Field(min_length=1, max_length=200)
    publisher: Text = Field(min_length=1, max_length=200)
    source: Text = Field(min_length=1, max_length=300, description="the article or brief")
    date: When
    summary: Text = Field(min_length=1, max_length=2000)


class Section(Model):
    """A section of the source article, by its heading."""

    id: Id
    title: Text = Field(min_length=1, max_length=200)


class Source(Model):
    """A document that something was checked in, cited as its original publisher put it.

    ``url`` is the original's canonical address. When what was actually read is a copy
    (a mirror, a proxy, a re-post), ``via`` holds the copy's address; ``url`` may then be
    left out, when the original's address is not verified, and the source is cited by
    its title, publisher and date. ``kind`` says how close to the origin it is; a date
    that cannot be found is said so (``date_unknown`` with a ``date_note``).
    """

    id: Id
    title: Text = Field(min_length=1, max_length=300)
    kind: SourceKind = Field(description="primary (the document, post or transcript "
                             "itself), reporting, analysis or reference")
    url: Url | None = Field(default=None, description="the original's canonical URL")
    via: Url | None = Field(default=None, description="the copy that was read, if not the original")
    archived: Url | None = Field(default=None, description="an archived snapshot of the original "
                                 "(e.g. the Wayback Machine's), never a copy re-posted by others")
    publisher: Text | None = Field(default=None, max_length=200)
    date: dt.date | None = None
    date_unknown: StrictBool = Field(default=False, description="no date could be found")
    date_note: Text | None = Field(default=None, max_length=300,
                                   description="why the date is unknown, or about the date")

    @model_validator(mode="after")
    def _has_an_address(self) -> Source:
        if self.url is None and self.via is None:
            raise ValueError("no URL: give url (the original), or via (the copy read) when "
                             "the original's URL is not verified")
        if self.url is not None and self.url == self.via:
            raise ValueError("via repeats url: give via only for a copy of the original")
        if self.date_unknown and self.date is not None:
            raise ValueError("date_unknown with a date: give one or the other")
        if self.date_unknown and not self.date_note:
            raise ValueError("date_unknown needs a date_note saying what was tried")
        if self.archived is not None and (self.archived in (self.url, self.via)
                                          or self.archived.startswith("arxiv:")):
            raise ValueError("archived must be the snapshot's own web address, not url or via")
        return self


class Actor(Model):
    id: Id
    name: Text = Field(min_length=1, max_length=120)
    kind: ActorKind
    role: Text | None = Field(default=None, max_length=200)
    affiliation: Id | None = Field(default=None, description="an organisation actor's id")


class Claim(Model):
    id: Id
    by: Id = Field(description="the claimant: an actor id")
    short: Text = Field(min_length=1, max_length=90, description="one line, for lists")
    text: Text = Field(min_length=1, max_length=2000, description="in our own words")
    kind: ClaimKind
    status: ClaimStatus
    status_note: Text | None = Field(default=None, max_length=1000)
    section: Id | None = None
    sources: tuple[Id, ...] = ()
    gpus: tuple[Id, ...] = Field(default=(), description="GPUs the claim mentions")
    date: When | None = None


class Gpu(Model):
    """One datasheet variant of an accelerator."""

    id: Id
    name: Text = Field(min_length=1, max_length=80)
    vendor: Text = Field(min_length=1, max_length=60)
    architecture: Text = Field(min_length=1, max_length=60)
    form_factor: Literal["SXM", "PCIe", "HGX"]
    launch: When
    memory_gb: Figure
    memory_type: Text = Field(min_length=1, max_length=20)
    memory_bandwidth_gbs: Figure
    bf16_dense_tflops: Figure
    bf16_sparse_tflops: Figure | None = None
    fp8_dense_tflops: Figure | None = None
    fp8_sparse_tflops: Figure | None = None
    fp64_tflops: Figure | None = None
    tdp_w: Figure
    nvlink_gbs: Figure | None = None
    export_status: ExportStatus
    export_note: Text | None = Field(default=None, max_length=500)
    cut_from: Id | None = Field(default=None, description="the GPU this variant was cut from")
    uncertain: tuple[str, ...] = Field(default=(), description="figure fields marked †")
    note: Text | None = Field(default=None, max_length=1000)
    sources: tuple[Id, ...] = ()
    status: Confirmation
    not_from_maker: StrictBool = Field(
        default=False, description="NVIDIA published no datasheet: the figures come from "
        "secondary sources (the note says which)")

    @field_validator("uncertain")
    @classmethod
    def _uncertain_names_figures(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [name for name in names if name not in FIGURE_FIELDS]
        if unknown:
            raise ValueError(
                f"not a figure field: {', '.join(unknown)} (figure fields: "
                + ", ".join(FIGURE_FIELDS)
                + ")"
            )
        return names


class FleetPart(Model):
    gpu: Id
    count: StrictInt = Field(ge=0, le=100_000_000)
    uncertain: bool = False


class Fleet(Model):
    """Who says which organisation has how many of which GPUs."""

    id: Id
    label: Text = Field(min_length=1, max_length=90)
    owner: Id = Field(description="an actor id")
    stated_by: Id = Field(description="an actor id")
    parts: tuple[FleetPart, ...] = Field(min_length=1)
    approximate: bool = True
    status: FleetStatus
    claim: Id | None = Field(default=None, description="the claim this fleet belongs to")
    note: Text | None = Field(default=None, max_length=1000)
    date: When | None = None
    sources: tuple[Id, ...] = ()


class RunStage(Model):
    """One stage of a training run, with its GPU-hours.

    Give ``gpu_hours`` directly, or ``gpu_count`` and ``wall_clock_hours`` (the run's
    GPU-hours are then their product); when all three are given they must agree.
    """

    name: Text = Field(min_length=1, max_length=90)
    kind: StageKind
    gpu_hours: Positive | None = None
    gpu_count: Annotated[StrictInt, Field(gt=0, le=100_000_000)] | None = None
    wall_clock_hours: Positive | None = None
    uncertain: StrictBool = Field(default=False, description="the figures are approximate (≈)")

    @model_validator(mode="after")
    def _hours_are_given_once(self) -> RunStage:
        count, hours = self.gpu_count, self.wall_clock_hours
        if (count is None) != (hours is None) and self.gpu_hours is None:
            missing = "wall_clock_hours" if hours is None else "gpu_count"
            raise ValueError(f"{missing} is missing: give gpu_count and wall_clock_hours "
                             "together, or gpu_hours")
        if self.gpu_hours is None and count is None:
            raise ValueError("no GPU-hours: give gpu_hours, or gpu_count and wall_clock_hours")
        if self.gpu_hours is not None and count is not None and hours is not None:
            product = count * hours
            if abs(product - self.gpu_hours) > 1e-9 * product:
                raise ValueError(f"gpu_hours ({self.gpu_hours:g}) is not gpu_count × "
                                 f"wall_clock_hours ({count} × {hours:g} = {product:g})")
        return self

    @property
    def resolved_gpu_hours(self) -> float:
        """The stage's GPU-hours, given or computed."""
        if self.gpu_hours is not None:
            return self.gpu_hours
        assert self.gpu_count is not None and self.wall_clock_hours is not None
        return self.gpu_count * self.wall_clock_hours

    def record_values(self) -> dict[str, object]:
        return {"gpu_hours": self.resolved_gpu_hours}


class Run(Model):
    """A training run: its stages' GPU-hours on which GPU, and the price its owner assumed.

    The cost what-if multiplies the run's GPU-hours (the sum of its stages') by a price
    the reader picks; a ``stated_cost_usd`` lets the view show that the computation
    reproduces the claim.
    """

    id: Id
    label: Text = Field(min_length=1, max_length=90)
    by: Id = Field(description="who states the figures: an actor id")
    gpu: Id
    stages: tuple[RunStage, ...] = Field(min_length=1)
    gpu_hours_uncertain: StrictBool = Field(
        default=False, description="the GPU-hours are unconfirmed (also set if any stage is)"
    )
    fleet: Id | None = Field(default=None, description="the fleet it ran on")
    price_per_gpu_hour_usd: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    stated_cost_usd: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    claim: Id | None = None
    note: Text | None = Field(default=None, max_length=1000)
    sources: tuple[Id, ...] = ()
    status: Confirmation
    active_parameters_billions: Positive | None = Field(
        default=None, description="parameters used per token (a mixture of experts' active ones)"
    )
    total_parameters_billions: Positive | None = None
    training_tokens_trillions: Positive | None = Field(
        default=None, description="pre-training tokens"
    )
    precision: Precision | None = Field(
        default=None, description="the number format of its matrix multiplies"
    )

    @field_validator("total_parameters_billions")
    @classmethod
    def _total_not_below_active(cls, total: float | None, info: ValidationInfo) -> float | None:
        active = info.data.get("active_parameters_billions")
        if total is not None and isinstance(active, float) and total < active:
            raise ValueError(f"must be ≥ active_parameters_billions ({active:g})")
        return total

    def record_values(self) -> dict[str, object]:
        unsure = self.gpu_hours_uncertain or any(stage.uncertain for stage in self.stages)
        return {"gpu_hours_uncertain": unsure}


class Utilisation(Model):
    """A reference utilisation: the share of dense peak another lab's run reached.

    Context for the compute lens, with its source: a range in percent of the dense
    peak at ``precision`` (a single figure has ``high_percent`` equal to ``low_percent``).
    """

    id: Id
    label: Text = Field(min_length=1, max_length=90)
    gpu: Id
    gpu_count: StrictInt | None = Field(default=None, gt=0, le=100_000_000)
    approximate: StrictBool = False
    precision: Precision
    low_percent: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)]
    high_percent: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)]
    uncertain: StrictBool = Field(default=False, description="the figure is unconfirmed (†)")
    note: Text | None = Field(default=None, max_length=500)
    sources: tuple[Id, ...] = Field(min_length=1)
    status: Confirmation

    @field_validator("high_percent")
    @classmethod
    def _high_not_below_low(cls, high: float, info: ValidationInfo) -> float:
        low = info.data.get("low_percent")
        if isinstance(low, float) and high < low:
            raise ValueError(f"must be ≥ low_percent ({low:g})")
        return high


class PricePoint(Model):
    """A rental price range per GPU-hour, for context in the cost what-if."""

    id: Id
    label: Text = Field(min_length=1, max_length=90)
    gpu: Id | None = Field(default=None, description="the GPU, if it is in the story")
    period: Text = Field(min_length=1, max_length=60)
    low_usd: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    high_usd: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    note: Text | None = Field(default=None, max_length=500)
    sources: tuple[Id, ...] = Field(min_length=1)
    status: Confirmation

    @field_validator("high_usd")
    @classmethod
    def _high_not_below_low(cls, high: float, info: ValidationInfo) -> float:
        low = info.data.get("low_usd")
        if isinstance(low, float) and high < low:
            raise ValueError(f"must be ≥ low_usd ({low})")
        return high


class Reaction(Model):
    id: Id
    actor: Id
    quote: Text | None = Field(default=None, max_length=280, description="exact words")
    paraphrase: Text = Field(min_length=1, max_length=600)
    stance: Stance
    channel: Text = Field(min_length=1, max_length=80)
    date: When
    replies_to: Id | None = Field(default=None, description="a reaction or claim id")
    about: tuple[Id, ...] = Field(default=(), description="claim ids")
    section: Id | None = None
    sources: tuple[Id, ...] = ()
    status: Confirmation
    note: Text | None = Field(default=None, max_length=1000)
    original_not_found: StrictBool = Field(
        default=False, description="the post or transcript itself was not found (say so in note)")


class Event(Model):
    """A dated step in the story's timeline."""

    id: Id
    date: When
    kind: EventKind
    title: Text = Field(min_length=1, max_length=160)
    text: Text | None = Field(default=None, max_length=1000)
    refs: tuple[Id, ...] = Field(default=(), description="ids of any entity")
    sources: tuple[Id, ...] = ()
    status: Confirmation


class Note(Model):
    """Context from outside the article, with its source and how firm it is."""

    id: Id
    title: Text = Field(min_length=1, max_length=120)
    text: Text = Field(min_length=1, max_length=2000)
    status: Confirmation
    about: tuple[Id, ...] = Field(default=(), description="ids of any entity")
    sources: tuple[Id, ...] = Field(min_length=1)


class StoryFile(Model):
    """A whole seed file."""

    format: Literal[1] = 1
    story: Story
    sections: tuple[Section, ...] = ()
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    claims: tuple[Claim, ...] = ()
    gpus: tuple[Gpu, ...] = ()
    fleets: tuple[Fleet, ...] = ()
    reactions: tuple[Reaction, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[Note, ...] = ()
    runs: tuple[Run, ...] = ()
    prices: tuple[PricePoint, ...] = ()
    utilisations: tuple[Utilisation, ...] = ()


def to_model(checked: StoryFile) -> model.StoryData:
    """The plain immutable form of a checked story file (see ``tui.core.model``)."""
    story = _convert(checked)
    assert isinstance(story, model.StoryData)
    return story


Converter = Callable[[BaseModel], object]
_CONVERTERS: dict[type[BaseModel], Converter] = {}


def _convert(value: object) -> object:
    if isinstance(value, BaseModel):
        convert = _CONVERTERS.get(type(value))
        if convert is None:
            convert = _converter_for(type(value))
        return convert(value)
    if isinstance(value, tuple):
        return tuple(_convert(item) for item in value)
    return value


def _converter_for(kind: type[BaseModel]) -> Converter:
    """How a checked ``kind`` becomes its record, worked out once per type: only the
    fields that can hold models are walked; the rest (strings, numbers, dates, enums,
    tuples of those) are taken as they are. Going over every value of every field to
    ask what it was took 23% of loading a story the first time (2026-12-04)."""
    name = "StoryData" if kind is StoryFile else kind.__name__
    target = getattr(model, name)
    deep = tuple(field for field, info in kind.model_fields.items()
                 if _holds_models(info.annotation))
    extra = issubclass(kind, Model) and kind.record_values is not Model.record_values

    def convert(value: BaseModel) -> object:
        values = dict(value.__dict__)  # the validated fields (no extras: they are forbidden)
        for field in deep:
            values[field] = _convert(values[field])
        if extra:
            values.update(value.record_values())  # type: ignore[attr-defined]
        return target(**values)

    _CONVERTERS[kind] = convert
    return convert


def _holds_models(annotation: object) -> bool:
    """Whether a field of this type can hold a model (itself, or inside a tuple)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in get_args(annotation))
