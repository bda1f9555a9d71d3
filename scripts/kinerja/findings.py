"""Findings are data: a stable code, where it is, what is wrong and how to fix it.

Every stage reports problems as :class:`Finding` values instead of raising, so that one bad file
sits beside good ones and a run still ends with one exit code (the check-jsonschema shape). The
text of each code lives in :mod:`kinerja.codes`; tests assert on ``(code, line, field)`` and not on
wording, so messages can improve without breaking them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "galat" if self is Severity.ERROR else "peringatan"


class Position(NamedTuple):
    """A place in a source file. CSV/XLSX rows map to ``line`` and their columns to ``column``.

    A named tuple rather than a dataclass: the YAML reader makes one for every value of every
    file, and a tuple is several times cheaper to create."""

    line: int | None = None
    column: int | None = None
    #: A workbook's sheet (``Realisasi``), so that a finding can name the cell ``Realisasi!E7``.
    sheet: str | None = None
    #: The column as the file labels it (``Realisasi`` in the template, ``nilai`` in a CSV).
    label: str | None = None

    def place(self) -> str | None:
        """Where this is, in the terms of a spreadsheet: ``Realisasi!E7 (kolom 'Realisasi')`` for
        a workbook, ``baris 5, kolom 'nilai'`` for a CSV; ``None`` for text files (line:column
        says it there)."""
        if self.line is None or (self.sheet is None and self.label is None):
            return None
        column = f" (kolom '{self.label}')" if self.label else ""
        if self.sheet is not None:
            if self.column is None:
                return f"{self.sheet}!baris {self.line}{column}"
            letters = ""
            index = self.column
            while index:
                index, rest = divmod(index - 1, 26)
                letters = chr(65 + rest) + letters
            return f"{self.sheet}!{letters}{self.line}{column}"
        return f"baris {self.line}" + (f", kolom '{self.label}'" if self.label else "")


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None
    #: Spreadsheet place (see :meth:`Position.place`), for CSV and XLSX files.
    place: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "place": self.place,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            path=data["path"],
            message=data["message"],
            line=data.get("line"),
            column=data.get("column"),
            field=data.get("field"),
            hint=data.get("hint"),
            place=data.get("place"),
        )


def field_path(parts: Iterable[str | int]) -> str:
    """Render a JSON path as users read it: ``realisasi[2].nilai``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class FindingList:
    """Collects findings for one file; a thin helper so stages need not repeat the path."""

    path: str
    items: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: str,
        pos: Position | None = None,
        fieldname: str | None = None,
        **params: Any,
    ) -> Finding:
        from kinerja.codes import make

        finding = make(code, self.path, pos, fieldname, **params)
        self.items.append(finding)
        return finding

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.items)
