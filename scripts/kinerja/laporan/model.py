"""The chapter as data: every figure of the Laporan Kinerja, taken from the recap and the history.

:func:`build_laporan` reads a :class:`~kinerja.snapshot.Snapshot` and returns a
:class:`Laporan`, a frozen value that the writers (DOCX, Markdown, the site page) only lay out.
Nothing here formats a number or knows a page; nothing in the writers computes a figure.

Where the figures come from (so that a test can check each against ``kinerja recap``):

* **The year (or quarter) of an indicator**: the ``ytd_instansi`` row of the recap for that
  indicator, year and the latest period of the scope it has a row for ("s.d. periode").
* **Earlier years**: the same, at the last period of each earlier year held in the repository.
* **Per period of a quarter** (quarterly report): the ``ytd_instansi`` rows of the periods inside
  the quarter, and the ``per_unit`` rows (average capaian per unit) of those periods.
* **Renstra**: the year figures above, combined over the Renstra years up to the report's year by
  the indicator's own aggregation (``jumlah`` adds them, ``terakhir`` takes the latest year,
  ``rata-rata`` averages the years), against ``target_renstra``; the share reached is the capaian
  formula of :mod:`kinerja.recap.capaian` (so lower-is-better indicators read the same way).
* **Sources**: every submission file of the scope's periods with its trusted hand-in time and
  the paraf recorded on its landing (:mod:`kinerja.status`), and every document listed in those
  files, a restricted one (``terbatas``) only as type, number and date.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kinerja.laporan.analysis import Quote, quotes_by_indicator
from kinerja.laporan.scope import Scope
from kinerja.model import Indicator, Renstra, Sasaran
from kinerja.model.periods import Period, parse_period
from kinerja.recap.capaian import capaian, predikat

if TYPE_CHECKING:
    import pandas as pd

    from kinerja.snapshot import Snapshot

__all__ = [
    "DocumentRow",
    "Figure",
    "Group",
    "IndicatorSection",
    "Laporan",
    "PeriodGap",
    "RenstraProgress",
    "Signatory",
    "SourceRow",
    "UnitRow",
    "build_laporan",
]


@dataclass(frozen=True)
class Figure:
    """One recap row's figures: target (a number or a range), realisasi, capaian, predikat."""

    sd_periode: str
    tahun: int
    target: float | None
    target_min: float | None
    target_max: float | None
    realisasi: float | None
    capaian: float | None
    predikat: str | None
    banyak_data: int
    banyak_unit: int


@dataclass(frozen=True)
class RenstraProgress:
    renstra: Renstra
    target: float
    tahun: tuple[int, ...]  # the Renstra years with data, counted in ``realisasi``
    realisasi: float | None
    persen: float | None  # share of the end-of-period target reached (capaian formula)


@dataclass(frozen=True)
class IndicatorSection:
    indicator: Indicator
    current: Figure | None  # the scope's figure (year to date at the scope's last period)
    years: tuple[Figure, ...]  # every year held, up to the scope's year, oldest first
    periods: tuple[Figure, ...]  # quarterly report: the periods inside the quarter
    renstra: RenstraProgress | None
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Group:
    sasaran: Sasaran | None  # None: indicators that name no sasaran (or none are configured)
    sections: tuple[IndicatorSection, ...]


@dataclass(frozen=True)
class PeriodGap:
    periode: str
    missing_units: tuple[str, ...]  # recipient units without accepted data
    missing_names: tuple[str, ...]  # their names
    has_analysis: bool


@dataclass(frozen=True)
class SourceRow:
    periode: str
    unit: str
    unit_nama: str
    path: str | None
    received_at: datetime | None
    last_changed_at: datetime | None
    status: str
    paraf: tuple[str, ...]  # names of those who gave paraf on the landing(s) of the file


@dataclass(frozen=True)
class DocumentRow:
    periode: str
    unit: str
    jenis: str
    nomor: str
    tanggal: str
    #: Title and audited object; ``None`` for a restricted document (only type, number, date).
    judul: str | None
    objek: str | None


