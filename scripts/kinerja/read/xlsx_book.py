"""A small, strict reader of the parts of an XLSX that a submission uses.

Why not openpyxl: it builds the whole workbook before we can say a word about it (a 1 MB file of
100,000 empty sheets took 17.6 s and 266 MB), it hides row visibility and merged ranges in
read-only mode, and it costs tens of milliseconds per file, too much for thousands of submissions.
This reader looks at the ZIP's end record first (how many parts), then ``workbook.xml`` (how many
sheets), then each sheet's ``<dimension>`` (how many rows and columns), and refuses a workbook
larger than a template could be *before* reading cells. XML is parsed by defusedxml (no DTDs, no
entities) with ElementTree's C parser, streaming. Entity attacks need a document type
declaration; a part that has one (or is not UTF-8, where a byte search could miss it) is refused
before parsing, which keeps the C parser's speed (defusedxml's parser took 4 s for a 5 MB
``workbook.xml``).

Cells come back as Python values with what their number format says: ``percent`` (Excel stores
``69,71%`` as 0.6971), ``date`` (a serial day number) or ``None``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element, XMLParser, fromstring, iterparse

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
STRICT_MAIN = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"


class BookError(Exception):
    """The workbook cannot be read; ``problem`` is Indonesian, for the finding's message."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class TooBig(BookError):
    """More sheets, parts, rows or cells than a submission can have."""


@dataclass(frozen=True)
class BookLimits:
    """What a submission workbook can hold: a template has 5 sheets and under 100 rows."""

    max_parts: int = 200
    max_sheets: int = 32
    max_rows: int = 5000
    max_columns: int = 64
    max_cells: int = 100_000
    max_strings: int = 60_000


class Cell(NamedTuple):
    """A cell as stored (a named tuple: thousands are made per sheet)."""

    value: Any  # str | int | float | bool | dt.datetime | None
    kind: str | None = None  # "percent" | "date" | "text" (a format of text, "@") | None
    formula: str | None = None


@dataclass
class Sheet:
    name: str
    state: str  # visible | hidden | veryHidden
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    max_row: int = 0

    def rows(self) -> Iterator[tuple[int, list[Cell | None]]]:
        """``(row number, cells from column A)`` for each row that has a cell."""
        by_row: dict[int, dict[int, Cell]] = {}
        for (r, c), cell in self.cells.items():
            by_row.setdefault(r, {})[c] = cell
        for r in sorted(by_row):
            row = by_row[r]
            yield r, [row.get(c) for c in range(1, max(row) + 1)]


@dataclass
class Book:
    sheets: list[Sheet]  # in workbook order; only the sheets asked for have cells
    names: list[tuple[str, str]]  # (name, state) of every sheet


_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_BUILTIN_PERCENT = {9, 10}
_BUILTIN_DATE = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_BUILTIN_TEXT = {49}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(index: int) -> str:
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell_ref(row: int, column: int) -> str:
    return f"{column_letters(column)}{row}"


def _ref(text: str) -> tuple[int, int]:
    match = _CELL_REF.fullmatch(text.replace("$", ""))
    if match is None:
        raise BookError(f"alamat sel '{text[:20]}' tidak sah")
    return int(match[2]), column_index(match[1])


_COLUMNS: dict[str, int] = {}
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z0-9:$]{1,40})"')


def _fast_ref(text: str) -> tuple[int, int]:
    """``"E7"`` -> ``(7, 5)``, with the column letters memoised (a sheet repeats a few)."""
    split = 0
    while split < len(text) and "A" <= text[split] <= "Z":
        split += 1
    letters, digits = text[:split], text[split:]
    if not 0 < split <= 3 or not digits.isdigit() or len(digits) > 7:
        raise BookError(f"alamat sel '{text[:20]}' tidak sah")
    col = _COLUMNS.get(letters)
    if col is None:
        col = _COLUMNS.setdefault(letters, column_index(letters))
    return int(digits), col


def _span(text: str) -> tuple[int, int, int, int]:
    first, _, last = text.partition(":")
    r1, c1 = _ref(first)
    r2, c2 = _ref(last) if last else (r1, c1)
    return r1, c1, r2, c2


def _format_kind(code: str) -> str | None:
    bare = _QUOTED.sub("", code)
    if "%" in bare:
        return "percent"
    if bare.strip() == "@":
        return "text"
    lowered = bare.lower().replace("general", "")
    if any(ch in lowered for ch in "dmy") or re.search(r"[hs]", lowered):
        return "date"
    return None


