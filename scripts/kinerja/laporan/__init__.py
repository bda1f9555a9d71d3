"""Laporan Kinerja: the LKjIP chapter the data can write (PermenPAN-RB 53/2014, Bab III).

A stage after the recap: :mod:`~kinerja.laporan.model` computes the chapter as data from one
:class:`~kinerja.snapshot.Snapshot` (recap, history, configuration); the writers lay it out,
:mod:`~kinerja.laporan.docx_out` as DOCX, :mod:`~kinerja.laporan.markdown_out` as Markdown,
:mod:`~kinerja.laporan.pdf` turns the DOCX into PDF through LibreOffice. The site's page per
year (:mod:`kinerja.site.pages.laporan`) reads the same model.
"""

from kinerja.laporan.scope import Scope, parse_scope

__all__ = ["Scope", "parse_scope"]
