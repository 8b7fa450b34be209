"""The compiled TOML parser (``rtoml``) gives exactly what ``tomllib`` gives.

Seeds are parsed with ``rtoml`` for speed (``tui/core/files.py``) and with ``tomllib``
whenever ``rtoml`` refuses a file. These tests hold that the two agree, value for value
and type for type, on every seed and fixture and on the TOML the seed format can hold,
and that a file ``rtoml`` refuses gets ``tomllib``'s verdict, in the project's words.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tui.core.files import Document, parse_toml, parse_toml_reference
from tui.core.problems import Problem

ROOT = Path(__file__).resolve().parents[2]
TOML_FILES = sorted([*ROOT.joinpath("seeds").glob("*.toml"),
                     *ROOT.joinpath("tests", "data").rglob("*.toml")])


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b) and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, dt.datetime | dt.time):
        return a == b and a.utcoffset() == b.utcoffset()
    return bool(a == b)


def test_there_are_files_to_compare() -> None:
    assert len(TOML_FILES) >= 20
    assert any(path.parent.name == "seeds" for path in TOML_FILES)


@pytest.mark.parametrize("path", TOML_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_seed_and_fixture_parses_the_same(path: Path) -> None:
    raw = path.read_bytes()
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    fast = parse_toml(path, text)
    reference = parse_toml_reference(path, text)
    if isinstance(reference, Problem):
        assert fast == reference  # the same located message, from tomllib
    else:
        assert isinstance(fast, Document)
        assert same(fast.data, reference.data)


SNIPPETS = [
    'a = "plain"\nb = \'literal \\n\'\nc = """\nmulti\\\n   line"""\nd = \'\'\'raw\nlines\'\'\'',
    'a = "\\u00e9\\U0001F600 \\t\\" \\\\"\nb = "tab\there"',
    "a = 1\nb = -0\nc = +17\nd = 1_000_000\ne = 0xff\nf = 0o17\ng = 0b101\n"
    "h = 9223372036854775807\ni = -9223372036854775808",
    "a = 1.5\nb = -0.0\nc = 1e300\nd = 6.626e-34\ne = inf\nf = -inf\ng = nan\nh = 3_141.592_6",
    "a = true\nb = false",
    "a = 2025-01-27\nb = 07:32:00\nc = 07:32:00.999999\nd = 1979-05-27T07:32:00\n"
    "e = 1979-05-27T07:32:00Z\nf = 1979-05-27T07:32:00-08:00\ng = 1979-05-27 07:32:00+05:30",
    'date = { date = 2025-01-27, precision = "day", note = "x" }\n'
    'parts = [ { gpu = "h800", count = 2048 }, { gpu = "h100", count = 1 } ]',
    '[story]\nid = "x"\n[[claims]]\nid = "a"\ngpus = ["b", "c",]\n[[claims]]\nid = "d"\n'
    '[[runs]]\nid = "r"\n[[runs.stages]]\nkind = "pre-training"\n[[runs.stages]]\nkind = "rl"',
    'a.b.c = 1\na.d = 2\n"quoted key" = 3\n\'lit\' = 4\n[x.y]\nz = []\n[x]\nw = [[1, 2], ["a"]]',
    "# only a comment\n\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_what_seeds_can_hold_parses_the_same(tmp_path: Path, text: str) -> None:
    fast = parse_toml(tmp_path / "x.toml", text)
    assert isinstance(fast, Document)
    assert same(fast.data, tomllib.loads(text))


@pytest.mark.parametrize("text", [
    'a = "\\u0000\\uD800"',  # a surrogate: both refuse
    "a = 1\na = 2",
    "[t]\n[t]",
    "a = 0x_ff",
    "a = [1, 2",
    "a = " + "[" * 5000,
    'title = "unterminated',
])
def test_a_file_rtoml_refuses_gets_tomllibs_located_message(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    fast = parse_toml(path, text)
    assert isinstance(fast, Problem)
    assert fast == parse_toml_reference(path, text)
    assert "invalid TOML" in fast.message
