"""Find the line of an item path in a TOML seed file, without a second parser.

``tomllib`` keeps no positions, so this scans the text for table headers
(``[story]``, ``[[claims]]``, nested ``[[runs.stages]]``) and ``key =`` lines. It is
right for seed files written one key per line, which is how seeds are written, and says
nothing (``None``) when it cannot tell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"'-]+)\s*=")


class TomlLocator:
    """Maps ``("claims", 3, "by")`` to a 1-based line number."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        # (line index, table name, is array item)
        self._headers: list[tuple[int, str, bool]] = []
        for index, line in enumerate(self._lines):
            if "[" not in line:
                continue
            match = _HEADER.match(line)
            if match:
                name = match.group(2).strip().strip("\"'")
                self._headers.append((index, name, match.group(1) == "[["))

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line the item path points at, or ``None``."""
        if not loc or not isinstance(loc[0], str):
            return None
        head = loc[0]
        if len(loc) >= 2 and isinstance(loc[1], int):
            return self._in_array(head, loc[1], loc[2:])
        start = self._table_start(head)
        if start is None:
            return self._find_key(-1, head)
        if len(loc) >= 2 and isinstance(loc[1], str):
            return self._find_key(start, loc[1]) or start + 1
        return start + 1

    def _table_start(self, name: str) -> int | None:
        for index, header, is_array in self._headers:
            if header == name and not is_array:
                return index
        return None

    def _in_array(
        self, name: str, position: int, rest: Sequence[str | int], after: int = -1
    ) -> int | None:
        """The line of ``rest`` in the ``position``-th ``[[name]]`` item after header ``after``.

        A nested array of tables (``[[runs.stages]]`` under ``[[runs]]``) is searched
        within its parent item: the headers up to the parent's next sibling.
        """
        parent = name.rpartition(".")[0]
        seen = -1
        for number in range(after + 1, len(self._headers)):
            index, header, is_array = self._headers[number]
            if parent and not header.startswith(parent + "."):
                return None  # past the end of the parent item
            if header != name or not is_array:
                continue
            seen += 1
            if seen != position:
                continue
            if len(rest) >= 2 and isinstance(rest[0], str) and isinstance(rest[1], int):
                nested = self._in_array(f"{name}.{rest[0]}", rest[1], rest[2:], number)
                if nested is not None:
                    return nested
            if rest and isinstance(rest[0], str):
                return self._find_key(index, rest[0]) or index + 1
            return index + 1
        return None

    def _find_key(self, header_index: int, key: str) -> int | None:
        """The first ``key =`` line after ``header_index`` and before the next header."""
        for index in range(header_index + 1, len(self._lines)):
            line = self._lines[index]
            if _HEADER.match(line):
                return None
            match = _KEY.match(line)
            if match and match.group(1).strip("\"'") == key:
                return index + 1
        return None
