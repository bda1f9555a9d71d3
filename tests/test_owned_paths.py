"""Every path owned: the forge's code owners and ``kinerja merge`` name the same people.

For each path, the owners GitHub (last match wins) and Forgejo/Gitea (every matching rule)
request from the generated CODEOWNERS are compared with the people ``kinerja merge`` requires
(``forge.approvals.needs_for``). And ``kinerja codeowners --check`` on real repositories: the
demo passes, an unowned tracked file fails.
"""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kinerja.cli import main
from kinerja.demo.model import DemoInfo
from kinerja.forge import models
from kinerja.forge.approvals import check_approvals, needs_for
from kinerja.forge.codeowners import codeowners_text
from kinerja.forge.codeowners_match import last_match, owners_of, parse_gitea, parse_github
from kinerja.forge.models import ChangedFile, Review
from kinerja.history import roster_from_mapping
from kinerja.history.paths import is_admin_path
from kinerja.validate.runner import validate_repository
from test_history_support import ORGANISASI
from tracker import REPO, SUBMISSION, git, make_tracker, write

EDGE_PATHS = [
    *[f"submissions/2026-q4/irban-1{s}" for s in (".yml", ".yaml", ".csv", ".xlsx")],
    "submissions/2026-q4/irban-1.YML",  # not a submission spelling: the admin's
    "submissions/2026-q4/irban-1.txt",
    "submissions/2026-q4/irban-1.yml.bak",
    "submissions/2026-q4/irban-10.yml",
    "submissions/2026-q4/x.yml",  # a unit organisasi.yml does not know
    "submissions/2026-q4/.yml",
    "submissions/2026-q4/permintaan.yml",
    "submissions/2026-q4/analisis.md",
    "submissions/2026-q4/README.md",
    "submissions/2026-q4/.gitkeep",
    "submissions/2026-q4/catatan.txt",
    "submissions/2026-q4/sub/irban-1.yml",
    "submissions/2026-q4/irban-1.yml/x.md",  # below a folder named like a data file
    "submissions/2026-q4/permintaan.yml/x",
    "submissions/foo/irban-2.csv",  # not a period folder: still irban-2's file
    "submissions/organisasi.yml",
    "submissions/organisasi.yml/irban-1.yml",
    "submissions/organisasi.yml/x.md",
    "submissions/indikator.yml",
    "submissions/x.yml",
    "docs/sop/pengumpulan.yml",
    "docs/sop/lain.yaml",
    "docs/sop/catatan.md",
    "docs/sop/a/b.yml",
    "docs/sop/a.yml/b",
    "docs/panduan/index.md",
    "mkdocs.yml",
    "requirements.lock",
    "pyproject.toml",
    "Makefile",
    ".ci/run",
    ".github/workflows/merge.yml",
    ".forgejo/workflows/x.yml",
    ".kinerja/allowed_signers",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    "README.md",
    "baru.txt",
]


def _variants() -> list[tuple[str, dict[str, Any]]]:
    sop = copy.deepcopy(ORGANISASI)
    sop["persetujuan"]["sop"] = {"paraf": ["sekretaris"], "pengesahan": ["inspektur"]}
    sop["persetujuan"]["organisasi"] = {"paraf": ["kepala:subbag-perencanaan"]}
    no_account = copy.deepcopy(ORGANISASI)
    for person in no_account["pegawai"]:
        if person["id"] == "eko":
            person["akun"] = []
    no_submission_rule = copy.deepcopy(ORGANISASI)
    del no_submission_rule["persetujuan"]["submisi"]
    roles = copy.deepcopy(ORGANISASI)
    roles["persetujuan"]["submisi"] = {"paraf": ["kepala-unit", "kasubbag"]}
    return [
        ("contoh", ORGANISASI),
        ("sop-dan-organisasi-bukan-admin", sop),
        ("kepala-tanpa-akun", no_account),
        ("tanpa-aturan-submisi", no_submission_rule),
        ("syarat-peran", roles),
    ]


def _tracked(root: Path) -> list[str]:
    return [p for p in git(root, "ls-files", "-z").split("\0") if p]


def _merge_owners(path: str, roster: Any) -> set[str]:
    needs = needs_for([ChangedFile(path, "modified")], roster)
    return {f"@{a}" for need in needs for person in need.holders for a in person.akun}


