"""The story as plain immutable objects: what the corpus, the UI and exports read.

pydantic (``tui.core.schema``) guards the edge: it checks a seed file and then hands
over these immutable records (NamedTuples), which are cheaper to build, to hold and
to cache than validated models, and need no pydantic import. The enums live here too,
so the UI can name a stance or a status without importing the schema, and so does the
user's verdict on a claim and the order one key cycles through verdicts.
"""


import datetime as dt
import enum
from dataclasses import dataclass
from typing import Literal, NamedTuple


class DatePrecision(enum.StrEnum):
    """How much of a date is known."""

    MINUTE = "minute"  # a timestamp, e.g. decoded from a post id
    DAY = "day"
    APPROXIMATE = "approximate"  # within a few days; the note says which
    MONTH = "month"
    YEAR = "year"


class ActorKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PUBLIC = "public"  # an anonymous or unnamed member of the public


class ClaimKind(enum.StrEnum):
    CAPABILITY = "capability"
    COST = "cost"
    HARDWARE = "hardware"
    GEOPOLITICS = "geopolitics"
    ACCUSATION = "accusation"
    RIVALRY = "rivalry"
    MARKET = "market"


class ClaimStatus(enum.StrEnum):
    """How well a claim holds up, on what is known now."""

    ESTABLISHED = "established"  # confirmed by a primary source
    REPORTED = "reported"  # confirmed by secondary sources only
    ASSERTED = "asserted"  # said by its claimant; not independently checked
    DISPUTED = "disputed"  # contradicted by others with some evidence
    SPECULATIVE = "speculative"  # a guess or a joke, no evidence offered
    MISREPORTED = "misreported"  # a reading the primary sources contradict


class Stance(enum.StrEnum):
    SKEPTICAL = "skeptical"
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    MIXED = "mixed"


class FleetStatus(enum.StrEnum):
    """What kind of statement a fleet size is."""

    DISCLOSED = "disclosed"  # by the owner, in its own papers
    REPORTED = "reported"  # by news or analysts from records
    ESTIMATED = "estimated"  # an outside estimate
    CLAIMED = "claimed"  # asserted by someone without evidence


class ExportStatus(enum.StrEnum):
    RESTRICTED = "restricted"  # needs a US licence for China
    CHINA_VARIANT = "china-variant"  # cut down to pass a rule, later caught by a newer one
    UNRESTRICTED = "unrestricted"


class StageKind(enum.StrEnum):
    """What a stage of a training run did."""

    PRE_TRAINING = "pre-training"
    CONTEXT_EXTENSION = "context-extension"
    POST_TRAINING = "post-training"
    REINFORCEMENT_LEARNING = "reinforcement-learning"
    DATA_GENERATION = "data-generation"


class Confirmation(enum.StrEnum):
    CONFIRMED_PRIMARY = "confirmed-primary"
    CONFIRMED_SECONDARY = "confirmed-secondary"
    PARTLY_CONFIRMED = "partly-confirmed"
    UNCONFIRMED = "unconfirmed"
    DERIVED = "derived"


class SourceKind(enum.StrEnum):
    """How close to the origin a source is (a copy is never a source, only a ``via``)."""

    PRIMARY = "primary"  # the maker's datasheet, the company's paper or release, the post
    # or transcript itself, the regulation or filing
    REPORTING = "reporting"  # a named outlet's own reporting
    ANALYSIS = "analysis"  # a named analyst or research firm
    REFERENCE = "reference"  # an encyclopaedia or a wiki


class Precision(enum.StrEnum):
    """The number format of a run's matrix multiplies, and of a dense-peak figure."""

    BF16 = "bf16"
    FP8 = "fp8"


class EventKind(enum.StrEnum):
    EXPORT_CONTROL = "export-control"
    HARDWARE = "hardware"
    RELEASE = "release"
    INTERVIEW = "interview"
    REACTION = "reaction"
    MARKET = "market"
    DISCLOSURE = "disclosure"


class Verdict(enum.StrEnum):
    """What the user makes of a claim (their take, not the story's)."""

    BELIEVE = "believe"
    DOUBT = "doubt"
    UNSURE = "unsure"


VERDICT_CYCLE: tuple[Verdict | None, ...] = (Verdict.BELIEVE, Verdict.DOUBT, Verdict.UNSURE, None)
"""The order one key steps through; ``None`` clears the verdict."""


def next_verdict(current: Verdict | None) -> Verdict | None:
    """The verdict after ``current`` in ``VERDICT_CYCLE`` (None → believe → … → None)."""
    return VERDICT_CYCLE[(VERDICT_CYCLE.index(current) + 1) % len(VERDICT_CYCLE)]


UNSUPPORTED: Literal["unsupported"] = "unsupported"
Figure = float | Literal["unsupported"]
"""A datasheet figure: a number ≥ 0, or ``"unsupported"`` (not the same as 0)."""

FIGURE_FIELDS: tuple[str, ...] = (
    "memory_gb",
    "memory_bandwidth_gbs",
    "bf16_dense_tflops",
    "bf16_sparse_tflops",
    "fp8_dense_tflops",
    "fp8_sparse_tflops",
    "fp64_tflops",
    "tdp_w",
    "nvlink_gbs",
)

