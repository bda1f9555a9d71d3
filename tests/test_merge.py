"""``kinerja merge`` against a local HTTP server that answers like GitHub / Forgejo / Gitea.

The server speaks the documented payloads (only on 127.0.0.1, in a thread) and, on the merge
call, squash-merges for real into a real Git repository, so the history reader can read back
what the merge wrote.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from forge_contract import Contract, checked
from kinerja.cli import main
from kinerja.history import EventKind, read_history, roster_from_mapping
from kinerja.history.wib import WIB
from test_history_support import ADI, BUDI, GITHUB, ORGANISASI, PENYUSUN, GitRepo

MERGE_WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "merge.yml"
SUB = "submissions/2026-q4/irban-1.yml"
ANALISIS = "submissions/2026-q4/analisis.md"
TOKEN = "rahasia-uji"
MERGER: tuple[str, str] = ("Forgejo Bot", "bot@noreply.forge.local")
USERS = {  # forge accounts: login -> (full name, e-mail the forge shows)
    "budi-s": ("Budi Santoso", "budi-s@noreply.localhost"),
    "dewi-sek": ("Dewi Sekretaris", "dewi@pesisirselatan.go.id"),
    "sari-p": ("Sari Perencanaan", "sari@pesisirselatan.go.id"),
    "rusdiyanto": ("RUSDIYANTO", "rusdiyanto@pesisirselatan.go.id"),
    "nina": ("Nina Penyusun", "nina@pesisirselatan.go.id"),
}


@dataclass
class FakeForge:
    """The state of one forge: pull requests over branches of a real repository."""

    kind: str
    repo: GitRepo
    now: str = "2026-10-07T10:00:00+07:00"
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    reviews: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    branches: dict[int, str] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    move_head_before_merge: bool = False
    conflict: bool = False  # the branch conflicts with main: the merge call is refused
    down: int | None = None  # every request answered with this status (e.g. 502)
    url: str = ""
    files_cap: int | None = None  # the forge lists at most this many files (GitHub: 3,000)
    changed_files: dict[int, int] = field(default_factory=dict)  # overrides the count
    contract: Contract = field(init=False)

    def __post_init__(self) -> None:
        self.contract = Contract(self.kind)
        if self.github:
            self.files_cap = 3000

    @property
    def github(self) -> bool:
        return self.kind == "github"

    def user(self, login: str) -> dict[str, Any]:
        name, email = USERS[login]
        if self.github:  # GitHub's simple user: no name or e-mail in PR and review payloads
            return {"login": login, "id": abs(hash(login)) % 10**6, "type": "User"}
        return {"id": abs(hash(login)) % 10**6, "login": login, "full_name": name, "email": email}

    def open_pull(
        self, number: int, branch: str, *, author: str, title: str, body: str, opened: str
    ) -> None:
        head = self.repo.git("rev-parse", branch)
        base = self.repo.git("rev-parse", "main")
        created = opened  # Forgejo/Gitea report the server's zone
        if self.github:  # GitHub reports UTC with a Z
            created = datetime.fromisoformat(opened).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.github:
            web = "https://github.com/insp/kinerja/pull"
        else:
            web = f"{self.url}/insp/kinerja/pulls"
        self.pulls[number] = {
            "id": 1000 + number,
            "number": number,
            "state": "open",
            "title": title,
            "body": body,
            "user": self.user(author),
            "created_at": created,
            "updated_at": created,
            "draft": False,
            "merged": False,
            "merged_at": None,
            "merge_commit_sha": None,
            "mergeable": True,
            "html_url": f"{web}/{number}",
            "head": {"label": branch, "ref": branch, "sha": head},
            "base": {"label": "main", "ref": "main", "sha": base},
        }
        if self.github:
            self.pulls[number].update(commits=1, additions=1, deletions=0)
        self.branches[number] = branch
        self.reviews[number] = []
        status = {"A": "added", "M": "modified", "D": "removed" if self.github else "deleted"}
        self.files[number] = []
        for line in self.repo.git("diff", "--name-status", "-M", f"main...{branch}").splitlines():
            parts = line.split("\t")
            entry: dict[str, Any] = {"filename": parts[-1], "additions": 1, "deletions": 0}
            if parts[0].startswith("R"):
                entry.update(status="renamed", previous_filename=parts[1])
            else:
                entry["status"] = status.get(parts[0][0], "modified")
            self.files[number].append(entry)

    def push(self, number: int) -> None:
        """The unit pushed again: the PR's head moves."""
        self.pulls[number]["head"]["sha"] = self.repo.git("rev-parse", self.branches[number])

    def review(self, number: int, login: str, state: str, commit: str | None = None) -> None:
        forge_state = state
        if not self.github:
            forge_state = {"CHANGES_REQUESTED": "REQUEST_CHANGES", "COMMENTED": "COMMENT"}.get(
                state, state
            )
        head = self.pulls[number]["head"]["sha"]
        item = {
            "id": len(self.reviews[number]) + 1,
            "user": self.user(login),
            "body": "",
            "state": forge_state,
            "commit_id": commit or head,
            "submitted_at": f"2026-10-06T10:{len(self.reviews[number]) % 60:02d}:00Z",
        }
        if not self.github:
            item.update(stale=bool(commit and commit != head), official=True, dismissed=False)
        self.reviews[number].append(item)

    def pull_payload(self, number: int) -> dict[str, Any]:
        pull = dict(self.pulls[number])
        pull["changed_files"] = self.changed_files.get(number, len(self.files[number]))
        return pull

    def commits(self, number: int) -> list[dict[str, Any]]:
        """The pull request's commits, read from the real branch."""
        fmt = "%H%x09%an%x09%ae%x09%cn%x09%ce%x09%aI%x09%cI"
        out = []
        log = self.repo.git("log", "--reverse", f"--format={fmt}", f"main..{self.branches[number]}")
        for line in log.splitlines():
            sha, an, ae, cn, ce, authored, committed = line.split("\t")
            logins = {email: login for login, (_, email) in USERS.items()}
            out.append(
                {
                    "sha": sha,
                    "commit": {
                        "author": {"name": an, "email": ae, "date": authored},
                        "committer": {"name": cn, "email": ce, "date": committed},
                        "message": "x",
                    },
                    "author": self.user(logins[ae]) if ae in logins else None,
                    "committer": self.user(logins[ce]) if ce in logins else None,
                }
            )
        return out

    def many_files(self, number: int, count: int) -> None:
        """The pull request changes ``count`` files (only the first is real)."""
        first = self.files[number][0]
        self.files[number] = [first] + [
            {
                "filename": f"docs/lampiran/berkas-{i:04d}.md",
                "status": "added",
                "additions": 1,
                "deletions": 0,
            }
            for i in range(1, count)
        ]

    # -- the merge, for real --------------------------------------------------------------
    def merge(self, number: int, title: str, message: str) -> str:
        pull = self.pulls[number]
        login = pull["user"]["login"]
        name, email = USERS[login]
        if self.github:
            author = (name, f"{login}@users.noreply.github.com")
            committer = GITHUB
        else:
            author, committer = (name, email), MERGER
        sha = self.repo.squash(
            self.branches[number],
            f"{title}\n\n{message}",
            author=author,
            committer=committer,
            when=self.now,
        )
        pull.update(merged=True, state="closed", merge_commit_sha=sha, merged_at=self.now)
        return sha


