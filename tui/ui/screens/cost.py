"""The cost what-if: a training run's GPU-hours, stage by stage, × a price the reader picks.

Shows each stage's GPU-hours and cost, that the computation reproduces the owner's
stated figure at the owner's price (to 1% when the parts are approximate), what it
becomes at other prices (with the story's price points as context), and how many days
the run takes on each claimed fleet.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core import formatting as fmt
from tui.core import hardware
from tui.core.corpus import Corpus
from tui.core.labels import CONFIRMATION_WORD
from tui.core.model import Run
from tui.core.text import one_line
from tui.ui.lifecycle import Transient
from tui.ui.widgets.row_list import Column, Row, RowList

FLEET_COLUMNS = (Column("Fleet"), Column("GPUs", 10, align="right"),
                 Column("Days", 9, align="right"))
PRICE_COLUMNS = (Column("Price point"), Column("When", 20), Column("$/GPU-h", 13, align="right"),
                 Column("Run would cost", 16, align="right"))


STAGE_WIDTH, HOURS_WIDTH, COST_WIDTH = 34, 26, 14
"""Columns of the stage lines in the summary."""


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with …) to ``width`` characters."""
    return text.ljust(width) if len(text) < width else text[: width - 2] + "… "


def _verdict(what_if: hardware.CostWhatIf) -> str:
    """Whether the computation at the owner's price gives the owner's stated cost."""
    if not what_if.reproduces_stated:
        return "✗ the computation does not reproduce it"
    if what_if.approximate:
        return (f"≈ the computation agrees to within {what_if.tolerance:.0%} "
                "(its parts are approximate)")
    return "✓ the computation reproduces it"


