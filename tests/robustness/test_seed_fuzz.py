"""Whatever is in a seed file, ``validate`` and the app give a story or a clean error.

Bytes, BOMs, CRLF, huge strings and deep nesting, through the real CLI entry point and
the real app: exit code 0 or 2, a message naming the file, never a traceback or a hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.ui.helpers import make_app
from tui.cli import main

MINIMAL = (DATA / "good" / "minimal.toml").read_bytes()
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(raw)
    code, output = _validate(path, capsys)
    assert code == 2 or (code == 0 and "ok:" in output)
    assert "Traceback" not in output
    if code == 2:
        assert str(path) in output


@SETTINGS
@given(st.integers(0, len(MINIMAL) - 1), st.binary(min_size=1, max_size=40))
def test_spliced_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], at: int, junk: bytes
) -> None:
    path = tmp_path / "spliced.toml"
    path.write_bytes(MINIMAL[:at] + junk + MINIMAL[at:])
    code, output = _validate(path, capsys)
    assert code in (0, 2) and "Traceback" not in output


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("bom-crlf", b"\xef\xbb\xbf" + MINIMAL.replace(b"\n", b"\r\n")),
        ("huge-string", MINIMAL.replace(b'title = "Introduction"',
                                        b'title = "' + b"x" * 5_000_000 + b'"')),
        ("deep-array", b"format = " + b"[" * 50_000 + b"]" * 50_000 + b"\n"),
        ("deep-tables", b"".join(b"[a" + b".a" * 2000 + b"]\n" for _ in range(3))),
        ("nul-bytes", MINIMAL.replace(b"Introduction", b"Intro\x00duction")),
        ("utf16", MINIMAL.decode().encode("utf-16")),
        ("lone-cr", MINIMAL.replace(b"\n", b"\r")),
    ],
)
def test_hostile_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, raw: bytes
) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_bytes(raw)
    code, output = _validate(path, capsys)
    assert "Traceback" not in output
    if name == "bom-crlf":
        assert code == 0, output
    else:
        assert code == 2 and str(path) in output, output


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe\x00", b"format = [[[", MINIMAL[:300]])
async def test_the_app_exits_2_on_a_broken_seed(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(raw)
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.loaded:
                break
            await pilot.pause(0.02)
    assert app.return_code == 2 and app.problems and app.problems[0].file == path
