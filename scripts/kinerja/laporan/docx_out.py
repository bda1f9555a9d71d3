"""The report as a Word document (DOCX) the office finishes, signs and files.

Made with python-docx (see docs/dev/decisions.md, D15): the document is built from the
:class:`~kinerja.laporan.model.Laporan` in code, with the styles of python-docx's default
template (real ``Heading 1``-``4``, ``Table Grid``, ``Caption``, ``Quote``), so that Word's and
Writer's navigation pane, table of contents and restyling work on it.

* A4 portrait, margins 3 cm left and 2,5 cm elsewhere; Bahasa Indonesia set as the language of
  every style (spelling check, hyphenation), Arial (Liberation Sans in LibreOffice) 11 pt.
* The office's heading (kop) from ``organisasi.yml`` ``instansi``; page numbers as PAGE and
  NUMPAGES fields in the footer; the Inspektur's signature block from the role holder in
  ``organisasi.yml``, never a name in code.
* Tables with many rows (the Lampiran) are written as one XML fragment per table instead of
  python-docx's cell-by-cell API, which is quadratic in the number of cells.
* Deterministic: fixed core properties (the time of the repository's last landing, no
  "python-docx" author), fixed zip entry times and order, PNG charts without metadata. The same
  repository gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from kinerja.laporan import text as words
from kinerja.laporan.charts import year_chart
from kinerja.laporan.model import IndicatorSection, Laporan
from kinerja.site.html import day, when

__all__ = ["docx_bytes", "write_docx"]

#: Width of the text column: A4 (21 cm) less 3 cm and 2,5 cm margins, in twips (1 cm = 567).
_TEXT_TWIPS = round(15.5 * 567)
_FONT = "Arial"
_LANG = "id-ID"
#: Characters XML 1.0 cannot carry; a value holding one is printed without it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Zip entry time of every part: the earliest a zip can hold, so it never depends on the clock.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


class _Writer:
    def __init__(self, laporan: Laporan) -> None:
        self.laporan = laporan
        self.doc: DocumentObject = Document()
        self._style_ids: dict[str, str] = {}
        #: Everything is put before this: the body's final section properties.
        self._end = self.doc.element.body.sectPr
        self.tables = 0
        self.figures = 0
        self._setup()

    # -- page, styles, header and footer -------------------------------------------------------

    def _setup(self) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = Cm(3.0)
        section.right_margin = section.top_margin = section.bottom_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.25)
        styles = doc.styles
        normal = styles["Normal"]
        normal.font.name = _FONT
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        self._language()
        for level, size in ((1, 14), (2, 13), (3, 12), (4, 11)):
            style = styles[f"Heading {level}"]
            style.font.name = _FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(12 if level > 1 else 18)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        for name in ("Title", "Caption", "Quote", "Header", "Footer"):
            styles[name].font.name = _FONT
        styles["Caption"].font.color.rgb = RGBColor(0, 0, 0)
        styles["Caption"].font.size = Pt(9)
        styles["Quote"].font.color.rgb = RGBColor(0x22, 0x22, 0x22)
        self._header_footer()
        core = doc.core_properties
        moment = self.laporan.as_of or datetime(2000, 1, 1, tzinfo=UTC)
        core.author = self.laporan.instansi or "kinerja"
        core.last_modified_by = self.laporan.instansi or "kinerja"
        core.created = core.modified = moment.astimezone(UTC).replace(tzinfo=None)
        core.revision = 1
        core.title = f"{self.laporan.title} (draf)"
        core.subject = "Bab III Akuntabilitas Kinerja"
        core.language = _LANG
        core.comments = (
            f"Disusun oleh kinerja dari repositori pada commit {self.laporan.head or '-'}."
        )

    def _language(self) -> None:
        """Bahasa Indonesia as the default language of every run (docDefaults) and of Normal."""
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), _LANG)
        rpr.append(lang)
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), _FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = head.add_run(_clean(f"{self.laporan.title} (draf) – {self.laporan.instansi}"))
        run.font.size = Pt(8)
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.add_run("Halaman ").font.size = Pt(9)
        self._field(foot, "PAGE", "1")
        foot.add_run(" dari ").font.size = Pt(9)
        self._field(foot, "NUMPAGES", "1")

    @staticmethod
    def _field(paragraph: Paragraph, code: str, shown: str) -> None:
        """A complex field (PAGE, NUMPAGES): Word and Writer compute it when they lay out."""
        for kind, extra in (("begin", None), ("instr", code), ("separate", None),
                            ("text", shown), ("end", None)):  # fmt: skip
            run = paragraph.add_run()
            run.font.size = Pt(9)
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = f" {extra} \\* MERGEFORMAT "
                run._r.append(instr)
            elif kind == "text":
                run.text = extra or ""
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)

    # -- building blocks ------------------------------------------------------------------------
    #
    # Paragraphs and tables are made as elements and put before the body's final sectPr
    # directly: python-docx's add_paragraph resolves the style by name (a scan of all styles)
    # and finds the insertion point by scanning the body, which is quadratic over a regency's
    # report (sixty indicators, thousands of paragraphs). Style ids are looked up once.

    def _style_id(self, name: str) -> str:
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = str(self.doc.styles[name].style_id)
        return found

    def _new_p(self, style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        self._end.addprevious(p)
        if style is not None:
            p.get_or_add_pPr().get_or_add_pStyle().val = self._style_id(style)
        return Paragraph(p, self.doc._body)

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        align: WD_ALIGN_PARAGRAPH | None = None,
        size: float | None = None,
        style: str | None = None,
    ) -> Paragraph:
        paragraph = self._new_p(style)
        if text:
            run = paragraph.add_run(_clean(text))
            run.bold = bold
            run.italic = italic
            if size:
                run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self._new_p(f"Heading {level}").add_run(_clean(text))

    def caption(self, text: str) -> None:
        paragraph = self._new_p("Caption")
        paragraph.add_run(_clean(text))
        paragraph.paragraph_format.keep_with_next = True

    def table(
        self,
        title: str,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        *,
        numeric: Iterable[int] = (),
        weights: Sequence[float] | None = None,
    ) -> Table:
        """A numbered table (caption above, header row repeated on every page)."""
        self.tables += 1
        self.caption(f"Tabel {self.tables}. {title}")
        return self.grid(headers, rows, numeric=numeric, weights=weights)

    def grid(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        *,
        numeric: Iterable[int] = (),
        weights: Sequence[float] | None = None,
    ) -> Table:
        """A table in the ``Table Grid`` style, written as one XML fragment."""
        count = len(headers)
        share = list(weights) if weights else [1.0] * count
        widths = [round(_TEXT_TWIPS * w / sum(share)) for w in share]
        right = set(numeric)
        cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        head_cells = []
        for i, text in enumerate(headers):
            align = '<w:jc w:val="right"/>' if i in right else ""
            head_cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[i]}" w:type="dxa"/>'
                '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr>'
                f'<w:p><w:pPr><w:spacing w:after="0"/>{align}</w:pPr>'
                '<w:r><w:rPr><w:b/><w:sz w:val="18"/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(_clean(text))}</w:t></w:r></w:p></w:tc>'
            )
        body = "".join(self._row_xml(row, widths, right) for row in rows)
        xml = (
            f"<w:tbl {nsdecls('w')}><w:tblPr>"
            f'<w:tblStyle w:val="{self._style_id("Table Grid")}"/>'
            '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{cols}</w:tblGrid>"
            f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(head_cells)}</w:tr>"
            f"{body}</w:tbl>"
        )
        tbl = parse_xml(xml)
        self._end.addprevious(tbl)
        self._new_p().paragraph_format.space_after = Pt(2)
        return Table(tbl, self.doc._body)

    @staticmethod
    def _row_xml(row: Sequence[str], widths: Sequence[int], right: set[int]) -> str:
        cells = []
        for i, text in enumerate(row):
            align = '<w:jc w:val="right"/>' if i in right else ""
            lines = _clean(str(text)).split("\n")
            runs = "<w:r><w:br/></w:r>".join(
                f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">'
                f"{escape(line)}</w:t></w:r>"
                for line in lines
            )
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[i]}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:spacing w:after="0"/>{align}</w:pPr>{runs}</w:p></w:tc>'
            )
        return "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>"

    def picture(self, png: bytes, caption: str) -> int:
        self.figures += 1
        paragraph = self._new_p()
        # As Run.add_picture does, but with our own shape ids: python-docx finds the next id by
        # searching the whole document for ids, once per picture.
        r_id, image = self.doc.part.get_or_add_image(io.BytesIO(png))
        cx, cy = image.scaled_dimensions(Cm(15), None)
        inline = CT_Inline.new_pic_inline(1000 + self.figures, r_id, image.filename, cx, cy)
        paragraph.add_run()._r.add_drawing(inline)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        self.caption(f"Gambar {self.figures}. {caption}")
        return self.figures

    def page_break(self) -> None:
        self._new_p().add_run().add_break(WD_BREAK.PAGE)

    def quote(self, text: str) -> None:
        """Staff's Markdown as written, with ``**bold**``/``*italic*`` shown as such."""
        for raw in text.splitlines():
            line = re.sub(r"^\s*>\s?", "", raw).rstrip()
            line = re.sub(r"^\s*[-*+]\s+", "• ", line)
            if not line.strip():
                continue
            paragraph = self._new_p("Quote")
            paragraph.paragraph_format.left_indent = Cm(0.8)
            for part in re.split(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`)", line):
                if not part:
                    continue
                if part.startswith("**") and part.endswith("**") and len(part) > 4:
                    paragraph.add_run(_clean(part[2:-2])).bold = True
                elif part.startswith("*") and part.endswith("*") and len(part) > 2:
                    paragraph.add_run(_clean(part[1:-1])).italic = True
                elif part.startswith("`") and part.endswith("`"):
                    paragraph.add_run(_clean(part[1:-1]))
                else:
                    paragraph.add_run(_clean(part))

    # -- the report ------------------------------------------------------------------------------

    def build(self) -> DocumentObject:
        self.cover()
        self.executive_summary()
        self.chapter()
        self.signature()
        self.appendix()
        return self.doc

    def cover(self) -> None:
        lap = self.laporan
        if lap.pemerintah:
            self.para(lap.pemerintah.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
        self.para(lap.instansi.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
        if lap.alamat:
            self.para(lap.alamat, align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
        rule = self.para()
        border = parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="thickThinSmallGap" w:sz="18" '
            'w:space="1" w:color="000000"/></w:pBdr>'
        )
        rule._p.get_or_add_pPr().append(border)
        for _ in range(3):
            self.para()
        if lap.scope.quarterly:
            lines = ["REKAP HASIL CAPAIAN KINERJA", lap.scope.label.upper()]
        else:
            lines = ["LAPORAN KINERJA INSTANSI PEMERINTAH", f"TAHUN {lap.scope.tahun}"]
        for line in lines:
            self.para(line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=16)
        self.para("(DRAF)", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
        for _ in range(3):
            self.para()
        self.para(
            "Draf ini disusun otomatis oleh pelacak kinerja dari data di repositori"
            + (f" (commit {lap.head[:12]})" if lap.head else "")
            + ". Semua angka berasal dari rekap capaian (perintah kinerja recap); analisis "
            "penyebab dikutip dari analisis.md (analisis dan evaluasi, langkah terakhir SOP). "
            "Lengkapi bagian yang ditandai, periksa, lalu sahkan sesuai SOP.",
            italic=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            size=9,
        )
        missing = words.missing_text(lap)
        if missing:
            self.para(missing, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=10)
        self.page_break()

    def executive_summary(self) -> None:
        lap = self.laporan
        self.heading("IKHTISAR EKSEKUTIF", 1)
        self.para(
            f"Ikhtisar capaian {len(lap.sections)} indikator kinerja {lap.instansi} "
            f"{lap.scope.label_in_text}, dari periode: "
            + (", ".join(words.period_name(p) for p in lap.periods) or "tidak ada")
            + "."
        )
        missing = words.missing_text(lap)
        if missing:
            self.para(missing, bold=True)
        rows = []
        number = 0
        for group in lap.groups:
            for section in group.sections:
                number += 1
                ind = section.indicator
                rows.append(
                    [str(number), ind.nama, ind.satuan, *words.figure_cells(section.current, ind)]
                )
        self.table(
            f"Ikhtisar capaian indikator kinerja {lap.scope.label_in_text}",
            ["No", "Indikator", "Satuan", *words.FIGURE_HEADERS],
            rows,
            numeric=(3, 4, 5),
            weights=(0.8, 4.4, 1.4, 1.5, 1.5, 1.5, 1.7),
        )
        self.page_break()

    def chapter(self) -> None:
        lap = self.laporan
        self.heading("BAB III AKUNTABILITAS KINERJA", 1)
        self.heading("A. Capaian Kinerja Organisasi", 2)
        self.para(
            f"Bagian ini menyajikan capaian setiap indikator kinerja {lap.scope.label_in_text}: "
            "target dan realisasi, capaian dan predikatnya, perbandingan dengan tahun-tahun "
            "sebelumnya, kemajuan terhadap target akhir Renstra, serta analisis penyebabnya. "
            "Capaian = realisasi / target × 100 untuk indikator yang makin tinggi makin baik, "
            "dan (2 × target − realisasi) / target × 100 untuk yang makin rendah makin baik."
        )
        for gap in lap.gaps:
            parts = []
            if gap.missing_units:
                parts.append(f"data belum diterima dari {len(gap.missing_units)} unit "
                             f"({', '.join(gap.missing_names)})")  # fmt: skip
            if not gap.has_analysis:
                parts.append("analisis belum ditulis")
            self.para(f"Catatan {words.period_name(gap.periode)}: {'; '.join(parts)}.", italic=True)
        number = 0
        for g, group in enumerate(lap.groups, start=1):
            if group.sasaran is not None:
                self.heading(f"Sasaran {g}: {group.sasaran.nama}", 3)
            elif len(lap.groups) > 1:
                self.heading("Indikator tanpa sasaran", 3)
            for i, section in enumerate(group.sections, start=1):
                number += 1
                self.indicator(section, f"{g}.{i}" if group.sasaran else str(number))
        self.heading("B. Realisasi Anggaran", 2)
        if not lap.anggaran:
            self.para(
                "[Belum ada indikator anggaran. Tandai indikator realisasi anggaran dengan "
                "anggaran: true di indikator.yml, atau isi bagian ini dari laporan keuangan.]",
                italic=True,
            )
        for section in lap.anggaran:
            ind = section.indicator
            self.para(f"{ind.nama} ({ind.satuan}).")
            self.table(
                f"Realisasi anggaran: {ind.nama}",
                ["Tahun", "S.d. periode", *words.FIGURE_HEADERS],
                [
                    [str(f.tahun), words.period_name(f.sd_periode), *words.figure_cells(f, ind)]
                    for f in section.years
                ],
                numeric=(2, 3, 4),
                weights=(1, 2, 1.3, 1.3, 1.3, 1.6),
            )
        if lap.scope.quarterly and lap.units:
            self.heading("C. Capaian per Unit", 2)
            self.table(
                f"Rata-rata capaian per unit, {lap.scope.label}",
                ["Periode", "Unit", "Indikator dilaporkan", "Rata-rata capaian (%)", "Predikat"],
                [
                    [
                        words.period_name(u.periode),
                        u.unit_nama,
                        f"{u.indikator_dilaporkan} dari {u.indikator_diminta}",
                        words.capaian_text(u.rata_capaian),
                        u.predikat or words.DASH,
                    ]
                    for u in lap.units
                ],
                numeric=(2, 3),
                weights=(1.6, 3, 1.6, 1.6, 1.6),
            )

    def indicator(self, section: IndicatorSection, number: str) -> None:
        ind = section.indicator
        lap = self.laporan
        self.heading(f"Indikator {number}: {ind.nama}", 4)
        self.para(
            f"Satuan: {ind.satuan}; arah: "
            f"{'makin tinggi makin baik' if ind.arah == 'naik' else 'makin rendah makin baik'}; "
            f"id: {ind.id}. {words.sd_text(section)}"
        )
        self.table(
            f"Target dan realisasi {ind.nama} {lap.scope.label_in_text}",
            ["S.d. periode", *words.FIGURE_HEADERS],
            [
                [
                    words.period_name(section.current.sd_periode)
                    if section.current
                    else words.DASH,
                    *words.figure_cells(section.current, ind),
                ]
            ],
            numeric=(1, 2, 3),
            weights=(2, 1.3, 1.3, 1.3, 1.6),
        )
        if section.periods and section.periods != (section.current,):
            self.table(
                f"{ind.nama} per periode {lap.scope.label}",
                ["S.d. periode", *words.FIGURE_HEADERS],
                [
                    [words.period_name(f.sd_periode), *words.figure_cells(f, ind)]
                    for f in section.periods
                ],
                numeric=(1, 2, 3),
                weights=(2, 1.3, 1.3, 1.3, 1.6),
            )
        if len(section.years) > 1:
            png = year_chart(section.years, ind.satuan)
            title = f"Realisasi dan target {ind.nama} per tahun"
            figure = self.picture(png, title) if png else None
            lead = f"Data Gambar {figure}: " if figure else ""
            self.table(
                f"{lead}perbandingan {ind.nama} dengan tahun-tahun sebelumnya",
                ["Tahun", "S.d. periode", *words.FIGURE_HEADERS],
                [
                    [str(f.tahun), words.period_name(f.sd_periode), *words.figure_cells(f, ind)]
                    for f in section.years
                ],
                numeric=(2, 3, 4),
                weights=(1, 2, 1.3, 1.3, 1.3, 1.6),
            )
        else:
            self.para(
                "Belum ada data tahun-tahun sebelumnya di repositori untuk perbandingan.",
                italic=True,
            )
        if section.renstra is not None:
            self.table(
                f"Realisasi {ind.nama} terhadap target akhir Renstra",
                list(words.RENSTRA_HEADERS),
                [words.renstra_cells(section.renstra, ind)],
                numeric=(1, 3, 4),
                weights=(3, 1.8, 1.3, 1.8, 1.6),
            )
            self.para(words.renstra_rule(ind), size=9)
        else:
            self.para(
                "[Target akhir Renstra indikator ini belum diisi (isian target_renstra dan "
                "renstra di indikator.yml).]",
                italic=True,
            )
        self.para("Analisis capaian:", bold=True)
        if section.quotes:
            for quote in section.quotes:
                where = f"{words.period_name(quote.periode)} ({quote.path}"
                where += f", bagian “{quote.heading}”)" if quote.heading else ")"
                self.para(f"Dikutip dari analisis {where}:", size=9, italic=True)
                self.quote(quote.text)
        else:
            periods = ", ".join(words.period_name(p) for p in self.laporan.periods) or "–"
            self.para(
                "[Belum ada analisis yang membahas indikator ini dalam analisis.md periode "
                f"{periods}. Tuliskan penyebab keberhasilan atau kegagalan, upaya yang "
                "dilakukan dan rencana tindak lanjut.]",
                italic=True,
            )

    def signature(self) -> None:
        lap = self.laporan
        signer = lap.signatory
        self.para()
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.width, right.width = Cm(7.5), Cm(8.0)
        lines = [
            (
                "…………………………, ………………………… "
                + str(lap.scope.tahun + (0 if lap.scope.quarterly else 1)),
                False,
            ),
            ((signer.jabatan if signer else "Inspektur Daerah").upper() + ",", True),
            ("", False),
            ("", False),
            ("", False),
            (signer.nama if signer else "[nama pemegang peran inspektur di organisasi.yml]", True),
        ]
        if signer and signer.pangkat:
            lines.append((signer.pangkat, False))
        if signer and signer.nip:
            lines.append((f"NIP. {signer.nip}", False))
        first = True
        for text, bold in lines:
            paragraph = right.paragraphs[0] if first else right.add_paragraph()
            first = False
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(_clean(text))
            run.bold = bold
            if bold and signer and text == signer.nama:
                run.underline = True
        left.paragraphs[0].add_run("")

    def appendix(self) -> None:
        lap = self.laporan
        self.page_break()
        self.heading("LAMPIRAN", 1)
        self.heading("Lampiran 1. Sumber Data", 2)
        self.para(
            "Setiap angka laporan ini dihitung dari berkas data unit berikut. Waktu penyerahan "
            "adalah waktu tepercaya dari riwayat Git (waktu pull request dibuka, atau waktu "
            "merge); paraf adalah persetujuan yang tercatat pada merge berkas itu."
        )
        self.table(
            "Berkas data unit, waktu penyerahan dan paraf",
            ["Periode", "Unit", "Berkas", "Diserahkan", "Status", "Paraf"],
            [
                [
                    words.period_name(s.periode),
                    s.unit_nama,
                    s.path or words.DASH,
                    when(s.received_at, short=True) if s.received_at else words.DASH,
                    s.status,
                    words.join_names(s.paraf),
                ]
                for s in lap.sources
            ],
            weights=(1.6, 2, 3.2, 1.8, 1.4, 2.2),
        )
        self.heading("Lampiran 2. Dokumen Hasil Pengawasan", 2)
        self.para(
            "Dokumen yang dicantumkan unit pada data periode-periode laporan. Dokumen "
            "berklasifikasi terbatas hanya ditampilkan jenis, nomor dan tanggalnya."
        )
        self.table(
            "Dokumen pada data unit",
            ["Periode", "Unit", "Jenis", "Nomor", "Tanggal", "Judul dan objek"],
            [
                [
                    words.period_name(d.periode),
                    d.unit,
                    d.jenis,
                    d.nomor,
                    day(d.tanggal),
                    f"{d.judul} — {d.objek}" if d.judul is not None else "(terbatas)",
                ]
                for d in lap.documents
            ],
            weights=(1.5, 1.3, 0.9, 2.4, 1.5, 4),
        )
        self.heading("Lampiran 3. Cara Membaca Laporan Ini", 2)
        self.para(words.ANALYSIS_RULE)
        if lap.bands:
            self.table(
                "Predikat capaian",
                ["Capaian paling rendah (%)", "Predikat"],
                [[words.value(low, 0), name] for low, name in lap.bands],
                numeric=(0,),
                weights=(1, 2),
            )


def docx_bytes(laporan: Laporan) -> bytes:
    """The DOCX file's bytes: the same report gives the same bytes."""
    buffer = io.BytesIO()
    _Writer(laporan).build().save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """The same parts in the same order with fixed times and attributes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_docx(laporan: Laporan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(laporan))
    return path