# Records are NamedTuples: immutable, hashable and light, and, unlike frozen slotted
# dataclasses, cheap to define (one generated function each instead of six, which
# matters on the start-up path) and about three times faster to build (which matters
# when a cache of 200,000 items is read). Fields with defaults come last; records are
# always built by keyword. ``FleetPart`` stays a dataclass: a tuple's ``count`` method
# would clash with its ``count`` field.


class When(NamedTuple):
    date: dt.date
    precision: DatePrecision = DatePrecision.DAY
    time_utc: dt.time | None = None
    end: dt.date | None = None
    note: str | None = None


class Story(NamedTuple):
    id: str
    title: str
    publisher: str
    source: str
    date: When
    summary: str


class Section(NamedTuple):
    id: str
    title: str


class Source(NamedTuple):
    """``url`` is the original's address (``None``: not verified); ``via`` the copy read;
    ``archived`` an archived snapshot of the original (such as the Wayback Machine's).

    ``date_unknown`` says no date could be found (``date_note`` says what was tried).
    """

    id: str
    title: str
    kind: SourceKind
    url: str | None = None
    via: str | None = None
    archived: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    date_unknown: bool = False
    date_note: str | None = None


class Actor(NamedTuple):
    id: str
    name: str
    kind: ActorKind
    role: str | None = None
    affiliation: str | None = None


class Claim(NamedTuple):
    id: str
    by: str
    short: str
    text: str
    kind: ClaimKind
    status: ClaimStatus
    status_note: str | None = None
    section: str | None = None
    sources: tuple[str, ...] = ()
    gpus: tuple[str, ...] = ()
    date: When | None = None


class Gpu(NamedTuple):
    id: str
    name: str
    vendor: str
    architecture: str
    form_factor: str
    launch: When
    memory_gb: Figure
    memory_type: str
    memory_bandwidth_gbs: Figure
    bf16_dense_tflops: Figure
    tdp_w: Figure
    export_status: ExportStatus
    status: Confirmation
    bf16_sparse_tflops: Figure | None = None
    fp8_dense_tflops: Figure | None = None
    fp8_sparse_tflops: Figure | None = None
    fp64_tflops: Figure | None = None
    nvlink_gbs: Figure | None = None
    export_note: str | None = None
    cut_from: str | None = None
    uncertain: tuple[str, ...] = ()
    note: str | None = None
    sources: tuple[str, ...] = ()
    not_from_maker: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FleetPart:
    gpu: str
    count: int
    uncertain: bool = False


class Fleet(NamedTuple):
    id: str
    label: str
    owner: str
    stated_by: str
    parts: tuple[FleetPart, ...]
    status: FleetStatus
    approximate: bool = True
    claim: str | None = None
    note: str | None = None
    date: When | None = None
    sources: tuple[str, ...] = ()


class RunStage(NamedTuple):
    """One stage of a run; ``gpu_hours`` is resolved (given, or count × wall-clock hours)."""

    name: str
    kind: StageKind
    gpu_hours: float
    gpu_count: int | None = None
    wall_clock_hours: float | None = None
    uncertain: bool = False


class Run(NamedTuple):
    """A training run made of stages; ``gpu_hours_uncertain`` is set if any stage is."""

    id: str
    label: str
    by: str
    gpu: str
    stages: tuple[RunStage, ...]
    status: Confirmation
    gpu_hours_uncertain: bool = False
    fleet: str | None = None
    price_per_gpu_hour_usd: float | None = None
    stated_cost_usd: float | None = None
    claim: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    active_parameters_billions: float | None = None
    total_parameters_billions: float | None = None
    training_tokens_trillions: float | None = None
    precision: Precision | None = None

    @property
    def gpu_hours(self) -> float:
        """The run's GPU-hours: the sum of its stages'."""
        return sum((stage.gpu_hours for stage in self.stages), 0.0)


class PricePoint(NamedTuple):
    id: str
    label: str
    period: str
    low_usd: float
    high_usd: float
    sources: tuple[str, ...]
    status: Confirmation
    gpu: str | None = None
    note: str | None = None


class Utilisation(NamedTuple):
    """A reference utilisation: what share of dense peak another lab's run reached."""

    id: str
    label: str
    gpu: str
    precision: Precision
    low_percent: float
    high_percent: float
    sources: tuple[str, ...]
    status: Confirmation
    gpu_count: int | None = None
    approximate: bool = False
    uncertain: bool = False
    note: str | None = None


class Reaction(NamedTuple):
    id: str
    actor: str
    paraphrase: str
    stance: Stance
    channel: str
    date: When
    status: Confirmation
    quote: str | None = None
    replies_to: str | None = None
    about: tuple[str, ...] = ()
    section: str | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None
    original_not_found: bool = False


class Event(NamedTuple):
    id: str
    date: When
    kind: EventKind
    title: str
    status: Confirmation
    text: str | None = None
    refs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class Note(NamedTuple):
    id: str
    title: str
    text: str
    status: Confirmation
    sources: tuple[str, ...]
    about: tuple[str, ...] = ()


class StoryData(NamedTuple):
    """A whole checked story file."""

    story: Story
    format: int = 1
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


Entity = (
    Section
    | Source
    | Actor
    | Claim
    | Gpu
    | Fleet
    | Reaction
    | Event
    | Note
    | Run
    | PricePoint
    | Utilisation
)