def _handler(forge: FakeForge) -> type[BaseHTTPRequestHandler]:
    prefix = "/api/v3" if forge.github else "/api/v1"
    route = re.compile(
        rf"^{prefix}/repos/insp/kinerja/pulls(?:/(\d+)(/reviews|/files|/commits|/merge)?)?$"
    )

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            return

        def _send(self, status: int, payload: Any = None, headers: Any = None) -> None:
            raw = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _route(self) -> tuple[int, str, dict[str, list[str]]] | None:
            parts = urlsplit(self.path)
            forge.calls.append((self.command, parts.path))
            if forge.down is not None:
                self._send(forge.down, {"message": "Server Error"})
                return None
            expected = f"Bearer {TOKEN}" if forge.github else f"token {TOKEN}"
            if self.headers.get("Authorization") != expected:
                self._send(401, {"message": "Bad credentials"})
                return None
            match = route.match(parts.path)
            if match is None or (match.group(1) and int(match.group(1)) not in forge.pulls):
                self._send(404, {"message": "Not Found"})
                return None
            number = int(match.group(1)) if match.group(1) else 0
            return number, match.group(2) or "", parse_qs(parts.query)

        def do_GET(self) -> None:
            routed = self._route()
            if routed is None:
                return
            number, what, query = routed
            url = forge.url + urlsplit(self.path).path
            if number == 0:  # the list of pull requests
                state = query.get("state", ["open"])[0]
                items = [
                    forge.pull_payload(n)
                    for n in sorted(forge.pulls)
                    if state == "all" or forge.pulls[n]["state"] == state
                ]
                self._send(200, *forge.contract.page(items, query, url))
                return
            if what == "":
                self._send(200, forge.pull_payload(number))
                return
            if what == "/commits":
                self._send(
                    200, *forge.contract.page(forge.commits(number), query, url, has_more=True)
                )
                return
            items = forge.reviews[number] if what == "/reviews" else forge.files[number]
            if what == "/files" and forge.files_cap is not None:
                items = items[: forge.files_cap]
            chunk, headers = forge.contract.page(items, query, url, has_more=what == "/files")
            if what == "/files" and not forge.github and forge.files_cap is not None:
                headers["X-Total-Count"] = str(len(items))  # the capped count, as Gitea says
            self._send(200, chunk, headers)

        def _merge(self, method: str) -> None:
            routed = self._route()
            if routed is None:
                return
            number, what, _ = routed
            wanted = "PUT" if forge.github else "POST"
            if what != "/merge" or method != wanted:
                self._send(405, {"message": "Method Not Allowed"})
                return
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if what != "/merge":
                self._send(404, {"message": "Not Found"})
                return
            pull = forge.pulls[number]
            if pull["merged"]:
                self._send(405, {"message": "Pull Request is not mergeable"})
                return
            if forge.move_head_before_merge:
                pull["head"]["sha"] = "f" * 40
            if not forge.github and body.get("Do") == "manually-merged":
                sha = body.get("MergeCommitID") or ""
                pull.update(merged=True, state="closed", merge_commit_sha=sha, merged_at=forge.now)
                self._send(200)
                return
            if forge.github:
                method_ok, head = body.get("merge_method") == "squash", body.get("sha")
                title, message = body["commit_title"], body["commit_message"]
            else:
                method_ok, head = body.get("Do") == "squash", body.get("head_commit_id")
                title, message = body["MergeTitleField"], body["MergeMessageField"]
            if not method_ok:  # GitHub: 422 validation failed; Gitea/Forgejo: 405 not allowed
                self._send(
                    422 if forge.github else 405,
                    {"message": "merge method not allowed"} if forge.github else None,
                )
                return
            if forge.conflict:  # GitHub: 405 not mergeable; Forgejo/Gitea: 409 ErrMergeConflicts
                if forge.github:
                    self._send(405, {"message": "Pull Request is not mergeable"})
                else:
                    self._send(409, {"message": "merge conflicts: CONFLICT", "url": forge.url})
                return
            if head != pull["head"]["sha"]:
                self._send(409, {"message": "Head branch was modified. Review and try again."})
                return
            sha = forge.merge(number, title, message)
            if forge.github:
                self._send(200, {"sha": sha, "merged": True, "message": "Pull Request merged"})
            else:
                self._send(200)

        def do_PUT(self) -> None:
            self._merge("PUT")

        def do_POST(self) -> None:
            self._merge("POST")

    return Handler