def _zip_entries(raw: bytes) -> int:
    """The number of parts as the ZIP's end record states it, read before the archive is opened:
    listing 100,000 parts takes longer than refusing them."""
    end = raw.rfind(b"PK\x05\x06", max(0, len(raw) - 65_557))
    if end < 0 or end + 22 > len(raw):
        raise BookError("arsip ZIP di dalamnya rusak atau terpotong")
    (entries,) = struct.unpack("<H", raw[end + 10 : end + 12])
    if entries == 0xFFFF:  # ZIP64: the real count is elsewhere; no spreadsheet needs it
        raise TooBig("berisi terlalu banyak bagian (ZIP64)")
    return int(entries)


class _Reader:
    def __init__(self, raw: bytes, limits: BookLimits, inflate_limit: int) -> None:
        self.limits = limits
        entries = _zip_entries(raw)
        if entries > limits.max_parts:
            raise TooBig(f"berisi {entries} bagian, padahal templat hanya perlu puluhan")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise BookError("arsip ZIP di dalamnya rusak atau terpotong") from exc
        total = 0
        for info in self.zip.infolist():
            name = info.filename
            if name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/"):
                raise BookError("berisi bagian dengan nama yang tidak sah")
            total += info.file_size
        if total > inflate_limit:
            raise TooBig(
                f"isinya mengembang menjadi {total // (1024 * 1024)} MB, melebihi batas "
                f"{inflate_limit // (1024 * 1024)} MB"
            )
        self.names = {info.filename.lower(): info.filename for info in self.zip.infolist()}

    def part(self, name: str) -> bytes | None:
        real = self.names.get(name.lstrip("/").lower())
        if real is None:
            return None
        try:
            return self.zip.read(real)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
            raise BookError("arsip ZIP di dalamnya rusak atau terpotong") from exc

    def xml(self, name: str) -> Element | None:
        data = self.part(name)
        if data is None:
            return None
        return _parse(data)


