"""The command line, run in-process: validate, summary, --version; and once as ``python -m tui``."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.core.support import ANSI, BROKEN, MIXED, ROOT, SECOND_STORY, SEEDS, minimal_text
from tui import __version__
from tui.cli import EXIT_BAD_INPUT, EXIT_OK, main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _bundled_story_ids() -> set[str]:
    return {
        tomllib.loads(path.read_text(encoding="utf-8"))["story"]["id"]
        for path in SEEDS.iterdir()
        if path.suffix in (".toml", ".json")
    }


# --------------------------------------------------------------------------- validate


def test_validate_bundled_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "validate")
    assert code == EXIT_OK == 0
    assert err == ""
    lines = out.splitlines()
    assert all(line.startswith("ok: ") for line in lines)
    assert {line.split(": ")[1] for line in lines} == _bundled_story_ids()
    assert "ok: deepseek-r1: 14 claims, 11 reactions, 8 GPUs, 5 fleets" in out


def test_validate_explicit_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "validate", str(SECOND_STORY))
    assert code == 0
    assert out.splitlines() == [
        "ok: minimal: 2 claims, 2 reactions, 2 GPUs, 1 fleet, 1 event, 1 note",
        "ok: test-story: 1 claim, 1 reaction, 0 GPUs, 0 fleets, 0 events, 0 notes",
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.iterdir() if p.suffix == ".toml"))
def test_validate_broken_file(capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = BROKEN / name
    code, out, err = _run(capsys, "validate", str(path))
    assert code == EXIT_BAD_INPUT == 2
    assert out == ""  # no ok line
    assert "Traceback" not in out + err
    problems = [line for line in err.splitlines() if line.startswith(str(path))]
    assert problems, err
    count = len(problems)
    assert err.splitlines()[-1] == f"{count} problem{'s' * (count != 1)} in 1 file"


def test_validate_mixed_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "validate", str(MIXED))
    assert code == 2
    assert out.startswith("ok: mixed-good: ")
    assert str(MIXED / "broken.toml") in err
    assert "did you mean 'alice'?" in err
    assert "good.toml" not in err
    assert err.splitlines()[-1] == "1 problem in 1 file"


def test_validate_several_paths_counts_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(
        capsys, "validate", str(BROKEN / "reply-loop.toml"), str(BROKEN / "empty.toml")
    )
    assert code == 2
    assert err.splitlines()[-1] == "3 problems in 2 files"


def test_validate_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    code, out, err = _run(capsys, "validate", str(missing))
    assert code == 2
    assert out == ""
    assert f"{missing}: no such file or folder" in err


# --------------------------------------------------------------------------- summary


def test_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "summary")
    assert code == 0
    assert err == ""
    for text in ("Claims", "Reactions", "Claimed fleets", "GPUs (datasheet, dense)"):
        assert text in out
    assert "Lmao, no" in out
    assert "“Obviously”" in out
    assert "H100 SXM5" in out and "989.4" in out and "2,039" in out
    assert not ANSI.search(out), "escape codes in piped output"


def test_summary_story_choice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "summary", "--seeds", str(SECOND_STORY), "--story", "test-story")
    assert code == 0
    assert "Test story: a second dispute" in out
    assert "Not so fast" in out
    # the global --seeds works too
    code, out, _ = _run(capsys, "--seeds", str(SECOND_STORY), "summary")
    assert code == 0
    assert "Test story: a minimal valid seed" in out  # the first story by default


def test_summary_unknown_story(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "summary", "--seeds", str(SECOND_STORY), "--story", "nope")
    assert code == 2
    assert out == ""
    assert err.strip() == "no story 'nope'; stories: minimal, test-story"


def test_summary_of_broken_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "summary", "--seeds", str(BROKEN / "dangling-ref.toml"))
    assert code == 2
    assert out == ""
    assert "alise" in err and "Traceback" not in err


def test_summary_of_mixed_folder_prints_the_good_story_and_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "summary", "--seeds", str(MIXED))
    assert code == 2
    assert "Claims" in out
    assert "broken.toml" in err


def test_summary_prints_markup_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = minimal_text()
    for old, new in [
        ('short = "The lab trained its model on 100 X1 cards"', 'short = "[bold red]x[/]"'),
        ('quote = "No way"', 'quote = "[blink]no[/]"'),
        ('name = "Bob Example"', 'name = "[i]Bob[/]"'),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    seed = tmp_path / "markup.toml"
    seed.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, "summary", "--seeds", str(seed))
    assert (code, err) == (0, "")
    assert "[bold red]x[/]" in out
    assert "“[blink]no[/]”" in out
    assert "[i]Bob[/]" in out
    assert not ANSI.search(out)


def test_summary_strips_escapes_from_seed_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = minimal_text().replace(
        'short = "The lab trained its model on 100 X1 cards"',
        r'short = "\u001b[2J\u001b]0;pwned\u0007cleared"',
    )
    seed = tmp_path / "escapes.toml"
    seed.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, "summary", "--seeds", str(seed))
    assert code == 0
    assert "cleared" in out and "pwned" not in out
    assert not ANSI.search(out)


# --------------------------------------------------------------------------- version and help


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    assert out.strip() == f"deepseek-tui {__version__}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert __version__ == project["version"]


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, None, None, False, None)),
        (["--theme", "deepseek-light"], (None, "deepseek-light", None, False, None)),
        (["--seeds", "x.toml", "--data-dir", "d"],
         (Path("x.toml"), None, Path("d"), False, None)),
        (["--seeds", "x.toml", "--watch"], (Path("x.toml"), None, None, True, None)),
        (["--seeds", "archive", "--story", "archive-0007"],
         (Path("archive"), None, None, False, "archive-0007")),
    ],
)
def test_what_launches_the_dashboard(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: tuple[object, ...]
) -> None:
    import tui.cli

    launched: list[tuple[object, ...]] = []

    def run(seeds: Path | None, theme: str | None, data_dir: Path | None = None,
            watch: bool = False, story: str | None = None) -> int:
        launched.append((seeds, theme, data_dir, watch, story))
        return EXIT_OK

    monkeypatch.setattr(tui.cli, "cmd_run", run)
    monkeypatch.setattr(sys, "argv", ["deepseek-tui", *argv])
    assert main() == EXIT_OK  # the arguments come from sys.argv
    assert main(argv) == EXIT_OK
    assert launched == [expected, expected]


def test_a_bare_launch_does_not_import_argparse() -> None:
    code = (
        "import sys, tui.cli\n"
        "tui.cli.cmd_run = lambda *args: print(args) or 0\n"
        "sys.argv = ['deepseek-tui']\n"
        "code = tui.cli.main()\n"
        "print('argparse' in sys.modules, code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.splitlines() == ["(None, None)", "False 0"]


# --------------------------------------------------------------------------- as a process


def test_python_m_tui_validate() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: deepseek-r1: ")
    assert done.stderr == ""


def test_python_m_tui_validate_broken() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "validate", str(BROKEN / "not-utf8.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not UTF-8 text: byte 0xff" in done.stderr
    assert "Traceback" not in done.stderr
