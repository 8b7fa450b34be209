"""``deepseek-tui new``: a story skeleton to start writing from, and its JSON Schema.

The skeleton is a story that validates and opens as it is (its ``[story]`` table),
followed by one example of every kind of record, commented out, each with a line that
says what the record is for. Uncommented, the examples form a valid story of their
own (a test holds that), so an author can uncomment one, edit it and save.

Nothing in the vocabularies is written by hand: every ``# one of:`` comment and the
vocabulary list at the top are read from the JSON Schema (the one written beside the
skeleton), so they cannot drift from what the validator accepts. The first line is the
``#:schema`` directive that Taplo (Even Better TOML and other editors) reads to
complete and check the file against that schema.

Files are created, never replaced: each is written to a temporary file and linked to
its name, which fails if the name was taken meanwhile.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from tui.core.atomic import TEMP_SUFFIX, fsync_dir, new_file_mode, temp_prefix
from tui.core.files import SCHEMA_SUFFIX
from tui.core.problems import Problem

COMMENT = "# "
"""What starts each line of an example: removing it uncomments the line."""
NOTE = "## "
"""What starts a line that explains: it stays a comment when an example is uncommented."""

MEANING: dict[str, str] = {
    # claims.status
    "established": "confirmed by a primary source",
    "reported": "confirmed by secondary sources only",
    "asserted": "said by its claimant; not independently checked",
    "disputed": "contradicted by others with some evidence",
    "speculative": "a guess or a joke, no evidence offered",
    "misreported": "a reading the primary sources contradict",
    # reactions.stance
    "skeptical": "doubts the claim",
    "supportive": "backs it or praises it",
    "neutral": "comments without taking a side",
    "mixed": "some of each",
    # fleets.status
    "disclosed": "by the owner, in its own papers",
    "estimated": "an outside estimate",
    "claimed": "asserted by someone without evidence",
    # the status of every other record: how it was checked
    "confirmed-primary": "checked against the original",
    "confirmed-secondary": "checked in secondary sources only",
    "partly-confirmed": "some of it checked",
    "unconfirmed": "not checked: shown as such",
    "derived": "worked out from other figures (say how in its note)",
    # sources.kind
    "primary": "the document itself: a datasheet, a paper, the post, a filing",
    "reporting": "a named outlet's own reporting",
    "analysis": "a named analyst or research firm",
    "reference": "an encyclopaedia or a wiki",
}
"""What each status and stance means, shown beside it in the skeleton's vocabularies
(``reported`` serves both claims and fleets). A test fails if a value has none."""

VOCABULARIES: tuple[tuple[str, str], ...] = (
    ("sources.kind", "Source.kind"),
    ("claims.status", "Claim.status"),
    ("reactions.stance", "Reaction.stance"),
    ("fleets.status", "Fleet.status"),
    ("status of gpus, reactions, events, notes, runs, prices, utilisations", "Gpu.status"),
)
"""The vocabularies listed at the top: (what they apply to, ``Model.field``)."""

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("sections", """\
## A section of the article the story starts from, by its heading; claims and
## reactions may cite one (section = "opening") instead of sources.
[[sections]]
id = "opening"
title = "Acme unveils the X1"
"""),
    ("sources", """\
## A document you checked something in: the original publisher's canonical address.
## When you read a copy, give it as via; url may then be left out if not verified.
## A copy someone else re-posted is never a source of its own, only a via.
[[sources]]
id = "acme-x1-launch"
title = "Introducing the Acme X1"
kind = "primary"
url = "https://example.com/news/acme-x1"
# via = "https://example.org/copy-of-acme-x1-news"
publisher = "Acme"
date = 2025-01-20

[[sources]]
id = "jane-post"
title = "Jane Doe's post about the X1"
kind = "primary"
url = "https://example.com/jane/status/1"
publisher = "Example Social"
date_unknown = true                  # no date found: say so, and why
date_note = "The post shows no date in the copy read."
"""),
    ("actors", """\
