"""The inspector's text for any item: everything about it, sources and context.

Built as ``rich.text.Text`` from data, never parsed as markup. ``describe`` is also
what ``c`` copies (as plain text, every address in full). Given the width it is drawn
at, each address becomes a terminal hyperlink (OSC 8, Rich's ``link`` style) labelled
with its host and a shortened path that fits its line, so no link is ever wrapped.
A fleet's compute line is worked out at the compute lens's setting (``LensSetting``).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text

from tui.core import compute, hardware
from tui.core import compute_view as view
from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.labels import (
    CONFIRMATION_WORD,
    SOURCE_KIND_MEANING,
    fleet_label,
    stance_label,
    status_label,
    verdict_label,
)
from tui.core.model import (
    Actor,
    Claim,
    Entity,
    Event,
    Fleet,
    Gpu,
    Note,
    Precision,
    PricePoint,
    Reaction,
    Run,
    Section,
    Source,
    Utilisation,
    Verdict,
)
from tui.core.text import one_line
from tui.ui.rows import GPU_FIELDS
from tui.ui.widgets.row_list import Row

LINK_ROOM_MIN = 12
"""The fewest cells a link's label gets, however narrow its line (``github.com/…``)."""
BOLD = Style(bold=True)
MUTED = Style(dim=True)


class LensSetting(NamedTuple):
    """The compute lens's utilisation (a share of dense peak) and precision.

    The dashboard holds the one current setting; the lens screen opens on it and hands
    back each change, and the inspector's compute lines are worked out at it.
    """

    utilisation: float = compute.DEFAULT_UTILISATION
    precision: Precision = compute.DEFAULT_PRECISION


DEFAULT_LENS = LensSetting()


def describe(
    corpus: Corpus,
    item_id: str,
    verdict: Verdict | None = None,
    note: str = "",
    *,
    width: int | None = None,
    lens: LensSetting = DEFAULT_LENS,
) -> Text:
    """Everything the story says about ``item_id``, and the user's verdict and note.

    With ``width`` (the cells of a line it will be wrapped to), addresses are links
    labelled to fit their line; without, they are written out in full (what ``c``
    copies).
    """
    item = corpus.get(item_id)
    if item is None:
        return Text(f"nothing with id '{item_id}'")
    kind = corpus.kind_of(item_id) or "item"
    out = Text()
    out.append(f"{kind.upper()}  ", MUTED)
    out.append(corpus.title_of(item_id), BOLD)
    out.append("\n")
    body = _body(corpus, item, width, lens)
    if body.plain:
        out.append("\n")
        out.append_text(body)
    if isinstance(item, Claim):
        out.append("\nYour take: ", BOLD)
        out.append(verdict_label(verdict) or "no verdict yet (v)")
        out.append("\n")
        if note:
            out.append(note + "\n")
        else:
            out.append("no note (n to write one)\n", MUTED)
    _append_sources(corpus, item, out, width)
    _append_context(corpus, item_id, out)
    return out


def _field(out: Text, label: str, value: str) -> None:
    out.append(f"{label}: ", MUTED)
    out.append(value)
    out.append("\n")


