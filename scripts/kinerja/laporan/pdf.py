"""DOCX to PDF through LibreOffice headless (``soffice --headless --convert-to pdf``).

Each conversion runs with its own temporary LibreOffice profile (``-env:UserInstallation``): a
second LibreOffice already running for the same user (a desktop session, another test) would
otherwise take the job over or refuse it, and a first-run profile must not be left in $HOME.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PdfError", "find_soffice", "to_pdf"]

#: Seconds a conversion may take before it is given up (a large report takes a few seconds).
TIMEOUT = 300


class PdfError(Exception):
    """The PDF cannot be made; the message is Indonesian and says what to do."""


def find_soffice() -> str | None:
    """The LibreOffice program: ``$KINERJA_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    given = os.environ.get("KINERJA_SOFFICE")
    if given:
        return given if Path(given).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert ``docx`` into ``out_dir``/<same name>.pdf and return that path."""
    program = find_soffice()
    if program is None:
        raise PdfError(
            "LibreOffice (soffice) tidak ditemukan, sehingga PDF tidak dapat dibuat. Pasang "
            "LibreOffice (mis. `sudo apt-get install libreoffice-writer`, atau `make browser` "
            "di CI), atau buat DOCX saja dengan --format docx lalu simpan sebagai PDF dari "
            "Word/LibreOffice Writer."
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (docx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="kinerja-soffice-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfError(
                f"LibreOffice tidak selesai mengubah {docx.name} menjadi PDF dalam {TIMEOUT} "
                "detik. Coba lagi, atau buka DOCX-nya lalu simpan sebagai PDF."
            ) from exc
        except OSError as exc:
            raise PdfError(f"LibreOffice tidak dapat dijalankan ({program}): {exc}.") from exc
    if done.returncode != 0 or not target.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise PdfError(
            f"LibreOffice gagal mengubah {docx.name} menjadi PDF (kode {done.returncode})"
            + (f": {detail[-1]}" if detail else "")
            + ". DOCX-nya tetap tersedia."
        )
    return target