## Who claims or reacts: a person, an organisation, or the public.
[[actors]]
id = "acme"
name = "Acme"
kind = "organisation"
role = "maker of the X1 chip"

[[actors]]
id = "jane-doe"
name = "Jane Doe"
kind = "person"
role = "analyst"
# affiliation = "acme"                # an organisation's id
"""),
    ("claims", """\
## What someone asserted, in your own words, with how well it holds up now.
[[claims]]
id = "x1-fastest"
by = "acme"
short = "Acme's X1 is the fastest AI chip on sale"
text = "Acme says its X1 trains models faster than any chip on sale."
kind = "capability"
status = "asserted"
status_note = "Acme has published no benchmark to back it."
section = "opening"
sources = ["acme-x1-launch"]
gpus = ["acme-x1"]
date = { date = 2025-01-20, precision = "day" }
"""),
    ("gpus", """\
## One datasheet variant of a chip. Leave a figure out when it is not known;
## "unsupported" means the part lacks the feature (not the same as 0).
[[gpus]]
id = "acme-x1"
name = "Acme X1"
vendor = "Acme"
architecture = "X"
form_factor = "SXM"
launch = { date = 2025-01-20, precision = "day" }
memory_gb = 96
memory_type = "HBM3"
memory_bandwidth_gbs = 4000
bf16_dense_tflops = 1000
fp8_dense_tflops = "unsupported"
tdp_w = 800
export_status = "unrestricted"
uncertain = ["tdp_w"]                  # figure fields shown with †
note = "Acme gives only a range for the power draw."
sources = ["acme-x1-launch"]
status = "confirmed-primary"
"""),
    ("fleets", """\
## Who says which organisation has how many of which GPUs.
[[fleets]]
id = "acme-cluster"
label = "Acme: about 10,000 X1s"
owner = "acme"
stated_by = "acme"
parts = [{ gpu = "acme-x1", count = 10000, uncertain = true }]
approximate = true
status = "claimed"
claim = "x1-fastest"
sources = ["acme-x1-launch"]
"""),
    ("reactions", """\
## What someone said about a claim or another reaction: quote only exact words.
[[reactions]]
id = "jane-doubts"
actor = "jane-doe"
quote = "Show us the benchmark."
paraphrase = "Jane Doe asks Acme to publish a benchmark before anyone believes it."
stance = "skeptical"
channel = "X"
date = { date = 2025-01-21, time_utc = 14:05:00, precision = "minute" }
replies_to = "x1-fastest"
about = ["x1-fastest"]
sources = ["jane-post"]
status = "confirmed-primary"
"""),
    ("events", """\
## A dated step in the timeline (t), linked to the items it concerns.
[[events]]
id = "x1-unveiled"
date = { date = 2025-01-20, precision = "day" }
kind = "release"
title = "Acme unveils the X1"
refs = ["x1-fastest", "acme-x1"]
sources = ["acme-x1-launch"]
status = "confirmed-primary"
"""),
    ("notes", """\
## Context from outside the article, with its source and how firm it is.
[[notes]]
id = "x1-no-benchmark"
title = "No public benchmark yet"
text = "As of the launch, no independent benchmark of the X1 had been published."
status = "unconfirmed"
about = ["x1-fastest"]
sources = ["acme-x1-launch"]
"""),
    ("runs", """\
## A training run: GPU-hours on a GPU, made of stages, for the cost what-if (w)
## and the compute lens (m). A stage gives gpu_hours, or gpu_count and
## wall_clock_hours.
[[runs]]
id = "acme-model"
label = "Acme's model: 1M GPU-hours on X1s"
by = "acme"
gpu = "acme-x1"
fleet = "acme-cluster"
price_per_gpu_hour_usd = 2.0
stated_cost_usd = 2000000
claim = "x1-fastest"
sources = ["acme-x1-launch"]
status = "unconfirmed"
active_parameters_billions = 30
total_parameters_billions = 200
training_tokens_trillions = 10
precision = "bf16"

