"""Exports of one story and the user's takes: JSON and a Markdown brief.

(ClaimReview JSON-LD has its own module, ``tui.core.claimreview``.) Every export is a
pure function of the corpus and the takes, so the same inputs give the same bytes.
``write_output`` puts the text on stdout or writes it atomically to a file, refusing to
overwrite without ``force``. ``seed_json_schema`` describes the seed format for editors
and validators.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tui.core import compute
from tui.core import compute_view as view
from tui.core import formatting as fmt
from tui.core.atomic import atomic_write_text, new_file_mode
from tui.core.codec import to_jsonable
from tui.core.corpus import Corpus
from tui.core.hardware import FleetTotals, cost_what_if, fleet_totals
from tui.core.kinds import ENTITY_LISTS
from tui.core.labels import (
    CONFIRMATION_WORD,
    VERDICT_WORD,
    fleet_label,
    stance_label,
    status_label,
)
from tui.core.model import Claim, Run, Source
from tui.core.problems import Problem
from tui.core.text import one_line
from tui.core.userdata import Take

FORMAT = 1
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _live(takes: Mapping[str, Take] | None) -> dict[str, Take]:
    """The takes that say something (cleared ones are left out)."""
    return {claim: take for claim, take in (takes or {}).items() if not take.empty}


def _ordered_takes(corpus: Corpus, takes: Mapping[str, Take] | None) -> Iterator[tuple[str, Take]]:
    """Takes on the story's claims in story order, then any orphans by id."""
    live = _live(takes)
    for claim in corpus.claims:
        if claim.id in live:
            yield claim.id, live.pop(claim.id)
    for claim_id in sorted(live):
        yield claim_id, live[claim_id]


# --------------------------------------------------------------------------- JSON


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _totals_json(totals: FleetTotals) -> dict[str, Any]:
    return {
        "gpus": totals.gpus,
        "bf16_dense_pflops": _round(totals.bf16_pflops),
        "fp8_dense_pflops": _round(totals.fp8_pflops),
        "fp8_partial": totals.fp8_partial,
        "hbm_tb": _round(totals.hbm_tb),
        "gpu_power_mw": _round(totals.power_mw),
        "uncertain": totals.uncertain,
        "unconfirmed": [
            name for name, unsure in (
                ("gpus", totals.gpus_uncertain), ("bf16_dense_pflops", totals.bf16_uncertain),
                ("fp8_dense_pflops", totals.fp8_uncertain), ("hbm_tb", totals.hbm_uncertain),
                ("gpu_power_mw", totals.power_uncertain),
            ) if unsure
        ],
    }


def _run_json(run: Run) -> dict[str, Any]:
    """A run's GPU-hours (the sum of its stages) and its cost at its owner's price."""
    what_if = cost_what_if(run)
    return {
        "gpu_hours": _round(what_if.gpu_hours),
        "gpu_hours_uncertain": run.gpu_hours_uncertain,
        "price_per_gpu_hour_usd": what_if.price_usd,
        "cost_usd": _round(what_if.cost_usd),
        "reproduces_stated_cost": what_if.reproduces_stated,
    }


def to_json(corpus: Corpus, store_takes: Mapping[str, Take] | None) -> str:
    """The whole story, its fleet and run totals and the user's takes, as stable JSON."""
    data: dict[str, Any] = {"format": FORMAT, "story": to_jsonable(corpus.story)}
    for name in ENTITY_LISTS:
        data[name] = [to_jsonable(item) for item in getattr(corpus, name)]
    gpus = {gpu.id: gpu for gpu in corpus.gpus}
    data["fleet_totals"] = {
        fleet.id: _totals_json(fleet_totals(fleet, gpus)) for fleet in corpus.fleets
    }
    data["run_totals"] = {run.id: _run_json(run) for run in corpus.runs}
    data["compute_lens"] = compute.lens_json(compute.lens(corpus))
    data["takes"] = {
        claim_id: take.model_dump(mode="json")
        for claim_id, take in _ordered_takes(corpus, store_takes)
    }
    return _dumps(data)


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_MD_LEADING = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")
_URL_UNSAFE = re.compile(r"[\s<>()\[\]|\\`\"']")


