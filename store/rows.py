"""The rows of an import file: where each came from, and its raw values by field."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from .i18n import _


@dataclass(slots=True)
class Row:
    """One record of the file: where it was, and its raw values by field (or pseudo-field)."""

    record: int  # 1-based position among the records of its batch
    line: int | None  # line of the file where it starts (CSV, JSON lines); None in a JSON list
    values: dict[str, Any]

    def where(self) -> str:
        return where(self.line, self.record)


def where(line: int | None, record: int) -> str:
    """How a report names a row: its line in the file, else its position among the records."""
    if line is not None:
        return _("line {n}", n=line)
    return _("record {n}", n=record)


class CellRows(Sequence[Row]):
    """The rows of a CSV batch with one column per field, each made when first asked for: an
    import that takes the batch by its columns (`Batch.cells`) makes only the rows it reads one
    by one (a 10,000-row file: 10,000 fewer dicts)."""

    def __init__(
        self, fields: list[str], cells: list[Any], lines: list[int], extra: dict[int, int]
    ) -> None:
        """`cells`: each row's cells of `fields` (a tuple; the cell itself for one field);
        `extra`: rows with cells past the header, and how many."""
        self.fields, self.cells, self.lines, self.extra = fields, cells, lines, extra
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        row = self._made.get(index)
        if row is None:
            if not 0 <= index < len(self):
                raise IndexError(index)
            got, fields = self.cells[index], self.fields
            values = {fields[0]: got} if len(fields) == 1 else dict(zip(fields, got, strict=True))
            if index in self.extra:
                values["_extra_cells"] = self.extra[index]
            row = self._made[index] = Row(index + 1, self.lines[index], values)
        return row

    def __iter__(self) -> Iterator[Row]:
        return (self[i] for i in range(len(self)))