@dataclass(frozen=True)
class UnitRow:
    periode: str
    unit: str
    unit_nama: str
    indikator_dilaporkan: int
    indikator_diminta: int
    rata_capaian: float | None
    predikat: str | None


@dataclass(frozen=True)
class Signatory:
    jabatan: str
    nama: str
    nip: str
    pangkat: str


@dataclass(frozen=True)
class Laporan:
    scope: Scope
    instansi: str
    pemerintah: str
    alamat: str
    signatory: Signatory | None
    renstra: Renstra | None
    groups: tuple[Group, ...]
    anggaran: tuple[IndicatorSection, ...]
    periods: tuple[str, ...]  # the scope's periods held in the repository, in time order
    missing_periods: tuple[str, ...]  # expected for the scope and not in the repository
    gaps: tuple[PeriodGap, ...]  # held periods with units that handed nothing in, or no analysis
    units: tuple[UnitRow, ...]  # quarterly report: per unit and period
    sources: tuple[SourceRow, ...]
    documents: tuple[DocumentRow, ...]
    head: str | None  # the Git commit the report was made from
    as_of: datetime | None  # the time of the repository's last landing (document properties)
    bands: tuple[tuple[float, str], ...]  # the predikat bands in force, highest first

    @property
    def sections(self) -> tuple[IndicatorSection, ...]:
        return tuple(s for g in self.groups for s in g.sections)

    @property
    def title(self) -> str:
        if self.scope.quarterly:
            return f"Rekap Hasil Capaian Kinerja {self.scope.label}"
        return f"Laporan Kinerja {self.scope.tahun}"


# --- building ----------------------------------------------------------------------------------


