"""The recap (rekap capaian): achievement per indicator, unit and period, year to date, documents.

Computed with pandas from the loaded files; never typed by hand. Importing this package is cheap:
pandas is imported only when a name that needs it is first used, so the stdlib-only modules
(:mod:`~kinerja.recap.capaian`, :mod:`~kinerja.recap.neutralise`, and the period helpers in
:mod:`~kinerja.model.periods`) serve commands that must start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kinerja.recap.build import build_recap
    from kinerja.recap.diff import diff_markdown, diff_recaps
    from kinerja.recap.export import to_csv, to_json, write_csv, write_json
    from kinerja.recap.result import Recap
    from kinerja.recap.xlsx import write_xlsx

__all__ = [
    "Recap",
    "build_recap",
    "diff_markdown",
    "diff_recaps",
    "to_csv",
    "to_json",
    "write_csv",
    "write_json",
    "write_xlsx",
]

_HOME = {
    "Recap": "result",
    "build_recap": "build",
    "diff_markdown": "diff",
    "diff_recaps": "diff",
    "to_csv": "export",
    "to_json": "export",
    "write_csv": "export",
    "write_json": "export",
    "write_xlsx": "xlsx",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
