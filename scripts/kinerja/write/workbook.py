"""The workbook template a unit fills in: Petunjuk, Identitas, Realisasi, Dokumen (+ hidden Daftar).

Made from the period's request and the configuration; its layout is
:mod:`kinerja.read.workbook_layout`, which the reader (:mod:`kinerja.read.xlsx_template`) shares.
Written with xlsxwriter (docs/dev/decisions.md, D-XLSX): it writes data validations, sheet
protection, number formats and print setup directly, streams, and makes the same bytes for the
same input. Every text goes through ``write_string``, so a name beginning with ``=`` stays text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kinerja.model import Config
from kinerja.model.indicators import Indicator
from kinerja.model.periods import MONTHS, parse_period
from kinerja.model.requests import CLASSIFICATIONS, DOCUMENT_KINDS, asked_of, unit_target
from kinerja.read import workbook_layout as layout
from kinerja.write.template import TemplateError

#: Units of measure counted in whole numbers (the validator's rule ``number-not-integer``).
COUNTED = frozenset({"dokumen", "laporan", "kegiatan"})
#: A fixed creation time keeps the bytes reproducible (same input, same Git blob).
CREATED = dt.datetime(2020, 1, 1, 8, 0, 0)
A4 = 9


def _number(value: Any) -> str:
    """A number the Indonesian way: ``85,5``, ``1.234``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    text = format(Decimal(repr(value)).normalize(), "f") if isinstance(value, float) else str(value)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def target_text(indicator: Indicator, unit: str, period: str) -> str:
    """The target as the template shows it: ``85``, ``80–90``, ``12 (tahunan)`` or ``–`` (an en
    dash: a cell starting with ``-`` would read as a formula to a spreadsheet)."""
    found = unit_target(indicator, unit, period)
    if found is None or found[0] is None:
        return "\u2013"
    nilai, annual = found
    if isinstance(nilai, Mapping):
        text = f"{_number(nilai.get('min'))}\u2013{_number(nilai.get('max'))}"
    else:
        text = _number(nilai)
    if indicator.satuan == "persen":
        text += "%"
    return text + (" (tahunan)" if annual and parse_period(period) is not None else "")


def _date_words(text: str, *, deadline: bool = True) -> str:
    """``2026-10-08`` -> ``8 Oktober 2026``; ``2026-10-08T12:00`` -> ``... pukul 12.00 WIB``."""
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    words = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if len(text) > 10 and "T" in text:
        words += f" pukul {text[11:16].replace(':', '.')} WIB"
    elif deadline:
        words += " (akhir jam kerja)"
    return words


