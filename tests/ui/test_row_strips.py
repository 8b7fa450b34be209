"""A row's segments become one strip in one pass, exactly as the four-strip chain did."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.ui.widgets.strips import one_strip

BASE = Style(color="#e0e0e0", bgcolor="#101418")
STYLES = [None, Style(bold=True), Style(color="red"), Style(bgcolor="#334455", bold=True), BASE]
TEXTS = ["", " ", "a", "GPU ", "H100 SXM", "中文", "…", "› ", "◆ "]

segments = st.lists(
    st.builds(lambda text, style: Segment(text, style), st.sampled_from(TEXTS),
              st.sampled_from(STYLES)),
    max_size=14,
)


def _cells(strip: Strip) -> list[tuple[str, Style | None]]:
    return [(char, style) for text, style, _ in strip for char in text]


@given(segments, st.integers(min_value=0, max_value=40))
def test_finish_is_the_chain_in_one_pass(parts: list[Segment], width: int) -> None:
    expected = Strip(parts).crop_extend(0, width, BASE).apply_style(BASE).simplify()
    got = one_strip(parts, width, BASE, {})
    assert _cells(got) == _cells(expected)  # the same characters in the same styles
    assert len(list(got)) <= len(list(expected))  # neighbours of one style merged
    assert got.cell_length == width


def test_finish_keeps_the_combined_styles_for_the_next_row() -> None:
    combined: dict[Style | None, Style] = {}
    one_strip([Segment("a", Style(bold=True)), Segment("b")], 4, BASE, combined)
    assert combined == {Style(bold=True): BASE + Style(bold=True), None: BASE}
