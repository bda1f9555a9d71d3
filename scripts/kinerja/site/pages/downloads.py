"""Unduh: the recap and the data behind it as files, the audit history as JSON, and the data
dictionary.

Every file is made in memory from the snapshot (no file access here), so the downloads always
match the pages. What a spreadsheet opens (CSV, XLSX) is neutralised against formula injection;
restricted documents (``klasifikasi: terbatas``, the default) appear with type, number and date
only, as everywhere on the site.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kinerja.history.render import event_record
from kinerja.recap.columns import SHEETS, VIEWS
from kinerja.recap.decimals import EXACT_DECIMALS, decimal_text, rounded
from kinerja.recap.neutralise import neutralise
from kinerja.recap.result import Recap
from kinerja.site import artefacts, dictionary
from kinerja.site.charts import rows_of
from kinerja.site.html import block, esc, heading, href, table
from kinerja.site.pages._common import example_notice, period_label
from kinerja.site.schema_examples import published_schemas
from kinerja.snapshot import Snapshot

HERE = "unduh/index.md"
JSON_VERSION = 1

#: Columns of ``data.csv`` / ``data.json``: key -> header for people.
DATA_COLUMNS: dict[str, str] = {
    "jenis_baris": "Jenis Baris",
    "periode": "Periode",
    "unit": "Unit",
    "berkas_sumber": "Berkas Sumber",
    "disampaikan_oleh": "Disampaikan Oleh",
    "indikator": "Indikator",
    "nilai": "Nilai",
    "catatan": "Catatan",
    "jenis_dokumen": "Jenis Dokumen",
    "nomor": "Nomor",
    "tanggal": "Tanggal",
    "klasifikasi": "Klasifikasi",
    "judul": "Judul",
    "objek": "Objek",
    "tautan": "Tautan",
    "berkas_bukti": "Berkas Bukti",
}
#: Columns of ``pengiriman.csv``: one row per submission file.
SENDING_COLUMNS: dict[str, str] = {
    "periode": "Periode",
    "unit": "Unit",
    "berkas_sumber": "Berkas Sumber",
    "format": "Format",
    "disampaikan_oleh": "Disampaikan Oleh",
    "tanggal": "Tanggal Menurut Unit",
    "jumlah_realisasi": "Jumlah Realisasi",
    "jumlah_dokumen": "Jumlah Dokumen",
    "kendala": "Kendala",
    "rencana_tindak_lanjut": "Rencana Tindak Lanjut",
}
_WEB_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)
#: The fields of a restricted document that may be shown.
PUBLIC_DOCUMENT_FIELDS = ("jenis", "nomor", "tanggal")


# -- confidentiality -------------------------------------------------------------------------


def is_restricted(document: Mapping[str, Any]) -> bool:
    """Restricted unless explicitly ``terbuka``: a missing or unknown value is restricted."""
    return bool(document.get("klasifikasi", "terbatas") != "terbuka")


def visible_document(document: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a document that may be published: all of an open one, only type, number
    and date (and the classification) of a restricted one."""
    if is_restricted(document):
        shown = {k: document.get(k) for k in PUBLIC_DOCUMENT_FIELDS}
        shown["klasifikasi"] = "terbatas"
        return shown
    shown = {**dict(document), "klasifikasi": "terbuka"}
    if not _WEB_LINK.match(str(shown.get("tautan") or "")):
        shown["tautan"] = None  # only http(s) links are published, as on the pages
    return shown


# -- spreadsheet text ------------------------------------------------------------------------