[[runs.stages]]
name = "Pre-training"
kind = "pre-training"
gpu_count = 10000
wall_clock_hours = 100
uncertain = true
"""),
    ("prices", """\
## A rental price range per GPU-hour, shown as context in the cost what-if.
[[prices]]
id = "x1-rental"
label = "X1 rental, on demand"
gpu = "acme-x1"
period = "January 2025"
low_usd = 2.0
high_usd = 3.5
sources = ["acme-x1-launch"]
status = "unconfirmed"
"""),
    ("utilisations", """\
## The share of dense peak another run reached, for the compute lens.
[[utilisations]]
id = "x1-utilisation"
label = "Acme's own run on the X1"
gpu = "acme-x1"
gpu_count = 10000
approximate = true
precision = "bf16"
low_percent = 35
high_percent = 40
sources = ["acme-x1-launch"]
status = "unconfirmed"
"""),
)
"""One example of every kind of record (a test checks that none is missing), in the
order of the schema."""

_KEY = re.compile(r"^([a-z_]+) = ")


def schema_file_of(story: Path) -> Path:
    """``stargate.toml`` → ``stargate.schema.json``, beside it."""
    return story.with_name(story.stem + SCHEMA_SUFFIX)


def story_id_of(story: Path) -> str:
    """An id for the story from its file name: ``Stargate 2025.toml`` → ``stargate-2025``."""
    slug = re.sub(r"[^a-z0-9_.-]+", "-", story.stem.lower()).strip("-._")[:80]
    return slug or "my-story"


def enum_values(schema: dict[str, Any], model: str, field: str) -> list[str] | None:
    """The values the schema allows for ``model.field``, if it is an enum."""
    definitions = schema["$defs"]
    found = definitions[model]["properties"].get(field)
    if found is None:
        return None
    for option in [found, *found.get("anyOf", [])]:
        if "$ref" in option:
            option = definitions[option["$ref"].rsplit("/", 1)[-1]]
        if "enum" in option:
            return [str(value) for value in option["enum"]]
    return None


def _model_of(schema: dict[str, Any], list_name: str) -> str:
    """The ``$defs`` name of the items of a top-level list (``claims`` → ``Claim``)."""
    reference: str = schema["properties"][list_name]["items"]["$ref"]
    return reference.rsplit("/", 1)[-1]


def _annotated(block: str, schema: dict[str, Any], model: str) -> list[str]:
    """The example's lines, commented out, each enum field with its ``# one of:``."""
    out = []
    current = model
    for line in block.splitlines():
        if line.startswith(NOTE) or line == NOTE.rstrip():
            out.append(line)
            continue
        if line.startswith("[[runs.stages]]"):
            current = "RunStage"
        match = _KEY.match(line)
        values = enum_values(schema, current, match.group(1)) if match else None
        if values and "#" not in line:
            line = f"{line:<38} # one of: {' | '.join(values)}"
        out.append(f"{COMMENT}{line}" if line else COMMENT.rstrip())
    return out


