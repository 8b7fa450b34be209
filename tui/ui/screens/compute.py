"""The compute lens: could each fleet have trained the model? Days per fleet, at a glance.

The run's training compute (6ND, a floor) over each fleet's dense peak at a utilisation
the reader picks gives days of pre-training, drawn as bars on a log scale beside the
numbers; the run's implied utilisation is drawn against the sourced reference runs.
The caveats stay on screen. Enter on a fleet, or ``c`` for its claim, closes the lens
and follows the item on the dashboard (the screen dismisses with its id). The lens
opens at the dashboard's setting and hands each change back to it, so the inspector's
compute lines follow the lens and the lens opens again where it was left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from tui.core import compute
from tui.core import compute_view as view
from tui.core.corpus import Corpus
from tui.core.model import Fleet, Precision
from tui.core.text import one_line
from tui.ui.details import DEFAULT_LENS, LensSetting
from tui.ui.lifecycle import Transient
from tui.ui.widgets.row_list import Column, Row, RowList

BAR_WIDTH = 24
CHOSEN_MARK = "┆"
FLEET_COLUMNS = (Column("Fleet"), Column("GPUs", 9, align="right"),
                 Column("Peak", 6), Column("Days", 8, align="right"),
                 Column(view.days_axis(BAR_WIDTH), BAR_WIDTH))


class ShareChart(Widget):
    """Implied utilisations as bars against the reference bands, drawn at the widget's width."""

    DEFAULT_CSS = "ShareChart { height: auto; }"

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self.lens: compute.Lens | None = None

    def show(self, lens: compute.Lens) -> None:
        self.lens = lens
        self.refresh(layout=True)

    def render(self) -> Text:
        lens = self.lens
        out = Text(no_wrap=True, overflow="ellipsis")
        if lens is None:
            return out
        # (label, share shown, precision, label style, low, high: None for a single bar)
        rows: list[tuple[str, str, str, str, float, float | None]] = []
        for run in lens.applicable:
            mark = view.UNCERTAIN_MARK if run.uncertain else ""
            for run_precision, implied in run.implied.items():
                if implied is not None:
                    rows.append((f"{run.name} implied", view.percent(implied) + mark,
                                 view.precision_word(run_precision), "bold", implied, None))
        for ref in self.corpus.utilisations:
            share = view.marked(view.percent_range(ref.low_percent, ref.high_percent),
                                uncertain=ref.uncertain)
            rows.append((one_line(ref.label), share, view.precision_word(ref.precision), "",
                         ref.low_percent / 100, ref.high_percent / 100))
        if not rows:
            return out.append("No run here gives its parameters, tokens and pre-training "
                              "hours.", "dim")
        top = view.share_top(lens.utilisation, *(r[4] for r in rows),
                             *(r[5] for r in rows if r[5] is not None))
        label_width = min(max(len(r[0]) for r in rows), max(12, self.size.width // 2 - 12))
        lead = label_width + 14  # label, share (7), precision (5), spaces
        bar_width = max(8, self.size.width - lead - 1)
        chosen = min(bar_width - 1, int(lens.utilisation / top * bar_width))
        accent = self.app.theme_variables.get("accent")
        bar_style = Style(color=Color.parse(accent).rich_color) if accent else Style(bold=True)
        for label, shown, word, style, low, high in rows:
            bar = (view.share_bar(low, bar_width, top) if high is None
                   else view.band_bar(low, high, bar_width, top))
            if bar[chosen] == " ":
                bar = bar[:chosen] + CHOSEN_MARK + bar[chosen + 1:]
            out.append(label[:label_width].ljust(label_width) + " ", style)
            out.append(shown.rjust(7) + " " + word.ljust(5), style)
            out.append(" ")
            out.append(bar, bar_style if high is None else Style(dim=True))
            out.append("\n")
        out.append(" " * lead + view.share_axis(bar_width, top), "dim")
        return out


class ComputeScreen(Transient, Screen[str | None]):
    """Dismisses with a fleet or claim id to follow on the dashboard, or ``None``."""

    DEFAULT_CSS = """
    ComputeScreen {
        & > #compute-summary { height: auto; padding: 0 1; background: $panel; }
        & > #compute-input { display: none; }
        & > #compute-input.-typing { display: block; }
        & > #compute-fleets { height: auto; max-height: 12; border: round $panel-lighten-2; }
        & > #compute-fleets:focus { border: round $accent; }
        & > VerticalScroll { height: 1fr; border: round $panel-lighten-2; padding: 0 1; }
        & #compute-caveats { height: auto; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign,right", "utilisation(1)", "Util +", id="compute.up",
                tooltip="Raise the utilisation by 5 points of peak"),
        Binding("minus,left", "utilisation(-1)", "Util −", id="compute.down",
                tooltip="Lower the utilisation by 5 points of peak"),
        Binding("u", "type_utilisation", "Type util", id="compute.type",
                tooltip="Type a utilisation: 35, 35% or 0.35"),
        Binding("p", "precision", "BF16/FP8", id="compute.precision",
                tooltip="Switch the peak between BF16 and FP8 (GPUs without FP8 stay BF16)"),
        Binding("0", "reset", "Reset", id="compute.reset",
                tooltip="Back to 35% of BF16 dense peak"),
        Binding("c", "open_claim", "Open claim", id="compute.claim",
                tooltip="Open the selected fleet's claim on the dashboard"),
        Binding("escape,m", "close", "Back", id="compute.close",
                tooltip="Back to the dashboard"),
    ]

    utilisation: reactive[float] = reactive(compute.DEFAULT_UTILISATION, init=False)
    precision: reactive[Precision] = reactive(compute.DEFAULT_PRECISION, init=False)

    def __init__(
        self,
        corpus: Corpus,
        setting: LensSetting = DEFAULT_LENS,
        changed: Callable[[LensSetting], None] | None = None,
    ) -> None:
        """Opens at ``setting``; ``changed`` is told each new setting."""
        super().__init__()
        self.corpus = corpus
        self.set_reactive(ComputeScreen.utilisation, setting.utilisation)
        self.set_reactive(ComputeScreen.precision, setting.precision)
        self._changed = changed

    def compose(self) -> ComposeResult:
        yield Static(id="compute-summary")
        yield Input(placeholder="utilisation: 35, 35% or 0.35, then Enter (Esc cancels)",
                    id="compute-input", restrict=r"[0-9.%\s]*", max_length=8)
        fleets = RowList(FLEET_COLUMNS, id="compute-fleets", empty_text="no fleets")
        fleets.border_title = "Compute lens: days of pre-training on each fleet (log scale)"
        fleets.border_subtitle = ("~ approximate · † unconfirmed · Enter opens the fleet · "
                                  "c its claim")
        yield fleets
        with VerticalScroll(id="compute-lower", can_focus=False) as lower:
            lower.border_title = "Implied utilisation against the reference runs; caveats"
            yield ShareChart(self.corpus, id="compute-shares")
            yield Static(id="compute-caveats")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compute-fleets", RowList).focus()
        self.refresh_view()

    def watch_utilisation(self) -> None:
        self._setting_changed()

    def watch_precision(self) -> None:
        self._setting_changed()

    def _setting_changed(self) -> None:
        self.refresh_view()
        if self._changed is not None:
            self._changed(LensSetting(self.utilisation, self.precision))

    @property
    def lens(self) -> compute.Lens:
        return compute.lens(self.corpus, self.utilisation, self.precision)

    def refresh_view(self) -> None:
        lens = self.lens
        self.query_one("#compute-summary", Static).update(self._summary(lens))
        self.query_one("#compute-fleets", RowList).set_rows(self._fleet_rows(lens))
        self.query_one(ShareChart).show(lens)
        caveats = Text()
        for caveat in lens.caveats:
            caveats.append("⚠ ", "bold")
            caveats.append(caveat + "\n")
        caveats.rstrip()
        self.query_one("#compute-caveats", Static).update(caveats)
        self.query_one("#compute-lower").border_subtitle = (
            f"{CHOSEN_MARK} the lens's {view.setting(lens.utilisation)} · ▒ reference range")

    def _summary(self, lens: compute.Lens) -> Text:
        text = Text()
        runs = lens.applicable
        if not runs:
            text.append(view.NO_RUN, "bold")
            text.append(" Each fleet's dense peak is shown in PFLOPS instead of a bar; the "
                        "inspector gives its power in MW.\n", "dim")
        for run in runs:
            item = run.run
            flop = run.training_flop or 0.0
            text.append(f"{run.name}: 6 × {item.active_parameters_billions:g}B active × "
                        f"{item.training_tokens_trillions:g}T tokens = ", "bold")
            text.append(f"{view.flop(flop)} FLOP", "bold")
            text.append(" (6ND, a floor)\n", "dim")
        text.append("At ")
        text.append(f" {view.setting(lens.utilisation)} ", "bold reverse")
        text.append(" of ")
        text.append(f" {view.precision_word(lens.precision)} ", "bold reverse")
        text.append(" dense peak")
        if lens.precision is Precision.FP8:
            text.append(" (* no FP8: counted at BF16)", "dim")
        text.append("   ←/→ ±5 points · u type · p BF16/FP8 · 0 reset", "italic dim")
        return text

    def _fleet_rows(self, lens: compute.Lens) -> list[Row]:
        rows = []
        run = lens.applicable[0] if lens.applicable else None
        for fleet in lens.fleets:
            peak = fleet.peak
            gpus = view.marked(f"{peak.gpu_count:,}", peak.approximate, peak.uncertain)
            precision = view.peak_word(peak.precision, peak.fell_back, short=True)
            value = fleet.days.get(run.run.id) if run is not None else None
            if run is None:
                days = "—"
                bar = view.marked(f"{view.pflops(peak.flops)} PF peak", peak.approximate,
                                  peak.uncertain)
            elif value is None:
                days, bar = "?", ""
            else:
                days = view.marked(view.days(value), peak.approximate, peak.uncertain)
                bar = view.days_bar(value, BAR_WIDTH)
            rows.append(Row(fleet.fleet.id, (Text(one_line(fleet.fleet.label)), Text(gpus),
                                             Text(precision), Text(days), Text(bar)),
                            tones=("", "", "dim", "", "accent")))
        return rows

    # -- actions

    def action_utilisation(self, step: int) -> None:
        value = round(self.utilisation + step * compute.UTILISATION_STEP, 4)
        self.utilisation = min(1.0, max(compute.UTILISATION_STEP, value))

    def action_type_utilisation(self) -> None:
        box = self.query_one("#compute-input", Input)
        box.value = f"{self.utilisation * 100:g}"
        box.add_class("-typing")
        box.focus()

    @on(Input.Submitted, "#compute-input")
    def _typed(self, event: Input.Submitted) -> None:
        try:
            value = compute.parse_utilisation(event.value)
        except compute.UtilisationError as error:
            self.notify(str(error), title="Utilisation", severity="error", markup=False)
            return
        self._stop_typing()
        self.utilisation = value

    def _stop_typing(self) -> None:
        self.query_one("#compute-input", Input).remove_class("-typing")
        self.query_one("#compute-fleets", RowList).focus()

    def action_precision(self) -> None:
        self.precision = Precision.FP8 if self.precision is Precision.BF16 else Precision.BF16

    def action_reset(self) -> None:
        self.utilisation = compute.DEFAULT_UTILISATION
        self.precision = compute.DEFAULT_PRECISION

    @on(RowList.Selected, "#compute-fleets")
    def _fleet_selected(self, event: RowList.Selected) -> None:
        self.dismiss(event.key)

    def action_open_claim(self) -> None:
        key = self.query_one("#compute-fleets", RowList).current_key
        fleet = self.corpus.get(key) if key else None
        if isinstance(fleet, Fleet) and fleet.claim:
            self.dismiss(fleet.claim)
        else:
            self.notify("This fleet has no claim in the story.", markup=False)

    def action_close(self) -> None:
        if self.query_one("#compute-input", Input).has_class("-typing"):
            self._stop_typing()
            return
        self.dismiss(None)