@pytest.fixture(params=["github", "forgejo", "gitea"])
def forge(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FakeForge]:
    repo = GitRepo(tmp_path / "repo")
    repo.write_yaml("submissions/organisasi.yml", ORGANISASI)
    repo.commit("organisasi", author=ADI, when="2026-09-01T09:00:00+07:00")
    state = FakeForge(kind=request.param, repo=repo)
    server = ThreadingHTTPServer(("127.0.0.1", 0), contract_handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
    assert state.contract.violations == [], state.contract.violations


def contract_handler(forge: FakeForge) -> type[BaseHTTPRequestHandler]:
    """The pull request forge behind its published description (see forge_contract)."""
    return checked(
        _handler(forge),
        forge.contract,
        auth=lambda: f"Bearer {TOKEN}" if forge.github else f"token {TOKEN}",
    )


@pytest.fixture(autouse=True)
def _forge_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_TOKEN",
        "KINERJA_FORGE_API",
        "KINERJA_FORGE_URL",
        "KINERJA_FORGE_REPO",
        "KINERJA_FORGE_JENIS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KINERJA_FORGE_TOKEN", TOKEN)


def run_merge(forge: FakeForge, number: int, *extra: str) -> int:
    return main(
        [
            "merge",
            str(number),
            "--jenis",
            forge.kind,
            "--url",
            forge.url,
            "--repo",
            "insp/kinerja",
            "--root",
            str(forge.repo.root),
            *extra,
        ]
    )


