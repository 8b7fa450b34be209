"""``python -m tui``: the same as the ``deepseek-tui`` command."""

import sys

from tui.cli import main

if __name__ == "__main__":  # not when a pool process imports it as its parent's main
    sys.exit(main())