def _num(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _figure(row: Mapping[str, Any]) -> Figure:
    pred = row.get("predikat")
    return Figure(
        sd_periode=str(row["sd_periode"]),
        tahun=int(row["tahun"]),
        target=_num(row["target"]),
        target_min=_num(row["target_min"]),
        target_max=_num(row["target_max"]),
        realisasi=_num(row["realisasi"]),
        capaian=_num(row["capaian"]),
        predikat=pred if isinstance(pred, str) else None,
        banyak_data=int(row["banyak_data"]),
        banyak_unit=int(row.get("banyak_unit", 0) or 0),
    )


def _rows_by_indicator(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """The ``ytd_instansi`` rows per indicator, in the recap's (time) order, with their period."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in frame.to_dict("records"):
        out.setdefault(str(row["indikator"]), []).append({str(k): v for k, v in row.items()})
    return out


def _year_figures(
    rows: Sequence[Mapping[str, Any]], scope: Scope
) -> tuple[list[Figure], Figure | None]:
    """The last row of every year up to the scope's (the scope's own: within the scope)."""
    last: dict[int, Mapping[str, Any]] = {}
    for row in rows:
        period = parse_period(str(row["sd_periode"]))
        if period is None or period.year > scope.tahun:
            continue
        if period.year == scope.tahun and not scope.covers(period):
            continue
        last[period.year] = row  # rows are in time order: the last one wins
    years = [_figure(last[y]) for y in sorted(last)]
    current = years[-1] if years and years[-1].tahun == scope.tahun else None
    return years, current


def _renstra_progress(
    indicator: Indicator, renstra: Renstra | None, years: Sequence[Figure], scope: Scope
) -> RenstraProgress | None:
    if renstra is None or indicator.target_renstra is None:
        return None
    held = [
        f
        for f in years
        if renstra.tahun_awal <= f.tahun <= min(renstra.tahun_akhir, scope.tahun)
        and f.realisasi is not None
    ]
    values = [f.realisasi for f in held if f.realisasi is not None]
    value: float | None
    if not values:
        value = None
    elif indicator.agregasi == "jumlah":
        value = math.fsum(values)
    elif indicator.agregasi == "rata-rata":
        value = math.fsum(values) / len(values)
    else:
        value = values[-1]
    share = capaian(value, indicator.target_renstra, indicator.arah) if value is not None else None
    return RenstraProgress(
        renstra, indicator.target_renstra, tuple(f.tahun for f in held), value, share
    )


def _missing_periods(scope: Scope, held: Sequence[Period]) -> list[str]:
    """The periods a complete scope lacks. A quarter is complete when its quarterly period or
    all three of its months are held; an incomplete quarter with some months held lacks the
    other months (the office reported monthly then), otherwise it lacks the quarter itself."""
    ids = {p.id for p in held}
    missing: list[str] = []
    for quarter in range(1, scope.last_month // 3 + 1):
        months = [f"{scope.tahun}-{m:02d}" for m in range(quarter * 3 - 2, quarter * 3 + 1)]
        if f"{scope.tahun}-q{quarter}" in ids or all(m in ids for m in months):
            continue
        if any(m in ids for m in months):
            missing += [m for m in months if m not in ids]
        else:
            missing.append(f"{scope.tahun}-q{quarter}")
    return missing


def _signatory(snapshot: Snapshot) -> Signatory | None:
    config = snapshot.tracker.config
    if config is None:
        return None
    org = config.organisation
    approval = org.approvals.get("analisis")
    roles = list(approval.pengesahan) if approval and approval.pengesahan else ["inspektur"]
    for role in roles:
        people = org.holders(role)
        if people:
            person = people[0]
            return Signatory(person.jabatan, person.nama, person.nip, person.pangkat)
    return None


def _unit_name(snapshot: Snapshot, unit: str) -> str:
    config = snapshot.tracker.config
    known = config.organisation.units.get(unit) if config else None
    return known.nama if known else unit


def _sources(snapshot: Snapshot, periods: Sequence[str]) -> tuple[list[SourceRow], list[PeriodGap]]:
    config = snapshot.tracker.config
    people = config.organisation.people if config else {}
    rows: list[SourceRow] = []
    gaps: list[PeriodGap] = []
    for pid in periods:
        state = snapshot.states.get(pid)
        files = snapshot.tracker.periods.get(pid)
        missing: list[str] = []
        if state is not None:
            for unit, us in state.units.items():
                if us.status.value == "belum diminta" and us.path is None:
                    continue
                if not us.status.received:
                    missing.append(unit)
                paraf = []
                for event in us.paraf:
                    who = people.get(event.person_id) if event.person_id else None
                    paraf.append(who.nama if who else event.person.name)
                rows.append(
                    SourceRow(
                        periode=pid,
                        unit=unit,
                        unit_nama=_unit_name(snapshot, unit),
                        path=us.path,
                        received_at=us.received_at,
                        last_changed_at=us.last_changed_at,
                        # Only what the data say: "menunggu" and "terlambat" depend on the
                        # clock, and the same repository must give the same report.
                        status=us.status.value if us.status.received else "belum diterima",
                        paraf=tuple(dict.fromkeys(paraf)),
                    )
                )
        has_analysis = bool(files and files.analysis is not None)
        if missing or not has_analysis:
            names = tuple(_unit_name(snapshot, u) for u in missing)
            gaps.append(PeriodGap(pid, tuple(missing), names, has_analysis))
    return rows, gaps


def _documents(snapshot: Snapshot, periods: Sequence[str]) -> list[DocumentRow]:
    out: list[DocumentRow] = []
    for pid in periods:
        files = snapshot.tracker.periods.get(pid)
        if files is None:
            continue
        for unit, sub in sorted(files.submissions.items()):
            for doc in sub.data.get("dokumen", []) or []:
                open_ = doc.get("klasifikasi", "terbatas") == "terbuka"
                out.append(
                    DocumentRow(
                        periode=pid,
                        unit=unit,
                        jenis=str(doc.get("jenis", "")),
                        nomor=str(doc.get("nomor", "")),
                        tanggal=str(doc.get("tanggal", "")),
                        judul=str(doc.get("judul", "")) if open_ else None,
                        objek=str(doc.get("objek", "")) if open_ else None,
                    )
                )
    return out


def _unit_rows(snapshot: Snapshot, frame: pd.DataFrame, scope: Scope) -> list[UnitRow]:
    out: list[UnitRow] = []
    for row in frame.to_dict("records"):
        period = parse_period(str(row["periode"]))
        if period is None or not scope.within_quarter(period):
            continue
        pred = row.get("predikat")
        out.append(
            UnitRow(
                periode=str(row["periode"]),
                unit=str(row["unit"]),
                unit_nama=_unit_name(snapshot, str(row["unit"])),
                indikator_dilaporkan=int(row["indikator_dilaporkan"]),
                indikator_diminta=int(row["indikator_diminta"]),
                rata_capaian=_num(row["rata_capaian"]),
                predikat=pred if isinstance(pred, str) else None,
            )
        )
    return out


def build_laporan(snapshot: Snapshot, scope: Scope) -> Laporan:
    """The report of ``scope`` from one snapshot (see the module docstring for each figure)."""
    tracker = snapshot.tracker
    config = tracker.config
    indicators = dict(config.indicators) if config else {}
    recap = snapshot.recap
    held = sorted(p.period for p in tracker.periods.values() if scope.covers(p.period))
    held_ids = [p.id for p in held]
    missing = _missing_periods(scope, held)

    analyses = []
    for pid in held_ids:
        files = tracker.periods[pid]
        if scope.quarterly and not scope.within_quarter(files.period):
            continue  # a quarter's recap discusses that quarter
        if files.analysis is not None and files.analysis_path:
            analyses.append((pid, files.analysis_path, str(files.analysis.get("body", ""))))
    quotes = quotes_by_indicator(analyses, {i: ind.nama for i, ind in indicators.items()})

    by_indicator = _rows_by_indicator(recap.ytd_instansi)
    renstra = config.renstra if config else None
    sections: dict[str, IndicatorSection] = {}
    for ident, indicator in indicators.items():
        rows = by_indicator.get(ident, [])
        years, current = _year_figures(rows, scope)
        periods: list[Figure] = []
        if scope.quarterly:
            for row in rows:
                period = parse_period(str(row["sd_periode"]))
                if period is not None and scope.within_quarter(period):
                    periods.append(_figure(row))
        sections[ident] = IndicatorSection(
            indicator=indicator,
            current=current,
            years=tuple(years),
            periods=tuple(periods),
            renstra=_renstra_progress(indicator, renstra, years, scope),
            quotes=tuple(quotes.get(ident, ())),
        )

    goals = dict(config.sasaran) if config else {}
    groups: list[Group] = []
    for goal in goals.values():
        members = tuple(s for s in sections.values() if s.indicator.sasaran == goal.id)
        if members:
            groups.append(Group(goal, members))
    rest = tuple(s for s in sections.values() if s.indicator.sasaran not in goals)
    if rest:
        groups.append(Group(None, rest))

    sources, gaps = _sources(snapshot, held_ids)
    org = config.organisation if config else None
    settings = config.settings.raw if config else {}
    bands = tuple(
        sorted(
            ((float(b["min"]), str(b["nama"])) for b in settings.get("predikat", []) or []),
            reverse=True,
        )
    )
    return Laporan(
        scope=scope,
        instansi=org.nama if org else "",
        pemerintah=org.pemerintah if org else "",
        alamat=org.alamat if org else "",
        signatory=_signatory(snapshot),
        renstra=renstra,
        groups=tuple(groups),
        anggaran=tuple(s for s in sections.values() if s.indicator.anggaran),
        periods=tuple(held_ids),
        missing_periods=tuple(missing),
        gaps=tuple(gaps),
        units=tuple(_unit_rows(snapshot, recap.per_unit, scope)) if scope.quarterly else (),
        sources=tuple(sources),
        documents=tuple(_documents(snapshot, held_ids)),
        head=snapshot.history.head,
        as_of=snapshot.history.events[-1].merged_at if snapshot.history.events else None,
        bands=bands,
    )


def band_of(value: float | None, bands: Sequence[tuple[float, str]]) -> str | None:
    """The predikat of a share (used for the Renstra share only; the recap gives the rest)."""
    return predikat(value, [{"min": m, "nama": n} for m, n in bands]) if bands else None