_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _guard(data: bytes) -> bytes:
    """Refuse what could declare entities: a DTD, or an encoding the byte search cannot see."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:512]:
        raise BookError("berisi XML yang bukan UTF-8")
    if _DECLARATION.search(data):
        raise BookError("berisi XML yang tidak diizinkan (deklarasi entitas atau DTD)")
    return data


def _parse(data: bytes) -> Element:
    try:
        return fromstring(_guard(data), parser=XMLParser())  # noqa: S314 - _guard
    except Exception as exc:
        raise BookError(_xml_problem(exc)) from exc


def _xml_problem(exc: BaseException) -> str:
    name = type(exc).__name__
    if "Forbidden" in name or "DTD" in name or "Entit" in name:
        return "berisi XML yang tidak diizinkan (deklarasi entitas atau DTD)"
    return "susunan XML di dalamnya rusak"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(node: Element, name: str) -> Iterator[Element]:
    for child in node:
        if _local(child.tag) == name:
            yield child


def _find(node: Element, name: str) -> Element | None:
    return next(_children(node, name), None)


def _text_of(node: Element) -> str:
    """The text of a shared or inline string: ``<t>`` or rich-text runs ``<r><t>``, without the
    phonetic guide ``<rPh>``."""
    parts: list[str] = []
    for child in node:
        tag = child.tag
        if tag[-2:] == "}t" or tag == "t":
            parts.append(child.text or "")
        elif tag[-2:] == "}r" or tag == "r":
            t = _find(child, "t")
            if t is not None:
                parts.append(t.text or "")
    return parts[0] if len(parts) == 1 else "".join(parts)


def _workbook(reader: _Reader) -> tuple[list[tuple[str, str, str]], bool]:
    """``[(name, state, part path)]`` and whether dates count from 1904. Streamed: a workbook
    listing 100,000 sheets is refused at the 33rd, without parsing the rest."""
    data = reader.part("xl/workbook.xml")
    if data is None:
        raise BookError("bagian penting buku kerja (xl/workbook.xml) tidak ada")
    found: list[tuple[str, str, str]] = []
    date1904 = False
    nodes: Iterator[tuple[str, Element]]
    if len(data) < 65_536:  # every real workbook: one fast parse; streaming is for the hostile
        nodes = (("start", n) for n in _parse(data).iter())
    else:
        nodes = iterparse(io.BytesIO(_guard(data)), events=("start",))  # noqa: S314 - _guard
    try:
        for _event, node in nodes:
            local = _local(node.tag)
            if local == "sheet":
                if len(found) >= reader.limits.max_sheets:
                    raise TooBig(
                        f"berisi lebih dari {reader.limits.max_sheets} lembar kerja, padahal "
                        "templat hanya lima"
                    )
                rid = next((v for k, v in node.attrib.items() if k.endswith("}id")), "")
                found.append((node.get("name", ""), node.get("state", "visible"), rid))
            elif local == "workbookPr":
                date1904 = node.get("date1904", "0").lower() in ("1", "true")
    except BookError:
        raise
    except Exception as exc:
        raise BookError(_xml_problem(exc)) from exc
    targets: dict[str, str] = {}
    rels = reader.xml("xl/_rels/workbook.xml.rels")
    if rels is not None:
        for rel in _children(rels, "Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id", "")] = target
    return [(name, state, targets.get(rid, "")) for name, state, rid in found], date1904


def _styles(reader: _Reader) -> list[str | None]:
    """The format kind of each cell style index (``s`` attribute)."""
    root = reader.xml("xl/styles.xml")
    if root is None:
        return []
    custom: dict[int, str | None] = {}
    numfmts = _find(root, "numFmts")
    if numfmts is not None:
        for node in _children(numfmts, "numFmt"):
            try:
                custom[int(node.get("numFmtId", "-1"))] = _format_kind(node.get("formatCode", ""))
            except ValueError:
                continue
    kinds: list[str | None] = []
    xfs = _find(root, "cellXfs")
    if xfs is not None:
        for xf in _children(xfs, "xf"):
            try:
                fmt = int(xf.get("numFmtId", "0"))
            except ValueError:
                fmt = 0
            if fmt in custom:
                kinds.append(custom[fmt])
            elif fmt in _BUILTIN_PERCENT:
                kinds.append("percent")
            elif fmt in _BUILTIN_DATE:
                kinds.append("date")
            elif fmt in _BUILTIN_TEXT:
                kinds.append("text")
            else:
                kinds.append(None)
    return kinds


def _shared_strings(reader: _Reader) -> list[str]:
    data = reader.part("xl/sharedStrings.xml")
    if data is None:
        return []
    if data.count(b"<si>") + data.count(b"<si ") > reader.limits.max_strings:
        raise TooBig("berisi terlalu banyak teks untuk sebuah templat")
    if data.count(b"<") > 8 * reader.limits.max_strings + 10_000:
        raise TooBig("berisi terlalu banyak teks untuk sebuah templat")
    out = [_text_of(node) for node in _parse(data) if node.tag[-3:] == "}si" or node.tag == "si"]
    if len(out) > reader.limits.max_strings:
        raise TooBig("berisi terlalu banyak teks untuk sebuah templat")
    return out


def _number(text: str) -> int | float:
    if "." in text or "e" in text or "E" in text:
        value = float(text)
        return value
    return int(text)


class _SheetReader:
    def __init__(
        self,
        sheet: Sheet,
        styles: list[str | None],
        strings: list[str],
        epoch: dt.datetime,
        limits: BookLimits,
    ) -> None:
        self.sheet, self.styles, self.strings, self.epoch, self.limits = (
            sheet,
            styles,
            strings,
            epoch,
            limits,
        )
        self.ns = self.tag_v = self.tag_f = self.tag_is = ""

    def read(self, data: bytes) -> None:
        # Counted in bytes first: refusing 300,000 cells must not cost parsing them. Every
        # element starts with "<"; a cell takes two to four elements.
        if data.count(b"<") > 4 * self.limits.max_cells + 10_000:
            raise TooBig(
                f"lembar '{self.sheet.name}' berisi terlalu banyak sel untuk sebuah templat"
            )
        dimension = _DIMENSION.search(data, 0, 4096)
        if dimension is not None:
            self._check_dimension(dimension[1].decode("ascii"))
        root = _parse(data)
        tag = root.tag
        ns = tag[: tag.rfind("}") + 1] if isinstance(tag, str) and tag.startswith("{") else ""
        self.ns = ns
        self.tag_v, self.tag_f, self.tag_is = ns + "v", ns + "f", ns + "is"
        cells = 0
        tag_c = ns + "c"
        for row in root.iter(ns + "row"):
            number = self._row(row)
            for node in row:
                if node.tag == tag_c:
                    cells += 1
                    if cells > self.limits.max_cells:
                        raise TooBig("berisi terlalu banyak sel untuk sebuah templat")
                    self._cell(node, number)
        for col in root.iter(ns + "col"):
            self._col(col)
        for merged in root.iter(ns + "mergeCell"):
            self.sheet.merged.append(_span(merged.get("ref", "")))

    def _check_dimension(self, ref: str) -> None:
        try:
            _r1, _c1, r2, c2 = _span(ref)
        except BookError:
            return  # a broken dimension is only a hint; the cells are counted anyway
        if r2 > self.limits.max_rows or c2 > self.limits.max_columns:
            raise TooBig(
                f"lembar '{self.sheet.name}' mencakup {r2} baris x {c2} kolom, melebihi batas "
                f"{self.limits.max_rows} baris x {self.limits.max_columns} kolom"
            )

    def _row(self, node: Element) -> str | None:
        """The row's number as written (its cells' addresses end with it), or ``None``."""
        text = node.get("r")
        if text is None or not text.isdigit():
            return None
        if node.get("hidden", "0").lower() in ("1", "true"):
            self.sheet.hidden_rows.add(int(text))
        return text

    def _col(self, node: Element) -> None:
        if node.get("hidden", "0").lower() not in ("1", "true"):
            return
        try:
            low, high = int(node.get("min", "0")), int(node.get("max", "0"))
        except ValueError:
            return
        self.sheet.hidden_columns.update(range(low, min(high, self.limits.max_columns) + 1))

    def _cell(self, node: Element, row_text: str | None = None) -> None:
        ref = node.get("r")
        if ref is None:
            raise BookError("sel tanpa alamat (atribut r) tidak didukung")
        letters = ref[: len(ref) - len(row_text)] if row_text and ref.endswith(row_text) else ""
        col = _COLUMNS.get(letters) if letters else None
        if col is not None and row_text is not None:
            row = int(row_text)  # the common case: "E7" in row 7, column letters seen before
        else:
            row, col = _fast_ref(ref)
        if row > self.limits.max_rows or col > self.limits.max_columns:
            raise TooBig(
                f"sel {ref} di lembar '{self.sheet.name}' di luar batas "
                f"{self.limits.max_rows} baris x {self.limits.max_columns} kolom"
            )
        self.sheet.max_row = max(self.sheet.max_row, row)
        kind: str | None = None
        style = node.get("s")
        if style is not None and style != "0":
            try:
                kind = self.styles[int(style)]
            except (ValueError, IndexError):
                kind = None
        ctype = node.get("t", "n")
        v = f = None
        inline: Element | None = None
        for child in node:
            ctag = child.tag
            if ctag == self.tag_v:
                v = child.text
            elif ctag == self.tag_f:
                f = child.text or "(rumus bersama)"
            elif ctag == self.tag_is:
                inline = child
        value: Any
        if ctype == "s":
            try:
                value = self.strings[int(v or "")]
            except (ValueError, IndexError) as exc:
                raise BookError(f"sel {ref} menunjuk teks yang tidak ada") from exc
        elif ctype == "inlineStr":
            value = _text_of(inline) if inline is not None else ""
        elif ctype in ("str", "e"):
            value = v or ""
        elif ctype == "b":
            value = v == "1"
        elif ctype == "d":  # an ISO 8601 date cell (strict OOXML, some exporters)
            try:
                value = dt.datetime.fromisoformat((v or "").rstrip("Z"))
            except ValueError:
                value = v or ""
        elif v is None or v == "":
            value = None
        else:
            try:
                value = _number(v)
            except ValueError as exc:
                raise BookError(f"sel {ref} berisi angka yang tidak sah") from exc
            if kind == "date" and isinstance(value, (int, float)):
                try:
                    value = self.epoch + dt.timedelta(days=value)
                except OverflowError:
                    value = v
        if value is None and f is None:
            return
        self.sheet.cells[(row, col)] = Cell(value, kind, f)


def read_book(
    raw: bytes,
    *,
    wanted: Any,
    limits: BookLimits,
    inflate_limit: int,
) -> Book:
    """Read the sheets whose lower-cased name ``wanted(name, names)`` accepts; the others are
    listed by name only. Raises :class:`BookError` (or :class:`TooBig`) with an Indonesian
    reason."""
    reader = _Reader(raw, limits, inflate_limit)
    sheets, date1904 = _workbook(reader)
    names = [(name, state) for name, state, _ in sheets]
    chosen = [s for s in sheets if wanted(s[0], names)]
    styles = _styles(reader) if chosen else []
    strings = _shared_strings(reader) if chosen else []
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    out: list[Sheet] = []
    for name, state, target in chosen:
        sheet = Sheet(name, state)
        data = reader.part(target) if target else None
        if data is None:
            raise BookError(f"isi lembar '{name}' tidak ada")
        _SheetReader(sheet, styles, strings, epoch, limits).read(data)
        out.append(sheet)
    return Book(out, names)