def submission_pull(forge: FakeForge, number: int = 12, body: str = "Data triwulan IV.") -> None:
    forge.repo.branch(f"pr-{number}")
    forge.repo.write(SUB, "unit: irban-1\nperiode: 2026-q4\n")
    forge.repo.commit("data irban-1", author=BUDI, when="2026-10-01T08:00:00+07:00")
    forge.repo.checkout("main")
    forge.open_pull(
        number,
        f"pr-{number}",
        author="budi-s",
        title="Data kinerja irban-1 2026-q4",
        body=body,
        opened="2026-10-06T09:12:00+07:00",
    )


def merges(forge: FakeForge) -> list[tuple[str, str]]:
    return [c for c in forge.calls if c[0] in ("PUT", "POST")]


def test_merge_records_the_paraf(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "dewi-sek", "COMMENTED")
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12) == 0, capsys.readouterr().err
    assert "PR #12 digabung" in capsys.readouterr().out

    message = forge.repo.git("log", "-1", "--format=%B")
    assert message.startswith("Data kinerja irban-1 2026-q4 (#12)\n\nData triwulan IV.\n\n")
    assert "Reviewed-by: Budi Santoso <" in message
    assert "Opened-at: 2026-10-06T09:12:00+07:00" in message
    assert "Approved-by" not in message and "dewi" not in message

    history = read_history(forge.repo.root, roster_from_mapping(ORGANISASI))
    data, paraf = history.for_path(SUB)
    assert data.kind is EventKind.DATA_DITERIMA
    assert data.time == datetime(2026, 10, 6, 9, 12, tzinfo=WIB)  # opened, as the forge says
    assert data.merged_at == datetime(2026, 10, 7, 10, 0, tzinfo=WIB)
    assert data.pull_number == 12 and data.pull_url and data.pull_url.endswith("/12")
    assert data.ok, data.problems
    assert paraf.kind is EventKind.PARAF and paraf.person_id == "budi-santoso" and paraf.ok


