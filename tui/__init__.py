"""deepseek-tui: a terminal dashboard for one disputed tech story."""

from tui.core.version import __version__

__all__ = ["__version__"]
