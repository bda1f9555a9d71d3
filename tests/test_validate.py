"""`kinerja validate` on real repositories: schema and cross-file rules, a finding per problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.validate.runner import validate_repository
from tracker import REPO, SUBMISSION, make_tracker, write


def codes(root: Path, *paths: str) -> set[tuple[str, str, int | None]]:
    report = validate_repository(root, list(paths) or None, use_cache=False)
    return {(f.code, f.path, f.line) for f in report.findings}


def kinerja(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args],
        check=False,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts"), **(env or {})},
    )


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    return make_tracker(tmp_path / "repo")


def test_the_shipped_repository_is_valid() -> None:
    report = validate_repository(REPO, use_cache=False)
    assert [f.to_dict() for f in report.findings] == []


def test_a_good_tracker_is_valid(tracker: Path) -> None:
    assert codes(tracker) == set()


SUB = "submissions/2026-q4/irban-1.yml"


@pytest.mark.parametrize(
    ("old", "new", "code", "line"),
    [
        ("unit: irban-1", "unit: irban-9", "unit-unknown", 1),
        ("unit: irban-1", "unit: irban-2", "unit-mismatch", 1),
        ("periode: 2026-q4", "periode: 2026-q3", "period-mismatch", 2),
        ("disampaikan_oleh: mira-andriani", "disampaikan_oleh: syafrizall", "sender-unknown", 3),
        ("disampaikan_oleh: mira-andriani", "disampaikan_oleh: yusnita", "sender-not-member", 3),
        ('tanggal: "2026-10-02"', 'tanggal: "2026-02-30"', "date-invalid", 8),
        ('tanggal: "2026-10-02"', 'tanggal: "1926-10-02"', "date-implausible", 8),
        ("https://drive.example.go.id/lhp-45", "javascript:alert(1)", "link-scheme", 11),
        ("indikator: jumlah-lhp", "indikator: jumlah-lhpp", "indicator-unknown", 14),
        ("indikator: jumlah-lhp", "indikator: jumlah-lhe", "indicator-not-requested", 14),
        ("    nilai: 85.5", "    nilai: 855", "number-out-of-range", 18),
        ("    nilai: 85.5", '    nilai: "85%"', "schema-type", 18),
        ("    nilai: 85.5", "    nilai: 85,5", "schema-type", 18),
        ("kendala: Tidak ada", "kendalla: Tidak ada", "schema-unknown-key", 19),
        ("judul: Audit", 'judul: =HYPERLINK("http://x")', "text-formula", 9),
        ("judul: Audit", "judul: <script>alert(1)</script>", "text-html", 9),
        ("    klasifikasi: terbatas", "    klasifikasi: rahasia", "schema-enum", 12),
        (
            "    tautan: https://drive.example.go.id/lhp-45",
            "    berkas: ../../etc/passwd",
            "evidence-path-outside",
            11,
        ),
        (
            "    tautan: https://drive.example.go.id/lhp-45",
            "    berkas: bukti/tidak-ada.pdf",
            "evidence-missing",
            11,
        ),
        ("  - jenis: LHP", "  - jenis: LHE", "document-type-not-requested", 6),
    ],
)
def test_rules_name_file_line_and_code(
    tracker: Path, old: str, new: str, code: str, line: int
) -> None:
    assert old in SUBMISSION
    write(tracker, SUB, SUBMISSION.replace(old, new, 1))
    found = codes(tracker)
    assert (code, SUB, line) in found, found


def test_missing_indicator_is_an_error_that_names_it(tracker: Path) -> None:
    """Issue 11: a requested indicator without a value is no answer (it was a warning)."""
    text = SUBMISSION.split("  - indikator: persentase-tindak-lanjut")[0] + "kendala: x\n"
    text += "dokumen_nihil:\n  - jenis: TLHP\n    alasan: Tidak ada yang jatuh tempo.\n"
    write(tracker, SUB, text)
    report = validate_repository(tracker, use_cache=False)
    assert [(f.code, f.severity.value) for f in report.findings] == [("indicator-missing", "error")]
    assert "persentase-tindak-lanjut" in report.findings[0].message
    assert report.exit_code == 1


def test_period_without_request_and_unrequested_unit(tracker: Path) -> None:
    write(tracker, "submissions/2026-q3/irban-1.yml", SUBMISSION.replace("2026-q4", "2026-q3"))
    write(tracker, "submissions/2026-q4/irban-3.yml", SUBMISSION.replace("irban-1", "irban-3"))
    found = codes(tracker)
    assert ("period-no-request", "submissions/2026-q3/irban-1.yml", 1) in found
    assert ("unit-not-requested", "submissions/2026-q4/irban-3.yml", 1) in found


def test_duplicates_across_files_of_a_period(tracker: Path) -> None:
    other = (
        SUBMISSION.replace("unit: irban-1", "unit: irban-2")
        .replace("disampaikan_oleh: mira-andriani", "disampaikan_oleh: nofrizal")
        .replace("  - indikator: persentase-tindak-lanjut\n    nilai: 85.5\n", "")
    )
    write(tracker, "submissions/2026-q4/irban-2.yml", other.replace("[LHP, TLHP]", "[LHP]"))
    write(tracker, "submissions/2026-q4/irban-1.csv", "bagian;kunci;nilai\ninfo;unit;irban-1\n")
    found = codes(tracker)
    assert ("document-number-duplicate", "submissions/2026-q4/irban-2.yml", 7) in found
    assert ("submission-duplicate", "submissions/2026-q4/irban-1.csv", 1) in found


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("submissions/2026-13/irban-1.yml", "period-folder-invalid"),
        ("submissions/2026-q4/catatan.txt", "path-unexpected"),
        ("submissions/2026-q4/sub/irban-1.yml", "path-unexpected"),
    ],
)
def test_files_in_the_wrong_place(tracker: Path, path: str, code: str) -> None:
    write(tracker, path, SUBMISSION)
    assert code in {c for c, p, _ in codes(tracker) if p == path}


def test_one_bad_file_does_not_hide_the_others(tracker: Path) -> None:
    write(tracker, SUB, "unit: [\n")
    write(tracker, "submissions/2026-q4/irban-2.yml", SUBMISSION.replace("irban-1", "irban-2"))
    found = codes(tracker)
    assert ("yaml-syntax", SUB, 2) in found
    assert ("unit-mismatch", "submissions/2026-q4/irban-2.yml", 1) not in found
    assert any(p == "submissions/2026-q4/irban-2.yml" for _, p, _ in found)


def test_broken_configuration_is_reported_not_a_crash(tracker: Path) -> None:
    write(tracker, "submissions/organisasi.yml", "versi: 1\nunit: x: y\n")
    found = codes(tracker)
    assert ("config-invalid", "submissions/organisasi.yml", None) in found
    assert any(c == "yaml-syntax" for c, _, _ in found)


def test_cli_text_json_and_exit_codes(tracker: Path) -> None:
    ok = kinerja(tracker, "validate")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "tidak ada temuan" in ok.stdout
    write(tracker, SUB, SUBMISSION.replace("unit: irban-1", "unit: irban-9"))
    bad = kinerja(tracker, "validate")
    assert bad.returncode == 1
    assert f"{SUB}:1:7: unit-unknown" in bad.stdout
    assert "petunjuk:" in bad.stdout
    assert "Traceback" not in bad.stderr
    as_json = json.loads(kinerja(tracker, "validate", "--format", "json").stdout)
    assert as_json["errors"] >= 1
    assert as_json["findings"][0]["code"] == "unit-unknown"
    assert kinerja(tracker, "validate", "--format", "yaml").returncode == 2
    assert kinerja(tracker, "nonsense").returncode == 2


def test_cli_github_annotations_and_summary(tracker: Path, tmp_path: Path) -> None:
    write(
        tracker,
        SUB,
        SUBMISSION.replace("unit: irban-1", "unit: irban-9").replace(
            "judul: Audit", "judul: a|b <b>%0A\nx"[:14]
        ),
    )
    summary = tmp_path / "summary.md"
    out = kinerja(
        tracker, "validate", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert out.returncode == 1
    line = next(x for x in out.stdout.splitlines() if x.startswith("::error"))
    assert line.startswith(f"::error file={SUB},line=1,col=7,title=unit-unknown::")
    assert "\n" not in line
    text = summary.read_text(encoding="utf-8")
    assert "| Berkas |" in text
    assert "<b>" not in text


def test_author_guard(tracker: Path) -> None:
    member = kinerja(tracker, "validate", SUB, "--author", "contoh-mira-andriani")
    assert member.returncode == 0, member.stdout
    stranger = kinerja(tracker, "validate", SUB, "--author", "contoh-nofrizal")
    assert stranger.returncode == 1
    assert "author-not-member" in stranger.stdout
    admin = kinerja(tracker, "validate", SUB, "--author", "contoh-rizki-ananda")
    assert admin.returncode == 0


def test_warm_cache_sees_an_edit(tracker: Path) -> None:
    first = validate_repository(tracker)
    assert first.findings == []
    write(tracker, SUB, SUBMISSION.replace("unit: irban-1", "unit: irban-9"))
    second = validate_repository(tracker)
    assert second.cached >= 1
    assert [f.code for f in second.findings] == ["unit-unknown"]


def test_without_git(tmp_path: Path) -> None:
    root = make_tracker(tmp_path / "plain", with_git=False)
    assert codes(root) == set()