def _body(corpus: Corpus, item: Entity, width: int | None, lens: LensSetting) -> Text:
    out = Text()
    match item:
        case Claim():
            _field(out, "Claimant", corpus.actor_name(item.by))
            _field(out, "Status", status_label(item.status))
            _field(out, "Kind", item.kind.value)
            if item.date:
                _field(out, "When", fmt.when(item.date))
                if item.date.note:
                    _field(out, "Date note", item.date.note)
            if item.section:
                _field(out, "Article section", corpus.title_of(item.section))
            out.append("\n")
            out.append(item.text + "\n")
            if item.status_note:
                out.append("\nWhy this status: ", MUTED)
                out.append(item.status_note + "\n")
        case Reaction():
            _field(out, "Who", _who(corpus, item.actor))
            _field(out, "Stance", stance_label(item.stance))
            _field(out, "When", fmt.when(item.date))
            if item.date.note:
                _field(out, "Date note", item.date.note)
            _field(out, "Channel", item.channel)
            _field(out, "Checked", CONFIRMATION_WORD[item.status])
            if item.replies_to:
                _field(out, "Replies to", corpus.title_of(item.replies_to))
            out.append("\n")
            if item.quote:
                out.append(f"“{item.quote}”\n", BOLD)
            out.append(item.paraphrase + "\n")
            if item.note:
                out.append("\n" + item.note + "\n", MUTED)
        case Gpu():
            _field(out, "Vendor", f"{item.vendor} · {item.architecture} · {item.form_factor}")
            _field(out, "Launched", fmt.when(item.launch, with_time=False))
            if item.launch.note:
                _field(out, "Launch note", item.launch.note)
            _field(out, "Export status", item.export_status.value)
            if item.export_note:
                out.append(item.export_note + "\n")
            if item.cut_from:
                _field(out, "Cut down from", corpus.title_of(item.cut_from))
            _field(out, "Checked", CONFIRMATION_WORD[item.status])
            if item.not_from_maker:
                _field(out, "Figures", "† not from the maker: NVIDIA published no datasheet")
            out.append("\nDatasheet (peak):\n", BOLD)
            unsure = set(item.uncertain)
            _field(out, "  Memory", f"{fmt.figure(item.memory_gb, 'memory_gb' in unsure)} GB "
                   f"{item.memory_type}")
            for column in GPU_FIELDS[1:]:
                raw = getattr(item, column.field)
                _field(out, f"  {column.label}", fmt.figure(raw, column.field in unsure))
            sparse = (
                ("BF16 sparse TF", item.bf16_sparse_tflops, "bf16_sparse_tflops"),
                ("FP8 sparse TF", item.fp8_sparse_tflops, "fp8_sparse_tflops"),
            )
            for label, raw, name in sparse:
                _field(out, f"  {label}", fmt.figure(raw, name in unsure))
            out.append("  † unconfirmed   — not supported   ? not known\n", MUTED)
            if item.note:
                out.append("\n" + item.note + "\n")
        case Fleet():
            _field(out, "Owner", corpus.actor_name(item.owner))
            _field(out, "Stated by", _who(corpus, item.stated_by))
            _field(out, "What it is", fleet_label(item.status))
            if item.date:
                _field(out, "When", fmt.when(item.date))
            for part in item.parts:
                mark = fmt.UNCERTAIN_MARK if part.uncertain else ""
                out.append(
                    f"  {fmt.count(part.count, item.approximate)}{mark} × "
                    f"{corpus.title_of(part.gpu)}\n"
                )
            _append_fleet_lens(corpus, item, out, lens)
            sums = hardware.fleet_totals(item, {g.id: g for g in corpus.gpus})
            mark = " (†: rests on an unconfirmed count or figure)" if sums.uncertain else ""
            out.append(f"\nAt datasheet peak{mark}:\n", BOLD)
            dagger = fmt.UNCERTAIN_MARK
            _field(out, "  GPUs", f"{sums.gpus:,}" + (dagger if sums.gpus_uncertain else ""))
            _field(out, "  BF16 dense", _flops(sums.bf16_pflops, sums.bf16_uncertain))
            fp8 = _flops(sums.fp8_pflops, sums.fp8_uncertain)
            _field(out, "  FP8 dense", fp8 + (" (only the parts that support FP8)"
                                               if sums.fp8_partial else ""))
            _field(out, "  HBM", "—" if sums.hbm_tb is None else f"{sums.hbm_tb:,.1f} TB"
                   + (dagger if sums.hbm_uncertain else ""))
            _field(out, "  GPU power", "—" if sums.power_mw is None
                   else f"{sums.power_mw:,.2f} MW" + (dagger if sums.power_uncertain else "")
                   + " (boards only)")
            others = _fleet_ratios(corpus, item.id, sums.bf16_pflops)
            if others:
                out.append("\nBF16 peak against the other fleets:\n", BOLD)
                for label, ratio in others:
                    _field(out, f"  {label}", f"{ratio:,.2f}×")
            if item.claim:
                _field(out, "Claim", corpus.title_of(item.claim))
            if item.note:
                out.append("\n" + item.note + "\n")
        case Run():
            what_if = hardware.cost_what_if(item)
            mark = fmt.UNCERTAIN_MARK if item.gpu_hours_uncertain else ""
            _field(out, "Stated by", corpus.actor_name(item.by))
            _field(out, "GPU-hours", f"{fmt.hours(item.gpu_hours)}{mark} on "
                   f"{corpus.title_of(item.gpu)}")
            for stage in item.stages:
                _field(out, f"  {stage.name}", fmt.stage_hours(stage))
            _field(out, "At", f"{fmt.price(what_if.price_usd)} per GPU-hour → "
                   f"{fmt.money(what_if.cost_usd)}")
            if item.stated_cost_usd is not None:
                _field(out, "Stated cost", fmt.money(item.stated_cost_usd))
            _field(out, "Checked", CONFIRMATION_WORD[item.status])
            _append_run_lens(corpus, item, out)
            if item.note:
                out.append("\n" + item.note + "\n")
            out.append("\nPress w for the cost what-if, m for the compute lens.\n", MUTED)
        case PricePoint():
            _field(out, "Price per GPU-hour", fmt.price_range(item.low_usd, item.high_usd))
            _field(out, "When", item.period)
            if item.gpu:
                _field(out, "GPU", corpus.title_of(item.gpu))
            _field(out, "Checked", CONFIRMATION_WORD[item.status])
            if item.note:
                out.append("\n" + item.note + "\n")
        case Utilisation():
            share = view.marked(view.percent_range(item.low_percent, item.high_percent),
                                uncertain=item.uncertain)
            _field(out, "Share of peak", f"{share} of {view.precision_word(item.precision)} "
                   "dense peak")
            count = (f"{fmt.count(item.gpu_count, item.approximate)} × "
                     if item.gpu_count else "")
            _field(out, "On", count + corpus.title_of(item.gpu))
            _field(out, "Checked", CONFIRMATION_WORD[item.status])
            if item.note:
                out.append("\n" + item.note + "\n")
            out.append("\nContext for the compute lens (m).\n", MUTED)
        case Actor():
            _field(out, "Kind", item.kind.value)
            if item.role:
                _field(out, "Role", item.role)
            if item.affiliation:
                _field(out, "Affiliation", corpus.actor_name(item.affiliation))
        case Event():
            _field(out, "When", fmt.when(item.date))
            if item.date.note:
                _field(out, "Date note", item.date.note)
            _field(out, "Kind", item.kind.value)
            _field(out, "Checked", CONFIRMATION_WORD[item.status])
            if item.text:
                out.append("\n" + item.text + "\n")
        case Note():
            _field(out, "Checked", CONFIRMATION_WORD[item.status])
            out.append("\n" + item.text + "\n")
        case Source():
            if item.publisher:
                _field(out, "Publisher", item.publisher)
            if item.date:
                _field(out, "Date", item.date.isoformat())
            elif item.date_unknown:
                _field(out, "Date", "not found")
            if item.date_note:
                _field(out, "Date note", item.date_note)
            _field(out, "Kind", f"{item.kind.value}: {SOURCE_KIND_MEANING[item.kind]}")
            _append_addresses(item, out, "", width, dim=False)
        case Section():
            _field(out, "Article section", item.title)
    return out