class _Formats:
    def __init__(self, book: Any) -> None:
        add = book.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.subtitle = add({"italic": True, "font_color": "#444444", "text_wrap": True})
        self.header = add(
            {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.label = add({"border": 1, "text_wrap": True, "valign": "top"})
        self.key = add({"border": 1, "font_color": "#666666", "valign": "top"})
        self.text = add({"text_wrap": True, "valign": "top"})
        self.bold = add({"bold": True, "text_wrap": True, "valign": "top"})
        unlocked = {"locked": False, "border": 1, "bg_color": "#FFF7D6", "valign": "top"}
        self.input_text = add({**unlocked, "text_wrap": True, "num_format": "@"})
        self.input_date = add({**unlocked, "num_format": "dd/mm/yyyy", "align": "left"})
        self.input_list = add({**unlocked})
        self._numbers: dict[str, Any] = {}
        self._add = add
        self.unlocked = unlocked

    def number(self, code: str) -> Any:
        if code not in self._numbers:
            self._numbers[code] = self._add({**self.unlocked, "num_format": code})
        return self._numbers[code]


def _print_setup(sheet: Any, *, landscape: bool, header_row: int | None) -> None:
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if header_row is not None:
        sheet.repeat_rows(header_row - 1)
    sheet.set_footer("&L&F&RHalaman &P dari &N")


def _protect(sheet: Any) -> None:
    """Structure protected, no password: labels and keys cannot be typed over, inputs can."""
    sheet.protect(
        "",
        {
            "select_locked_cells": True,
            "select_unlocked_cells": True,
            "format_columns": True,
            "format_rows": True,
        },
    )


def _staff_names(config: Config, unit: str) -> list[tuple[str, str]]:
    """``(name shown in the drop-down, person id)`` for the unit's members; a name two people
    share carries the id."""
    members = sorted(
        (p for p in config.organisation.people.values() if p.unit == unit), key=lambda p: p.nama
    )
    counts: dict[str, int] = {}
    for person in members:
        counts[person.nama] = counts.get(person.nama, 0) + 1
    return [(p.nama if counts[p.nama] == 1 else f"{p.nama} ({p.id})", p.id) for p in members]


def template_workbook(
    config: Config, unit: str, period: str, request: Mapping[str, Any] | None
) -> bytes:
    """The workbook's bytes for ``unit`` in ``period`` (raises :class:`TemplateError`)."""
    import xlsxwriter  # type: ignore[import-untyped]

    org = config.organisation
    if unit not in org.units:
        known = ", ".join(sorted(org.units))
        raise TemplateError(f"unit '{unit}' tidak ada di organisasi.yml (yang ada: {known})")
    parsed = parse_period(period)
    if parsed is None:
        raise TemplateError(
            f"periode '{period}' tidak sah: tulis TTTT-BB (mis. 2026-10) atau TTTT-qN "
            "(mis. 2026-q4)"
        )
    asked = asked_of(config.indicators, unit, period, request)
    staff = _staff_names(config, unit)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties(
        {
            "title": f"Templat data kinerja {unit} {period}",
            "author": "kinerja",
            "created": CREATED,
        }
    )
    fmt = _Formats(book)
    unit_name = org.units[unit].nama
    _guide(book.add_worksheet(layout.GUIDE), fmt, config, unit, period, request, asked)
    identity = book.add_worksheet(layout.IDENTITY)
    realisation = book.add_worksheet(layout.REALISATION)
    documents = book.add_worksheet(layout.DOCUMENTS)
    lists = book.add_worksheet(layout.LISTS)
    staff_last = _lists(lists, staff)
    _identity(identity, fmt, unit, unit_name, period, parsed.label, staff_last)
    _realisation(realisation, fmt, config, unit, unit_name, period, parsed.label, asked.indicators)
    _documents(documents, fmt, unit_name, parsed.label, asked.documents)
    lists.hide()
    identity.activate()
    book.close()
    return buffer.getvalue()


def _guide(
    sheet: Any,
    fmt: _Formats,
    config: Config,
    unit: str,
    period: str,
    request: Mapping[str, Any] | None,
    asked: Any,
) -> None:
    org = config.organisation
    parsed = parse_period(period)
    label = parsed.label if parsed else period
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 90)
    sheet.write_string(0, 0, "Petunjuk pengisian data kinerja", fmt.title)
    rows: list[tuple[str, str]] = [
        ("Instansi", org.nama),
        ("Unit kerja", f"{org.units[unit].nama} ({unit})"),
        ("Periode", f"{label} ({period})"),
    ]
    if request:
        if request.get("nomor"):
            rows.append(("Nomor surat permintaan", str(request["nomor"])))
        if request.get("tanggal"):
            rows.append(
                ("Tanggal permintaan", _date_words(str(request["tanggal"]), deadline=False))
            )
        if request.get("tenggat"):
            rows.append(("Tenggat penyampaian", _date_words(str(request["tenggat"]))))
        requester = org.people.get(str(request.get("diminta_oleh")))
        if requester is not None:
            rows.append(("Diminta oleh", f"{requester.nama}, {requester.jabatan}"))
    else:
        rows.append(
            ("Permintaan", "Permintaan periode ini belum terbit; indikator diambil dari katalog.")
        )
    names = [
        f"{i} ({config.indicators[i].nama})" if i in config.indicators else i
        for i in asked.indicators
    ]
    rows.append(("Indikator yang diminta", "; ".join(names) or "\u2013"))
    rows.append(("Dokumen yang diminta", ", ".join(asked.documents) or "\u2013"))
    rows += [
        ("", ""),
        ("Lembar Identitas", "Pilih nama Anda dari daftar (Nama pengirim), isi tanggal "
         "penyampaian, kendala dan rencana tindak lanjut."),
        ("Lembar Realisasi", "Satu baris per indikator. Isi hanya kolom Realisasi (kuning) dan "
         "bila perlu Catatan. Untuk indikator persen ketik angka persennya, mis. 69,71 atau "
         "69,71%. Pemisah desimal koma, pemisah ribuan titik."),
        ("Lembar Dokumen", "Satu baris per dokumen (LHP, LHE, TLHP) yang terbit pada periode "
         "ini: pilih jenis, tulis nomor, tanggal (HH/BB/TTTT), judul, objek dan tautan. "
         "Klasifikasi bawaan 'terbatas'. Biarkan baris yang tidak dipakai kosong."),
        ("Yang terkunci", "Judul, kode dan target dikunci agar tidak tertimpa (tanpa kata sandi). "
         "Jangan menambah lembar, rumus, atau menggabungkan sel."),
        ("Cara mengirim", f"Simpan sebagai Buku Kerja Excel (.xlsx) dengan nama {unit}.xlsx, "
         f"lalu unggah ke folder submissions/{period}/ di repositori melalui tombol "
         "'Unggah berkas' di situs (halaman unit atau periode). Pada halaman unggah pilih "
         "'buat cabang baru dan mulai pull request'; pemeriksaan otomatis menilai isinya dan "
         "kepala unit memberi paraf."),
    ]  # fmt: skip
    for index, (key, value) in enumerate(rows, start=2):
        if key:
            sheet.write_string(index, 0, key, fmt.bold)
        if value:
            sheet.write_string(index, 1, value, fmt.text)
    _print_setup(sheet, landscape=False, header_row=None)
    _protect(sheet)


def _lists(sheet: Any, staff: list[tuple[str, str]]) -> int:
    """Fill the hidden Daftar sheet; return the last staff row (1-based)."""
    sheet.write_string(0, 0, layout.MARKER)
    sheet.write_number(0, 1, layout.VERSION)
    sheet.write_string(1, 0, "Nama pegawai")
    sheet.write_string(1, 1, "Id pegawai")
    sheet.write_string(1, 3, "Jenis dokumen")
    sheet.write_string(1, 4, "Klasifikasi")
    first = layout.LISTS_FIRST_ROW - 1
    for offset, (name, ident) in enumerate(staff):
        sheet.write_string(first + offset, 0, name)
        sheet.write_string(first + offset, 1, ident)
    for offset, kind in enumerate(DOCUMENT_KINDS):
        sheet.write_string(first + offset, 3, kind)
    for offset, value in enumerate(CLASSIFICATIONS):
        sheet.write_string(first + offset, 4, value)
    _protect(sheet)
    return first + max(len(staff), 1)


def _identity(
    sheet: Any,
    fmt: _Formats,
    unit: str,
    unit_name: str,
    period: str,
    label: str,
    staff_last: int,
) -> None:
    sheet.set_column(0, 0, 22, None, {"hidden": True})
    sheet.set_column(1, 1, 26)
    sheet.set_column(2, 2, 70)
    sheet.write_string(0, 1, f"Identitas pengirim - {unit_name}, {label}", fmt.title)
    for col, text in enumerate(layout.IDENTITY_HEADER):
        sheet.write_string(2, col, text, fmt.header)
    first = layout.IDENTITY_FIRST_ROW - 1
    for offset, (key, text) in enumerate(layout.IDENTITY_FIELDS):
        row = first + offset
        sheet.write_string(row, 0, key, fmt.key)
        sheet.write_string(row, 1, text, fmt.label)
        if key == "unit":
            sheet.write_string(row, 2, unit, fmt.label)
        elif key == "periode":
            sheet.write_string(row, 2, period, fmt.label)
        elif key == "disampaikan_oleh":
            sheet.write_blank(row, 2, None, fmt.input_list)
            sheet.data_validation(
                row,
                2,
                row,
                2,
                {
                    "validate": "list",
                    "source": f"={layout.LISTS}!$A${layout.LISTS_FIRST_ROW}:$A${staff_last}",
                    "input_title": "Nama pengirim",
                    "input_message": "Pilih nama Anda dari daftar pegawai unit ini.",
                    "error_title": "Nama tidak ada di daftar",
                    "error_message": "Pilih nama dari daftar pegawai unit (organisasi.yml).",
                },
            )
        elif key == "tanggal":
            sheet.write_blank(row, 2, None, fmt.input_date)
            sheet.data_validation(
                row,
                2,
                row,
                2,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": dt.date(2000, 1, 1),
                    "maximum": dt.date(2100, 12, 31),
                    "input_title": "Tanggal penyampaian",
                    "input_message": "Ketik tanggal sebagai HH/BB/TTTT, mis. 05/10/2026.",
                    "error_title": "Bukan tanggal",
                    "error_message": "Ketik tanggal sebagai HH/BB/TTTT, mis. 05/10/2026.",
                },
            )
        else:
            sheet.write_blank(row, 2, None, fmt.input_text)
            sheet.set_row(row, 75)
    sheet.write_string(
        first + len(layout.IDENTITY_FIELDS) + 1,
        1,
        "Isi sel berwarna kuning. Unit dan periode sudah terisi dan terkunci.",
        fmt.subtitle,
    )
    _print_setup(sheet, landscape=False, header_row=None)
    _protect(sheet)


