"""Cross-file rules: what a schema cannot know (DESIGN.md section 7).

``file_rules`` checks one file against the configuration and its period's request; its result
depends only on those inputs, so it is cached with the file. ``period_rules`` then looks across the
files of a period (duplicate document numbers, two files for one unit, missing evidence), from the
small summaries that ``file_rules`` returns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any

from kinerja.findings import Finding, FindingList, Position, field_path
from kinerja.model import Config
from kinerja.model.indicators import Indicator
from kinerja.model.layout import FileRole
from kinerja.model.periods import is_period
from kinerja.model.requests import unit_target
from kinerja.read.cells import percent_of
from kinerja.read.document import DataPath, Document
from kinerja.suggest import did_you_mean, suggest_person
from kinerja.validate.schema import show

_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
#: Free-text fields where a line break is part of the text; every other string is one line.
MULTILINE = frozenset({"catatan", "kendala", "rencana_tindak_lanjut", "body"})
_HTML = re.compile(r"<\s*[a-zA-Z!/?][^>]{0,200}>?|javascript\s*:", re.IGNORECASE)
_FORMULA_START = ("=", "+", "@", "\t", "\r")
_DATE_KEYS = ("tanggal", "tenggat")
#: Units of measure that count whole things: 12,5 laporan is a typo, not a figure.
COUNTED = frozenset({"dokumen", "laporan", "kegiatan"})
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2}))?$")


#: Findings that say a file holds no data at all: such a file is never a hand-in, whatever the
#: history says (``status.derive`` reads this through ``PeriodFiles.empty``).
HOLDS_NOTHING = frozenset(
    {
        "file-empty",
        "document-null",
        "file-gitlink",
        "file-symlink",
        "file-not-regular",
        "submission-empty",
    }
)

#: Stands in for a period's request that exists but could not be read: the request-dependent
#: rules are skipped (the request's own findings say what is wrong) instead of claiming that the
#: period has no request.
UNUSABLE_REQUEST: Mapping[str, Any] = MappingProxyType({})


@dataclass
class Summary:
    """What ``period_rules`` needs to know of one file, kept small so it caches cheaply."""

    unit: str | None = None
    documents: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    evidence: list[tuple[str, int | None, int | None]] = field(default_factory=list)


def _strings(data: Any) -> list[tuple[DataPath, str]]:
    """Every non-empty text value with its path, in document order; one pass, no generators
    (this runs over every scalar of every file, so it is written for speed)."""
    found: list[tuple[DataPath, str]] = []

    def visit(node: Any, path: DataPath) -> None:
        if isinstance(node, str):
            if node:
                found.append((path, node))
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, (str, dict, list)):
                    visit(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (str, dict, list)):
                    visit(value, (*path, index))

    visit(data, ())
    return found


_NEGATIVE_THEN_OPERATOR = re.compile(r"^-[\d.,]+\s*[-+*/^&=|!(]")


def _looks_like_formula(value: str) -> bool:
    """OWASP: = + @ tab CR start a formula. A '-' starts one too, but office text often begins
    with '- ' (a bullet) or a negative figure ('-2 hari dari jadwal'): those pass, while '-' with
    a letter ('-cmd|...') or a figure followed by an operator ('-2+3+cmd|...') does not."""
    if value.startswith(_FORMULA_START):
        return True
    if not value.startswith("-") or len(value) == 1 or value[1].isspace():
        return False
    if value[1].isdigit():
        return bool(_NEGATIVE_THEN_OPERATOR.match(value)) or "|" in value or "!" in value
    return True


#: Configuration files whose texts are checked like a submission's (``check_text``).
CONFIG_KINDS = frozenset({"organisasi", "indikator", "sop"})
#: Keys of the configuration whose values are addresses or patterns, not prose.
_CONFIG_NOT_TEXT = frozenset({"tautan", "url", "forge", "repo", "pola", "path", "email"})


def check_text(
    doc: Document,
    out: FindingList,
    strings: list[tuple[DataPath, str]],
    *,
    config: bool = False,
) -> None:
    """Text that Excel would run as a formula, HTML, invisible characters, stray line breaks.

    ``config``: a configuration file (organisation, indicators, SOP), whose prose fields (the
    SOP's legal basis, warnings, notes) may run over several lines and whose address fields are
    checked by their schema patterns."""
    for path, value in strings:
        key = path[-1] if path else None
        formula = _looks_like_formula(value)
        control = _CONTROL.search(value)
        multiline = not config and not control and ("\n" in value or "\r" in value)
        multiline = multiline and bool(path) and path[-1] not in MULTILINE
        skip_html = key == "tautan" or (config and key in _CONFIG_NOT_TEXT)
        html = None if skip_html else _HTML.search(value)
        if not (formula or control or multiline or html):
            continue  # the common case: no name or position needed
        name = field_path(path)
        pos = doc.position(path)
        if formula:
            out.add("text-formula", pos, name, title=name, char=value[0].strip() or "tab")
        if control:
            out.add("text-control", pos, name, title=name, char=f"U+{ord(control.group()):04X}")
        elif multiline:
            out.add("text-multiline", pos, name, title=name)
        if html:
            out.add("text-html", pos, name, title=name, snippet=show(html.group(0), 30))


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text)
    if not match:
        return None
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match[4]:
            dt.time(int(match[5]), int(match[6]))
    except ValueError:
        return None
    return day


def check_dates(
    doc: Document,
    out: FindingList,
    config: Config | None,
    today: dt.date,
    strings: list[tuple[DataPath, str]],
) -> None:
    low_year = config.settings.limit("tahun_min", 2000) if config else 2000
    ahead = config.settings.limit("tahun_maks_ke_depan", 1) if config else 1
    low, high = dt.date(low_year, 1, 1), dt.date(today.year + ahead, 12, 31)
    for path, value in strings:
        key = path[-1] if path else ""
        if not isinstance(key, str):
            continue
        if not (key in _DATE_KEYS or key.startswith("tanggal_")):
            continue
        if not _DATE.match(value):
            continue  # the schema's pattern reports the format
        day = _parse_date(value)
        name = field_path(path)
        if day is None:
            out.add("date-invalid", doc.position(path), name, value=value)
        elif not low <= day <= high:
            out.add(
                "date-implausible",
                doc.position(path),
                name,
                value=value,
                low=low.isoformat(),
                high=high.isoformat(),
            )


def _check_evidence_path(value: str) -> bool:
    if not value or "\\" in value or "\x00" in value or value.startswith("/") or ":" in value:
        return False
    parts = PurePosixPath(value).parts
    return (
        ".." not in parts and all(p not in ("", ".") for p in parts) and not value.startswith(".")
    )


def submission_rules(
    doc: Document,
    role: FileRole,
    config: Config,
    request: Mapping[str, Any] | None,
    out: FindingList,
    summary: Summary,
) -> None:
    data = doc.data
    org = config.organisation
    unit = data.get("unit")
    summary.unit = unit if isinstance(unit, str) else role.unit
    suffix = PurePosixPath(doc.path).suffix
    if isinstance(unit, str):
        if unit not in org.units:
            out.add(
                "unit-unknown",
                doc.position(("unit",)),
                "unit",
                value=unit,
                known=", ".join(sorted(org.units)),
                suggestion=did_you_mean(unit, org.units),
            )
        elif unit != role.unit:
            out.add(
                "unit-mismatch",
                doc.position(("unit",)),
                "unit",
                value=unit,
                stem=role.unit,
                suffix=suffix,
            )
    period = data.get("periode")
    if isinstance(period, str) and role.folder and period != role.folder and is_period(period):
        # A value that is no period at all (``Nov-26``) gets the schema's format finding; moving
        # the file to a folder of that name would not help.
        out.add(
            "period-mismatch",
            doc.position(("periode",)),
            "periode",
            value=period,
            folder=role.folder,
        )
    sender = data.get("disampaikan_oleh")
    if isinstance(sender, str):
        person = org.people.get(sender) or org.person_by_handle(sender)
        if person is None:
            out.add(
                "sender-unknown",
                doc.position(("disampaikan_oleh",)),
                "disampaikan_oleh",
                value=sender,
                suggestion=suggest_person(org, sender, unit if isinstance(unit, str) else None),
            )
        elif (
            isinstance(unit, str)
            and unit in org.units
            and person.unit != unit
            and not org.is_admin(person)
        ):
            out.add(
                "sender-not-member",
                doc.position(("disampaikan_oleh",)),
                "disampaikan_oleh",
                value=sender,
                unit=unit,
                known=", ".join(p.id for p in org.members(unit)) or "-",
            )
    recipient: Mapping[str, Any] | None = None
    if request is UNUSABLE_REQUEST:
        pass
    elif request is None:
        if role.period:
            out.add("period-no-request", Position(1, 1), None, folder=role.folder)
    elif isinstance(unit, str) and unit in org.units:
        recipients = {r.get("unit"): r for r in request.get("penerima", [])}
        recipient = recipients.get(unit)
        if recipient is None:
            out.add(
                "unit-not-requested",
                doc.position(("unit",)),
                "unit",
                value=unit,
                period=role.folder,
                known=", ".join(str(u) for u in recipients) or "-",
            )
    requested = set(recipient.get("indikator", [])) if recipient else None
    seen: dict[str, int | None] = {}
    for index, item in enumerate(data.get("realisasi", []) or []):
        if not isinstance(item, dict):
            continue
        ind_id = item.get("indikator")
        base: DataPath = ("realisasi", index)
        if not isinstance(ind_id, str):
            continue
        pos = doc.position((*base, "indikator"))
        if ind_id in seen:
            out.add(
                "indicator-duplicate",
                pos,
                field_path((*base, "indikator")),
                value=ind_id,
                first=seen[ind_id],
            )
            continue
        seen[ind_id] = pos.line
        indicator = config.indicators.get(ind_id)
        if indicator is None:
            out.add(
                "indicator-unknown",
                pos,
                field_path((*base, "indikator")),
                value=ind_id,
                suggestion=did_you_mean(ind_id, config.indicators),
            )
            continue
        if requested is not None and requested and ind_id not in requested:
            out.add(
                "indicator-not-requested",
                pos,
                field_path((*base, "indikator")),
                value=ind_id,
                unit=unit,
                period=role.folder,
                known=", ".join(sorted(requested)),
            )
        value = item.get("nilai")
        if isinstance(value, float) and indicator.satuan in COUNTED and not value.is_integer():
            out.add(
                "number-not-integer",
                doc.position((*base, "nilai")),
                field_path((*base, "nilai")),
                value=show(value),
                indicator=ind_id,
                satuan=indicator.satuan,
            )
        elif (
            isinstance(value, float)
            and indicator.satuan == "persen"
            and 0 < value < 1
            and isinstance(unit, str)
            and (target := _percent_target(indicator, unit, role.folder)) is not None
        ):
            out.add(
                "percent-fraction",
                doc.position((*base, "nilai")),
                field_path((*base, "nilai")),
                value=_sheet_number(show(value), doc.kind),
                indicator=ind_id,
                target=_sheet_number(_fmt(target), doc.kind),
                percent=_sheet_number(_fmt(float(percent_of(value))), doc.kind),
                how=_percent_how(doc.kind, value),
            )
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            low, high = indicator.rentang
            if (low is not None and value < low) or (high is not None and value > high):
                out.add(
                    "number-out-of-range",
                    doc.position((*base, "nilai")),
                    field_path((*base, "nilai")),
                    value=show(value),
                    indicator=ind_id,
                    satuan=indicator.satuan,
                    low=_fmt(low),
                    high=_fmt(high),
                )
    if requested:
        missing = sorted(requested - set(seen))
        if missing:
            out.add(
                "indicator-missing",
                doc.position(("realisasi",)),
                "realisasi",
                missing=", ".join(missing),
            )
    wanted_docs = set(recipient.get("dokumen", [])) if recipient else None
    answered_docs = _nihil_rules(doc, data, wanted_docs, unit, role, out)
    for index, item in enumerate(data.get("dokumen", []) or []):
        if not isinstance(item, dict):
            continue
        base = ("dokumen", index)
        number = item.get("nomor")
        if isinstance(number, str):
            pos = doc.position((*base, "nomor"))
            summary.documents.append((number, pos.line, pos.column))
        kind = item.get("jenis")
        if wanted_docs is not None and isinstance(kind, str) and kind not in wanted_docs:
            out.add(
                "document-type-not-requested",
                doc.position((*base, "jenis")),
                field_path((*base, "jenis")),
                value=kind,
                unit=unit,
                period=role.folder,
                known=", ".join(sorted(wanted_docs)) or "-",
            )
        if isinstance(kind, str):
            answered_docs.add(kind)
        link = item.get("tautan")
        if isinstance(link, str) and not re.match(r"^https?://[^\s/]", link, re.IGNORECASE):
            out.add(
                "link-scheme",
                doc.position((*base, "tautan")),
                field_path((*base, "tautan")),
                value=show(link, 60).strip("'"),
            )
        evidence = item.get("berkas")
        if isinstance(evidence, str):
            pos = doc.position((*base, "berkas"))
            if _check_evidence_path(evidence):
                summary.evidence.append((evidence, pos.line, pos.column))
            else:
                out.add(
                    "evidence-path-outside",
                    pos,
                    field_path((*base, "berkas")),
                    value=show(evidence, 60).strip("'"),
                )

    _answers_rules(doc, data, wanted_docs, answered_docs, out)


#: The parts of a submission that carry data; the rest (unit, periode, pengirim, tanggal,
#: kendala) says who and when, not what.
ANSWER_KEYS = ("realisasi", "dokumen", "dokumen_nihil")


def _nihil_rules(
    doc: Document,
    data: Mapping[str, Any],
    wanted_docs: set[str] | None,
    unit: Any,
    role: FileRole,
    out: FindingList,
) -> set[str]:
    """Check ``dokumen_nihil`` (a requested type declared absent, with a reason); return the
    document types it answers."""
    listed = {
        item.get("jenis")
        for item in data.get("dokumen", []) or []
        if isinstance(item, dict) and isinstance(item.get("jenis"), str)
    }
    answered: set[str] = set()
    for index, item in enumerate(data.get("dokumen_nihil", []) or []):
        kind = item.get("jenis") if isinstance(item, dict) else None
        if not isinstance(kind, str):
            continue
        path: DataPath = ("dokumen_nihil", index, "jenis")
        if kind in answered:
            out.add("document-nihil-duplicate", doc.position(path), field_path(path), value=kind)
        elif kind in listed:
            out.add("document-nihil-conflict", doc.position(path), field_path(path), value=kind)
        elif wanted_docs is not None and kind not in wanted_docs:
            out.add(
                "document-type-not-requested",
                doc.position(path),
                field_path(path),
                value=kind,
                unit=unit,
                period=role.folder,
                known=", ".join(sorted(wanted_docs)) or "-",
            )
        answered.add(kind)
    return answered


def _answers_rules(
    doc: Document,
    data: Mapping[str, Any],
    wanted_docs: set[str] | None,
    answered_docs: set[str],
    out: FindingList,
) -> None:
    """No status from nothing: a submission must carry data, and answer every document type its
    request asks for (entries, or an explicit "nihil" with a reason)."""
    if not any(data.get(key) for key in ANSWER_KEYS):
        out.add("submission-empty", doc.position(()), None)
    if wanted_docs:
        missing = sorted(wanted_docs - answered_docs)
        if missing:
            where: DataPath = ("dokumen",) if data.get("dokumen") else ()
            out.add(
                "document-missing",
                doc.position(where),
                "dokumen",
                missing=", ".join(missing),
                first=missing[0],
            )


def _percent_target(indicator: Indicator, unit: str, period: str | None) -> float | None:
    """The unit's target when it is written as a percentage (at least 1), else ``None``: only
    then is a realisasi between 0 and 1 surely a fraction typed for a percentage."""
    found = unit_target(indicator, unit, period or "")
    if found is None:
        return None
    nilai = found[0]
    low = nilai.get("min") if isinstance(nilai, Mapping) else nilai
    if isinstance(low, (int, float)) and not isinstance(low, bool) and low >= 1:
        return float(low)
    return None


def _sheet_number(text: str, kind: str) -> str:
    """A number as a spreadsheet in Indonesian shows it (decimal comma); YAML keeps the dot."""
    return text.replace(".", ",") if kind in ("csv", "xlsx") else text


def _percent_how(kind: str, value: float) -> str:
    percent = _fmt(float(percent_of(value)))
    if kind in ("csv", "xlsx"):
        typed = percent.replace(".", ",")
        return (
            f"Ketik angka persennya, mis. {typed} atau {typed}% (sel berformat Persen di Excel "
            f"menyimpan {typed}% sebagai pecahan dan itu dibaca benar); jangan ketik pecahannya."
        )
    return f"Tulis angka persennya dengan titik desimal, mis. {percent}."


def _fmt(value: float | None) -> str:
    if value is None:
        return "tak terbatas"
    return str(int(value)) if float(value).is_integer() else str(value)


def request_rules(doc: Document, role: FileRole, config: Config, out: FindingList) -> None:
    data = doc.data
    org = config.organisation
    period = data.get("periode")
    if isinstance(period, str) and role.folder and period != role.folder:
        out.add(
            "period-mismatch",
            doc.position(("periode",)),
            "periode",
            value=period,
            folder=role.folder,
        )
    issued, deadline = data.get("tanggal"), data.get("tenggat")
    if isinstance(issued, str) and isinstance(deadline, str):
        a, b = _parse_date(issued), _parse_date(deadline)
        if a and b and b < a:
            out.add(
                "request-deadline-order",
                doc.position(("tenggat",)),
                "tenggat",
                deadline=deadline,
                issued=issued,
            )
    requester = data.get("diminta_oleh")
    if isinstance(requester, str) and requester not in org.people:
        out.add(
            "reference-unknown",
            doc.position(("diminta_oleh",)),
            "diminta_oleh",
            value=requester,
            title="diminta_oleh",
            what="pegawai",
            suggestion=did_you_mean(requester, org.people),
        )
    seen: set[str] = set()
    for index, item in enumerate(data.get("penerima", []) or []):
        if not isinstance(item, dict):
            continue
        base: DataPath = ("penerima", index)
        unit = item.get("unit")
        if isinstance(unit, str):
            if unit in seen:
                out.add(
                    "request-recipient-duplicate",
                    doc.position((*base, "unit")),
                    field_path((*base, "unit")),
                    value=unit,
                )
            seen.add(unit)
            if unit not in org.units:
                out.add(
                    "unit-unknown",
                    doc.position((*base, "unit")),
                    field_path((*base, "unit")),
                    value=unit,
                    known=", ".join(sorted(org.units)),
                    suggestion=did_you_mean(unit, org.units),
                )
        for j, ind in enumerate(item.get("indikator", []) or []):
            if isinstance(ind, str) and ind not in config.indicators:
                path = (*base, "indikator", j)
                out.add(
                    "indicator-unknown",
                    doc.position(path),
                    field_path(path),
                    value=ind,
                    suggestion=did_you_mean(ind, config.indicators),
                )


def analysis_rules(doc: Document, role: FileRole, config: Config, out: FindingList) -> None:
    front = doc.data.get("front") or {}
    period = front.get("periode")
    if isinstance(period, str) and role.folder and period != role.folder:
        out.add(
            "period-mismatch",
            doc.position(("periode",)),
            "periode",
            value=period,
            folder=role.folder,
        )
    author = front.get("disusun_oleh")
    if isinstance(author, str) and author not in config.organisation.people:
        out.add(
            "reference-unknown",
            doc.position(("disusun_oleh",)),
            "disusun_oleh",
            value=author,
            title="disusun_oleh",
            what="pegawai",
            suggestion=did_you_mean(author, config.organisation.people),
        )


def organisation_rules(doc: Document, out: FindingList) -> None:
    data = doc.data
    units = {u.get("id") for u in data.get("unit", []) if isinstance(u, dict)}
    people = {p.get("id") for p in data.get("pegawai", []) if isinstance(p, dict)}
    _duplicates(doc, "unit", "unit", out)
    _duplicates(doc, "pegawai", "pegawai", out)
    for index, unit in enumerate(data.get("unit", [])):
        for key, pool, what in (("kepala", people, "pegawai"), ("induk", units, "unit")):
            ref = unit.get(key)
            if isinstance(ref, str) and ref not in pool:
                _unknown(doc, ("unit", index, key), ref, what, pool, out)
    for index, person in enumerate(data.get("pegawai", [])):
        ref = person.get("unit")
        if isinstance(ref, str) and ref not in units:
            _unknown(doc, ("pegawai", index, "unit"), ref, "unit", units, out)
    for j, ref in enumerate(data.get("admin", []) or []):
        if isinstance(ref, str) and ref not in people:
            _unknown(doc, ("admin", j), ref, "pegawai", people, out)
    settings = data.get("pengaturan")
    bands = settings.get("predikat") if isinstance(settings, dict) else None
    if isinstance(bands, list):
        from kinerja.model.bands import tiling_problems

        bands_path = ("pengaturan", "predikat")
        for detail in tiling_problems(bands):
            out.add(
                "bands-not-tiled", doc.position(bands_path), field_path(bands_path), detail=detail
            )
    roles = {r for p in data.get("pegawai", []) for r in p.get("peran", [])}
    for kind, spec in (data.get("persetujuan") or {}).items():
        for group in ("paraf", "pengesahan"):
            for j, req in enumerate(spec.get(group, []) or []):
                path = ("persetujuan", kind, group, j)
                if not isinstance(req, str) or req == "kepala-unit":
                    continue
                if req.startswith("kepala:"):
                    target = req.split(":", 1)[1]
                    if target not in units:
                        _unknown(doc, path, target, "unit", units, out)
                elif req not in roles:
                    _unknown(doc, path, req, "peran yang dipegang pegawai", roles, out)


def indicator_rules(doc: Document, config: Config | None, out: FindingList) -> None:
    _duplicates(doc, "indikator", "indikator", out)
    _duplicates(doc, "sasaran", "sasaran", out)
    _renstra_rules(doc, out)
    units = set(config.organisation.units) if config else None
    for index, item in enumerate(doc.data.get("indikator", [])):
        if units is not None:
            for j, unit in enumerate(item.get("unit", []) or []):
                if unit not in units:
                    _unknown(doc, ("indikator", index, "unit", j), unit, "unit", units, out)
        frequency = item.get("frekuensi", "triwulan")
        for t, target in enumerate(item.get("target", []) or []):
            unit = target.get("unit")
            if units is not None and isinstance(unit, str) and unit not in units:
                _unknown(doc, ("indikator", index, "target", t, "unit"), unit, "unit", units, out)
            year = target.get("tahun")
            for key in target.get("periode", {}) or {}:
                ok = (
                    is_period(key)
                    and key.startswith(f"{year}-")
                    and (
                        (frequency == "bulan" and "q" not in key)
                        or (frequency == "triwulan" and "q" in key)
                    )
                )
                if not ok:
                    path = ("indikator", index, "target", t, "periode", key)
                    out.add(
                        "target-period-mismatch",
                        doc.position(path, key=True),
                        field_path(path),
                        value=key,
                        year=year,
                        frekuensi=frequency,
                    )


def _renstra_rules(doc: Document, out: FindingList) -> None:
    """The Renstra period is a real span, and what points at sasaran or Renstra has a target."""
    renstra = doc.data.get("renstra")
    if isinstance(renstra, dict):
        first, last = renstra.get("tahun_awal"), renstra.get("tahun_akhir")
        if isinstance(first, int) and isinstance(last, int) and last < first:
            path: DataPath = ("renstra", "tahun_akhir")
            out.add(
                "renstra-period-invalid",
                doc.position(path),
                field_path(path),
                first=first,
                last=last,
            )
    goals = {s.get("id") for s in doc.data.get("sasaran", []) or [] if isinstance(s, dict)}
    for index, item in enumerate(doc.data.get("indikator", [])):
        goal = item.get("sasaran")
        if isinstance(goal, str) and goal not in goals:
            _unknown(doc, ("indikator", index, "sasaran"), goal, "sasaran", goals, out)
        if "target_renstra" in item and not isinstance(renstra, dict):
            path = ("indikator", index, "target_renstra")
            out.add("renstra-missing", doc.position(path, key=True), field_path(path))


def sop_rules(doc: Document, config: Config | None, out: FindingList) -> None:
    data = doc.data
    numbers = {a.get("no") for a in data.get("aktivitas", []) if isinstance(a, dict)}
    lanes = {p.get("id") for p in data.get("pelaksana", []) if isinstance(p, dict)}
    for index, act in enumerate(data.get("aktivitas", [])):
        for j, target in enumerate(act.get("lanjut_ke", []) or []):
            if target not in numbers:
                path = ("aktivitas", index, "lanjut_ke", j)
                out.add(
                    "sop-flow-unknown",
                    doc.position(path),
                    field_path(path),
                    value=target,
                    no=act.get("no"),
                )
        lane = act.get("pelaksana")
        if isinstance(lane, str) and lane not in lanes:
            _unknown(doc, ("aktivitas", index, "pelaksana"), lane, "pelaksana", lanes, out)
    for index, lane_spec in enumerate(data.get("pelaksana", [])):
        if (
            isinstance(lane_spec, dict)
            and not lane_spec.get("unit")
            and lane_spec.get("pihak_luar") is not True
        ):
            lane_path = ("pelaksana", index)
            out.add(
                "sop-lane-no-unit",
                doc.position(lane_path),
                field_path(lane_path),
                value=lane_spec.get("id"),
            )
    if config is not None:
        units = set(config.organisation.units)
        for index, lane in enumerate(data.get("pelaksana", [])):
            for j, unit in enumerate(lane.get("unit", []) or []):
                if unit not in units:
                    _unknown(doc, ("pelaksana", index, "unit", j), unit, "unit", units, out)


def _duplicates(doc: Document, key: str, what: str, out: FindingList) -> None:
    seen: set[str] = set()
    for index, item in enumerate(doc.data.get(key, []) or []):
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, str):
            if ident in seen:
                path = (key, index, "id")
                out.add(
                    "id-duplicate", doc.position(path), field_path(path), value=ident, what=what
                )
            seen.add(ident)


def _unknown(
    doc: Document, path: DataPath, value: str, what: str, pool: Any, out: FindingList
) -> None:
    out.add(
        "reference-unknown",
        doc.position(path),
        field_path(path),
        value=value,
        title=field_path(path),
        what=what,
        suggestion=did_you_mean(value, [p for p in pool if p]),
    )


def file_rules(
    doc: Document,
    role: FileRole,
    config: Config | None,
    request: Mapping[str, Any] | None,
    today: dt.date,
) -> tuple[list[Finding], Summary]:
    """Rules for one file that already passed its schema."""
    out = FindingList(doc.path)
    summary = Summary(unit=role.unit)
    strings = _strings(doc.data)
    if role.kind in ("submisi", "permintaan"):
        check_text(doc, out, strings)
    elif role.kind in CONFIG_KINDS:
        # Names and texts from the configuration reach every page, the SOP document and the
        # exports: the same invisible-character and markup checks as for a unit's data.
        check_text(doc, out, strings, config=True)
    check_dates(doc, out, config, today, strings)
    if role.kind == "organisasi":
        organisation_rules(doc, out)
    elif role.kind == "indikator":
        indicator_rules(doc, config, out)
    elif role.kind == "sop":
        sop_rules(doc, config, out)
    elif config is not None:
        if role.kind == "submisi":
            submission_rules(doc, role, config, request, out, summary)
        elif role.kind == "permintaan":
            request_rules(doc, role, config, out)
        elif role.kind == "analisis":
            analysis_rules(doc, role, config, out)
    return out.items, summary


def period_rules(
    summaries: Mapping[str, tuple[FileRole, Summary]], exists: Callable[[str], bool]
) -> list[Finding]:
    """Rules across the files of a period: numbers used twice, two files for one unit, evidence."""
    findings: list[Finding] = []
    numbers: dict[tuple[str | None, str], str] = {}
    units: dict[tuple[str | None, str], list[str]] = {}
    for path in sorted(summaries):
        role, summary = summaries[path]
        if role.kind != "submisi":
            continue
        out = FindingList(path)
        if role.unit:
            units.setdefault((role.folder, role.unit), []).append(path)
        for number, line, column in summary.documents:
            key = (role.folder, number.strip().lower())
            if key in numbers and numbers[key] != path:
                out.add(
                    "document-number-duplicate",
                    Position(line, column),
                    "nomor",
                    value=number,
                    other=numbers[key],
                )
            elif key in numbers:
                out.add(
                    "document-number-duplicate",
                    Position(line, column),
                    "nomor",
                    value=number,
                    other="berkas ini juga",
                )
            else:
                numbers[key] = path
        for evidence, line, column in summary.evidence:
            if not exists(evidence):
                out.add("evidence-missing", Position(line, column), "berkas", value=evidence)
        findings.extend(out.items)
    for (folder, unit), paths in units.items():
        if len(paths) > 1:
            for path in paths:
                others = ", ".join(PurePosixPath(p).name for p in paths if p != path)
                findings.append(
                    FindingList(path).add(
                        "submission-duplicate",
                        Position(1, 1),
                        None,
                        unit=unit,
                        period=folder,
                        others=others,
                    )
                )
    return findings
