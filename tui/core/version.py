"""The tool's version: shown by ``--version`` and part of every cache key.

It lives in core because the cache (``tui.core.cache``) keys on it and core imports
nothing from the layers above it; ``tui.__version__`` is this same string.
"""

__version__ = "0.1.0"
