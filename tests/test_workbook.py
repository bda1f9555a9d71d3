"""The workbook template: what it holds, how fast it is made, and that it survives a real office
suite. LibreOffice (``soffice --headless``, installed by ``make browser``) saves the files:

* the template as made, opened and saved: protection, drop-downs, formats and the hidden lists
  survive, and the reader still reads it;
* the template filled as a person fills it (the values stored the way typing stores them: 0.6971
  in the ``0.00%`` cell for ``69,71%``, a date cell, a name from the drop-down), saved through
  LibreOffice: ``kinerja validate`` is clean and ``kinerja recap`` gives exactly the typed numbers;
* a table *typed* as text in an Indonesian locale (``69,71%``, ``02/10/2026``), which LibreOffice
  itself parses into a percent cell and a date cell.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
import yaml

from kinerja.model import Config
from kinerja.read import Limits, read_bytes
from kinerja.write import template_workbook
from kinerja.write.workbook import target_text
from tracker import REPO, REQUEST, git, make_tracker, write

sys.path.insert(0, str(Path(__file__).resolve().parent / "spreadsheets"))
from make_spreadsheets import filled, template_bytes

SOFFICE = shutil.which("soffice")
OFFICE_TYPE = Path(__file__).resolve().parent / "spreadsheets" / "office_type.py"
#: What a person types into the template (sheet, cell, text), in Indonesian.
TYPED = (
    "Identitas\tC6\tMira Andriani, S.E., Ak.\n"
    "Identitas\tC7\t06/10/2026\n"
    "Identitas\tC8\tTidak ada\n"
    "Realisasi\tE5\t3\n"
    "Realisasi\tE6\t69,71%\n"
    "Dokumen\tA5\tLHP\n"
    "Dokumen\tB5\t700/045/LHP/Irban-I/2026\n"
    "Dokumen\tC5\t02/10/2026\n"
    "Dokumen\tD5\tAudit Kinerja Dinas Pendidikan\n"
    "Dokumen\tE5\tDinas Pendidikan\n"
    "Dokumen\tA6\tTLHP\n"
    "Dokumen\tI6\tBelum ada tindak lanjut periode ini\n"
)


def _uno_python() -> str | None:
    """A Python with LibreOffice's ``uno`` module (Debian python3-uno), if there is one."""
    for candidate in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python"):
        if Path(candidate).exists():
            probe = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, check=False, timeout=60
            )
            if probe.returncode == 0:
                return candidate
    return None


UNO_PYTHON = _uno_python() if SOFFICE else None
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def _config() -> Config:
    org = yaml.safe_load((REPO / "submissions/organisasi.yml").read_text(encoding="utf-8"))
    ind = yaml.safe_load((REPO / "submissions/indikator.yml").read_text(encoding="utf-8"))
    return Config.from_data(org, ind)


def test_template_sheets_protection_and_validations() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    assert book.sheetnames == ["Petunjuk", "Identitas", "Realisasi", "Dokumen", "Daftar"]
    assert book["Daftar"].sheet_state == "hidden"
    assert all(sheet.protection.sheet for sheet in book)
    _check_inputs(book)
    guide = " ".join(str(c) for row in book["Petunjuk"].iter_rows(values_only=True) for c in row)
    assert "Tenggat penyampaian" in guide and "8 Oktober 2026" in guide
    assert "submissions/2026-q4/" in guide


def _check_inputs(book: openpyxl.Workbook) -> None:
    ident, real, docs = book["Identitas"], book["Realisasi"], book["Dokumen"]
    assert [ident.cell(r, 1).value for r in range(4, 10)][:4] == [
        "unit", "periode", "disampaikan_oleh", "tanggal",
    ]  # fmt: skip
    assert ident.column_dimensions["A"].hidden
    assert ident["C6"].protection.locked is False and ident["C4"].protection.locked is True
    assert ident["C7"].number_format == "dd/mm/yyyy"
    assert real["A5"].value == "jumlah-lhp" and real["A6"].value == "persentase-tindak-lanjut"
    assert real["E6"].number_format == "0.00%" and real["E6"].protection.locked is False
    assert real["D6"].protection.locked is True
    assert real["D6"].value == "85%"
    kinds = {
        (sheet.title, dv.type, str(dv.sqref))
        for sheet in (ident, real, docs)
        for dv in sheet.data_validations.dataValidation
    }
    assert ("Identitas", "list", "C6") in kinds
    assert ("Identitas", "date", "C7") in kinds
    assert ("Realisasi", "decimal", "E6") in kinds
    assert ("Realisasi", "whole", "E5") in kinds
    assert any(t == "Dokumen" and k == "list" and s.startswith("A5:") for t, k, s in kinds)
    assert docs["H5"].value == "terbatas"
    assert real.page_setup.paperSize in (9, "9")


def test_target_shown_the_indonesian_way() -> None:
    config = _config()
    indicator = config.indicators["persentase-tindak-lanjut"]
    assert target_text(indicator, "irban-1", "2026-q4") == "85%"
    ranged = [
        i for i in config.indicators.values() if any(isinstance(t.nilai, dict) for t in i.targets)
    ]
    for ind in ranged:
        target = next(t for t in ind.targets if isinstance(t.nilai, dict))
        unit = target.unit or ind.unit[0]
        text = target_text(ind, unit, f"{target.tahun}-q4")
        assert "\u2013" in text, text


