"""Writers: a submission or a request as the files units hand in (YAML, CSV, XLSX).

The inverse of :mod:`kinerja.read`: reading what these functions write gives back the same
data. Used by ``kinerja template`` (a pre-filled file for a unit) and ``kinerja demo``.
"""

from __future__ import annotations

from kinerja.write.table_out import submission_csv, submission_rows
from kinerja.write.template import TemplateError, template, template_header
from kinerja.write.workbook import template_workbook
from kinerja.write.xlsx_out import submission_xlsx
from kinerja.write.yaml_files import request_yaml, submission_yaml
from kinerja.write.yaml_out import dump as dump_yaml

__all__ = [
    "TemplateError",
    "dump_yaml",
    "request_yaml",
    "submission_csv",
    "submission_rows",
    "submission_xlsx",
    "submission_yaml",
    "template",
    "template_header",
    "template_workbook",
]
