"""A period from request to paraf, on a real repository, with the workflows' own shell steps.

The story: Subbag Perencanaan opens 2026-q4 (``kinerja period open``) and its Kasubbag gives the
paraf through ``kinerja merge``; every recipient unit gets an issue; Irban I submits a bad file
on a branch and the steps of ``.github/workflows/validate.yml`` (read from the workflow file and
run with bash, with ``GITHUB_OUTPUT``, ``GITHUB_STEP_SUMMARY`` and ``RUNNER_TEMP`` set as the
runner sets them) write the annotations and the job summary; the fixed file passes, the Kepala
Irban I approves, ``kinerja merge`` writes the paraf; the history and the status read it back,
and ``kinerja remind`` closes Irban I's issue and reminds the others.

The pull requests live on the local server of ``test_merge`` over a bare repository (the remote
``origin``, with each head at ``refs/pull/<n>/head``); ``kinerja merge`` writes signed merge
commits with a real ssh key listed in ``.kinerja/allowed_signers`` and pushes them there. The
issues live on the server of ``test_notify``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from datetime import datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

import kinerja.forge.merge as merge_module
from kinerja.cli import main
from kinerja.history import EventKind, read_history, roster_from_mapping
from kinerja.snapshot import take_snapshot
from kinerja.status import PeriodStatus, UnitStatus
from markdown_render import shown
from test_history_support import _ISOLATED
from test_merge import TOKEN as PULL_TOKEN
from test_merge import USERS, FakeForge, Key, landed, make_world, merge_key, verify
from test_merge import contract_handler as pull_handler
from test_notify import SUBMISSION_IRBAN1, IssueForge, make_repo, organisation_data
from test_notify import TOKEN as ISSUE_TOKEN
from test_notify import contract_handler as issue_handler

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
VALIDATE = REPO / ".github" / "workflows" / "validate.yml"
WIB = "+07:00"
SUB = "submissions/2026-q4/irban-1.yml"
PEOPLE = {  # forge accounts of the test organisation: login -> (name, e-mail shown by the forge)
    "fauzan-hidayat": ("Fauzan Hidayat, S.Sos.", "fauzan.hidayat@example.go.id"),
    "yesi-novita": ("Yesi Novita Sari, S.E., M.Si.", "yesi.novita@example.go.id"),
    "mira-andriani": ("Mira Andriani, S.E., Ak.", "mira.andriani@example.go.id"),
    "syafrizal": ("Syafrizal, S.E., M.M.", "syafrizal@example.go.id"),
}
#: The period's request asks Irban I for every indicator it owns and for LHP and LHE: all
#: answered, LHE as "nihil" with a reason (issue 11: unanswered requests are errors).
GOOD = SUBMISSION_IRBAN1 + (
    "  - indikator: jumlah-lhe\n    nilai: 0\n"
    "  - indikator: rata-rata-hari-penyelesaian-lhp\n    nilai: 21\n"
    "dokumen_nihil:\n  - jenis: LHE\n    alasan: Tidak ada evaluasi yang selesai triwulan ini.\n"
    # Not requested: the one warning the reporter must show (line 23, column 12).
    "  - jenis: TLHP\n    alasan: Belum ada tindak lanjut yang jatuh tempo.\n"
)
BAD = GOOD.replace("nilai: 85.5", "nilai: 85,5%")


def serve(handler: type[Any]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


__all__ = ["merge_key"]  # a fixture, used through pytest


@pytest.fixture
def world(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merge_key: Key
) -> Iterator[tuple[FakeForge, IssueForge]]:
    for login, who in PEOPLE.items():
        monkeypatch.setitem(USERS, login, who)
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_TOKEN",
        "GITHUB_STEP_SUMMARY",
        "KINERJA_SITUS_URL",
        "KINERJA_FORGE_API",
        "KINERJA_FORGE_URL",
        "KINERJA_FORGE_REPO",
        "KINERJA_REMOTE",
        "KINERJA_SIGNING_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KINERJA_SIGNING_KEY_FILE", str(merge_key.private))
    for name, value in _ISOLATED.items():
        monkeypatch.setenv(name, value)
    repo = make_repo(tmp_path / "repo", sop=True)
    assert main(["codeowners", "--root", str(repo.root)]) == 0
    repo.write(".kinerja/allowed_signers", merge_key.signer_line())
    repo.commit("CODEOWNERS dan berkas kepercayaan", when=f"2026-09-01T09:30:00{WIB}")
    pulls = make_world("github", repo, tmp_path)
    monkeypatch.setattr(merge_module, "now", lambda: datetime.fromisoformat(pulls.now))
    issues = IssueForge(kind="github", collaborators=set(PEOPLE) | {"ilham-fadli"})
    pull_server, pulls.url = serve(pull_handler(pulls))
    issue_server, issues.url = serve(issue_handler(issues))
    try:
        yield pulls, issues
    finally:
        for server in (pull_server, issue_server):
            server.shutdown()
            server.server_close()
    assert pulls.contract.violations == [] and issues.contract.violations == []


def kinerja(*args: str, token: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("KINERJA_FORGE_TOKEN", token)
    return main(list(args))


# -- the validate workflow's own steps ---------------------------------------------------------


def run_step(
    step_id: str, root: Path, runner: Path, expressions: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """One ``run:`` step of validate.yml, with its ``env:`` resolved as the runner would."""
    workflow = yaml.safe_load(VALIDATE.read_text(encoding="utf-8"))
    (step,) = [s for s in workflow["jobs"]["data"]["steps"] if s.get("id") == step_id]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KINERJA_"))}
    for name, template in (step.get("env") or {}).items():
        value = template
        for expression in re.findall(r"\$\{\{.*?\}\}", template):
            assert expression in expressions, f"ekspresi baru di validate.yml: {expression}"
            value = value.replace(expression, expressions[expression])
        env[name] = value
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        RUNNER_TEMP=str(runner),
        GITHUB_OUTPUT=str(runner / "output"),
        GITHUB_STEP_SUMMARY=str(runner / "summary.md"),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    script = runner / f"{step_id}.sh"
    script.write_text(step["run"], encoding="utf-8")
    shell = workflow["defaults"]["run"]["shell"]
    assert shell == "bash"  # GitHub runs it as: bash --noprofile --norc -eo pipefail {0}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def pull_request_checks(
    root: Path, runner: Path, author: str, only: tuple[str, ...] = ()
) -> dict[str, subprocess.CompletedProcess[str]]:
    """The data job as the runner runs it for a pull request of ``author`` against main."""
    for name in ("output", "summary.md"):
        (runner / name).write_text("", encoding="utf-8")
    expressions = {
        "${{ github.base_ref }}": "main",
        "${{ github.event.pull_request.user.login }}": author,
        "${{ github.event.pull_request.user.type }}": "User",
        "${{ github.event.pull_request.head.sha }}": subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip(),
    }
    results = {}
    for step_id in only or ("berubah", "periksa", "rekap", "codeowners"):
        results[step_id] = run_step(step_id, root, runner, expressions)
    return results


# -- the story ---------------------------------------------------------------------------------


def test_a_period_from_request_to_paraf(
    world: tuple[FakeForge, IssueForge], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pulls, issues = world
    repo = pulls.repo
    root = repo.root
    where_pulls = ["--jenis", "github", "--url", pulls.url, "--repo", "insp/kinerja"]
    where_issues = ["--jenis", "github", "--url", issues.url, "--repo", "insp/kinerja"]

    # 1. Subbag Perencanaan opens the period; the Kasubbag's approval is the paraf.
    repo.branch("permintaan/2026-q4")
    assert (
        main(
            [
                "period",
                "open",
                "2026-q4",
                "--deadline",
                "2026-10-08",
                "--tanggal",
                "2026-10-01",
                "--oleh",
                "fauzan-hidayat",
                "--root",
                str(root),
            ]
        )
        == 0
    )
    repo.commit(
        "Permintaan data 2026-q4", author=PEOPLE["fauzan-hidayat"], when=f"2026-10-01T08:30:00{WIB}"
    )
    repo.checkout("main")
    pulls.open_pull(
        1,
        "permintaan/2026-q4",
        author="fauzan-hidayat",
        title="Permintaan data kinerja Triwulan IV 2026",
        body="",
        opened=f"2026-10-01T08:45:00{WIB}",
    )
    pulls.review(1, "yesi-novita", "APPROVED")
    pulls.now = f"2026-10-01T10:00:00{WIB}"
    assert (
        kinerja(
            "merge",
            "1",
            *where_pulls,
            "--root",
            str(root),
            token=PULL_TOKEN,
            monkeypatch=monkeypatch,
        )
        == 0
    )
    pulls.sync()  # the landing was pushed to the remote; the office's clone pulls it

    # 2. Every recipient unit gets its issue.
    assert (
        kinerja(
            "period",
            "notify",
            *where_issues,
            "--root",
            str(root),
            token=ISSUE_TOKEN,
            monkeypatch=monkeypatch,
        )
        == 0
    )
    titles = sorted(i["title"].rsplit(": ", 1)[1] for i in issues.issues.values())
    assert titles == ["Irban I", "Irban II", "Irban III", "Irban IV", "Subbag Anev"]
    irban1 = next(i for i in issues.issues.values() if i["title"].endswith(": Irban I"))
    assert {a["login"] for a in irban1["assignees"]} == {
        "syafrizal",
        "mira-andriani",
        "ilham-fadli",
    }

    # 3. Irban I submits a bad file on a branch; the validate workflow's steps run on it.
    repo.branch("data/irban-1-2026-q4")
    repo.write(SUB, BAD)
    repo.commit(
        "Data kinerja irban-1", author=PEOPLE["mira-andriani"], when=f"2026-10-06T08:50:00{WIB}"
    )
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    runner = tmp_path / "runner"
    runner.mkdir()
    steps = pull_request_checks(root, runner, "mira-andriani")
    assert steps["berubah"].returncode == 0, steps["berubah"].stderr
    assert (
        "kode=false" in (runner / "output").read_text()
        and "data=1" in (runner / "output").read_text()
    )
    check = steps["periksa"]
    assert check.returncode == 1, check.stdout + check.stderr
    errors = [line for line in check.stdout.splitlines() if line.startswith("::error ")]
    assert errors and all(e.startswith(f"::error file={SUB},line=") for e in errors)
    assert errors[0].startswith(f"::error file={SUB},line=15,col=12,title=schema-type::")
    assert "%0Apetunjuk: Tulis angkanya saja" in errors[0]  # the hint, on its own line
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## Hasil pemeriksaan data kinerja")
    cells = " ".join(shown(summary).split())  # the table as the forge renders it
    assert f"{SUB} 15 12 schema-type galat" in cells
    assert "### Perubahan rekap capaian" in summary  # the recap step ran after the failure
    assert steps["codeowners"].returncode == 0, steps["codeowners"].stderr

    # The same file from someone outside Irban I is refused too.
    steps = pull_request_checks(root, runner, "nofrizal", only=("periksa",))
    assert "title=author-not-member" in steps["periksa"].stdout

    # 4. The unit fixes the file on the same branch: everything passes.
    repo.write(SUB, GOOD)
    repo.commit("Perbaiki nilai", author=PEOPLE["mira-andriani"], when=f"2026-10-06T09:05:00{WIB}")
    steps = pull_request_checks(root, runner, "mira-andriani")
    assert [steps[s].returncode for s in steps] == [0, 0, 0, 0], steps["periksa"].stdout
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    assert "1 berkas diperiksa: 0 galat, 1 peringatan." in summary, summary
    cells = " ".join(shown(summary).split())
    assert "23 12 document-type-not-requested peringatan" in cells
    assert "::error" not in steps["periksa"].stdout
    assert (
        f"::warning file={SUB},line=23,col=12,title=document-type-not-requested::"
        in steps["periksa"].stdout
    )
    assert "4 baris diubah" in summary
    assert "| Triwulan IV 2026 | irban-1 | jumlah-lhp | diubah | – → 3 |" in summary

    # 5. The Kepala Irban I approves: the merge writes the paraf into Git.
    repo.checkout("main")
    pulls.open_pull(
        12,
        "data/irban-1-2026-q4",
        author="mira-andriani",
        title="Data kinerja Irban I Triwulan IV 2026",
        body="Data triwulan IV.",
        opened=f"2026-10-06T09:12:00{WIB}",
    )
    pulls.review(12, "syafrizal", "APPROVED")
    pulls.now = f"2026-10-07T10:00:00{WIB}"
    assert (
        kinerja(
            "merge",
            "12",
            *where_pulls,
            "--root",
            str(root),
            token=PULL_TOKEN,
            monkeypatch=monkeypatch,
        )
        == 0
    )
    pulls.sync()
    message = repo.git("log", "-1", "--format=%B")
    assert message.startswith("Gabung pengajuan #12: Data kinerja Irban I Triwulan IV 2026\n\n")
    assert "Reviewed-by: Syafrizal, S.E., M.M. <syafrizal@users.noreply.github.com>" in message
    assert landed(pulls) == [repo.head(), repo.git("rev-parse", "HEAD^1")]
    for sha in landed(pulls):  # both landings are signed by the merge identity
        assert verify(repo, sha).returncode == 0

    # 6. History and status read it back.
    now = datetime.fromisoformat(f"2026-10-07T11:00:00{WIB}")
    snapshot = take_snapshot(root, now=now, use_cache=False)
    assert snapshot.history_error is None
    state = snapshot.states["2026-q4"]
    assert state.status is PeriodStatus.DIBUKA
    unit = state.units["irban-1"]
    assert unit.status is UnitStatus.DITERIMA and not unit.late
    assert unit.received_at == datetime.fromisoformat(f"2026-10-06T09:12:00{WIB}")
    assert [e.person_id for e in unit.paraf] == ["syafrizal"]
    assert state.units["irban-2"].status is UnitStatus.MENUNGGU
    step1 = next(s for s in state.steps if s.langkah == "perintah")
    assert step1.minutes == 75  # request PR opened 08.45, approved and merged 10.00
    history = read_history(root, roster_from_mapping(organisation_data()))
    request_events = history.for_path("submissions/2026-q4/permintaan.yml")
    assert [e.person_id for e in request_events if e.kind is EventKind.PARAF] == ["yesi-novita"]

    # 7. The reminder closes Irban I's issue and reminds the others (deadline tomorrow).
    assert (
        kinerja(
            "remind",
            "--now",
            now.isoformat(),
            *where_issues,
            "--root",
            str(root),
            token=ISSUE_TOKEN,
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert issues.issues[irban1["number"]]["state"] == "closed"
    closing = issues.comments[irban1["number"]][-1]["body"]
    assert closing == "Data diterima 6 Oktober 2026 09.12 WIB (tepat waktu). Terima kasih."
    reminded = [n for n, c in issues.comments.items() if n != irban1["number"]]
    assert len(reminded) == 4
    assert all(issues.issues[n]["state"] == "open" for n in reminded)
