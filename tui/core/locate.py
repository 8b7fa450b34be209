"""Find the line and column of an item path in a TOML seed file, without a second parser.

``tomllib`` keeps no positions, so this scans the text for table headers
(``[story]``, ``[[claims]]``, nested ``[[runs.stages]]``) and ``key =`` lines. It is
right for seed files written one key per line, which is how seeds are written, and says
nothing (``None``) when it cannot tell. A position is 1-based (line, column), the
column counted in characters, as ``tomllib`` counts its own: editors and terminals jump
to ``file:line:column``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"'-]+)\s*=\s*")

Position = tuple[int, int]
"""(line, column), both 1-based."""


class TomlLocator:
    """Maps ``("claims", 3, "by")`` to a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        # (line index, table name, is array item, column of its "[")
        self._headers: list[tuple[int, str, bool, int]] = []
        for index, line in enumerate(self._lines):
            if "[" not in line:
                continue
            match = _HEADER.match(line)
            if match:
                name = match.group(2).strip().strip("\"'")
                self._headers.append((index, name, match.group(1) == "[[", match.start(1) + 1))

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line the item path points at, or ``None``."""
        position = self.position_of(loc)
        return position[0] if position is not None else None

    def position_of(self, loc: Sequence[str | int], *, value: bool = False) -> Position | None:
        """The (line, column) the item path points at: its key (with ``value``, the
        value after it), else the header of the table it is (or would be) in; ``None``
        when neither is found."""
        if not loc or not isinstance(loc[0], str):
            return None
        head = loc[0]
        if len(loc) >= 2 and isinstance(loc[1], int):
            return self._in_array(head, loc[1], loc[2:], value)
        start = self._table_start(head)
        if start is None:
            return self._find_key(-1, head, value) or self._array_start(head)
        if len(loc) >= 2 and isinstance(loc[1], str):
            return self._find_key(start, loc[1], value) or self._header_position(start)
        return self._header_position(start)

    def _header_position(self, index: int) -> Position:
        for header_index, _, _, column in self._headers:
            if header_index == index:
                return index + 1, column
        return index + 1, 1

    def _array_start(self, name: str) -> Position | None:
        """The first ``[[name]]`` header (an unknown key may be an array of tables)."""
        for index, header, is_array, column in self._headers:
            if header == name and is_array:
                return index + 1, column
        return None

    def _table_start(self, name: str) -> int | None:
        for index, header, is_array, _ in self._headers:
            if header == name and not is_array:
                return index
        return None

    def _in_array(
        self, name: str, position: int, rest: Sequence[str | int], value: bool, after: int = -1
    ) -> Position | None:
        """Where ``rest`` is in the ``position``-th ``[[name]]`` item after header ``after``.

        A nested array of tables (``[[runs.stages]]`` under ``[[runs]]``) is searched
        within its parent item: the headers up to the parent's next sibling.
        """
        parent = name.rpartition(".")[0]
        seen = -1
        for number in range(after + 1, len(self._headers)):
            index, header, is_array, column = self._headers[number]
            if parent and not header.startswith(parent + "."):
                return None  # past the end of the parent item
            if header != name or not is_array:
                continue
            seen += 1
            if seen != position:
                continue
            if len(rest) >= 2 and isinstance(rest[0], str) and isinstance(rest[1], int):
                nested = self._in_array(f"{name}.{rest[0]}", rest[1], rest[2:], value, number)
                if nested is not None:
                    return nested
            if rest and isinstance(rest[0], str):
                return self._find_key(index, rest[0], value) or (index + 1, column)
            return index + 1, column
        return None

    def _find_key(self, header_index: int, key: str, value: bool = False) -> Position | None:
        """The first ``key =`` line after ``header_index`` and before the next header."""
        for index in range(header_index + 1, len(self._lines)):
            line = self._lines[index]
            if _HEADER.match(line):
                return None
            match = _KEY.match(line)
            if match and match.group(1).strip("\"'") == key:
                at_value = value and match.end() < len(line.rstrip())
                return index + 1, (match.end() if at_value else match.start(1)) + 1
        return None
