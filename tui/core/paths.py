"""Where the bundled seeds and themes are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled(name: str) -> Path:
    """The bundled ``seeds`` or ``themes`` folder.

    A wheel carries them inside the package (``tui/_bundled/``); a source checkout or
    an editable install has them at the top of the repository.
    """
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def default_seeds() -> Path:
    """The folder of stories that ships with the tool."""
    return bundled("seeds")


ENV_CONFIG_DIR = "DEEPSEEK_TUI_CONFIG_DIR"


def config_dir() -> Path:
    """Where the config file and user themes live (``DEEPSEEK_TUI_CONFIG_DIR`` overrides)."""
    import os

    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("deepseek-tui", appauthor=False)


def config_path() -> Path:
    return config_dir() / "config.toml"
