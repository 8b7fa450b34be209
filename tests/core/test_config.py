"""The user config file: defaults when missing, problems (never a crash) when broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.config import ENV_CONFIG_DIR, Config, config_dir, config_path, load_config


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "config.toml")
    assert config == Config()
    assert config.theme is None and config.keymap == {}
    assert problems == []


def test_config_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_CONFIG_DIR, str(tmp_path))
    assert config_dir() == tmp_path
    assert config_path() == tmp_path / "config.toml"
    _write(tmp_path / "config.toml", 'theme = "nord"\n')
    config, problems = load_config()
    assert (config.theme, problems) == ("nord", [])


def test_valid_theme_and_keymap(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "config.toml",
        'theme = "textual-dark"\n\n[keymap]\n"dashboard.search" = "slash, ctrl+f"\n'
        '"app.quit" = "q"\n',
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.theme == "textual-dark"
    assert config.keymap == {"dashboard.search": "slash,ctrl+f", "app.quit": "q"}


def test_bom_and_crlf_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'\xef\xbb\xbftheme = "nord"\r\n[keymap]\r\n"a.b" = "x"\r\n')
    config, problems = load_config(path)
    assert problems == []
    assert (config.theme, config.keymap) == ("nord", {"a.b": "x"})


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", 'theme = "unterminated\n')
    config, problems = load_config(path)
    assert config == Config()
    [problem] = problems
    assert problem.file == path
    assert problem.message.startswith("invalid TOML: ")
    assert str(problem).startswith(str(path))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff"\n')
    config, problems = load_config(path)
    assert config == Config()
    assert [(p.file, p.message) for p in problems] == [(path, "not UTF-8 text")]


def test_unknown_key_is_a_problem(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", 'theme = "nord"\nthem = "x"\n')
    config, problems = load_config(path)
    assert config == Config()  # the whole file is rejected, defaults are used
    [problem] = problems
    assert problem.file == path
    assert problem.item == "them"
    assert "Extra inputs are not permitted" in problem.message


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("theme = 5\n", "theme"),
        (f'theme = "{"x" * 81}"\n', "theme"),
        ('keymap = "q"\n', "keymap"),
        ('[keymap]\n"app.quit" = 1\n', "keymap.app.quit"),
        ('[keymap]\n"app.quit" = "ctrl+q; rm -rf"\n', "keymap"),
        ('[keymap]\n"app.quit" = ""\n', "keymap"),
        ('[keymap]\n"app.quit" = "a,,b"\n', "keymap"),
    ],
)
def test_bad_values_are_problems(tmp_path: Path, text: str, item: str) -> None:
    path = _write(tmp_path / "config.toml", text)
    config, problems = load_config(path)
    assert config == Config()
    assert [p.item for p in problems] == [item]
    assert all(p.file == path and p.message for p in problems)


def test_unreadable_path_is_a_problem(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path)  # a folder, not a file
    assert config == Config()
    [problem] = problems
    assert problem.file == tmp_path
    assert problem.message.startswith("cannot read the file")


def test_deeply_nested_config_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", "theme = " + "[" * 2000 + "]" * 2000 + "\n")
    config, problems = load_config(path)
    assert config == Config()
    [problem] = problems
    assert problem.file == path
