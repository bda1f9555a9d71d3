"""Type text into cells of a workbook the way a person does, through LibreOffice itself.

Run by a Python that has LibreOffice's ``uno`` module (Debian: ``python3-uno``, the system
``/usr/bin/python3``), not the project's virtualenv::

    printf 'Realisasi\\tE6\\t69,71%%\\n' | python3 office_type.py IN.xlsx OUT.xlsx PROFILE_DIR

Each stdin line is ``sheet<TAB>cell<TAB>text``. The text goes through LibreOffice's own input
parser for the Indonesian locale (``NumberFormatter.detectNumberFormat`` and
``convertStringToNumber``, what Calc uses for typed input): ``69,71%`` becomes 0.6971 in a
percent cell, ``06/10/2026`` the 6th of October. A cell still in the General format takes the
detected format, as Calc does on typing. Text that is no number is stored as text. The result is
saved as XLSX by LibreOffice.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.lang import Locale  # type: ignore[import-not-found]

GENERAL_TYPES = (0, 1)  # NumberFormat UNDEFINED, DEFINED: the cell has no number format yet


def prop(name: str, value: object) -> object:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(240):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.25)
    raise SystemExit("LibreOffice did not start")


def main(src: str, dst: str, profile: str) -> int:
    pipe = f"kinerja{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        ctx = connect(pipe)
        smgr = ctx.ServiceManager  # type: ignore[attr-defined]
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),)
        )
        formats = doc.NumberFormats
        formatter = smgr.createInstanceWithContext("com.sun.star.util.NumberFormatter", ctx)
        formatter.attachNumberFormatsSupplier(doc)
        standard = formats.getStandardIndex(Locale("id", "ID", ""))
        for line in sys.stdin.read().splitlines():
            if not line.strip():
                continue
            sheet, ref, text = line.split("\t")
            cell = doc.Sheets.getByName(sheet).getCellRangeByName(ref)
            try:
                detected = formatter.detectNumberFormat(standard, text)
                value = formatter.convertStringToNumber(standard, text)
            except Exception:  # noqa: BLE001 - not a number in this locale: text
                cell.setString(text)
                continue
            cell.setValue(value)
            if formats.getByKey(cell.NumberFormat).Type in GENERAL_TYPES:
                cell.NumberFormat = detected
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc Office Open XML"),))
        doc.close(True)
        with contextlib.suppress(Exception):  # the bridge closes as the office exits
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
