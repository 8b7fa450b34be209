"""The compute lens in the exports, and its text bars: the same figures as the CLI."""

from __future__ import annotations

import json

import pytest

from tui.core import compute_view as view
from tui.core.corpus import Corpus
from tui.core.export import to_json, to_markdown


def test_json_export_carries_the_lens(seed: Corpus) -> None:
    lens = json.loads(to_json(seed, None))["compute_lens"]
    assert (lens["mfu"], lens["precision"]) == (0.35, "bf16")
    v3 = next(run for run in lens["runs"] if run["id"] == "run-v3")
    assert v3["training_flop"] == 3.2856e24
    assert v3["implied_utilisation"] == {"bf16": 0.346263, "fp8": 0.173123}
    days = {fleet["id"]: fleet["days"] for fleet in lens["fleets"]}
    assert days["fleet-fireflyer2"] == {"run-v3": 34.824}
    assert days["fleet-wang-h100"] == {"run-v3": 2.1963}
    assert days["fleet-v3-h800"] == {"run-v3": 53.6205}
    assert any("floor" in caveat for caveat in lens["caveats"])


def test_markdown_export_carries_the_lens(seed: Corpus) -> None:
    text = to_markdown(seed)
    section = text[text.index("## Compute lens"):text.index("## Reactions")]
    assert "| DeepSeek-V3 | 3.2856e24 | 34.6% | 17.3% | 2.664M |" in section
    assert "| DeepSeek-R1 | does not apply: DeepSeek-R1's stages are" in section
    assert ("| Fire-Flyer 2: \\~10,000 PCIe A100s (High-Flyer, 2021) | \\~10,000† | BF16 | "
            "\\~34.8† |") in section
    assert "| \\~50,000 | BF16 | \\~2.2 |" in section
    assert "| 2,048 | BF16 | 53.6 |" in section
    assert ("| 38–43% of BF16 dense peak | confirmed (primary) | primary: [The Llama 3 Herd"
            in section)
    assert "19.7%† of FP8 dense peak" in section
    assert "is a floor" in section and "not a dense run" in section
    assert ": the lens does not apply to its $294K." in section


@pytest.mark.parametrize(
    ("days", "cells"),
    [(1.0, 0.5), (10.0, 8.0), (100.0, 16.0), (1000.0, 24.0)],
)
def test_days_bars_are_on_a_log_scale(days: float, cells: float) -> None:
    assert view.log_position(days, 24) == pytest.approx(cells if days > 1 else 0.0)
    bar = view.days_bar(days, 24)
    assert len(bar) == 24
    filled = bar.count(view.FULL) + sum(bar.count(e) * (i / 8)
                                        for i, e in enumerate(view.EIGHTHS) if i)
    assert filled == pytest.approx(cells, abs=1 / 8)


def test_days_past_the_scale_and_the_axis() -> None:
    assert view.days_bar(5000, 10) == "█" * 9 + "▶"
    assert view.days_axis(24) == "1d      10d     100d  1k"
    assert view.days_bar(2.2, 24) == "██▊" + " " * 21


def test_share_bars_and_bands() -> None:
    assert view.share_top(0.346, 0.43) == 0.5 and view.share_top(0.6) == 1.0
    assert view.share_bar(0.25, 20, 0.5) == "█" * 10 + " " * 10
    band = view.band_bar(0.38, 0.43, 50, 0.5)
    assert band.index(view.BAND) == 38 and band.count(view.BAND) == 5
    assert view.band_bar(0.197, 0.197, 10, 0.5).count(view.BAND) == 1  # never invisible
    assert view.share_axis(50, 0.5).startswith("0%") and "50%" in view.share_axis(50, 0.5)


def test_number_formats() -> None:
    assert view.flop(3.2856e24) == "3.2856e24"
    assert view.percent(0.346263) == "34.6%"
    assert view.setting(0.35) == "35%" and view.setting(0.425) == "42.5%"
    assert view.percent_range(38, 43) == "38–43%" and view.percent_range(19.7, 19.7) == "19.7%"
    assert view.marked("34.8", approximate=True, uncertain=True) == "~34.8†"
    assert view.days(1204.4) == "1,204" and view.days(2.196) == "2.2"
    assert view.peak_word("bf16", True) == "BF16 (no FP8)"
    assert view.peak_word("mixed", True) == "FP8+BF16 (some lack FP8)"
    assert view.peak_word("bf16", True, short=True) == "BF16*"