def _md(text: str) -> str:
    """One line of data as literal Markdown: specials escaped, nothing starts a block."""
    line = _MD_SPECIAL.sub(r"\\\1", text.strip())
    return _MD_LEADING.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line, count=1)


def _cell(text: str) -> str:
    """A table cell: folded to one line and escaped, so it cannot end the cell or row."""
    return _md(one_line(text))


def _lines(text: str, prefix: str = "") -> list[str]:
    """Multi-line data as escaped lines (blank lines kept), each with ``prefix``."""
    return [f"{prefix}{_md(line)}".rstrip() for line in text.split("\n")]


def web_url(url: str) -> str:
    return f"https://arxiv.org/abs/{url[6:]}" if url.startswith("arxiv:") else url


def _link(title: str, url: str) -> str:
    target = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), url)
    return f"[{_cell(title)}]({web_url(target)})"


def _table(headers: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _source(source: Source) -> str:
    """A source as Markdown: its title, linked to the original where that URL is known,
    and the copy it was read via (named by its host), after its kind (``primary: …``)."""
    text = f"{source.kind.value}: "
    text += _link(source.title, source.url) if source.url else _cell(source.title)
    if source.via:
        host = urlsplit(web_url(source.via)).hostname or source.via
        text += f" (read via {_link(host, source.via)})"
    return text


def _sources(corpus: Corpus, claim: Claim) -> str:
    """Links to a claim's sources, or the article section it comes from."""
    links = []
    for source_id in claim.sources:
        source = next((s for s in corpus.sources if s.id == source_id), None)
        links.append(_source(source) if source else _cell(source_id))
    if not links and claim.section:
        links.append(_cell(f"article: {corpus.title_of(claim.section)}"))
    return ", ".join(links)


GPU_COLUMNS: tuple[tuple[str, str], ...] = (
    ("memory_gb", "Memory (GB)"),
    ("memory_bandwidth_gbs", "Memory bandwidth (GB/s)"),
    ("bf16_dense_tflops", "BF16 dense (TFLOPS)"),
    ("fp8_dense_tflops", "FP8 dense (TFLOPS)"),
    ("fp64_tflops", "FP64 (TFLOPS)"),
    ("tdp_w", "TDP (W)"),
    ("nvlink_gbs", "NVLink (GB/s)"),
)


def _total(value: float | None, uncertain: bool, missing: str = "?") -> str:
    return missing if value is None else fmt.figure(value, uncertain)


def to_markdown(corpus: Corpus, takes: Mapping[str, Take] | None = None) -> str:
    """A readable brief: the story, claims, GPUs, fleets, reactions and the user's verdicts."""
    story = corpus.story
    live = _live(takes)
    out: list[str] = [f"# {_md(one_line(story.title))}", ""]
    out.append(
        f"{_cell(story.publisher)} · {_md(fmt.when(story.date, with_time=False))} · "
        f"Source: {_cell(story.source)}"
    )
    out += ["", *_lines(story.summary), ""]

    verdicts = any(take.verdict is not None for take in live.values())
    headers: tuple[str, ...] = ("Claimant", "Claim", "Status", "Sources")
    rows = []
    for claim in corpus.claims:
        row = [
            _cell(corpus.actor_name(claim.by)),
            _cell(claim.short),
            _cell(status_label(claim.status)),
            _sources(corpus, claim),
        ]
        if verdicts:
            take = live.get(claim.id)
            row.append(VERDICT_WORD[take.verdict] if take and take.verdict else "")
        rows.append(row)
    if verdicts:
        headers += ("Your verdict",)
    out += ["## Claims", "", *_table(headers, rows), ""]

    rows = []
    for gpu in corpus.gpus:
        unsure = set(gpu.uncertain)
        rows.append(
            [_cell(gpu.name + ("†" if gpu.not_from_maker else ""))]
            + [fmt.figure(getattr(gpu, field), field in unsure) for field, _ in GPU_COLUMNS]
            + [_cell(gpu.export_status.value)]
        )
    out += ["## GPUs", "", "Datasheet peak figures. — not supported · ? not known · † unconfirmed "
            "(on a name: no datasheet from the maker)"]
    gpu_headers = ("GPU", *(header for _, header in GPU_COLUMNS), "Export status")
    out += ["", *_table(gpu_headers, rows), ""]

    by_id = {gpu.id: gpu for gpu in corpus.gpus}
    rows = []
    for fleet in corpus.fleets:
        totals = fleet_totals(fleet, by_id)
        parts = " + ".join(
            f"{fmt.count(p.count, fleet.approximate)}{'†' if p.uncertain else ''} "
            f"{corpus.title_of(p.gpu)}"
            for p in fleet.parts
        )
        fp8 = _total(totals.fp8_pflops, totals.fp8_uncertain, missing=fmt.DASH)
        rows.append(
            [
                _cell(fleet.label),
                _cell(corpus.actor_name(fleet.owner)),
                _cell(corpus.actor_name(fleet.stated_by)),
                _cell(parts),
                _total(totals.bf16_pflops, totals.bf16_uncertain),
                fp8 + ("\\*" if totals.fp8_partial else ""),
                _total(totals.hbm_tb, totals.hbm_uncertain),
                _total(totals.power_mw, totals.power_uncertain),
                _cell(fleet_label(fleet.status)),
            ]
        )
    fleet_headers = (
        "Fleet",
        "Owner",
        "Stated by",
        "GPUs",
        "BF16 dense (PFLOPS)",
        "FP8 dense (PFLOPS)",
        "HBM (TB)",
        "GPU power (MW)",
        "Status",
    )
    out += ["## Fleets", "", *_table(fleet_headers, rows), ""]
    out += [
        "Totals at datasheet peak. \\~ approximate count · † rests on an unconfirmed count or "
        "figure · \\* only some of the GPUs support FP8 · — none do",
        "",
    ]

    out += _compute_section(corpus)

    rows = []
    for reaction in corpus.reactions:
        said = f"“{reaction.quote}”" if reaction.quote else f"({reaction.paraphrase})"
        target = corpus.title_of(reaction.replies_to) if reaction.replies_to else ""
        rows.append(
            [
                _cell(corpus.actor_name(reaction.actor)),
                _cell(stance_label(reaction.stance)),
                _cell(said),
                _cell(target),
            ]
        )
    out += ["## Reactions", "", *_table(("Who", "Stance", "Said", "Replies to"), rows), ""]

    if live:
        out += ["## Your verdicts", ""]
        claim_ids = {claim.id for claim in corpus.claims}
        known = [(cid, take) for cid, take in _ordered_takes(corpus, live) if cid in claim_ids]
        orphans = [
            (cid, take) for cid, take in _ordered_takes(corpus, live) if cid not in claim_ids
        ]
        for claim_id, take in known:
            out += _verdict_item(_cell(corpus.title_of(claim_id)), take)
        if orphans:
            out += ["", "### Verdicts on claims no longer in the story", ""]
            for claim_id, take in orphans:
                out += _verdict_item(_cell(claim_id), take)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _compute_section(corpus: Corpus) -> list[str]:
    """The compute lens at its default utilisation and precision, as the CLI prints it."""
    lens = compute.lens(corpus)
    if not corpus.runs:
        return []
    at = f"{view.setting(lens.utilisation)} of {view.precision_word(lens.precision)} dense peak"
    out = ["## Compute lens", "",
           f"Training compute by 6ND (6 × active parameters × training tokens); days at {at}.",
           ""]
    rows = []
    for run in lens.runs:
        if run.training_flop is None or run.pretraining_gpu_hours is None:
            rows.append([_cell(run.name), _cell(f"does not apply: {run.reason}"), "", "", ""])
            continue
        mark = "†" if run.uncertain else ""
        shares = [fmt.DASH if share is None else view.percent(share) + mark
                  for share in (run.implied[p] for p in compute.PEAK_FIELD)]
        rows.append([_cell(run.name), view.flop(run.training_flop), *shares,
                     fmt.hours(run.pretraining_gpu_hours) + mark])
    out += _table(("Run", "Training compute (FLOP)", "Implied utilisation of BF16 peak",
                   "Implied utilisation of FP8 peak", "Pre-training GPU-hours"), rows)
    if corpus.utilisations:
        rows = []
        for ref in corpus.utilisations:
            share = view.marked(view.percent_range(ref.low_percent, ref.high_percent),
                                uncertain=ref.uncertain)
            links = [_source(s) for s in corpus.sources if s.id in ref.sources]
            rows.append([_cell(ref.label),
                         f"{share} of {view.precision_word(ref.precision)} dense peak",
                         _cell(CONFIRMATION_WORD[ref.status]), ", ".join(links)])
        out += ["", "Reference utilisations (context):", "",
                *_table(("Run", "Share of peak", "Checked", "Sources"), rows)]
    for run in lens.applicable:
        rows = []
        for fleet in lens.fleets:
            peak = fleet.peak
            value = fleet.days.get(run.run.id)
            days = "?" if value is None else view.marked(view.days(value), peak.approximate,
                                                         peak.uncertain)
            precision = view.peak_word(peak.precision, peak.fell_back)
            gpus = view.marked(f"{peak.gpu_count:,}", peak.approximate, peak.uncertain)
            rows.append([_cell(fleet.fleet.label), gpus.replace("~", "\\~"), precision,
                         days.replace("~", "\\~")])
        out += ["", f"Days of {_md(run.name)}'s pre-training on each fleet at {at}:", "",
                *_table(("Fleet", "GPUs", "Peak used", "Days"), rows)]
    out += ["", "Caveats:", "", *(f"- {_md(caveat)}" for caveat in lens.caveats), "",
            "\\~ approximate count · † rests on an unconfirmed figure", ""]
    return out


def _verdict_item(name: str, take: Take) -> list[str]:
    word = VERDICT_WORD[take.verdict] if take.verdict else "no verdict"
    lines = [f"- **{name}**: {word}"]
    if take.note:
        lines += _lines(take.note, prefix="  > ")
    return lines


# --------------------------------------------------------------------------- output


def write_output(text: str, target: str, *, force: bool) -> Problem | None:
    """Write ``text`` to stdout (``"-"``) or atomically to the file ``target``."""
    if target == "-":
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:  # pragma: no cover - a stream without bytes, e.g. some IDE consoles
            sys.stdout.write(text)
            sys.stdout.flush()
        return None
    path = Path(target)
    if path.is_dir():
        return Problem(path, "is a folder; give a file name")
    if path.exists() and not force:
        return Problem(path, "exists; use --force to overwrite")
    if not path.parent.is_dir():
        return Problem(path, f"no such folder: {path.parent}")
    try:
        atomic_write_text(path, text, mode=new_file_mode())
    except OSError as error:
        return Problem(path, f"cannot write the file: {error.strerror or error}")
    return None


def write_many(
    files: Sequence[tuple[str, str]], folder: Path, *, force: bool
) -> tuple[list[Path], list[Problem]]:
    """Write each ``(file name, text)`` into ``folder`` (made if missing), atomically.

    Without ``force``, nothing is written if any of the files exists: every clash is
    reported, so one run never leaves half of an export next to an older one.
    """
    targets = [(folder / name, text) for name, text in files]
    if folder.is_dir():
        clashes = [path for path, _ in targets if path.exists() and not force]
        if clashes:
            return [], [Problem(path, "exists; use --force to overwrite") for path in clashes]
    else:
        try:
            folder.mkdir(parents=True)
        except OSError as error:
            reason = "is not a folder" if folder.exists() else (
                f"cannot make the folder: {error.strerror or error}")
            return [], [Problem(folder, reason)]
    written, problems = [], []
    for path, text in targets:
        problem = write_output(text, str(path), force=force)
        if problem is None:
            written.append(path)
        else:
            problems.append(problem)
    return written, problems


def seed_json_schema() -> str:
    """The JSON Schema (draft 2020-12) of a seed file, as indented JSON."""
    from tui.core.claimreview import scale_note
    from tui.core.schema import StoryFile

    schema = StoryFile.model_json_schema()
    schema.pop("title", None)
    status = schema["$defs"]["ClaimStatus"]
    status["description"] = f"{status.get('description', '').rstrip()} {scale_note()}".strip()
    document = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "deepseek-tui story seed file",
        **schema,
    }
    return _dumps(document)
