"""The reader's output: data plus the source position of every value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja.findings import Finding, Position, Severity

#: A path into the data, as JSON Schema reports it: keys and 0-based list indices.
DataPath = tuple[str | int, ...]


@dataclass
class Document:
    """One file as read: ``data`` is ``None`` when the file could not be read at all."""

    path: str
    kind: str  # "yaml" | "csv" | "xlsx" | "markdown"
    data: Any = None
    positions: dict[DataPath, Position] = field(default_factory=dict)
    key_positions: dict[DataPath, Position] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    def position(self, path: DataPath, *, key: bool = False) -> Position:
        """The best known position for ``path``: the value (or its key), else its nearest parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while True:
            pos = table.get(probe) or self.positions.get(probe)
            if pos is not None:
                return pos
            if not probe:
                return Position(1, 1)
            probe = probe[:-1]
