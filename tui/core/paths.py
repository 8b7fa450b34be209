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