def _append_fleet_lens(corpus: Corpus, fleet: Fleet, out: Text, setting: LensSetting) -> None:
    """``V3's pre-training would take N days at U% of P dense peak``, for each run the
    lens applies to, at the lens's setting (``m`` changes it)."""
    lens = compute.lens(corpus, setting.utilisation, setting.precision)
    days = next((f for f in lens.fleets if f.fleet.id == fleet.id), None)
    lines = []
    for run in lens.applicable:
        value = days.days.get(run.run.id) if days is not None else None
        if days is None or value is None:
            continue
        shown = view.marked(view.days(value), days.peak.approximate, days.peak.uncertain)
        precision = view.peak_word(days.peak.precision, days.peak.fell_back)
        lines.append(f"  {run.name}'s pre-training would take {shown} days at "
                     f"{view.setting(lens.utilisation)} of {precision} dense peak\n")
    if lines:
        out.append(f"\nCompute lens at {view.setting(lens.utilisation)} of "
                   f"{view.precision_word(lens.precision)} dense peak (6ND, a floor; "
                   "m sets it):\n", BOLD)
        for line in lines:
            out.append(line)


def _append_run_lens(corpus: Corpus, run: Run, out: Text) -> None:
    """The run's training compute and implied utilisation, or why the lens does not apply."""
    found = compute.run_compute(run, {g.id: g for g in corpus.gpus})
    if found.training_flop is None or found.pretraining_gpu_hours is None:
        _field(out, "Compute lens", f"does not apply: {found.reason}")
        return
    mark = fmt.UNCERTAIN_MARK if found.uncertain else ""
    _field(out, "Training compute", f"{view.flop(found.training_flop)} FLOP (6 × "
           f"{run.active_parameters_billions:g}B active × {run.training_tokens_trillions:g}T "
           "tokens: 6ND, a floor)")
    shares = " · ".join(f"{view.percent(share)}{mark} of {view.precision_word(p)}"
                        for p, share in found.implied.items() if share is not None)
    _field(out, "Implied utilisation", f"{shares} dense peak, over "
           f"{fmt.hours(found.pretraining_gpu_hours)}{mark} pre-training GPU-hours")


