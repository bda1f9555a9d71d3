"""``kinerja history``: text and JSON output, filters, and the shallow-clone refusal."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kinerja.cli import main
from test_history_support import BUDI, DEWI, GITHUB, ORGANISASI, GitRepo, noreply, trailer

SUB = "submissions/2026-q4/irban-1.yml"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write_yaml("submissions/organisasi.yml", ORGANISASI)
    repo.commit("organisasi", author=("Adi Admin", "adi@pesisirselatan.go.id"))
    repo.write(SUB, "unit: irban-1\n")
    repo.commit(
        "\n".join(
            [
                "Data kinerja irban-1 2026-q4 (#12)",
                "",
                trailer("Reviewed-by", noreply("Budi Santoso", "budi-s")),
                "Reviewed-on: https://github.com/insp/kinerja/pull/12",
                "Opened-at: 2026-10-06T09:12:00+07:00",
            ]
        ),
        author=BUDI,
        committer=GITHUB,
        committed="2026-10-07T10:00:00+07:00",
    )
    repo.write("submissions/2026-q4/irban-2.yml", "unit: irban-2\n")
    repo.commit(
        f"irban-2 (#13)\n\n{trailer('Reviewed-by', DEWI)}",
        author=BUDI,
        when="2026-10-08T09:00:00+07:00",
    )
    return repo


def test_text_for_a_file(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", SUB, "--root", str(repo.root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Riwayat {SUB}: 2 peristiwa")
    assert "6 Oktober 2026 09.12 WIB  Data diterima: " + SUB in out
    assert "PR #12" in out and "squash merge" in out
    assert "kepala:irban-1" in out
    assert "irban-2" not in out


def test_json_for_a_unit(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--unit", "irban-2", "--format", "json", "--root", str(repo.root)]) == 0
    events = json.loads(capsys.readouterr().out)
    assert [e["jenis"] for e in events] == ["data-diterima", "paraf"]
    assert events[0]["belum_ada"] == ["Kepala Irban II"]
    assert any("tidak berwenang" in m for m in events[1]["masalah"])
    assert events[0]["waktu"].endswith("+07:00")


def test_period_filter_and_path_from_inside(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["history", "--period", "2026-q4", "--root", str(repo.root)]) == 0
    assert "4 peristiwa" in capsys.readouterr().out
    monkeypatch.chdir(repo.root / "submissions" / "2026-q4")
    assert main(["history", "irban-1.yml"]) == 0
    assert f"Riwayat {SUB}: 2 peristiwa" in capsys.readouterr().out
    assert main(["history", "."]) == 0  # a folder: every file that was in it
    assert "Riwayat submissions/2026-q4: 4 peristiwa" in capsys.readouterr().out


def test_shallow_clone_exit_code(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clone = tmp_path / "dangkal"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    assert main(["history", "--root", str(clone)]) == 1
    assert "fetch-depth: 0" in capsys.readouterr().err
