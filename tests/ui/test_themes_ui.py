"""Themes in the app: the flag, the key, the config file, broken files, NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet

from tests.ui.helpers import loaded, make_app
from tui.cli import main
from tui.core.config import config_path, load_config
from tui.core.themes import load_all_themes

BUNDLED = [t.theme.name for t in load_all_themes()[0] if t.origin == "bundled"]


@pytest.mark.parametrize("name", BUNDLED)
async def test_each_bundled_theme_is_applied(name: str) -> None:
    app = make_app(theme=name)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.theme == name
        assert app.current_theme.variables["stance-skeptical"].startswith("#")


@pytest.mark.parametrize("name", [*BUNDLED, "textual-light"])
async def test_the_app_starts_in_its_theme_without_restyling(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[int] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = make_app(theme=name)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        theme = app.current_theme
        assert theme.name == name
        assert screen.styles.background == Color.parse(theme.background or "")
        dark = theme.dark
        assert app.has_class(f"-theme-{name}") and not app.has_class("-theme-textual-dark")
        assert app.has_class("-dark-mode") is dark and app.has_class("-light-mode") is not dark
    assert reparsed == []


async def test_shift_t_cycles_themes_and_remembers_the_choice() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        first = app.theme
        await pilot.press("T")
        await pilot.pause()
        assert app.theme != first
        assert app.theme == app.theme_order[(app.theme_order.index(first) + 1)
                                            % len(app.theme_order)]
        config, problems = load_config()
        assert not problems and config.theme == app.theme


async def test_starting_does_not_rewrite_the_config() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.pause()
    assert not config_path().exists()


async def test_config_theme_is_used_without_a_flag() -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('theme = "deepseek-light"\n', encoding="utf-8")
    from tui.ui.app import create_app

    app = create_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.theme == "deepseek-light"


async def test_a_broken_user_theme_is_reported_and_the_default_used() -> None:
    themes = config_path().parent / "themes"
    themes.mkdir(parents=True, exist_ok=True)
    (themes / "mine.toml").write_text('name = "mine"\ndark = true\nprimary = "#zzzzzz"\n')
    app = make_app(theme="mine")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("mine.toml" in m for m in messages)
        assert any("not available" in m for m in messages)
        assert app.theme == "deepseek-dark"
        assert "mine" not in app.available_themes


def test_cli_unknown_theme_exits_2_before_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--theme", "deepseek-lihgt"]) == 2
    err = capsys.readouterr().err
    assert "unknown theme 'deepseek-lihgt' (did you mean 'deepseek-light'?)" in err


def test_cli_lists_themes_with_their_origin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1] for line in out}
    assert {rows[name] for name in BUNDLED} == {"bundled"}
    assert rows["textual-dark"] == "built-in"


def test_cli_themes_reports_a_broken_user_theme(capsys: pytest.CaptureFixture[str]) -> None:
    themes = config_path().parent / "themes"
    themes.mkdir(parents=True, exist_ok=True)
    (themes / "bad.toml").write_text("name = [")
    assert main(["themes"]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_user_themes_folder_is_under_the_config_dir(tmp_path: Path) -> None:
    from tui.core.themes import user_themes_dir

    assert user_themes_dir() == config_path().parent / "themes"
