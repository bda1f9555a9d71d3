"""Author checks on real Git branches: deleted and renamed files, every person who wrote a
commit of the pull request, and the analysis from the unit the SOP names for step 6."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kinerja.validate.author import Change, parse_name_status
from tracker import REPO, SUBMISSION, git, make_tracker, write

SUB = "submissions/2026-q4/irban-1.yml"
ANALYSIS = "submissions/2026-q4/analisis.md"
MIRA = ("Mira Andriani", "mira.andriani@example.go.id")  # irban-1, staf
MIRA_HANDLE = "contoh-mira-andriani"
NOFRIZAL = ("Nofrizal", "nofrizal@example.go.id")  # head of irban-2
YESI = ("Yesi Novita", "yesi.novita@example.go.id")  # head of Subbag Perencanaan
ELFI = ("Elfi Susanti", "elfi.susanti@example.go.id")  # head of Subbag AUK
RIZKI = ("Rizki Ananda", "rizki.ananda@example.go.id")  # admin


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_tracker(tmp_path / "repo")
    git(root, "checkout", "-q", "-b", "usulan")
    return root


def commit(
    root: Path,
    message: str,
    author: tuple[str, str],
    committer: tuple[str, str] | None = None,
) -> None:
    committer = committer or author
    env = {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_COMMITTER_NAME": committer[0],
        "GIT_COMMITTER_EMAIL": committer[1],
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
    }
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", message], check=True, env=env)


def check(root: Path, *args: str) -> tuple[int, list[tuple[str, str]]]:
    """Run ``kinerja validate --format json`` with the pull request's changes since main."""
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "validate", "--format", "json", "--no-cache", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    return done.returncode, [(f["code"], f["path"]) for f in report["findings"]]


