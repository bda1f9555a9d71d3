"""The layout of the workbook template: sheet names, column labels and the keys behind them.

One module for the writer (:mod:`kinerja.write.workbook`) and the reader
(:mod:`kinerja.read.xlsx_template`), so that they cannot drift apart. Labels are what the person
filling the workbook sees (Indonesian); keys are the submission's field names (data-contract.md).
The reader finds each sheet's header row by its labels, not by a fixed row number.
"""

from __future__ import annotations

GUIDE = "Petunjuk"
IDENTITY = "Identitas"
REALISATION = "Realisasi"
DOCUMENTS = "Dokumen"
#: Hidden sheet: the marker of the template, the staff list (name -> id) and the drop-down lists.
LISTS = "Daftar"
MARKER = "kinerja-templat"
VERSION = 1
#: Sheets the reader reads; any other sheet gets an ``xlsx-extra-sheet`` warning.
READ_SHEETS = (IDENTITY, REALISATION, DOCUMENTS, LISTS)
KNOWN_SHEETS = (GUIDE, *READ_SHEETS)

#: Identity sheet: hidden key column A, label column B, value column C.
IDENTITY_FIELDS = (
    ("unit", "Unit kerja"),
    ("periode", "Periode"),
    ("disampaikan_oleh", "Nama pengirim"),
    ("tanggal", "Tanggal penyampaian"),
    ("kendala", "Kendala"),
    ("rencana_tindak_lanjut", "Rencana tindak lanjut"),
)
IDENTITY_HEADER = ("Kunci", "Isian", "Nilai")
IDENTITY_FIRST_ROW = 4  # header on row 3

REALISATION_COLUMNS = (
    ("indikator", "Kode indikator"),
    ("nama", "Nama indikator"),
    ("satuan", "Satuan"),
    ("target", "Target"),
    ("nilai", "Realisasi"),
    ("catatan", "Catatan"),
)
DOCUMENT_COLUMNS = (
    ("jenis", "Jenis dokumen"),
    ("nomor", "Nomor"),
    ("tanggal", "Tanggal"),
    ("judul", "Judul"),
    ("objek", "Objek (obrik)"),
    ("tautan", "Tautan"),
    ("berkas", "Berkas bukti"),
    ("klasifikasi", "Klasifikasi"),
    ("alasan_nihil", "Bila tidak ada: alasannya"),
)
#: A Dokumen row with only a type and a reason in this column says "none this period"
#: (``dokumen_nihil``): a requested type must get a document or such a row.
NIHIL_REASON = "alasan_nihil"
HEADER_ROW = 4  # Realisasi and Dokumen: title on row 1, subtitle on row 2, header on row 4
#: Empty document rows in the template beyond the requested ones.
DOCUMENT_ROWS = 30

#: Daftar sheet: marker in A1:B1, staff from row 3 (name in A, id in B), lists in D and E.
LISTS_FIRST_ROW = 3