def _decimal(value: float) -> str:
    """The exact decimal text with a decimal comma (the Excel-Indonesia dialect), without
    binary float noise (:mod:`kinerja.recap.decimals`)."""
    return decimal_text(rounded(value, EXACT_DECIMALS), ",")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _decimal(value)
    return neutralise(str(value))


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV for Excel with Indonesian settings: ``;``, decimal comma, UTF-8 with BOM, every text
    cell neutralised (a leading ``'`` on ``= + - @``, tab, CR)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _json_bytes(document: Any) -> bytes:
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


# -- the recap -------------------------------------------------------------------------------


def xlsx_bytes(recap: Recap) -> bytes:
    """The recap workbook in memory, byte for byte what ``kinerja.recap.write_xlsx`` writes.

    Uses the xlsx module's sheet writer and its reproducible-ZIP step (see the report: a public
    ``to_xlsx(recap) -> bytes`` there would let this shrink to one call).
    """
    from kinerja.recap import xlsx

    for view in VIEWS:
        if len(recap.view(view)) + 1 > xlsx.MAX_ROWS:
            raise ValueError(f"Tabel {SHEETS[view]!r} terlalu besar untuk satu lembar Excel.")
    return artefacts.remember("xlsx", _content_key(recap), lambda: _write_workbook(recap))


def _content_key(recap: Recap) -> bytes:
    """The recap's content as hash material: each table's columns, types and row hashes."""
    import pandas as pd

    digest = hashlib.sha1(usedforsecurity=False)
    for name, frame in recap.views().items():
        digest.update(f"{name}|{list(frame.columns)}|{list(map(str, frame.dtypes))}".encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        digest.update(frame.isna().to_numpy().tobytes())  # None and "None" hash alike above
    return digest.digest()


def _write_workbook(recap: Recap) -> bytes:
    from openpyxl import Workbook

    from kinerja.recap import xlsx

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "kinerja"
    workbook.properties.created = xlsx._EPOCH
    for view in VIEWS:
        xlsx._write_sheet(workbook.create_sheet(title=SHEETS[view]), recap.view(view))
    buffer = io.BytesIO()
    workbook.save(buffer)
    data: bytes = xlsx._reproducible(buffer.getvalue())
    return data


#: Above this many rows (all tables together) the whole-history workbook is not made: it would
#: take minutes to write, be rewritten on every change, and open slowly in Excel on an office
#: PC. The per-year and per-period workbooks carry the same tables, the CSV and JSON files all.
FULL_WORKBOOK_MAX_ROWS = 100_000


def year_recap(recap: Recap, year: str) -> Recap:
    """The recap restricted to one year's periods."""
    parts = {}
    for name, frame in recap.views().items():
        column = "sd_periode" if "sd_periode" in frame.columns else "periode"
        keep = frame[column].astype(str).str.startswith(f"{year}-")
        parts[name] = frame[keep].reset_index(drop=True)
    return Recap(**parts)


def period_recap(recap: Recap, period_id: str) -> Recap:
    """The recap restricted to one period (``sd_periode`` for the year-to-date tables)."""
    parts = {}
    for name, frame in recap.views().items():
        column = "sd_periode" if "sd_periode" in frame.columns else "periode"
        parts[name] = rows_of(frame, column, period_id).reset_index(drop=True)
    return Recap(**parts)


# -- submission data -------------------------------------------------------------------------


def _submissions(snapshot: Snapshot) -> Iterable[Any]:
    config = snapshot.tracker.config
    order = {u: i for i, u in enumerate(config.organisation.units)} if config else {}
    for files in snapshot.tracker.sorted_periods():
        yield from sorted(
            files.submissions.values(),
            key=lambda s: (order.get(s.unit, len(order)), s.unit, s.path),
        )


def data_rows(snapshot: Snapshot) -> list[list[Any]]:
    """One row per realisasi and per document of every valid submission (:data:`DATA_COLUMNS`).
    Restricted documents keep only type, number and date."""
    rows: list[list[Any]] = []
    for sub in _submissions(snapshot):
        base = {
            "periode": sub.period,
            "unit": sub.unit,
            "berkas_sumber": sub.path,
            "disampaikan_oleh": sub.data.get("disampaikan_oleh"),
        }
        for item in sub.data.get("realisasi", []):
            row = {
                **base,
                "jenis_baris": "realisasi",
                "indikator": item.get("indikator"),
                "nilai": item.get("nilai"),
                "catatan": item.get("catatan"),
            }
            rows.append([row.get(k) for k in DATA_COLUMNS])
        for document in sub.data.get("dokumen", []):
            shown = visible_document(document)
            row = {
                **base,
                "jenis_baris": "dokumen",
                "jenis_dokumen": shown.get("jenis"),
                "nomor": shown.get("nomor"),
                "tanggal": shown.get("tanggal"),
                "klasifikasi": shown["klasifikasi"],
                "judul": shown.get("judul"),
                "objek": shown.get("objek"),
                "tautan": shown.get("tautan"),
                "berkas_bukti": shown.get("berkas"),
            }
            rows.append([row.get(k) for k in DATA_COLUMNS])
    return rows


def sending_rows(snapshot: Snapshot) -> list[list[Any]]:
    """One row per submission file (:data:`SENDING_COLUMNS`)."""
    rows = []
    for sub in _submissions(snapshot):
        data = sub.data
        row = {
            "periode": sub.period,
            "unit": sub.unit,
            "berkas_sumber": sub.path,
            "format": sub.format,
            "disampaikan_oleh": data.get("disampaikan_oleh"),
            "tanggal": data.get("tanggal"),
            "jumlah_realisasi": len(data.get("realisasi", [])),
            "jumlah_dokumen": len(data.get("dokumen", [])),
            "kendala": data.get("kendala"),
            "rencana_tindak_lanjut": data.get("rencana_tindak_lanjut"),
        }
        rows.append([row.get(k) for k in SENDING_COLUMNS])
    return rows


def _table_json(title: str, columns: Mapping[str, str], rows: list[list[Any]]) -> dict[str, Any]:
    return {"judul": title, "kolom": list(columns), "baris": rows}


def without_email(value: Any) -> Any:
    """An event's dict without e-mail addresses: the site names people, as its pages do, but
    does not publish their addresses (``kinerja history --format json`` on a clone has them)."""
    if isinstance(value, dict):
        return {k: without_email(v) for k, v in value.items() if k != "email"}
    if isinstance(value, list):
        return [without_email(v) for v in value]
    return value


# -- the files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    path: str  # src_uri, under unduh/
    content: bytes
    kind: str  # format shown to people
    about: str  # one line
    section: str


def _size(count: int) -> str:
    """``812 B``, ``40,2 KB``, ``1,3 MB`` (a no-break space: the size stays on one line)."""
    if count < 1024:
        return f"{count}\u00a0B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f}\u00a0KB".replace(".", ",")
    return f"{count / 1024 / 1024:.1f}\u00a0MB".replace(".", ",")


def _workbooks(
    items: Sequence[tuple[str, Recap]], skipped: list[tuple[str, str]]
) -> dict[str, bytes]:
    """The XLSX bytes of each ``(path, recap)``: from the artefact cache, else written, several
    at a time on a machine with more cores (openpyxl writes ~100,000 cells a second; a regency's
    full recap has millions). A recap over Excel's row limit is noted in ``skipped`` instead:
    the build goes on and the CSV files carry the data."""
    from kinerja.recap import xlsx

    ready: dict[str, bytes] = {}
    todo: list[tuple[str, Recap, bytes]] = []
    for path, recap in items:
        if any(len(recap.view(view)) + 1 > xlsx.MAX_ROWS for view in VIEWS):
            skipped.append((path, "terlalu besar untuk satu lembar Excel; gunakan berkas CSV"))
            continue
        key = _content_key(recap)
        hit = artefacts.lookup("xlsx", key)
        if hit is not None:
            ready[path] = hit
        else:
            todo.append((path, recap, key))
    written = _write_many([recap for _, recap, _ in todo])
    for (path, _, key), data in zip(todo, written, strict=True):
        artefacts.store("xlsx", key, data)
        ready[path] = data
    return ready


_POOL_RECAPS: list[Recap] = []


def _write_nth(index: int) -> bytes:
    return _write_workbook(_POOL_RECAPS[index])


def _write_many(recaps: list[Recap]) -> list[bytes]:
    """``_write_workbook`` of each, in order; in forked worker processes when there are several
    and more than one core (the largest first, so that no worker is left with it at the end)."""
    from kinerja.validate.runner import default_jobs

    jobs = min(default_jobs(), len(recaps))
    if jobs < 2:
        return [_write_workbook(recap) for recap in recaps]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    sizes = [sum(len(frame) for frame in r.views().values()) for r in recaps]
    order = sorted(range(len(recaps)), key=lambda i: -sizes[i])
    _POOL_RECAPS[:] = recaps
    try:
        # An executor, not a Pool: a worker killed (out of memory) raises BrokenProcessPool
        # and fails the build with a message, where a Pool would wait for it forever.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            made = dict(zip(order, pool.map(_write_nth, order), strict=True))
    finally:
        _POOL_RECAPS.clear()
    return [made[i] for i in range(len(recaps))]


def downloads(snapshot: Snapshot, skipped: list[tuple[str, str]] | None = None) -> list[Download]:
    """Every published file, with what the index page says about it. Files that cannot be
    made are listed in ``skipped`` (path, reason)."""
    skipped = skipped if skipped is not None else []
    recap = snapshot.recap
    periods = list(reversed(list(snapshot.states)))
    years = sorted({pid[:4] for pid in periods}, reverse=True)
    years = years if len(years) > 1 else []  # one year: its workbook would be rekap.xlsx again
    rows = sum(len(frame) for frame in recap.views().values())
    whole: list[tuple[str, Recap]] = [("unduh/rekap.xlsx", recap)]
    if rows > FULL_WORKBOOK_MAX_ROWS and years:
        whole = []
        skipped.append(
            (
                "unduh/rekap.xlsx",
                f"{rows:,} baris terlalu banyak untuk satu buku kerja Excel".replace(",", ".")
                + "; gunakan rekap per tahun, atau berkas CSV dan JSON yang memuat semuanya",
            )
        )
    books = _workbooks(
        whole
        + [(f"unduh/rekap-{year}.xlsx", year_recap(recap, year)) for year in years]
        + [(f"unduh/rekap-{pid}.xlsx", period_recap(recap, pid)) for pid in periods],
        skipped,
    )

    def workbook(path: str, about: str, section: str) -> list[Download]:
        return [Download(path, books[path], "XLSX", about, section)] if path in books else []

    out = workbook(
        "unduh/rekap.xlsx",
        "Rekap lengkap, satu lembar per tabel: capaian indikator, kumulatif unit dan "
        "instansi, dokumen, ringkasan unit dan periode.",
        "Rekap capaian",
    )
    out.append(
        Download(
            "unduh/rekap.json",
            recap.to_json().encode("utf-8"),
            "JSON",
            "Semua tabel rekap untuk program lain (kunci kolom, bukan judul).",
            "Rekap capaian",
        )
    )
    for view in VIEWS:
        text = recap.to_csv(view, dialek="excel-id")
        out.append(
            Download(
                f"unduh/rekap-{view.replace('_', '-')}.csv",
                ("\ufeff" + text).encode("utf-8"),
                "CSV",
                f"Tabel {SHEETS[view]}.",
                "Rekap capaian",
            )
        )
    for year in years:
        out += workbook(
            f"unduh/rekap-{year}.xlsx",
            f"Rekap tahun {year}: semua periodenya, satu lembar per tabel.",
            "Rekap per tahun",
        )
    for pid in periods:
        out += workbook(
            f"unduh/rekap-{pid}.xlsx",
            f"Rekap {period_label(pid)}; tabel kumulatif sampai dengan periode ini.",
            "Rekap per periode",
        )
    data = data_rows(snapshot)
    sending = sending_rows(snapshot)
    out += [
        Download(
            "unduh/data.csv",
            csv_bytes(list(DATA_COLUMNS.values()), data),
            "CSV",
            "Semua data unit: satu baris per realisasi dan per dokumen, dengan periode, "
            "unit dan berkas sumber.",
            "Data unit",
        ),
        Download(
            "unduh/data.json",
            _json_bytes(
                {
                    "versi": JSON_VERSION,
                    "tabel": {
                        "data": _table_json("Data unit", DATA_COLUMNS, data),
                        "pengiriman": _table_json("Pengiriman", SENDING_COLUMNS, sending),
                    },
                }
            ),
            "JSON",
            "Data unit dan daftar pengiriman (kendala, rencana tindak lanjut) untuk program lain.",
            "Data unit",
        ),
        Download(
            "unduh/pengiriman.csv",
            csv_bytes(list(SENDING_COLUMNS.values()), sending),
            "CSV",
            "Satu baris per berkas data unit: pengirim, jumlah isian, kendala dan "
            "rencana tindak lanjut.",
            "Data unit",
        ),
        Download(
            "unduh/riwayat.json",
            _json_bytes(
                {
                    "versi": JSON_VERSION,
                    "urutan": "waktu mendarat di cabang utama, terlama dulu",
                    "kejadian": [
                        without_email(event_record(e, snapshot.zone))
                        for e in snapshot.history.events
                    ],
                }
            ),
            "JSON",
            "Riwayat lengkap setiap berkas (semua kejadian, paraf, pengesahan dan masalahnya).",
            "Riwayat",
        ),
    ]
    for path, content in dictionary.schema_files(published_schemas(snapshot)).items():
        name = path.rsplit("/", 1)[-1]
        out.append(
            Download(
                path,
                content,
                "JSON Schema",
                f"Skema {name.removesuffix('.schema.json')} (JSON Schema 2020-12).",
                "Kamus data dan skema",
            )
        )
    return out


def index_page(
    snapshot: Snapshot, files: Sequence[Download], skipped: Sequence[tuple[str, str]] = ()
) -> str:
    parts = ["# Unduh\n\n", example_notice(snapshot)]
    parts.append(
        "Rekap dan data di bawah dibuat otomatis dari berkas di repositori pada saat situs "
        "dibangun, sama dengan yang tampil di halaman lain. Berkas CSV memakai pemisah `;` dan "
        "koma desimal (pengaturan Excel Indonesia) dan dapat dibuka langsung di Excel. Isian yang "
        "diawali `=`, `+`, `-` atau `@` diberi tanda `'` di depannya agar tidak dijalankan "
        "sebagai rumus. Dokumen berklasifikasi *terbatas* hanya dimuat jenis, nomor dan "
        "tanggalnya.\n\n"
    )
    sections: dict[str, list[Download]] = {}
    for item in files:
        sections.setdefault(item.section, []).append(item)
    for section, items in sections.items():
        parts.append(heading(2, section))
        if section == "Kamus data dan skema":
            parts.append(
                "[Kamus data](kamus-data.md): setiap isian pada setiap "
                "jenis berkas, dengan keterangan, jenis, nilai yang diizinkan dan contoh.\n\n"
            )
        rows = [
            [
                f'<a href="{esc(href(HERE, d.path))}" download>{esc(d.path.removeprefix("unduh/"))}'
                "</a>",
                esc(d.kind),
                _size(len(d.content)),
                esc(d.about),
            ]
            for d in items
        ]
        parts.append(
            block(
                table(["Berkas", "Format", "Ukuran", "Isi"], rows, numeric=(2,), css="kj-downloads")
            )
        )
    if skipped:
        missing = "".join(
            f"<li><code>{esc(p.removeprefix('unduh/'))}</code>: {esc(why)}</li>"
            for p, why in skipped
        )
        parts.append(
            block(
                f'<div class="admonition warning"><p class="admonition-title">'
                f"Berkas yang tidak dibuat</p><ul>{missing}</ul></div>"
            )
        )
    return "".join(parts)


def pages(snapshot: Snapshot) -> dict[str, str | bytes]:
    skipped: list[tuple[str, str]] = []
    files = downloads(snapshot, skipped)
    out: dict[str, str | bytes] = {d.path: d.content for d in files}
    out[HERE] = index_page(snapshot, files, skipped)
    out["unduh/kamus-data.md"] = dictionary.page(published_schemas(snapshot))
    return out


__all__ = [
    "DATA_COLUMNS",
    "SENDING_COLUMNS",
    "Download",
    "csv_bytes",
    "data_rows",
    "downloads",
    "is_restricted",
    "pages",
    "period_recap",
    "sending_rows",
    "visible_document",
    "without_email",
    "xlsx_bytes",
]
