"""Spreadsheets people really make (tests/spreadsheets/make_spreadsheets.py): each gives the
finding it must, naming the cell, and the values that were meant."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from kinerja.read import Limits, read_bytes
from kinerja.validate.runner import validate_repository
from tracker import REQUEST, make_tracker, write

sys.path.insert(0, str(Path(__file__).resolve().parent / "spreadsheets"))
from make_spreadsheets import CASES, Case


def _get(data: object, path: tuple[str | int, ...]) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_spreadsheet(case: Case, tmp_path: Path) -> None:
    raw = case.build()
    start = time.perf_counter()
    doc = read_bytes(raw, case.target, Limits())
    elapsed = time.perf_counter() - start
    if case.seconds is not None:
        assert elapsed < case.seconds, f"{case.name}: {elapsed:.2f} s"
    for path, value in case.values.items():
        assert doc.data is not None, doc.findings
        assert _get(doc.data, path) == value, (path, doc.data)
    root = make_tracker(tmp_path, with_git=False)
    (root / "submissions/2026-q4/irban-1.yml").unlink()
    folder = case.target.rsplit("/", 1)[0]
    if not (root / folder / "permintaan.yml").exists():
        request = REQUEST.format(requester="rizki-ananda").replace("2026-q4", folder.split("/")[1])
        write(root, f"{folder}/permintaan.yml", request)
    write(root, case.target, raw)
    report = validate_repository(root, use_cache=False, jobs=1)
    mine = [f for f in report.findings if f.path == case.target]
    got = [(f.code, f.place) for f in mine]
    for code, place in case.expect:
        assert any(c == code and (place is None or (p or "").startswith(place)) for c, p in got), (
            code,
            place,
            got,
        )
    for code in case.absent:
        assert code not in {c for c, _ in got}, got
    if not case.expect:
        assert not [f for f in mine if f.severity.value == "error"], got


def test_sender_suggestion_from_the_name(tmp_path: Path) -> None:
    """'Mungkin maksud Anda ...': the full name as printed, the bare name, the NIP, the account."""
    import yaml

    from kinerja.model import Config
    from kinerja.suggest import suggest_person

    repo = Path(__file__).resolve().parents[1]
    org = yaml.safe_load((repo / "submissions/organisasi.yml").read_text(encoding="utf-8"))
    ind = yaml.safe_load((repo / "submissions/indikator.yml").read_text(encoding="utf-8"))
    config = Config.from_data(org, ind)
    person = config.organisation.people["mira-andriani"]
    typed = [person.nama, "mira andriani", "MIRA ANDRIANI", "Mira Andriany", *person.akun]
    if person.nip:
        typed.append(person.nip.replace(" ", ""))
    for text in typed:
        assert suggest_person(config.organisation, text, "irban-1") == "mira-andriani", text
    assert suggest_person(config.organisation, "seseorang lain sama sekali") == ""