def skeleton_text(story: Path, schema: dict[str, Any], today: dt.date) -> str:
    """The skeleton of ``story``: the ``#:schema`` line, how to use it, the vocabularies,
    a story that validates as it is, and every kind of record as a commented example."""
    name, schema_name = story.name, schema_file_of(story).name
    lines = [
        f"#:schema ./{schema_name}",
        f"## A deepseek-tui story. Check it:  deepseek-tui validate {name}",
        "## Work on it with the dashboard reloading on every save:",
        f"##   deepseek-tui --seeds {name} --watch",
        f"## {schema_name} (its first line above) lets your editor complete and check",
        "## this file (Taplo, Even Better TOML); `deepseek-tui schema` prints it again.",
        "##",
        "## Below the story table, one example of every kind of record is commented out.",
        "## Uncomment one (remove the leading \"# \" of each line), edit it, save.",
        "## Every item has an id unique in this file, and refers to others by id.",
        "## Write one key per line: problems are then reported at their line and column.",
        "##",
        "## Vocabularies (the dashboard shows each status and stance with its glyph):",
    ]
    for applies_to, where in VOCABULARIES:
        model, _, field = where.partition(".")
        lines.append(f"##   {applies_to}:")
        for value in enum_values(schema, model, field) or []:
            lines.append(f"##     {value:<20} {MEANING.get(value, '')}".rstrip())
    precisions = enum_values(schema, "When", "precision") or []
    lines += [
        f"##   date precision: {' | '.join(precisions)}",
        "",
        "format = 1",
        "",
        "[story]",
        f'id = "{story_id_of(story)}"',
        f'title = "{_title_of(story)}"',
        'publisher = "Who compiled it"',
        'source = "The article or brief the story starts from"',
        f'date = {{ date = {today.isoformat()}, precision = "day" }}',
        'summary = "Two or three sentences in your own words: who claimed what, and what is '
        'disputed."',
    ]
    for list_name, block in EXAMPLES:
        lines += ["", *_annotated(block, schema, _model_of(schema, list_name))]
    return "\n".join(lines) + "\n"


def _title_of(story: Path) -> str:
    words = re.sub(r"[-_.\s]+", " ", story.stem).strip()
    title = words[:1].upper() + words[1:] if words else "My story"
    return title.replace("\\", "").replace('"', "")[:200]


def uncommented(text: str) -> str:
    """The skeleton with every example uncommented (explanations stay comments)."""
    out = []
    for line in text.splitlines():
        if line.startswith(COMMENT) and not line.startswith("#:"):
            out.append(line[len(COMMENT):])
        elif line == COMMENT.rstrip():
            out.append("")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def new_story(path: Path, today: dt.date | None = None) -> list[Path] | Problem:
    """Write a skeleton at ``path`` and its schema beside it; never replace a file.

    ``path`` without a suffix gets ``.toml``. Returns the files written, or the problem
    that stopped it (nothing is written then).
    """
    from tui.core.export import seed_json_schema

    if path.suffix == "":
        path = path.with_suffix(".toml")
    if path.suffix.lower() != ".toml":
        return Problem(path, "a new story is a TOML file: give a name ending in .toml")
    schema_path = schema_file_of(path)
    for target in (path, schema_path):
        if target.is_dir():
            return Problem(target, "is a folder; give a file name")
        if target.exists() or target.is_symlink():
            return Problem(target, "exists; not overwritten (choose another name)")
    if not path.parent.is_dir():
        return Problem(path, f"no such folder: {path.parent}")
    schema_text = seed_json_schema()
    story_text = skeleton_text(path, json.loads(schema_text), today or dt.date.today())
    written: list[Path] = []
    for target, text in ((schema_path, schema_text), (path, story_text)):
        problem = _create(target, text)
        if problem is not None:
            for done in written:  # all or nothing: no schema left without its story
                with contextlib.suppress(OSError):
                    done.unlink()
            return problem
        written.append(target)
    fsync_dir(path.parent)
    return [path, schema_path]


def _create(path: Path, text: str) -> Problem | None:
    """Write ``path`` whole, or not at all, and only if no file has that name."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as stream:
            with contextlib.suppress(OSError):
                os.fchmod(stream.fileno(), new_file_mode())
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temp_name, path)  # fails if the name was taken meanwhile
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create it exclusively
            with open(path, "xb") as stream:
                stream.write(text.encode("utf-8"))
    except FileExistsError:
        return Problem(path, "exists; not overwritten (choose another name)")
    except OSError as error:
        return Problem(path, f"cannot write the file: {error.strerror or error}")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
    return None