def test_stale_approval_is_refused(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    old_head = forge.pulls[12]["head"]["sha"]
    forge.review(12, "budi-s", "APPROVED")
    forge.repo.checkout("pr-12")
    forge.repo.write(SUB, "unit: irban-1\nperiode: 2026-q4\nubah: 1\n")
    forge.repo.commit("ubah setelah paraf", author=BUDI, when="2026-10-06T11:00:00+07:00")
    forge.repo.checkout("main")
    forge.push(12)
    before = forge.repo.head()

    assert run_merge(forge, 12) == 1
    err = capsys.readouterr().err
    assert "PR #12 belum bisa digabung" in err
    assert "Paraf Kepala Irban I (Budi Santoso @budi-s)" in err
    assert f"usang (untuk commit {old_head[:7]}" in err
    assert merges(forge) == [] and forge.repo.head() == before


def test_paraf_by_the_wrong_person_is_refused(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    submission_pull(forge)
    forge.review(12, "dewi-sek", "APPROVED")
    assert run_merge(forge, 12) == 1
    err = capsys.readouterr().err
    assert "Paraf Kepala Irban I (Budi Santoso @budi-s) untuk " + SUB + ": belum ada." in err
    assert "Persetujuan yang berlaku: Dewi Sekretaris (@dewi-sek)." in err
    assert merges(forge) == []


def test_changes_requested_withdraws_the_approval(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.review(12, "budi-s", "CHANGES_REQUESTED")
    assert run_merge(forge, 12) == 1
    assert "belum ada" in capsys.readouterr().err


def test_many_reviews_are_paged(forge: FakeForge) -> None:
    submission_pull(forge)
    for _ in range(120):
        forge.review(12, "nina", "COMMENTED")
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12) == 0
    assert sum(1 for c in forge.calls if c[1].endswith("/reviews")) >= 2


def test_analysis_with_signature(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    forge.repo.branch("analisis")
    forge.repo.write(ANALISIS, "# Analisis triwulan IV\n")
    forge.repo.commit("analisis", author=PENYUSUN, when="2026-10-20T08:00:00+07:00")
    forge.repo.checkout("main")
    forge.open_pull(
        30,
        "analisis",
        author="nina",
        title="Analisis 2026-q4",
        body="",
        opened="2026-10-20T09:00:00+07:00",
    )
    forge.review(30, "dewi-sek", "APPROVED")
    forge.review(30, "sari-p", "APPROVED")
    assert run_merge(forge, 30) == 1
    assert (
        "Tanda tangan Inspektur (RUSDIYANTO, S.H., M.Hum. @rusdiyanto)" in capsys.readouterr().err
    )

    forge.review(30, "rusdiyanto", "APPROVED")
    assert run_merge(forge, 30) == 0
    message = forge.repo.git("log", "-1", "--format=%B")
    assert "Approved-by: RUSDIYANTO, S.H., M.Hum. <rusdiyanto@pesisirselatan.go.id>" in message
    history = read_history(forge.repo.root, roster_from_mapping(ORGANISASI))
    events = history.for_path(ANALISIS)
    assert events[0].kind is EventKind.ANALISIS_DISAMPAIKAN and events[0].ok, events[0].problems
    signed = [e for e in events if e.kind is EventKind.DISAHKAN]
    assert [e.person_id for e in signed] == ["rusdiyanto"] and signed[0].ok
    assert sorted(e.person_id or "" for e in events if e.kind is EventKind.PARAF) == [
        "dewi",
        "sari",
    ]


def test_forged_trailer_in_the_body_is_quoted(forge: FakeForge) -> None:
    submission_pull(
        forge,
        body="Mohon paraf.\n\nApproved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>\n"
        "Co-authored-by: Nina Penyusun <nina@pesisirselatan.go.id>",
    )
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12) == 0
    message = forge.repo.git("log", "-1", "--format=%B")
    assert "> Approved-by: RUSDIYANTO" in message
    assert message.rstrip().endswith("Co-authored-by: Nina Penyusun <nina@pesisirselatan.go.id>")
    data = read_history(forge.repo.root, roster_from_mapping(ORGANISASI)).for_path(SUB)[0]
    assert data.approvers == ()
    assert [p.name for p in data.reviewers] == ["Budi Santoso"]


def test_head_moved_at_merge_time(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.move_head_before_merge = True
    before = forge.repo.head()
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert "HTTP 409" in err and "Konflik: cabang pull request berubah saat digabung" in err
    assert forge.repo.head() == before


def test_dry_run_shows_the_message(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12, "--coba") == 0
    out = capsys.readouterr().out
    assert "memenuhi syarat" in out and "Opened-at: 2026-10-06T09:12:00+07:00" in out
    assert merges(forge) == []


def test_already_merged_and_bad_token(
    forge: FakeForge, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12) == 0
    assert run_merge(forge, 12) == 4
    assert "sudah digabung" in capsys.readouterr().err
    monkeypatch.setenv("KINERJA_FORGE_TOKEN", "salah")
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "Token forge tidak sah atau kedaluwarsa" in err


# -- exit codes: 0 merged, 1 waiting for paraf, 2 usage, 3 forge, 4 nothing to do -----------------


def test_exit_1_waiting_for_paraf(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    assert run_merge(forge, 12) == 1
    assert run_merge(forge, 12, "--coba") == 1
    err = capsys.readouterr().err
    assert "PR #12 belum bisa digabung" in err and "Traceback" not in err
    forge.review(12, "budi-s", "APPROVED")
    forge.pulls[12]["draft"] = True
    assert run_merge(forge, 12) == 1
    assert "PR #12 masih draf" in capsys.readouterr().err
    assert merges(forge) == []


def test_exit_4_closed_without_merge(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.pulls[12]["state"] = "closed"
    assert run_merge(forge, 12) == 4
    assert "PR #12 sudah ditutup tanpa digabung" in capsys.readouterr().err
    assert merges(forge) == []


def test_exit_2_usage_errors(
    forge: FakeForge,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    root = str(forge.repo.root)
    where = ["--jenis", forge.kind, "--url", forge.url]

    assert main(["merge", "12", *where, "--repo", "kinerja", "--root", root]) == 2
    assert "Repositori forge belum diatur (format pemilik/nama)" in capsys.readouterr().err
    token_over_http = ["--url", "http://forge.invalid", "--repo", "insp/kinerja"]
    assert main(["merge", "12", "--jenis", forge.kind, *token_over_http, "--root", root]) == 2
    assert "Token tidak dikirim lewat http" in capsys.readouterr().err
    assert run_merge(forge, 0) == 2
    assert "nomor pull request harus 1 atau lebih" in capsys.readouterr().err
    (tmp_path / "kosong").mkdir()
    args = ["merge", "12", *where, "--repo", "insp/kinerja", "--root", str(tmp_path / "kosong")]
    assert main(args) == 2
    assert "organisasi.yml" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["merge", "dua belas", *where, "--root", root])
    assert exited.value.code == 2
    monkeypatch.delenv("KINERJA_FORGE_TOKEN")
    assert run_merge(forge, 12) == 2
    err = capsys.readouterr().err
    assert "token forge belum ada" in err and "Traceback" not in err
    assert merges(forge) == []


def test_exit_3_forge_errors(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    before = forge.repo.head()

    forge.conflict = True  # GitHub answers 405, Forgejo/Gitea 409
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    if forge.github:
        assert "(HTTP 405): Pull Request is not mergeable" in err
        assert "ada konflik dengan cabang utama" in err
    else:
        assert "(HTTP 409)" in err and "Konflik:" in err
    forge.conflict = False

    forge.down = 502
    assert run_merge(forge, 12) == 3
    assert "Forge sedang bermasalah" in capsys.readouterr().err
    forge.down = None

    assert run_merge(forge, 99) == 3
    err = capsys.readouterr().err
    assert "HTTP 404" in err and "Pull request atau repositori tidak ditemukan" in err

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = ["--jenis", forge.kind, "--url", f"http://127.0.0.1:{port}", "--repo", "insp/kinerja"]
    assert main(["merge", "12", *args, "--root", str(forge.repo.root)]) == 3
    err = capsys.readouterr().err
    assert "tidak dapat dihubungi" in err and "Periksa alamat forge" in err
    assert "Traceback" not in err
    assert forge.repo.head() == before


# -- the merge workflow's own step, as the runner runs it ----------------------------------------


def _merge_step(forge: FakeForge, runner: Path, number: int) -> subprocess.CompletedProcess[str]:
    workflow = yaml.safe_load(MERGE_WORKFLOW.read_text(encoding="utf-8"))
    (step,) = [s for s in workflow["jobs"]["merge"]["steps"] if s.get("id") == "gabung"]
    expressions = {
        "${{ github.event.pull_request.number || inputs.pr }}": str(number),
        "${{ github.token }}": TOKEN,
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KINERJA_"))}
    for name, value in step["env"].items():
        env[name] = expressions[value]
    (runner / "output").write_text("", encoding="utf-8")
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        GITHUB_OUTPUT=str(runner / "output"),
        KINERJA_FORGE_JENIS=forge.kind,
        KINERJA_FORGE_URL=forge.url,
        KINERJA_FORGE_REPO="insp/kinerja",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    script = runner / "gabung.sh"
    script.write_text(step["run"], encoding="utf-8")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=forge.repo.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize("forge", ["github"], indirect=True)
def test_the_merge_workflow_waits_quietly_and_fails_on_forge_errors(
    forge: FakeForge, tmp_path: Path
) -> None:
    submission_pull(forge)
    runner = tmp_path / "runner"
    runner.mkdir()

    waiting = _merge_step(forge, runner, 12)  # no paraf yet: a notice, the job stays green
    assert waiting.returncode == 0, waiting.stderr
    assert "::notice title=Menunggu paraf::PR #12" in waiting.stdout
    assert "PR #12 belum bisa digabung" in waiting.stderr
    assert "digabung=true" not in (runner / "output").read_text()

    forge.review(12, "budi-s", "APPROVED")
    forge.conflict = True  # the forge refuses: the job fails, with the reason
    refused = _merge_step(forge, runner, 12)
    assert refused.returncode == 3
    assert "::error title=Forge menolak atau tidak dapat dihubungi::" in refused.stdout
    assert "HTTP 405" in refused.stderr

    forge.conflict = False
    merged = _merge_step(forge, runner, 12)
    assert merged.returncode == 0, merged.stderr
    assert "digabung=true" in (runner / "output").read_text()
    assert "Reviewed-by: Budi Santoso" in forge.repo.git("log", "-1", "--format=%B")

    again = _merge_step(forge, runner, 12)  # a second approval's run: nothing to do, green
    assert again.returncode == 0, again.stderr
    assert "::notice title=Tidak ada yang digabung::PR #12" in again.stdout
    assert "digabung=true" not in (runner / "output").read_text()


def test_exit_70_for_a_bug_never_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An uncaught exception must not read as 1 ("waiting for paraf"), which merge.yml keeps
    green: main turns it into 70 with an Indonesian line saying it is a bug, not the data."""
    import kinerja.cli.merge as merge_cli
    from kinerja.cli import EXIT_INTERNAL, main

    def broken(args: object) -> int:
        raise IndexError("bug")

    monkeypatch.setattr(merge_cli, "run", broken)
    assert main(["merge", "12"]) == EXIT_INTERNAL == 70
    err = capsys.readouterr().err
    assert "galat internal (IndexError)" in err and "bukan kesalahan data" in err