@pytest.mark.parametrize(("name", "organisation"), _variants(), ids=lambda v: str(v)[:40])
def test_forge_and_merge_agree_on_every_owner(name: str, organisation: dict[str, Any]) -> None:
    roster = roster_from_mapping(organisation)
    github = parse_github(codeowners_text(organisation, "github"))
    gitea = parse_gitea(codeowners_text(organisation, "gitea"))
    paths = sorted(set(_tracked(REPO)) | set(EDGE_PATHS))
    fast = last_match(github)
    disagree = []
    for path in paths:
        merge = _merge_owners(path, roster)
        forge = set(owners_of(github, path, "github"))
        rule = fast(path)
        assert set(rule.owners if rule else ()) == forge, path  # the one-regex lookup agrees
        other = set(owners_of(gitea, path, "gitea"))
        if not merge == forge == other:
            disagree.append((path, sorted(merge), sorted(forge), sorted(other)))
    assert disagree == [], name


def test_no_path_merges_without_a_paraf() -> None:
    roster = roster_from_mapping(ORGANISASI)
    for path in sorted(set(_tracked(REPO)) | set(EDGE_PATHS)):
        assert needs_for([ChangedFile(path, "modified")], roster), path


def test_admin_paths_need_the_admin() -> None:
    roster = roster_from_mapping(ORGANISASI)
    head = "a" * 40
    paths = [
        "mkdocs.yml",
        "docs/panduan/index.md",
        ".kinerja/allowed_signers",
        "requirements.lock",
        "submissions/2026-q4/catatan.txt",
    ]
    for path in paths:
        assert is_admin_path(path)
    files = [ChangedFile(p, "modified") for p in paths]

    def approved_by(login: str) -> Review:
        return Review(login, login, None, models.APPROVED, head, None)

    refused = check_approvals(files, [approved_by("budi-s")], head, roster)
    assert [n.label for n in refused.missing] == ["Admin repositori"]
    assert refused.missing[0].paths == tuple(sorted(paths))
    assert check_approvals(files, [approved_by("adi-admin")], head, roster).ok
    assert not is_admin_path("submissions/2026-q4/irban-1.yml")


def _commit(root: Path, message: str) -> None:
    who = ["-c", "user.name=t", "-c", "user.email=t@example.go.id"]
    subprocess.run(["git", "-C", str(root), *who, "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), *who, "commit", "-qm", message], check=True)


def test_check_passes_on_the_demo(demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--check", "--root", str(demo_repo.root)]) == 0
    assert "berkas terlacak punya pemilik" in capsys.readouterr().out


def test_check_fails_on_an_unowned_path(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codeowners = demo_copy / ".github" / "CODEOWNERS"
    generated = codeowners.read_text(encoding="utf-8")
    (demo_copy / "baru.txt").write_text("berkas baru di akar\n", encoding="utf-8")
    _commit(demo_copy, "berkas baru")
    assert main(["codeowners", "--check", "--root", str(demo_copy)]) == 0  # the default owns it
    capsys.readouterr()

    codeowners.write_text(generated.replace("\n* @", "\n# * @"), encoding="utf-8")
    _commit(demo_copy, "aturan bawaan dihapus")
    assert main(["codeowners", "--check", "--root", str(demo_copy)]) == 1
    err = capsys.readouterr().err
    assert "codeowners-stale" in err and "codeowners-unowned" in err
    assert "baru.txt" in err and "mkdocs.yml" not in err  # /mkdocs.yml is still named
    assert ".gitignore" in err

    # A bare pattern (no owners) at the end un-owns what it matches, even a unit's data.
    codeowners.write_text(generated + "/submissions/\n", encoding="utf-8")
    assert main(["codeowners", "--check", "--root", str(demo_copy)]) == 1
    err = capsys.readouterr().err
    assert "submissions/20" in err and "lainnya" in err and "baru.txt" not in err


def test_check_fails_when_another_codeowners_file_comes_first(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--root", str(demo_copy)]
    assert main(["codeowners", "--jenis", "gitea", *root]) == 0
    (demo_copy / "CODEOWNERS").write_text(".* @siapa-saja\n", encoding="utf-8")
    _commit(demo_copy, "CODEOWNERS di akar")
    capsys.readouterr()
    assert main(["codeowners", "--check", "--jenis", "gitea", *root]) == 1
    err = capsys.readouterr().err
    assert "CODEOWNERS:1:1: codeowners-shadowed" in err
    # GitHub reads .github/CODEOWNERS first: a root CODEOWNERS does not shadow it there.
    assert main(["codeowners", "--check", *root]) == 0


def test_a_submission_suffix_in_capitals_is_not_a_units_file(tmp_path: Path) -> None:
    """CODEOWNERS cannot say "any case": ``irban-1.YML`` is refused, not owned by irban-1."""
    root = make_tracker(tmp_path / "repo")
    write(root, "submissions/2026-q4/irban-2.YML", SUBMISSION.replace("irban-1", "irban-2"))
    report = validate_repository(root, use_cache=False)
    assert [(f.code, f.path) for f in report.findings] == [
        ("path-unexpected", "submissions/2026-q4/irban-2.YML")
    ]
    assert is_admin_path("submissions/2026-q4/irban-2.YML")