def _fleet_ratios(
    corpus: Corpus, fleet_id: str, bf16_pflops: float | None
) -> list[tuple[str, float]]:
    """This fleet's peak BF16 over each other fleet's, where both are known."""
    if not bf16_pflops:
        return []
    gpus = {g.id: g for g in corpus.gpus}
    ratios = []
    for other in corpus.fleets:
        if other.id == fleet_id:
            continue
        theirs = hardware.fleet_totals(other, gpus).bf16_pflops
        if theirs:
            ratios.append((one_line(other.label)[:28], bf16_pflops / theirs))
    return ratios


def _flops(pflops: float | None, uncertain: bool = False) -> str:
    """PFLOPS below 1,000, EFLOPS above (``†`` when unconfirmed); ``— not supported``."""
    if pflops is None:
        return "— not supported"
    mark = fmt.UNCERTAIN_MARK if uncertain else ""
    if pflops >= 1000:
        return f"{pflops / 1000:,.2f}{mark} EFLOPS"
    return f"{pflops:,.1f}{mark} PFLOPS"


def _who(corpus: Corpus, actor_id: str) -> str:
    actor = corpus.get(actor_id)
    if isinstance(actor, Actor) and actor.role:
        return f"{actor.name} ({actor.role})"
    return corpus.actor_name(actor_id)


def _append_sources(corpus: Corpus, item: Entity, out: Text, width: int | None) -> None:
    """Every source of ``item``: its title, publisher and date, and its addresses."""
    source_ids = getattr(item, "sources", ())
    if not source_ids:
        return
    out.append("\nSources\n", BOLD)
    for source_id in source_ids:
        source = corpus.get(source_id)
        if isinstance(source, Source):
            out.append(f"  • [{source.kind.value}] ", MUTED)
            out.append(source.title)
            about = ", ".join(part for part in (
                source.publisher, source.date.isoformat() if source.date else None) if part)
            if about:
                out.append(f" ({about})", MUTED)
            out.append("\n")
            _append_addresses(source, out, "    ", width)


def _append_addresses(
    source: Source, out: Text, indent: str, width: int | None, dim: bool = True
) -> None:
    """The original's URL (or that it is not verified) and the copy it was read via."""
    if source.url is not None:
        out.append(indent)
        _append_link(out, source.url, width and width - len(indent), dim)
        out.append("\n")
    else:
        out.append(f"{indent}original URL not verified: cited by title, publisher and date\n",
                   MUTED)
    if source.via is not None:
        lead = f"{indent}read via "
        out.append(lead, MUTED)
        _append_link(out, source.via, width and width - len(lead), dim=True)
        out.append("\n")


def _append_link(out: Text, url: str, room: int | None, dim: bool) -> None:
    """``url`` as a link: in full without ``room``, else labelled to fit ``room`` cells."""
    label = url if room is None else fmt.link_label(url, max(room, LINK_ROOM_MIN))
    out.append(label, Style(dim=dim, underline=True, link=url))


def _append_context(corpus: Corpus, item_id: str, out: Text) -> None:
    notes = [n for n in corpus.notes if item_id in n.about and n.id != item_id]
    if not notes:
        return
    out.append("\nContext\n", BOLD)
    for note in notes:
        out.append(f"  • {note.title} ", BOLD)
        out.append(f"({CONFIRMATION_WORD[note.status]})\n", MUTED)
        out.append(f"    {note.text}\n")


_KIND_ORDER = {"claim": 0, "reaction": 1, "fleet": 2, "gpu": 3, "actor": 4, "event": 5,
               "note": 6, "source": 7, "section": 8}


def link_rows(corpus: Corpus, item_id: str) -> list[Row]:
    """The inspector's list of what ``item_id`` links to: claims and reactions first."""
    links = sorted(corpus.links(item_id),
                   key=lambda i: (_KIND_ORDER.get(corpus.kind_of(i) or "", 9), i))
    return [Row(link, (Text(corpus.kind_of(link) or ""), Text(corpus.title_of(link))))
            for link in links]
