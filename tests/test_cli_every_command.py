"""One command-line convention, checked on every command that takes a period, unit or indicator.

The commands are found by walking the real argument parser, so a new command (or a new
option) that takes a period, a unit or an indicator is in this test the day it is added: it
must be listed in :data:`CASES` (how to call it with a name that does not exist) or in
:data:`EXEMPT` (why it takes a name that need not exist yet), and every case must give exit 2,
an Indonesian message naming the unknown value and a did-you-mean suggestion.

Against a real tracker (tests/tracker.py) with two periods: 2026-q3 (a request only) and
2026-q4 (a request and Irban I's data).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinerja.cli import build_parser, main
from tracker import git, make_tracker, signed_commit, write

REQUEST_Q3 = """\
periode: 2026-q3
tanggal: "2026-07-01"
tenggat: "2026-07-08"
diminta_oleh: rizki-ananda
penerima:
  - unit: irban-1
    indikator: [jumlah-lhp, persentase-tindak-lanjut]
    dokumen: [LHP, TLHP]
"""

#: Options (or positional arguments, by metavar) whose value names a period, a unit or an
#: indicator. How they are recognised: by destination or metavar.
NAME_DESTS = {"period", "periods", "periode", "unit", "units_of", "dari", "indikator", "indicator"}
NAME_METAVARS = {"PERIODE", "UNIT", "U", "TAHUN|TAHUN-qN", "INDIKATOR"}

#: (command, option) -> argv with ``{x}`` where the unknown value goes, and what is unknown.
CASES: dict[tuple[str, str], tuple[list[str], str]] = {
    ("status", "--period"): (["status", "--period", "{x}"], "periode"),
    ("history", "--period"): (["history", "--period", "{x}"], "periode"),
    ("history", "--unit"): (["history", "--unit", "{x}"], "unit"),
    ("recap", "--period"): (["recap", "--period", "{x}"], "periode"),
    ("recap", "--unit"): (["recap", "--unit", "{x}"], "unit"),
    ("template", "UNIT"): (["template", "{x}", "2026-q4"], "unit"),
    ("template", "PERIODE"): (["template", "irban-1", "{x}"], "periode"),
    ("laporan", "TAHUN|TAHUN-qN"): (["laporan", "{x}", "--format", "md"], "tahun"),
    ("period open", "--dari"): (
        ["period", "open", "2027-q1", "--tenggat", "2027-01-08", "--dari", "{x}"],
        "periode",
    ),
    ("period propose", "PERIODE"): (["period", "propose", "{x}", "--dry-run"], "periode"),
    ("period notify", "PERIODE"): (["period", "notify", "{x}", "--dry-run"], "periode"),
}
#: Names that are new by nature, with the reason.
EXEMPT = {
    ("period open", "PERIODE"): "membuka periode baru: periodenya memang belum ada",
}
#: Unknown values of each kind, and the suggestion each must get.
UNKNOWN = {
    "periode": [
        ("2025-q3", "2026-q3"),  # well formed, not in the tracker: the nearest in time
        ("2026-q5", "2026-q4"),  # mistyped: the closest in spelling
    ],
    "unit": [("irban-11", "irban-1"), ("irban-9", None)],
    "tahun": [("2019", "2026"), ("2026-q5", "2026-q4")],  # laporan: a year or a quarter
}
#: Words of argparse (and Python) that must never reach the user.
ENGLISH = re.compile(
    r"Traceback|usage:|error:|argument|invalid|required|expected|not found|does not exist"
)


@pytest.fixture(scope="module")
def tracker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_tracker(tmp_path_factory.mktemp("cli"))
    write(root, "submissions/2026-q3/permintaan.yml", REQUEST_Q3)
    catalogue = root / "submissions" / "indikator.yml"
    text = catalogue.read_text("utf-8")
    old = "2026-q3: 81, 2026-q4: 85}"
    assert old in text
    catalogue.write_text(text.replace(old, "2026-q3: 81, 2026-q4: {min: 80, max: 90}}"), "utf-8")
    git(root, "add", "-A")
    signed_commit(root, "periode 2026-q3; target rentang")
    return root


def _walk(parser: argparse.ArgumentParser, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (command, option) of the parser whose value names a period, unit or indicator."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, f"{path} {name}".strip())
        elif action.dest in NAME_DESTS or str(action.metavar) in NAME_METAVARS:
            long = [o for o in action.option_strings if o.startswith("--")]
            yield path, (long[0] if long else str(action.metavar))


def test_every_command_that_takes_a_name_is_checked() -> None:
    found = set(_walk(build_parser()))
    assert found, "no command takes a period or unit?"
    missing = found - set(CASES) - set(EXEMPT)
    assert not missing, f"perintah baru tanpa uji konvensi nama: {sorted(missing)}"
    stale = (set(CASES) | set(EXEMPT)) - found
    assert not stale, f"kasus untuk pilihan yang sudah tidak ada: {sorted(stale)}"


def _cases() -> Iterator[object]:
    for (command, option), (argv, kind) in CASES.items():
        for value, guess in UNKNOWN[kind]:
            yield pytest.param(argv, value, guess, id=f"{command} {option} {value}")


@pytest.mark.parametrize(("argv", "value", "guess"), list(_cases()))
def test_an_unknown_name_is_exit_2_with_a_suggestion_in_indonesian(
    tracker: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    value: str,
    guess: str | None,
) -> None:
    args = [a.replace("{x}", value) for a in argv]
    if args[0] == "laporan":
        args += ["-o", str(tmp_path)]
    assert main([*args, "--root", str(tracker)]) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert f"'{value}' tidak ada." in err, err
    if guess is None:
        assert "Mungkin maksud Anda:" in err or "Yang ada:" in err, err
    else:
        assert f"Mungkin maksud Anda: {guess}." in err, err
    assert not ENGLISH.search(err), err
    assert not list(tmp_path.iterdir())  # nothing written for a name that does not exist


def test_listings_are_newest_first(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--root", str(tracker)]) == 0
    printed = re.findall(r"\((\d{4}-q\d)\): ", capsys.readouterr().out)
    assert printed == ["2026-q4", "2026-q3"]
    # A value that looks like nothing known: the listing of what exists, newest first.
    assert main(["status", "--period", "zzz", "--root", str(tracker)]) == 2
    assert "Yang ada: 2026-q4, 2026-q3." in capsys.readouterr().err


def test_recap_table_prints_whole_numbers_whole_and_ranges_with_a_dash(
    tracker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["recap", "--root", str(tracker)]) == 0
    lines = capsys.readouterr().out.splitlines()[2:]
    assert lines[0].startswith("2026-q4") and lines[-1].startswith("2026-q3")  # newest first
    rows = {tuple(cells[:3]): cells for line in lines if len(cells := line.split()) >= 6}
    lhp = rows[("2026-q4", "irban-1", "jumlah-lhp")]
    assert lhp[3:6] == ["5", "3", "60,00"], lhp  # target and realisasi of a count: no decimals
    share = rows[("2026-q4", "irban-1", "persentase-tindak-lanjut")]
    assert share[3:5] == ["80–90", "85,50"], share  # a range target, presisi 2
    for view in ("per_periode", "per_unit", "dokumen"):
        assert main(["recap", "--view", view, "--root", str(tracker)]) == 0
        out = capsys.readouterr().out
        assert "2.026" not in out and " 2026 " in out, out  # a year is not an amount
        assert not re.search(r"\b\d+,00\b", out.split("Capaian")[0]), out
        assert "True" not in out and "False" not in out, out


@pytest.mark.parametrize(
    "argv",
    [
        ["remind", "--hari", "x"],
        ["recap", "--format", "x"],
        ["template"],
        ["status", "--period"],
        ["status", "--tidak-ada"],
        ["history", "--period", "2026-q4", "--unit", "irban-1"],
        ["period", "open"],
    ],
)
def test_usage_errors_speak_indonesian(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "kesalahan:" in err and "penggunaan:" in err, err
    assert not ENGLISH.search(err.replace("penggunaan:", "").replace("kesalahan:", "")), err
