"""Every located problem says ``file:line:column``, and the column is where to look.

Editors and terminals jump to ``file:line:column``: a problem about a value points at
the value, one about a key (unknown, missing) at the key or at its table's header.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.core.support import BROKEN
from tui.core.loader import load_file
from tui.core.locate import TomlLocator
from tui.core.problems import Problem, format_problem


def _only_problem(path: Path) -> Problem:
    result = load_file(path, use_cache=False)
    assert isinstance(result, list), f"{path.name} loaded"
    [problem] = result
    return problem


def _at(path: Path, problem: Problem) -> str:
    """The text of ``path`` from the problem's line and column on, to the end of the line."""
    assert problem.line is not None and problem.column is not None, problem
    lines = path.read_bytes().decode("utf-8-sig", errors="replace").splitlines()
    return lines[problem.line - 1][problem.column - 1:]


@pytest.mark.parametrize(
    ("name", "starts_with"),
    [
        ("dangling-ref.toml", '"alise"'),
        ("wrong-kind-ref.toml", '"intro"'),
        ("bad-enum.toml", '"angry"'),
        ("negative-figure.toml", "-700"),
        ("bad-url.toml", '"javascript:'),
        ("duplicate-id.toml", '"lab-cluster"'),
        ("unknown-key.toml", "staus_note ="),  # about the key: at the key
        ("missing-key.toml", "[[gpus]]"),  # a missing key: its table's header
        ("no-provenance.toml", "[[claims]]"),  # the whole item: its header
        ("unknown-top-key.toml", "[[note]]"),  # an unknown array of tables: its header
    ],
)
def test_the_column_points_at_what_the_problem_is_about(name: str, starts_with: str) -> None:
    path = BROKEN / name
    problem = _only_problem(path)
    assert _at(path, problem).startswith(starts_with), (str(problem), _at(path, problem))
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: {problem.item}: ")


def test_invalid_toml_gives_tomllibs_line_and_column() -> None:
    path = BROKEN / "invalid-toml.toml"
    problem = _only_problem(path)
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(path.read_text(encoding="utf-8"))
    assert f"(at line {problem.line}, column {problem.column})" in str(raised.value)
    # the position is in the file:line:column part, not repeated in the message
    assert "column" not in problem.message
    assert str(problem) == f"{path}:{problem.line}:{problem.column}: {problem.message}"


def test_not_utf8_points_at_the_bad_byte() -> None:
    path = BROKEN / "not-utf8.toml"
    problem = _only_problem(path)
    raw = path.read_bytes()
    offset = raw.index(b"\xff")
    line_start = raw.rfind(b"\n", 0, offset) + 1
    assert problem.line == raw.count(b"\n", 0, offset) + 1
    assert problem.column == len(raw[line_start:offset].decode("utf-8")) + 1


def test_a_key_missing_at_the_top_points_at_the_start(tmp_path: Path) -> None:
    path = tmp_path / "no-story.toml"
    path.write_text("# a story file\n\nformat = 1\n", encoding="utf-8")
    problem = _only_problem(path)
    assert problem.item == "story"
    assert (problem.line, problem.column) == (1, 1)


def test_invalid_json_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": 1,\n  "story": \n}\n', encoding="utf-8")
    problem = _only_problem(path)
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads(path.read_text(encoding="utf-8"))
    assert (problem.line, problem.column) == (raised.value.lineno, raised.value.colno)


def test_positions_in_indented_and_nested_tables() -> None:
    text = (
        "[[runs]]\n"
        "id = 'a'\n"
        "  [[runs.stages]]\n"
        "    name = 'pre'\n"
        "    gpu_hours =   12\n"
    )
    locator = TomlLocator(text)
    assert locator.position_of(("runs", 0, "stages", 0)) == (3, 3)
    assert locator.position_of(("runs", 0, "stages", 0, "gpu_hours")) == (5, 5)
    assert locator.position_of(("runs", 0, "stages", 0, "gpu_hours"), value=True) == (5, 19)
    assert locator.position_of(("runs", 0, "stages", 0, "name"), value=True) == (4, 12)
    assert locator.line_of(("runs", 0, "id")) == 2
    assert locator.position_of(("nowhere",)) is None


def test_a_key_with_no_value_on_its_line_points_at_the_key() -> None:
    locator = TomlLocator("[story]\nsummary = \n")
    assert locator.position_of(("story", "summary"), value=True) == (2, 1)


def test_format_problem_with_a_column() -> None:
    root = Path("/seeds")
    problem = Problem(root / "s.toml", "bad", item="claims[3].by", line=7, column=6)
    assert format_problem(problem) == "/seeds/s.toml:7:6: claims[3].by: bad"
    assert format_problem(problem, root) == "s.toml:7:6: claims[3].by: bad"
    assert format_problem(problem._replace(item="")) == "/seeds/s.toml:7:6: bad"
    # a column without a line says nothing
    assert format_problem(problem._replace(line=None)) == "/seeds/s.toml: claims[3].by: bad"


def test_the_readme_validate_example_is_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("## The seed format")[1].split("```toml\n")[1].split("```")[0]
    shown = readme.split("### Validating your own story")[1].split("\n```\n")[2]
    monkeypatch.chdir(tmp_path)
    printed = []
    for edited in (
        example.replace('name = "Acme"\n', 'nmae = "Acme"\n').replace("memory_gb = 80",
                                                                       "memory_gb = -80"),
        example.replace('by = "acme"', 'by = "acm"'),
    ):
        Path("my-story.toml").write_text(edited, encoding="utf-8")
        result = load_file(Path("my-story.toml"), use_cache=False)
        assert isinstance(result, list)
        count = len(result)
        printed += [str(p) for p in result]
        printed.append(f"{count} problem{'s' * (count != 1)} in 1 file")
        printed.append("")
    assert "\n".join(printed).strip() == shown.strip()
