"""Cleaning seed strings: escapes and controls go; newlines, tabs, emoji and CJK stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.text import clean_text, one_line

ESC = "\x1b"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param(f"a{ESC}[31mred{ESC}[0mb", "aredb", id="csi-colour"),
        pytest.param(f"{ESC}[2J{ESC}[Hhome", "home", id="csi-clear-screen"),
        pytest.param(f"x{ESC}[38;2;255;0;0my", "xy", id="csi-truecolour"),
        pytest.param(f"x{ESC}[?1049hy", "xy", id="csi-private-mode"),
        pytest.param(
            f"{ESC}]8;;https://evil.example{ESC}\\click{ESC}]8;;{ESC}\\",
            "click",
            id="osc8-hyperlink-st",
        ),
        pytest.param(
            f"{ESC}]8;;https://evil.example\x07click{ESC}]8;;\x07", "click", id="osc8-bel"
        ),
        pytest.param(f"{ESC}]0;pwned\x07hello", "hello", id="osc-title-bel"),
        pytest.param(f"{ESC}]2;pwned{ESC}\\hello", "hello", id="osc-title-st"),
        pytest.param(f"hello{ESC}]0;cut off", "hello", id="osc-unterminated"),
        pytest.param(f"a{ESC}Pq#0;1{ESC}\\b", "ab", id="dcs"),
        pytest.param(f"a{ESC}\x01b", "ab", id="lone-esc"),
        pytest.param(f"ab{ESC}", "ab", id="lone-esc-at-end"),
        pytest.param(f"a{ESC}Mb{ESC}\\c", "abc", id="esc-fe-two-char"),
        pytest.param("a\x85b", "ab", id="c1-nel"),
        pytest.param("a\x9b31mb", "ab", id="c1-8bit-csi"),
        pytest.param("a\x9d0;t\x9cb", "ab", id="c1-8bit-osc"),
        pytest.param("a\x90b\x9fc", "abc", id="c1-other"),
        pytest.param("abc\u202eevil\u202c", "abcevil", id="bidi-override"),
        pytest.param("\u2066a\u2069\u200e\u200f\u061c", "a", id="bidi-isolates-marks"),
        pytest.param("a\u200bb\u2060c\ufeffd", "abcd", id="zero-width"),
        pytest.param("a\x00b\x07c\x08d\x7fe", "abcde", id="c0-and-del"),
        pytest.param("a\x0bb\x0cc", "abc", id="vt-ff"),
    ],
)
def test_clean_text_strips(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "kept",
    [
        pytest.param("line one\nline two", id="newline"),
        pytest.param("a\tb", id="tab"),
        pytest.param("👩\u200d💻 and 👨\u200d👩\u200d👧\u200d👦", id="emoji-zwj"),
        pytest.param("🏳️\u200d🌈 ❤️", id="emoji-variation-selector"),
        pytest.param("深度求索 (DeepSeek) 幻方", id="cjk"),
        pytest.param("ＡＢＣ　全角", id="fullwidth"),
        pytest.param("Svět hardware, naïve café, Привет, مرحبا", id="accents-and-rtl-letters"),
        pytest.param("€ £ ¥ § † — ≥ ×", id="symbols"),
        pytest.param("[bold red]x[/]", id="rich-markup-is-just-text"),
        pytest.param("", id="empty"),
    ],
)
def test_clean_text_keeps(kept: str) -> None:
    assert clean_text(kept) == kept


@pytest.mark.parametrize(
    "raw",
    [f"a{ESC}cb", f"a{ESC}7b", f"a{ESC}8b", f"a{ESC}=b", f"a{ESC}>b"],
    ids=["ris-esc-c", "decsc-esc-7", "decrc-esc-8", "deckpam-esc-eq", "deckpnm-esc-gt"],
)
def test_clean_text_strips_fp_and_fs_escapes_whole(raw: str) -> None:
    assert clean_text(raw) == "ab"


def test_crlf_and_cr_become_lf() -> None:
    assert clean_text("a\r\nb\rc\n") == "a\nb\nc\n"
    assert clean_text("a\r\n\r\nb") == "a\n\nb"


def test_clean_text_of_mixed_hostile_string() -> None:
    hostile = f"\u202e{ESC}[1m{ESC}]8;;http://x{ESC}\\Buy{ESC}]8;;{ESC}\\\u200b now\r\n\x9b2J深度"
    assert clean_text(hostile) == "Buy now\n深度"


_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200c\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)

_hostile_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\x1b\x07\x9b\x9c\x9d\r\n\t[];PX^_\\0123456789mJ?~ @-Z")),
        st.sampled_from(["\u202e", "\u200b", "\u200d", "\ufeff", "\x85", "深", "👩"]),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_hostile_text)
def test_clean_text_leaves_no_controls_and_is_idempotent(raw: str) -> None:
    clean = clean_text(raw)
    assert not _FORBIDDEN.search(clean), repr(clean)
    assert "\r" not in clean
    assert clean_text(clean) == clean
    assert len(clean) <= len(raw)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("line one\nline two", "line one line two"),
        ("a\n\n  b\t\tc\n", "a b c"),
        ("\n  leading and trailing \n", "leading and trailing"),
        ("tab\tonly", "tab only"),
        ("no breaks  here", "no breaks  here"),  # nothing to fold: left as it is
        ("", ""),
    ],
)
def test_one_line(raw: str, folded: str) -> None:
    assert one_line(raw) == folded


@given(st.text(alphabet=st.sampled_from(list("ab \n\t")), max_size=30))
def test_one_line_never_leaves_a_newline_or_tab(raw: str) -> None:
    assert "\n" not in one_line(raw) and "\t" not in one_line(raw)