class CostScreen(Transient, Screen[None]):
    """GPU-hours × price per GPU-hour, with the price under the reader's keys."""

    DEFAULT_CSS = """
    CostScreen {
        & > #cost-summary { height: auto; padding: 1 2; background: $panel; }
        & > Vertical { height: 1fr; }
        & RowList { height: 1fr; border: round $panel-lighten-2; }
        & RowList:focus { border: round $accent; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign,right", "price(1)", "Price +", id="cost.price_up",
                tooltip="Raise the price by $0.25 per GPU-hour"),
        Binding("minus,left", "price(-1)", "Price −", id="cost.price_down",
                tooltip="Lower the price by $0.25 per GPU-hour"),
        Binding("0", "reset", "Own price", id="cost.reset",
                tooltip="Back to the price the run's owner assumed"),
        Binding("r", "next_run", "Next run", id="cost.next_run",
                tooltip="Show the next training run of the story"),
        Binding("tab", "switch_list", "Fleets/prices", show=False, id="cost.switch",
                tooltip="Move between the fleets and the price points"),
        Binding("escape,w", "close", "Back", id="cost.close",
                tooltip="Back to the dashboard"),
    ]

    run_index: reactive[int] = reactive(0, init=False)
    price: reactive[float | None] = reactive(None, init=False)

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        yield Static(id="cost-summary")
        with Vertical():
            fleets = RowList(FLEET_COLUMNS, id="cost-fleets", empty_text="no fleets")
            fleets.border_title = ("Wall-clock days if the run's GPU-hours were spread over "
                                   "each fleet (same hours: faster GPUs would need fewer)")
            yield fleets
            prices = RowList(PRICE_COLUMNS, id="cost-prices",
                             empty_text="no rental prices in this story")
            prices.border_title = "Rental prices per GPU-hour in this story (context)"
            yield prices
        yield Footer()

    @property
    def run(self) -> Run | None:
        runs = self.corpus.runs
        return runs[self.run_index % len(runs)] if runs else None

    def on_mount(self) -> None:
        self.query_one("#cost-fleets", RowList).focus()
        self.refresh_view()

    def watch_run_index(self) -> None:
        self.price = None
        self.refresh_view()

    def watch_price(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        run = self.run
        summary = self.query_one("#cost-summary", Static)
        if run is None:
            summary.update(Text.assemble(
                ("Cost what-if  ", "dim"), ("No training run to price", "bold"), "\n\n",
                "This story states no GPU-hours for a training run, so there is nothing to "
                "multiply by a price, and no days to spread over its fleets. Its fleets and "
                "rental prices are listed below for context; the GPU pane gives each fleet's "
                "totals in PFLOPS and MW."))
            self.query_one("#cost-fleets", RowList).set_rows(self._fleet_rows(None))
            self.query_one("#cost-prices", RowList).set_rows(self._price_rows(None))
            return
        what_if = hardware.cost_what_if(run, self.price)
        summary.update(self._summary(run, what_if))
        self.query_one("#cost-fleets", RowList).set_rows(self._fleet_rows(run))
        self.query_one("#cost-prices", RowList).set_rows(self._price_rows(run))

    def _summary(self, run: Run, what_if: hardware.CostWhatIf) -> Text:
        gpu = self.corpus.title_of(run.gpu)
        mark = fmt.UNCERTAIN_MARK if run.gpu_hours_uncertain else ""
        text = Text()
        text.append("Cost what-if  ", "dim")
        text.append(one_line(run.label), "bold")
        if len(self.corpus.runs) > 1:
            text.append(f"   (run {self.run_index % len(self.corpus.runs) + 1} of "
                        f"{len(self.corpus.runs)}, r for the next)", "dim")
        text.append("\n\n")
        text.append(f"{fmt.hours(what_if.gpu_hours)}{mark} {gpu} GPU-hours", "bold")
        text.append("  ×  ")
        text.append(f"{fmt.price(what_if.price_usd)} per GPU-hour", "bold reverse")
        text.append("  =  ")
        text.append(fmt.money(what_if.cost_usd), "bold")
        text.append("\n")
        text.append_text(self._stages(run, what_if))
        if what_if.stated_cost_usd is not None and what_if.stated_price_usd is not None:
            stated = (f"{self.corpus.actor_name(run.by)} states "
                      f"{fmt.money(what_if.stated_cost_usd)} at "
                      f"{fmt.price(what_if.stated_price_usd)}")
            text.append(f"{stated}: {_verdict(what_if)}.\n", "dim")
        text.append(f"Figures: {CONFIRMATION_WORD[run.status]}", "dim")
        if any(stage.uncertain for stage in run.stages):
            text.append(" · ≈ approximate, as the source gives it", "dim")
        if run.gpu_hours_uncertain:
            text.append(" · † the total rests on approximate or unconfirmed GPU-hours", "dim")
        text.append("\n")
        if run.note:
            text.append(run.note + "\n", "dim")
        text.append("\n← / − lower and → / + raise the price by $0.25 · 0 the owner's price",
                    "italic")
        return text

    @staticmethod
    def _stages(run: Run, what_if: hardware.CostWhatIf) -> Text:
        """One line per stage: its GPU-hours (and how they were counted) and its cost."""
        text = Text()
        text.append(f"  {'Stage':<{STAGE_WIDTH}}{'GPU-hours':>{HOURS_WIDTH}}"
                    f"{'at ' + fmt.price(what_if.price_usd):>{COST_WIDTH}}\n", "dim")
        for stage, cost in zip(run.stages, what_if.stages, strict=True):
            money = ("≈" if stage.uncertain else "") + fmt.money(cost.cost_usd)
            text.append(f"  {_fit(one_line(stage.name), STAGE_WIDTH)}"
                        f"{fmt.stage_hours(stage):>{HOURS_WIDTH}}{money:>{COST_WIDTH}}\n")
        return text

    def _fleet_rows(self, run: Run | None) -> list[Row]:
        """Each fleet with the days the run would take on it (— with no run)."""
        rows = []
        for fleet in self.corpus.fleets:
            gpus = sum(part.count for part in fleet.parts)
            if gpus <= 0:
                continue
            if run is None:
                days = "—"
            else:
                mark = fmt.UNCERTAIN_MARK if run.gpu_hours_uncertain else ""
                days = f"{hardware.wall_clock_days(run.gpu_hours, gpus):,.1f}{mark}"
            rows.append(Row(fleet.id, (Text(one_line(fleet.label)),
                                       Text(fmt.count(gpus, fleet.approximate)), Text(days)),
                            tones=("", "", "")))
        return rows

    def _price_rows(self, run: Run | None) -> list[Row]:
        """Each price point with what the run would cost at it (— with no run)."""
        rows = []
        current = None if run is None else hardware.cost_what_if(run, self.price).price_usd
        for price in sorted(self.corpus.prices, key=lambda p: (p.low_usd, p.high_usd)):
            span = fmt.price_range(price.low_usd, price.high_usd)
            if run is None or current is None:
                rows.append(Row(price.id, (Text("  " + one_line(price.label)),
                                           Text(one_line(price.period)), Text(span), Text("—")),
                                tones=("", "dim", "", "")))
                continue
            low = hardware.training_cost_usd(run.gpu_hours, price.low_usd)
            high = hardware.training_cost_usd(run.gpu_hours, price.high_usd)
            cost = fmt.money(low) if low == high else f"{fmt.money(low)}–{fmt.money(high)}"
            here = price.low_usd <= current <= price.high_usd
            rows.append(Row(price.id, (Text(("● " if here else "  ") + one_line(price.label)),
                                       Text(one_line(price.period)), Text(span), Text(cost)),
                            tones=("", "dim", "", "")))
        return rows

    def action_price(self, step: int) -> None:
        run = self.run
        if run is None:
            return
        current = hardware.cost_what_if(run, self.price).price_usd
        self.price = max(0.0, round(current + step * hardware.PRICE_STEP_USD, 2))

    def action_reset(self) -> None:
        self.price = None

    def action_next_run(self) -> None:
        if len(self.corpus.runs) > 1:
            self.run_index = (self.run_index + 1) % len(self.corpus.runs)

    def action_switch_list(self) -> None:
        fleets = self.query_one("#cost-fleets", RowList)
        prices = self.query_one("#cost-prices", RowList)
        (prices if fleets.has_focus else fleets).focus()

    def action_close(self) -> None:
        self.dismiss()