def _input_rule(indicator: Indicator | None) -> tuple[str, dict[str, Any]]:
    """Number format and data validation of a realisasi cell, fitting the indicator."""
    if indicator is None:
        return "#,##0.##", {"validate": "decimal", "criteria": ">=", "value": -(10**12)}
    low, high = indicator.rentang
    decimals = max(0, min(indicator.presisi, 6))
    if indicator.satuan == "persen":
        code = "0" + ("." + "0" * max(decimals, 2)) + "%"
        rule: dict[str, Any] = {
            "validate": "decimal",
            "criteria": "between",
            "minimum": (low or 0) / 100,
            "maximum": (high if high is not None else 100) / 100,
        }
        message = (
            "Ketik persennya, mis. 69,71 atau 69,71% (disimpan sebagai persen). "
            f"Rentang {_number(low or 0)}-{_number(high if high is not None else 100)}%."
        )
    elif indicator.satuan in COUNTED:
        code = "#,##0"
        rule = {"validate": "integer", "criteria": ">=", "value": int(low or 0)}
        if high is not None:
            rule = {
                "validate": "integer",
                "criteria": "between",
                "minimum": int(low or 0),
                "maximum": int(high),
            }
        message = f"Ketik bilangan bulat ({indicator.satuan})."
    else:
        code = "#,##0" + ("." + "0" * decimals if decimals else "")
        if high is not None:
            rule = {
                "validate": "decimal",
                "criteria": "between",
                "minimum": low or 0,
                "maximum": high,
            }
        else:
            rule = {"validate": "decimal", "criteria": ">=", "value": low or 0}
        message = f"Ketik angka ({indicator.satuan}); desimal memakai koma."
    rule.update(
        {
            "input_title": "Realisasi",
            "input_message": message[:255],
            "error_title": "Nilai tidak sesuai",
            "error_message": message[:255],
        }
    )
    return code, rule


