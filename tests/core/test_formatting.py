"""Display strings for money, hours, prices and dates in two time zones."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.core import formatting as fmt
from tui.core.schema import When


@pytest.mark.parametrize(
    ("usd", "shown"),
    [(5_576_000, "$5.576M"), (294_000, "$294K"), (13_705_000, "$13.71M"), (2.0, "$2.00"),
     (1_600_000_000, "$1.6B")],
)
def test_money(usd: float, shown: str) -> None:
    assert fmt.money(usd) == shown


@pytest.mark.parametrize(("usd", "shown"), [(2, "$2.00"), (4.916, "$4.916"), (12.29, "$12.29")])
def test_price_keeps_a_third_decimal_only_when_given(usd: float, shown: str) -> None:
    assert fmt.price(usd) == shown


def test_nadella_post_falls_on_different_days_in_utc_and_pacific() -> None:
    post = When(date=dt.date(2025, 1, 27), time_utc=dt.time(5, 48), precision="minute")
    text = fmt.when_in_zones(post)
    assert text.startswith("2025-01-27 05:48 UTC = Sun 2025-01-26 21:48 PST")
    assert "different day" in text


def test_same_day_in_both_zones_is_not_flagged() -> None:
    post = When(date=dt.date(2025, 1, 24), time_utc=dt.time(20, 0), precision="minute")
    assert "different day" not in fmt.when_in_zones(post)


def test_month_range_keeps_month_precision() -> None:
    span = When(date=dt.date(2023, 11, 1), end=dt.date(2024, 6, 30), precision="month")
    assert fmt.when(span) == "Nov 2023–Jun 2024"


R1_README = "https://github.com/deepseek-ai/DeepSeek-R1/blob/main/README.md"


@pytest.mark.parametrize(("room", "label"), [
    (80, "github.com/deepseek-ai/DeepSeek-R1/blob/main/README.md"),
    (40, "github.com/deepseek-ai/…/README.md"),
    (28, "github.com/…/README.md"),
    (14, "github.com/…"),
    (8, "github.…"),
])
def test_a_link_label_keeps_the_host_and_the_pages_own_name_first(room: int, label: str) -> None:
    assert fmt.link_label(R1_README, room) == label


@pytest.mark.parametrize("url", [
    R1_README,
    "https://www.tomshardware.com/tech-industry/artificial-intelligence/deepseek-might-not-be-"
    "as-disruptive-as-claimed-firm-reportedly-has-50-000-nvidia-gpus",
    "https://yetfresh.com/?p=5387",
    "http://51haodu.com/t/Q1lISn!YWkVjaQ==",
    "https://例え.jp/パス/ページ",
    "mailto:someone",
])
@pytest.mark.parametrize("room", [12, 20, 28, 36, 60])
def test_a_link_label_fits_its_room_and_has_no_spaces(url: str, room: int) -> None:
    label = fmt.link_label(url, room)
    assert fmt.cells(label) <= room and " " not in label and label
    if "://" in url:
        assert label.startswith(url.split("/")[2].removeprefix("www.")[:room - 1][:3])


def test_a_long_page_name_is_cut_after_the_host() -> None:
    url = ("https://www.tomshardware.com/tech-industry/artificial-intelligence/deepseek-might-"
           "not-be-as-disruptive")
    assert fmt.link_label(url, 36) == "tomshardware.com/…/deepseek-might-n…"
