"""The story cache: hits skip TOML and pydantic, any edit misses, bad entries are ignored."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import NamedTuple

import pytest

from tui.core import cache
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.paths import default_seeds

SEED = default_seeds() / "deepseek-r1.toml"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "story.toml"
    shutil.copy(SEED, target)
    return target


def _entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("story-*.json"))


def test_first_load_writes_an_entry_and_the_second_reads_it(tmp_path: Path) -> None:
    seed = _copy(tmp_path)
    first = load_file(seed)
    assert isinstance(first, Corpus) and len(_entries()) == 1
    second = load_file(seed)
    assert isinstance(second, Corpus)
    assert second.claims == first.claims and second.gpus == first.gpus
    assert second.story == first.story and len(second) == len(first)


def test_an_edited_seed_misses_the_cache(tmp_path: Path) -> None:
    seed = _copy(tmp_path)
    assert isinstance(load_file(seed), Corpus)
    text = seed.read_text(encoding="utf-8")
    edited = text.replace("bf16_dense_tflops = 312", "bf16_dense_tflops = 313", 1)
    assert edited != text
    seed.write_text(edited, encoding="utf-8")
    corpus = load_file(seed)
    assert isinstance(corpus, Corpus)
    assert corpus.get("a100-sxm-80").bf16_dense_tflops == 313  # type: ignore[union-attr]
    assert len(_entries()) == 2


def test_a_broken_edit_is_reported_not_served_from_the_cache(tmp_path: Path) -> None:
    seed = _copy(tmp_path)
    assert isinstance(load_file(seed), Corpus)
    seed.write_text(seed.read_text(encoding="utf-8").replace('by = "wang"', 'by = "wnag"', 1),
                    encoding="utf-8")
    problems = load_file(seed)
    assert isinstance(problems, list)
    assert any("did you mean 'wang'" in p.message for p in problems)


@pytest.mark.parametrize("garbage", [b"", b"not json", b'{"format": 1}', b"[1, 2]",
                                     b'{"format": 1, "key": "x", "story": {}}'])
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, garbage: bytes) -> None:
    seed = _copy(tmp_path)
    assert isinstance(load_file(seed), Corpus)
    (entry,) = _entries()
    entry.write_bytes(garbage)
    corpus = load_file(seed)
    assert isinstance(corpus, Corpus) and len(corpus.claims) == 14
    assert json.loads(entry.read_bytes())["format"] == cache.CACHE_FORMAT


def test_an_entry_with_a_wrong_shape_is_ignored(tmp_path: Path) -> None:
    seed = _copy(tmp_path)
    assert isinstance(load_file(seed), Corpus)
    (entry,) = _entries()
    data = json.loads(entry.read_bytes())
    data["story"]["claims"][0]["status"] = "certainly-true"
    entry.write_text(json.dumps(data), encoding="utf-8")
    corpus = load_file(seed)
    assert isinstance(corpus, Corpus) and corpus.claims[0].status.value != "certainly-true"


def test_a_cache_hit_needs_neither_tomllib_parsing_nor_pydantic(tmp_path: Path) -> None:
    seed = _copy(tmp_path)
    assert isinstance(load_file(seed), Corpus)
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tui.core.loader import load_file
        corpus = load_file(Path({str(seed)!r}))
        assert len(corpus.claims) == 14, corpus
        print(sorted(m for m in sys.modules if m.startswith(("pydantic", "tui.core.schema"))))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env=dict(os.environ)).stdout.strip()
    assert out == "[]"


def test_the_ui_starts_without_importing_pydantic() -> None:
    script = ("import sys, tui.cli, tui.ui.app; "
              "print([m for m in sys.modules if m.startswith('pydantic')])")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


# --------------------------------------------------------------------------- theme TOML


def test_theme_and_config_files_are_read_as_toml_with_or_without_a_bom(tmp_path: Path) -> None:
    from tui.ui.theming import read_toml

    path = tmp_path / "theme.toml"
    path.write_text('\ufeffname = "x"\ndark = true\n[variables]\nstance-neutral = "#ffffff"\n')
    assert read_toml(path) == {"name": "x", "dark": True,
                               "variables": {"stance-neutral": "#ffffff"}}
    path.write_text("when = 2025-01-27\n")
    assert str(read_toml(path)["when"]) == "2025-01-27"


def test_theme_toml_errors_are_raised_as_reading_and_parsing_raise(tmp_path: Path) -> None:
    import tomllib

    from tui.ui.theming import read_toml

    path = tmp_path / "bad.toml"
    path.write_text("name = \n")
    with pytest.raises(tomllib.TOMLDecodeError):
        read_toml(path)
    path.write_bytes(b"name = '\xff'\n")
    with pytest.raises(UnicodeDecodeError):
        read_toml(path)
    with pytest.raises(OSError):
        read_toml(tmp_path / "missing.toml")


class _Pair(NamedTuple):  # this module postpones annotations: they are strings here
    name: str
    count: int | None = None


def test_decoders_read_postponed_annotations_too() -> None:
    from tui.core.codec import _decoder_for

    decode = _decoder_for(_Pair)
    assert decode({"name": "a", "count": None}) == _Pair("a", None)
    assert decode({"name": "b", "count": 2}) == _Pair("b", 2)
    with pytest.raises(TypeError):
        decode({"name": 1, "count": None})