def _realisation(
    sheet: Any,
    fmt: _Formats,
    config: Config,
    unit: str,
    unit_name: str,
    period: str,
    label: str,
    indicators: tuple[str, ...],
) -> None:
    widths = {"indikator": 24, "nama": 50, "satuan": 11, "target": 16, "nilai": 14, "catatan": 40}
    for col, (key, _) in enumerate(layout.REALISATION_COLUMNS):
        sheet.set_column(col, col, widths[key])
    sheet.write_string(0, 0, f"Realisasi indikator kinerja - {unit_name}, {label}", fmt.title)
    sheet.write_string(
        1, 0, "Isi kolom Realisasi (kuning) dan bila perlu Catatan; kolom lain terkunci.",
        fmt.subtitle,
    )  # fmt: skip
    header = layout.HEADER_ROW - 1
    for col, (_, text) in enumerate(layout.REALISATION_COLUMNS):
        sheet.write_string(header, col, text, fmt.header)
    for offset, ind_id in enumerate(indicators):
        row = header + 1 + offset
        indicator = config.indicators.get(ind_id)
        sheet.write_string(row, 0, ind_id, fmt.key)
        sheet.write_string(
            row, 1, indicator.nama if indicator else "(tidak ada di katalog)", fmt.label
        )
        sheet.write_string(row, 2, indicator.satuan if indicator else "", fmt.label)
        sheet.write_string(
            row, 3, target_text(indicator, unit, period) if indicator else "\u2013", fmt.label
        )
        code, rule = _input_rule(indicator)
        sheet.write_blank(row, 4, None, fmt.number(code))
        sheet.data_validation(row, 4, row, 4, rule)
        sheet.write_blank(row, 5, None, fmt.input_text)
    sheet.freeze_panes(layout.HEADER_ROW, 1)
    _print_setup(sheet, landscape=True, header_row=layout.HEADER_ROW)
    _protect(sheet)


