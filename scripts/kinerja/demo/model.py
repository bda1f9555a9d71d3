"""What ``generate`` is asked for (:class:`Scale`) and what it reports (:class:`DemoInfo`)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

#: Formats rotated among the units of a period, so each period shows all three.
FORMATS = ("yml", "csv", "xlsx")


class Status(enum.StrEnum):
    """Status of a unit in a period (DESIGN.md section 4), as the demo planned it."""

    BELUM_DIMINTA = "belum diminta"
    MENUNGGU = "menunggu"
    TERLAMBAT = "terlambat"
    DITERIMA = "diterima"
    DITERIMA_TERLAMBAT = "diterima terlambat"
    DIREVISI = "direvisi"


class PeriodStatus(enum.StrEnum):
    DIBUKA = "dibuka"
    TERKUMPUL = "terkumpul"
    DIANALISIS = "dianalisis"
    DISAHKAN = "disahkan"


@dataclass(frozen=True)
class Scale:
    """A synthetic organisation instead of the shipped one (tests and benchmarks).

    ``units`` units ``unit-001``... each report ``indicators_per_unit`` indicators and
    ``documents_per_submission`` documents in every period of the last ``years`` years
    (monthly or quarterly). ``planted`` submissions carry a deliberate validation error.
    """

    years: int = 1
    units: int = 5
    indicators_per_unit: int = 10
    monthly: bool = True
    documents_per_submission: int = 2
    planted: int = 0
    #: Formats rotated among units; the benchmark uses ("yml",) to compare with a bare YAML parse.
    formats: tuple[str, ...] = FORMATS

    def __post_init__(self) -> None:
        if not 1 <= self.years <= 30:
            raise ValueError("years must be between 1 and 30")
        if not 3 <= self.units <= 200:  # 3: every period shows all three formats
            raise ValueError("units must be between 3 and 200 (permintaan.penerima maxItems)")
        if not 1 <= self.indicators_per_unit <= 500:
            raise ValueError("indicators_per_unit must be between 1 and 500")
        if not 0 <= self.documents_per_submission <= 1000:
            raise ValueError("documents_per_submission must be between 0 and 1000")
        if self.planted < 0:
            raise ValueError("planted must not be negative")
        if not self.formats or any(f not in FORMATS for f in self.formats):
            raise ValueError(f"formats must be a non-empty subset of {FORMATS}")


@dataclass(frozen=True)
class PeriodInfo:
    id: str
    label: str
    requested: date  # permintaan.tanggal
    deadline: date  # permintaan.tenggat (end of that working day)
    open: bool  # the current period: request issued, deadline not passed
    status: PeriodStatus
    recipients: tuple[str, ...]
    formats: Mapping[str, str]  # unit -> "yml" | "csv" | "xlsx", for units that delivered


@dataclass(frozen=True)
class DemoInfo:
    """What was generated; tests compare the product's derived views against it."""

    root: Path
    today: date
    now: datetime  # events happen strictly before this instant (start of ``today``, WIB)
    seed: int
    periods: tuple[PeriodInfo, ...]
    #: (period, unit) -> planned status, for every unit that is asked for data in any period.
    statuses: Mapping[tuple[str, str], Status]
    commits: int
    merges: int
    files: int  # files in the final tree
    submissions: int  # submission files in the final tree
    seconds: float
    head: str
    #: Notable commits by label: "konfigurasi", "push-langsung", "paraf-salah", "belum-disahkan".
    marked: Mapping[str, str] = field(default_factory=dict)
    #: Deliberately invalid files: (path, finding code).
    planted: tuple[tuple[str, str], ...] = ()

    def with_status(self, status: Status) -> list[tuple[str, str]]:
        return sorted(key for key, value in self.statuses.items() if value is status)

    def period(self, period_id: str) -> PeriodInfo:
        return next(p for p in self.periods if p.id == period_id)
