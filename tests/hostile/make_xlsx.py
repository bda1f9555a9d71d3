"""Write the hostile .xlsx cases into ``cases/``: the recipe of committed binary files.

The .xlsx files in ``cases/`` are committed; this script says what is inside them, since a reviewer
cannot read a zip in a diff. Run it by hand after changing a recipe, then commit its output:

    .venv/bin/python tests/hostile/make_xlsx.py

Ordinary workbooks come from openpyxl (what Excel-like tools write); the malicious ones are zips of
hand-written XML, because no spreadsheet program writes an entity bomb. Zip entries carry a fixed
date so that running the script again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

CASES = Path(__file__).resolve().parent / "cases"
FIXED = (2026, 1, 1, 0, 0, 0)

HEADER = (
    "bagian",
    "kunci",
    "nilai",
    "catatan",
    "nomor",
    "tanggal",
    "judul",
    "objek",
    "tautan",
    "berkas",
    "klasifikasi",
)
ROWS: tuple[tuple[Any, ...], ...] = (
    ("info", "unit", "irban-1"),
    ("info", "periode", "2026-q4"),
    ("info", "disampaikan_oleh", "mira-andriani"),
    ("realisasi", "jumlah-lhp", 3, "Sesuai PKPT"),
    ("realisasi", "persentase-tindak-lanjut", 85.5),
    (
        "dokumen",
        "LHP",
        None,
        None,
        "700/045/LHP/Irban-I/2026",
        "2026-10-02",
        "Audit Kinerja Dinas Pendidikan",
        "Dinas Pendidikan",
        "https://drive.example.go.id/lhp-45",
        None,
        "terbatas",
    ),
    ("info", "kendala", "Tidak ada"),
)

Rows = Sequence[Sequence[Any]]


def _normalise(raw: bytes) -> bytes:
    """The same zip with fixed entry dates, so the output does not change from run to run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def workbook(
    sheets: dict[str, Rows], tweak: Callable[[openpyxl.Workbook], None] | None = None
) -> bytes:
    """A workbook as openpyxl writes it: one sheet per entry, header row first."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    if tweak is not None:
        tweak(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalise(buffer.getvalue())


def rows_with(index: int | None = None, column: str = "", value: Any = None) -> list[list[Any]]:
    """The good rows, optionally with one cell changed (``index`` counts data rows from 0)."""
    rows = [list(HEADER)] + [list(r) + [None] * (len(HEADER) - len(r)) for r in ROWS]
    if index is not None:
        rows[index + 1][HEADER.index(column)] = value
    return rows


GOOD = rows_with()

# --- hand-written packages ------------------------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>
"""  # noqa: E501 - XML as Excel writes it
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>
"""  # noqa: E501
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="kinerja" sheetId="1" r:id="rId1"/></sheets>
</workbook>
"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>
"""  # noqa: E501
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
LAUGHS = """<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


def _cell(ref: str, value: Any) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_xml(rows: Rows, *, doctype: str = "", first_cell: str | None = None) -> str:
    """A worksheet with inline strings; ``first_cell`` replaces cell A1 with raw XML."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(ord('A') + c)}{r}"
            if value is None:
                continue
            cells.append(first_cell if (ref == "A1" and first_cell) else _cell(ref, value))
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    head = SHEET_HEAD if not doctype else SHEET_HEAD.replace("\n", f"\n{doctype}\n", 1)
    return f"{head}<sheetData>{''.join(body)}</sheetData></worksheet>"


def shared_strings(doctype: str = "", text: str = "bagian") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si><t>{text}</t></si></sst>'
    )


def package(
    sheet: str, strings: str | None = None, extra: Sequence[tuple[str, bytes]] = ()
) -> bytes:
    """A minimal .xlsx from its parts, each stored with a fixed date."""
    parts: list[tuple[str, bytes]] = [
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", RELS.encode()),
        ("xl/workbook.xml", WORKBOOK.encode()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.encode()),
        ("xl/worksheets/sheet1.xml", sheet.encode()),
        ("xl/sharedStrings.xml", (strings or shared_strings()).encode()),
        *extra,
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A workbook whose one string cell inflates to ``megabytes`` MB (deflate: about 1000:1)."""
    head = SHEET_HEAD + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    tail = "</t></is></c></row></sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES.encode()),
            ("_rels/.rels", RELS.encode()),
            ("xl/workbook.xml", WORKBOOK.encode()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.encode()),
            ("xl/sharedStrings.xml", shared_strings().encode()),
        ):
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = b"A" * (1024 * 1024)
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(head.encode())
            for _ in range(megabytes):
                member.write(chunk)
            member.write(tail.encode())
    return out.getvalue()


def _formula(book: openpyxl.Workbook) -> None:
    book["kinerja"]["C5"] = "=1+2"


def _formula_as_text(book: openpyxl.Workbook) -> None:
    """Text that Excel shows as-is (typed with a leading apostrophe) but runs once exported."""
    cell = book["kinerja"]["G7"]
    cell.value = '=HYPERLINK("https://evil.example/x","Klik")'
    cell.data_type = "s"


CSV_TEXT = (
    "bagian;kunci;nilai\ninfo;unit;irban-1\ninfo;periode;2026-q4\n"
    "info;disampaikan_oleh;mira-andriani\n"
)
HTML_TEXT = (
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
    "</head><body><table><tr><td>bagian</td><td>kunci</td><td>nilai</td></tr>"
    "<tr><td>info</td><td>unit</td><td>irban-1</td></tr></table>"
    "<script>alert(1)</script></body></html>\n"
)
OLE2 = (
    bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 482
)


def cases() -> dict[str, bytes]:
    good = workbook({"kinerja": GOOD})
    many = [list(HEADER)] + [["realisasi", "jumlah-lhp", 1]] * 5001
    return {
        "formula.xlsx": workbook({"kinerja": GOOD}, _formula),
        "no-kinerja-sheet.xlsx": workbook({"Sheet1": GOOD, "Petunjuk": [["Isi lembar data"]]}),
        "empty-sheet.xlsx": workbook({"kinerja": []}),
        "script-in-cell.xlsx": workbook(
            {"kinerja": rows_with(5, "objek", "<script>alert(1)</script>")}
        ),
        "date-1900.xlsx": workbook({"kinerja": rows_with(5, "tanggal", dt.datetime(1900, 1, 1))}),
        "too-many-rows.xlsx": workbook({"kinerja": many}),
        "formula-text.xlsx": workbook({"kinerja": GOOD}, _formula_as_text),
        "xml-bomb-sharedstrings.xlsx": package(
            sheet_xml(GOOD, first_cell='<c r="A1" t="s"><v>0</v></c>'),
            shared_strings(LAUGHS, "&lol9;"),
        ),
        "xml-bomb-sheet.xlsx": package(
            sheet_xml(
                GOOD,
                doctype=LAUGHS,
                first_cell='<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>',
            )
        ),
        "xxe-file.xlsx": package(
            sheet_xml(
                GOOD,
                doctype='<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                first_cell='<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c>',
            )
        ),
        "zip-slip.xlsx": package(
            sheet_xml(GOOD), extra=[("../../../tmp/kinerja-zip-slip.txt", b"zip slip\n")]
        ),
        "zip-bomb.xlsx": zip_bomb(200),
        "truncated.xlsx": good[: len(good) // 2],
        "csv-as-xlsx.xlsx": CSV_TEXT.encode(),
        "html-as-xlsx.xlsx": HTML_TEXT.encode(),
        "xls-as-xlsx.xlsx": OLE2,
        "empty.xlsx": b"",
    }


def main() -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    for name, data in cases().items():
        (CASES / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
