"""What a ``RowList`` shows: its columns, its rows, and rows built only when drawn.

Plain data (Rich ``Text`` cells, no Textual), so the row builders (``tui.ui.rows``) and
the row planner can make them off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, overload

from rich.text import Text


class Column(NamedTuple):
    """A column: its label, its width (``None`` shares what is left), its alignment.

    ``min_width`` is how narrow a column of fixed width may become, giving way to the
    columns that share what is left (0: it never gives way); for one of those, the
    width it takes from such columns when it would get less.
    """

    label: str
    width: int | None = None
    align: str = "left"
    sortable: bool = False
    min_width: int = 0


class Row(NamedTuple):
    """One row: the item id it stands for, its cells, and an optional tone per cell."""

    key: str
    cells: tuple[Text, ...]
    indent: int = 0
    tones: tuple[str, ...] = ()


class LazyRows(Sequence[Row]):
    """Rows known by key, built only when asked for (and kept once built).

    A list of 100,000 claims costs a tuple of keys; the few dozen rows on screen are
    the only ones ever turned into text.
    """

    def __init__(self, keys: Sequence[str], build: Callable[[str], Row]) -> None:
        self.keys: tuple[str, ...] = tuple(keys)
        self._build = build
        self._built: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.keys)
        row = self._built.get(index)
        if row is None:
            row = self._build(self.keys[index])
            self._built[index] = row
        return row


def keys_of(rows: Sequence[Row]) -> tuple[str, ...]:
    return rows.keys if isinstance(rows, LazyRows) else tuple(row.key for row in rows)