def test_templates_for_every_unit_of_a_period_under_a_second() -> None:
    config = _config()
    request = yaml.safe_load(REQUEST.format(requester="rizki-ananda"))
    start = time.perf_counter()
    for unit in config.organisation.units:
        template_workbook(config, unit, "2026-q4", request)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"{len(config.organisation.units)} templates in {elapsed:.2f} s"


def test_template_reads_back_and_names_the_cells_to_fill() -> None:
    doc = read_bytes(template_bytes(), "submissions/2026-q4/irban-1.xlsx", Limits())
    assert doc.data == {"unit": "irban-1", "periode": "2026-q4"}
    assert doc.positions[("disampaikan_oleh",)].place() == "Identitas!C6 (kolom 'Nama pengirim')"


# --- through LibreOffice ----------------------------------------------------------------------


def _office(tmp: Path, files: list[Path], *extra: str) -> dict[str, Path]:
    out = tmp / "office-out"
    subprocess.run(
        [
            str(SOFFICE), "--headless", "--norestore",
            f"-env:UserInstallation=file://{tmp / 'office-profile'}",
            *extra, "--convert-to", "xlsx", "--outdir", str(out), *map(str, files),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return {f.stem: out / f"{f.stem}.xlsx" for f in files}


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Template, filled template and typed CSV, each saved by LibreOffice (two runs)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    tmp = tmp_path_factory.mktemp("office")
    template, filled_in = tmp / "template.xlsx", tmp / "filled.xlsx"
    template.write_bytes(template_bytes())
    filled_in.write_bytes(filled())
    out = _office(tmp, [template, filled_in])
    typed = tmp / "typed.csv"
    typed.write_text(
        "bagian;kunci;nilai;catatan;nomor;tanggal;judul;objek\n"
        "info;unit;irban-1\ninfo;periode;2026-q4\ninfo;disampaikan_oleh;mira-andriani\n"
        "realisasi;jumlah-lhp;3\nrealisasi;persentase-tindak-lanjut;69,71%\n"
        "dokumen;LHP;;;700/045/LHP/Irban-I/2026;02/10/2026;Audit Kinerja;Dinas Pendidikan\n"
        "nihil;TLHP;;Belum ada tindak lanjut periode ini\n",
        encoding="utf-8",
    )
    # Field separator ;, quote ", UTF-8 (76), from line 1, column types standard, locale id-ID
    # (1057): LibreOffice parses each text as an Indonesian user typing it.
    out |= _office(tmp, [typed], "--infilter=CSV:59,34,76,1,,1057")
    if UNO_PYTHON is not None:
        # The template typed into cell by cell through LibreOffice's Indonesian input parser.
        typed_template = tmp / "typed-template.xlsx"
        subprocess.run(
            [UNO_PYTHON, str(OFFICE_TYPE), str(template), str(typed_template),
             str(tmp / "uno-profile")],
            input=TYPED, text=True, check=True, capture_output=True, timeout=240,
        )  # fmt: skip
        out["typed-template"] = typed_template
    return out


@needs_office
def test_template_survives_a_libreoffice_save(office_files: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(office_files["template"])
    assert book["Daftar"].sheet_state == "hidden"
    assert all(sheet.protection.sheet for sheet in book)
    _check_inputs(book)
    raw = office_files["template"].read_bytes()
    doc = read_bytes(raw, "submissions/2026-q4/irban-1.xlsx", Limits())
    assert doc.data == {"unit": "irban-1", "periode": "2026-q4"}, doc.findings
    assert not doc.findings


def _kinerja(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args, "-C", str(root)],
        check=False, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _recap(root: Path) -> dict[str, float]:
    result = _kinerja(root, "recap", "--period", "2026-q4", "--unit", "irban-1", "--format", "json")
    assert result.returncode == 0, result.stderr
    table = json.loads(result.stdout)["tabel"]["indikator"]
    cols = table["kolom"]
    return {row[cols.index("indikator")]: row[cols.index("realisasi")] for row in table["baris"]}


@pytest.mark.parametrize("name", ["filled", "typed", "typed-template"])
@needs_office
def test_filled_in_libreoffice_validates_and_recaps(
    name: str, office_files: dict[str, Path], tmp_path: Path
) -> None:
    """``filled``: values stored as typing stores them, saved by LibreOffice; ``typed``: a table
    typed as Indonesian text, parsed by LibreOffice; ``typed-template``: the template typed into
    cell by cell through LibreOffice's input parser (``69,71%``, ``06/10/2026``)."""
    if name not in office_files:
        pytest.skip("no Python with LibreOffice's uno module (python3-uno)")
    root = make_tracker(tmp_path)
    git(root, "rm", "-q", "submissions/2026-q4/irban-1.yml")
    write(root, "submissions/2026-q4/irban-1.xlsx", office_files[name].read_bytes())
    result = _kinerja(root, "validate", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "irban-1.xlsx" not in result.stdout, result.stdout
    assert _recap(root) == {"jumlah-lhp": 3, "persentase-tindak-lanjut": 69.71}