def _documents(
    sheet: Any, fmt: _Formats, unit_name: str, label: str, asked: tuple[str, ...]
) -> None:
    widths = {
        "jenis": 14, "nomor": 28, "tanggal": 13, "judul": 44, "objek": 30, "tautan": 36,
        "berkas": 24, "klasifikasi": 13, "alasan_nihil": 34,
    }  # fmt: skip
    # Input formats per column rather than per cell: a third of the time of writing 250 blanks.
    column_format = {
        "tanggal": fmt.input_date,
        "jenis": fmt.input_list,
        "klasifikasi": fmt.input_list,
    }
    for col, (key, _) in enumerate(layout.DOCUMENT_COLUMNS):
        sheet.set_column(col, col, widths[key], column_format.get(key, fmt.input_text))
    sheet.write_string(0, 0, f"Dokumen yang terbit - {unit_name}, {label}", fmt.title)
    wanted = ", ".join(asked) or "tidak ada yang diminta khusus"
    sheet.write_string(
        1,
        0,
        f"Satu baris per dokumen. Dokumen yang diminta: {wanted}. Bila suatu jenis tidak ada "
        "periode ini, isi satu baris dengan jenisnya dan alasannya di kolom terakhir.",
        fmt.subtitle,
    )
    header = layout.HEADER_ROW - 1
    for col, (_, text) in enumerate(layout.DOCUMENT_COLUMNS):
        sheet.write_string(header, col, text, fmt.header)
    first, last = header + 1, header + len(asked) + layout.DOCUMENT_ROWS
    keys = [key for key, _ in layout.DOCUMENT_COLUMNS]
    for row in range(first, last + 1):
        sheet.write_string(row, keys.index("klasifikasi"), CLASSIFICATIONS[0], fmt.input_list)
    lists_row = layout.LISTS_FIRST_ROW
    sheet.data_validation(
        first, keys.index("jenis"), last, keys.index("jenis"),
        {
            "validate": "list",
            "source": f"={layout.LISTS}!$D${lists_row}:$D${lists_row + len(DOCUMENT_KINDS) - 1}",
            "error_message": "Pilih LHP, LHE atau TLHP dari daftar.",
        },
    )  # fmt: skip
    sheet.data_validation(
        first, keys.index("klasifikasi"), last, keys.index("klasifikasi"),
        {"validate": "list", "source": list(CLASSIFICATIONS),
         "error_message": "Pilih terbatas atau terbuka."},
    )  # fmt: skip
    sheet.data_validation(
        first, keys.index("tanggal"), last, keys.index("tanggal"),
        {
            "validate": "date", "criteria": "between",
            "minimum": dt.date(2000, 1, 1), "maximum": dt.date(2100, 12, 31),
            "error_message": "Ketik tanggal sebagai HH/BB/TTTT, mis. 05/10/2026.",
        },
    )  # fmt: skip
    sheet.freeze_panes(layout.HEADER_ROW, 0)
    _print_setup(sheet, landscape=True, header_row=layout.HEADER_ROW)
    _protect(sheet)
