"""deepseek-tui: a terminal dashboard for one disputed tech story."""

__version__ = "0.1.0"
