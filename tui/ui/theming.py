"""Turning theme files into Textual themes, fast for the first frame and checked after.

The first frame uses ``quick_theme``: the chosen file read as TOML and handed to
Textual, with no pydantic import on the start-up path. The settings worker then
validates every theme file (``tui.core.themes``); a broken file is reported and, if
it was the one in use, the app falls back to the default theme.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme

from tui.core.paths import bundled, config_dir, config_path

DEFAULT_THEME = "deepseek-dark"
FALLBACK_THEME = "textual-dark"
_FIELDS = ("name", "primary", "secondary", "warning", "error", "success", "accent",
           "foreground", "background", "surface", "panel", "boost", "dark")


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's data (a BOM is allowed). Raises ``OSError`` or ``ValueError`` (bad
    UTF-8, bad TOML)."""
    return tomllib.loads(path.read_bytes().decode("utf-8-sig"))


def theme_file_for(name: str) -> Path | None:
    """The file a theme name most likely lives in (user folder first)."""
    for folder in (config_dir() / "themes", bundled("themes")):
        candidate = folder / f"{name}.toml"
        if candidate.is_file():
            return candidate
    return None


def quick_theme(name: str) -> Theme | None:
    """A Textual theme for ``name`` without validation beyond Textual's own; ``None`` if unsure."""
    if name in BUILTIN_THEMES:
        return BUILTIN_THEMES[name]
    path = theme_file_for(name)
    if path is None:
        return None
    try:
        data = read_toml(path)
        variables = data.get("variables", {})
        if data.get("name") != name or not isinstance(variables, dict):
            return None
        fields = {key: data[key] for key in _FIELDS if key in data}
        for key, value in [*fields.items(), *variables.items()]:
            if key not in ("name", "dark"):
                Color.parse(value)
        return Theme(**fields, variables={str(k): str(v) for k, v in variables.items()})
    except Exception:  # any doubt: the worker will validate and report it properly
        return None


def configured_theme() -> str | None:
    """The ``theme = "…"`` of the config file, read without validation, or ``None``."""
    try:
        value = read_toml(config_path()).get("theme")
    except (OSError, ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return None
    return value if isinstance(value, str) else None
