"""``python -m tui``: the same as the ``deepseek-tui`` command."""

import sys

from tui.cli import main

sys.exit(main())