def author_codes(findings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [f for f in findings if f[0].startswith("author-")]


def test_name_status_with_renames_and_deletions() -> None:
    raw = b"M\0a.yml\0D\0b.yml\0R087\0old.yml\0new.yml\0C100\0x.yml\0y.yml\0A\0c.yml\0"
    changes = parse_name_status(raw)
    assert changes == [
        Change("M", "a.yml"),
        Change("D", "b.yml"),
        Change("R", "new.yml", "old.yml"),
        Change("C", "y.yml", "x.yml"),
        Change("A", "c.yml"),
    ]
    assert [c.touched for c in changes] == [
        ("a.yml",),
        ("b.yml",),
        ("old.yml", "new.yml"),  # moving a file away changes its old path too
        ("y.yml",),  # a copy leaves the source as it was
        ("c.yml",),
    ]


def test_deleting_another_units_file_is_refused(repo: Path) -> None:
    git(repo, "rm", "-q", SUB)
    commit(repo, "hapus data irban-1", NOFRIZAL)
    code, findings = check(repo, "--author", "contoh-nofrizal", "--changed-from", "main")
    assert code == 1
    assert author_codes(findings) == [
        ("author-commit-not-member", SUB),
        ("author-not-member", SUB),
    ]
    # The same deletion by the unit itself passes.
    git(repo, "reset", "-q", "--hard", "main")
    git(repo, "rm", "-q", SUB)
    commit(repo, "hapus data irban-1", MIRA)
    code, findings = check(repo, "--author", "contoh-mira-andriani", "--changed-from", "main")
    assert author_codes(findings) == [] and code == 0


def test_renaming_another_units_file_away_is_refused(repo: Path) -> None:
    target = "submissions/2026-q4/irban-2.yml"
    git(repo, "mv", SUB, target)
    write(repo, target, SUBMISSION.replace("unit: irban-1", "unit: irban-2"))
    commit(repo, "pindahkan", NOFRIZAL)
    _, findings = check(repo, "--author", "contoh-nofrizal", "--changed-from", "main")
    assert ("author-not-member", SUB) in author_codes(findings)  # the old name
    assert ("author-not-member", target) not in author_codes(findings)  # own unit's name


def test_every_commit_person_counts_not_only_the_opener(repo: Path) -> None:
    write(repo, SUB, SUBMISSION.replace("nilai: 3", "nilai: 4"))
    commit(repo, "perbaiki", MIRA)
    write(repo, SUB, SUBMISSION.replace("nilai: 3", "nilai: 5"))
    commit(repo, "ubah lagi", NOFRIZAL)  # pushed to Mira's branch by another unit's head
    code, findings = check(repo, "--author", "contoh-mira-andriani", "--changed-from", "main")
    assert code == 1
    assert author_codes(findings) == [("author-commit-not-member", SUB)]


def test_unknown_person_is_an_error_with_a_hint(repo: Path) -> None:
    write(repo, SUB, SUBMISSION.replace("nilai: 3", "nilai: 4"))
    commit(repo, "dari laptop rumah", ("Mira", "mira@gmail.example"))
    done = subprocess.run(
        [
            *(sys.executable, "-m", "kinerja", "validate", "--no-cache"),
            *("--author", "contoh-mira-andriani", "--changed-from", "main"),
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "author-unknown-person" in done.stdout
    assert "mira@gmail.example" in done.stdout and "git config user.email" in done.stdout


def test_noreply_addresses_web_edits_and_bots(repo: Path) -> None:
    # GitHub's no-reply address of the member's account; committed by the forge (a web edit).
    write(repo, SUB, SUBMISSION.replace("nilai: 3", "nilai: 4"))
    commit(
        repo,
        "lewat penyunting web",
        ("Mira", "123+contoh-mira-andriani@users.noreply.github.com"),
        ("GitHub", "noreply@github.com"),
    )
    write(repo, SUB, SUBMISSION.replace("nilai: 3", "nilai: 6"))
    commit(
        repo,
        "bot",
        ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
    )
    code, findings = check(repo, "--author", "contoh-mira-andriani", "--changed-from", "main")
    assert author_codes(findings) == [] and code == 0


def test_admin_may_touch_everything(repo: Path) -> None:
    git(repo, "rm", "-q", SUB)
    write(repo, "submissions/2026-q4/permintaan.yml", "# diubah\n")
    commit(repo, "admin", RIZKI)
    _, findings = check(repo, "--author", "contoh-rizki-ananda", "--changed-from", "main")
    assert author_codes(findings) == []


ANALYSIS_TEXT = "# Analisis dan evaluasi Triwulan IV 2026\n\nCapaian sesuai target.\n"


def test_analysis_comes_from_the_unit_the_sop_names_for_step_6(repo: Path) -> None:
    write(repo, ANALYSIS, ANALYSIS_TEXT)
    commit(repo, "analisis", YESI)
    _, findings = check(repo, "--author", "contoh-yesi-novita", "--changed-from", "main")
    assert author_codes(findings) == []  # Subbag Perencanaan writes it (SOP step 6)

    git(repo, "reset", "-q", "--hard", "main")
    write(repo, ANALYSIS, ANALYSIS_TEXT)
    commit(repo, "analisis", ELFI)
    _, findings = check(repo, "--author", "contoh-elfi-susanti", "--changed-from", "main")
    assert author_codes(findings) == [
        ("author-commit-not-member", ANALYSIS),
        ("author-not-member", ANALYSIS),
    ]


def test_sop_lane_roles_limit_who_writes_the_request(repo: Path) -> None:
    """A SOP column with ``peran`` admits only those roles of its units."""
    sop = repo / "docs" / "sop" / "pengumpulan-data-kinerja.yml"
    text = sop.read_text(encoding="utf-8")
    # Step 1 (perintah) moved to the penyusun column: only the penyusun writes the request.
    text = text.replace(
        "    pelaksana: subbag-perencanaan        # pembacaan kami: Kasubbag Perencanaan",
        "    pelaksana: penyusun-bahan",
    )
    sop.write_text(text, encoding="utf-8")
    commit(repo, "sop", RIZKI)
    git(repo, "branch", "-q", "-f", "main", "HEAD")
    write(repo, "submissions/2026-q4/permintaan.yml", "# diubah\n")
    commit(repo, "permintaan", YESI)
    _, findings = check(repo, "--author", "contoh-yesi-novita", "--changed-from", "main")
    assert ("author-not-member", "submissions/2026-q4/permintaan.yml") in author_codes(findings)
    _, findings = check(repo, "--author", "contoh-fauzan-hidayat", "--changed-from", "main")
    assert ("author-not-member", "submissions/2026-q4/permintaan.yml") not in author_codes(findings)


def test_unreadable_base_is_an_error(repo: Path) -> None:
    code, findings = check(repo, "--author", "contoh-mira-andriani", "--changed-from", "nope")
    assert code == 1 and ("author-changes-unreadable", ".") in findings


# -- the workflow's own shell --------------------------------------------------------------------


def _workflow_steps() -> dict[str, dict[str, Any]]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "validate.yml").read_text("utf-8"))
    steps = workflow["jobs"]["data"]["steps"]
    return {s["id"]: s for s in steps if "id" in s}


def _run_step(step: dict[str, Any], clone: Path, temp: Path, env: dict[str, str]) -> Any:
    full = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(temp),
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(temp / "output"),
        **env,
    }
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=clone,
        env=full,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize("who", ["other-unit", "own-unit"])
def test_workflow_step_refuses_deleting_another_units_file(tmp_path: Path, who: str) -> None:
    """The "Berkas yang diubah" and "Periksa data" steps of validate.yml, run as written, in a
    clone whose pull request only deletes irban-1's file (no data file is left to validate)."""
    upstream = make_tracker(tmp_path / "upstream")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(upstream), str(clone)], check=True)
    git(clone, "checkout", "-q", "-b", "usulan")
    git(clone, "rm", "-q", SUB)
    person, handle = (NOFRIZAL, "contoh-nofrizal") if who == "other-unit" else (MIRA, MIRA_HANDLE)
    commit(clone, "hapus data irban-1", person)
    head = git(clone, "rev-parse", "HEAD").strip()
    steps = _workflow_steps()
    env = {"BASE_REF": "main", "HEAD_SHA": head, "PR_AUTHOR": handle, "PR_AUTHOR_TYPE": "User"}
    changed = _run_step(steps["berubah"], clone, tmp_path, env)
    assert changed.returncode == 0, changed.stderr
    assert (tmp_path / "berkas-diubah").read_bytes() == b""  # nothing left to read
    checked = _run_step(steps["periksa"], clone, tmp_path, env)
    if who == "other-unit":
        assert checked.returncode == 1
        assert f"::error file={SUB},line=1,col=1,title=author-not-member::" in checked.stdout
        assert "title=author-commit-not-member::" in checked.stdout
    else:
        assert "author-" not in checked.stdout, checked.stdout
