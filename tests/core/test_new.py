"""``deepseek-tui new``: a skeleton that validates and opens, its schema beside it,
vocabularies read from the schema, and no file ever overwritten."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from tui.cli import EXIT_BAD_INPUT, EXIT_OK, main
from tui.core.corpus import Corpus
from tui.core.export import seed_json_schema
from tui.core.kinds import ENTITY_LISTS
from tui.core.loader import load_file
from tui.core.seeds import load
from tui.core.skeleton import (
    EXAMPLES,
    MEANING,
    VOCABULARIES,
    enum_values,
    story_id_of,
    uncommented,
)

SCHEMA = json.loads(seed_json_schema())


def _new(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["new", str(path)])
    return code, capsys.readouterr().err


def test_new_then_validate_pass(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    story = tmp_path / "stargate.toml"
    code, err = _new(capsys, story)
    assert code == EXIT_OK, err
    assert f"wrote {story}" in err and "--watch" in err
    assert main(["validate", str(story)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.startswith("ok: stargate: ") and err == ""


def test_the_skeleton_loads_into_a_corpus(tmp_path: Path) -> None:
    story = tmp_path / "Stargate 2025.toml"
    assert main(["new", str(story)]) == EXIT_OK
    corpus = load_file(story, use_cache=False)
    assert isinstance(corpus, Corpus), corpus
    assert corpus.story.id == "stargate-2025" and corpus.story.title == "Stargate 2025"


def test_the_first_line_points_at_the_schema_written_beside_it(tmp_path: Path) -> None:
    story = tmp_path / "mine.toml"
    assert main(["new", str(story)]) == EXIT_OK
    assert story.read_text(encoding="utf-8").splitlines()[0] == "#:schema ./mine.schema.json"
    schema = tmp_path / "mine.schema.json"
    assert schema.read_text(encoding="utf-8") == seed_json_schema()
    # a folder with the story and its schema holds one story: the schema is not one
    result = load([tmp_path], use_cache=False)
    assert result.problems == () and [c.story.id for c in result.stories] == ["mine"]


def test_a_second_new_exits_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    story = tmp_path / "s.toml"
    assert _new(capsys, story)[0] == EXIT_OK
    story.write_text(story.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = story.read_bytes()
    code, err = _new(capsys, story)
    assert code == EXIT_BAD_INPUT
    assert f"{story}: exists; not overwritten" in err
    assert story.read_bytes() == before


def test_an_existing_schema_file_is_not_overwritten_either(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    schema = tmp_path / "s.schema.json"
    schema.write_text("{}", encoding="utf-8")
    code, err = _new(capsys, tmp_path / "s.toml")
    assert code == EXIT_BAD_INPUT
    assert f"{schema}: exists; not overwritten" in err
    assert schema.read_text(encoding="utf-8") == "{}"
    assert not (tmp_path / "s.toml").exists()  # nothing half-written


def test_names_and_places_new_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert _new(capsys, tmp_path / "x.json")[0] == EXIT_BAD_INPUT
    code, err = _new(capsys, tmp_path / "nowhere" / "x.toml")
    assert code == EXIT_BAD_INPUT and "no such folder" in err
    (tmp_path / "d.toml").mkdir()
    code, err = _new(capsys, tmp_path / "d.toml")
    assert code == EXIT_BAD_INPUT and "is a folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.toml"]  # no temporary left


def test_a_name_without_a_suffix_gets_toml(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "plain")]) == EXIT_OK
    assert (tmp_path / "plain.toml").is_file() and (tmp_path / "plain.schema.json").is_file()


def test_story_ids_from_file_names() -> None:
    assert story_id_of(Path("Stargate 2025.toml")) == "stargate-2025"
    assert story_id_of(Path("_.toml")) == "my-story"
    assert story_id_of(Path("Ünï.toml")) == "n"


def _skeleton(tmp_path: Path) -> str:
    story = tmp_path / "full.toml"
    assert main(["new", str(story)]) == EXIT_OK
    return story.read_text(encoding="utf-8")


def test_uncommented_the_examples_are_a_valid_story_with_every_kind_of_record(
    tmp_path: Path,
) -> None:
    full = tmp_path / "uncommented.toml"
    full.write_text(uncommented(_skeleton(tmp_path)), encoding="utf-8")
    corpus = load_file(full, use_cache=False)
    assert isinstance(corpus, Corpus), [str(p) for p in corpus]
    data = tomllib.loads(full.read_text(encoding="utf-8"))
    kinds = [name for name in SCHEMA["properties"] if SCHEMA["properties"][name].get("type")
             == "array"]
    assert set(kinds) >= set(ENTITY_LISTS)
    assert [name for name, _ in EXAMPLES] == kinds  # every kind, in the schema's order
    for name in kinds:
        assert data.get(name), f"no example of {name}"
    assert data["runs"][0]["stages"], "no example of a run's stage"


def test_every_enum_field_lists_exactly_the_schemas_values(tmp_path: Path) -> None:
    text = _skeleton(tmp_path)
    annotated = re.findall(r"^# (\w+) = .*# one of: (.+)$", text, flags=re.M)
    assert len(annotated) >= 15
    fields = {
        field
        for definition in SCHEMA["$defs"].values()
        for field in definition.get("properties", {})
        if any(enum_values(SCHEMA, name, field) for name in SCHEMA["$defs"]
               if "properties" in SCHEMA["$defs"][name])
    }
    for key, values in annotated:
        assert key in fields
        allowed = [v for name in SCHEMA["$defs"] if "properties" in SCHEMA["$defs"][name]
                   for v in [enum_values(SCHEMA, name, key)] if v]
        assert values.split(" | ") in allowed, (key, values)
    # every example line setting an enum field carries its vocabulary
    for line in text.splitlines():
        match = re.match(r"^# (status|stance|kind|precision|form_factor|export_status) = ",
                         line)
        if match:
            assert "# one of: " in line, line


def test_the_vocabularies_at_the_top_come_from_the_schema(tmp_path: Path) -> None:
    text = _skeleton(tmp_path)
    header = text.split("\nformat = 1\n")[0]
    for _, where in VOCABULARIES:
        model, _, field = where.partition(".")
        values = enum_values(SCHEMA, model, field)
        assert values
        for value in values:
            assert value in MEANING, f"{where}: '{value}' has no meaning in MEANING"
            assert re.search(rf"^##\s+{re.escape(value)}\s+{re.escape(MEANING[value])}$",
                             header, flags=re.M), value
    for value in enum_values(SCHEMA, "When", "precision") or []:
        assert value in header
