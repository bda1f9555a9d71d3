"""``kinerja merge`` against a local HTTP server that answers like GitHub / Forgejo / Gitea, and a
real bare repository as the remote.

The server speaks the documented payloads (only on 127.0.0.1, in a thread). Each pull request's
head is published in the bare remote as ``refs/pull/<n>/head``, as both forges do; the merge
identity fetches it, writes a signed merge commit (real ``ssh-keygen`` keys, verified with
``git verify-commit`` and the trust file) and pushes it to the remote's main. The server then
reports the pull request merged the way each forge does: GitHub by itself once the head is in
main, Forgejo/Gitea after ``POST .../merge`` with ``Do=manually-merged``.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

import kinerja.forge.http as http_module
import kinerja.forge.merge as merge_module
from forge_contract import Contract, checked
from kinerja.cli import main
from kinerja.history import EventKind, read_history, roster_from_mapping
from kinerja.history.reader import read_landings
from kinerja.history.wib import WIB
from test_history_support import _ISOLATED, ADI, BUDI, ORGANISASI, PENYUSUN, GitRepo

MERGE_WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "merge.yml"
SUB = "submissions/2026-q4/irban-1.yml"
ANALISIS = "submissions/2026-q4/analisis.md"
TRUST = ".kinerja/allowed_signers"
TOKEN = "rahasia-uji"
BOT_EMAIL = "kinerja-merge@pesisirselatan.go.id"
USERS = {  # forge accounts: login -> (full name, e-mail the forge shows)
    "budi-s": ("Budi Santoso", "budi-s@noreply.localhost"),
    "dewi-sek": ("Dewi Sekretaris", "dewi@pesisirselatan.go.id"),
    "sari-p": ("Sari Perencanaan", "sari@pesisirselatan.go.id"),
    "rusdiyanto": ("RUSDIYANTO", "rusdiyanto@pesisirselatan.go.id"),
    "nina": ("Nina Penyusun", "nina@pesisirselatan.go.id"),
    "adi-admin": ("Adi Admin", "adi@pesisirselatan.go.id"),
}


# -- keys ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    private: Path
    public: str  # "ssh-ed25519 AAAA..."

    def signer_line(self, email: str = BOT_EMAIL) -> str:
        return f"{email} {self.public}\n"


def make_key(folder: Path, name: str) -> Key:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)],
        check=True,
        capture_output=True,
    )
    public = " ".join(path.with_suffix(".pub").read_text().split()[:2])
    return Key(path, public)


@pytest.fixture(scope="session")
def merge_key(tmp_path_factory: pytest.TempPathFactory) -> Key:
    """The merge identity's key, listed in the test repositories' trust file."""
    return make_key(tmp_path_factory.mktemp("kunci"), "penggabung")


def anchored_repo(root: Path, key: Key, organisation: dict[str, Any] | None = None) -> GitRepo:
    """A repository whose root commit anchors the trust file: written and signed by the merge
    identity with the key it lists (as ``kinerja init`` makes it), so its configuration counts."""
    repo = GitRepo(root, trusted=False)
    repo.write_yaml("submissions/organisasi.yml", organisation or ORGANISASI)
    repo.write(TRUST, key.signer_line())
    repo.signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key.private}"]
    repo.commit(
        "organisasi dan berkas kepercayaan",
        author=ADI,
        committer=("kinerja merge", BOT_EMAIL),
        when="2026-09-01T09:00:00+07:00",
    )
    repo.signing = []
    return repo


@pytest.fixture(scope="session")
def stranger_key(tmp_path_factory: pytest.TempPathFactory) -> Key:
    """A key nobody listed."""
    return make_key(tmp_path_factory.mktemp("kunci-lain"), "asing")


VERIFY = ("verify-commit", "--raw")


def verify(repo: GitRepo, sha: str) -> subprocess.CompletedProcess[str]:
    """``git verify-commit`` with the trust file as committed in ``sha`` (independent check)."""
    trust = repo.root / ".git" / "allowed_signers-uji"
    trust.write_text(repo.git("show", f"{sha}:{TRUST}") + "\n", encoding="utf-8")
    return subprocess.run(
        ["git", "-C", str(repo.root), "-c", f"gpg.ssh.allowedSignersFile={trust}", *VERIFY, sha],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **_ISOLATED},
    )


# -- the forge -----------------------------------------------------------------------------------


@dataclass
class FakeForge:
    """The state of one forge: pull requests over branches of a real repository, published in a
    bare repository (the remote ``origin``) as ``refs/pull/<n>/head``."""

    kind: str
    repo: GitRepo
    remote: Path
    now: str = "2026-10-07T10:00:00+07:00"
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    reviews: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    branches: dict[int, str] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    marked: list[dict[str, Any]] = field(default_factory=list)
    down: int | None = None  # every request answered with this status (e.g. 502)
    failing: dict[int, int] = field(default_factory=dict)  # PR -> status for its requests
    garbled: set[int] = field(default_factory=set)  # PRs whose payload lacks its head
    slow: dict[int, float] = field(default_factory=dict)  # PR -> seconds before answering
    move_head_after_read: bool = False  # the unit pushes between the API read and the fetch
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

    def remote_git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", "--git-dir", str(self.remote), *args],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **_ISOLATED},
        )
        return done.stdout.strip()

    def main_tip(self) -> str:
        return self.remote_git("rev-parse", "refs/heads/main")

    def publish(self) -> None:
        """Push the local main to the remote (an admin's setup commit, before protection)."""
        self.repo.git("push", "-q", "--force", "origin", "main:refs/heads/main")

    def sync(self) -> None:
        """Bring the local main up to the remote's (the landings were pushed there)."""
        self.repo.git("fetch", "-q", "origin", "+refs/heads/main:refs/remotes/origin/main")
        if self.repo.git("symbolic-ref", "--short", "HEAD") == "main":
            self.repo.git("merge", "-q", "--ff-only", "origin/main")
        else:
            self.repo.git("update-ref", "refs/heads/main", "refs/remotes/origin/main")

    def open_pull(
        self, number: int, branch: str, *, author: str, title: str, body: str, opened: str
    ) -> None:
        head = self.repo.git("rev-parse", branch)
        self.repo.git("push", "-q", "--force", "origin", f"{branch}:refs/pull/{number}/head")
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
            "base": {
                "label": "main",
                "ref": "main",
                "sha": self.main_tip(),
                "repo": {"full_name": "insp/kinerja", "default_branch": "main"},
            },
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
        """The unit pushed again: the PR's head moves (on the forge and in refs/pull)."""
        branch = self.branches[number]
        self.repo.git("push", "-q", "--force", "origin", f"{branch}:refs/pull/{number}/head")
        self.pulls[number]["head"]["sha"] = self.repo.git("rev-parse", branch)

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
        head = self.pulls[number]["head"]["sha"]
        log = self.repo.git("log", "--reverse", f"--format={fmt}", f"main..{head}")
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

    def refresh(self, number: int) -> None:
        """GitHub: a pull request whose head is in main is merged (by the push itself)."""
        pull = self.pulls[number]
        if not self.github or pull["merged"]:
            return
        head = pull["head"]["sha"]
        main = self.main_tip()
        inside = subprocess.run(
            ["git", "--git-dir", str(self.remote), "merge-base", "--is-ancestor", head, main],
            check=False,
            capture_output=True,
        )
        if inside.returncode == 0:
            landing = self.remote_git("rev-list", "--reverse", "--ancestry-path", f"{head}..{main}")
            pull.update(
                merged=True,
                state="closed",
                merge_commit_sha=landing.split("\n")[0],
                merged_at=self.now,
            )


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

        def _route(self) -> tuple[int | None, str, dict[str, list[str]]] | None:
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
            if number in forge.slow:
                time.sleep(forge.slow[number])
            if number in forge.failing:
                self._send(forge.failing[number], {"message": "Server Error"})
                return None
            return number, match.group(2) or "", parse_qs(parts.query)

        def do_GET(self) -> None:
            routed = self._route()
            if routed is None:
                return
            number, what, query = routed
            url = forge.url + urlsplit(self.path).path
            if number == 0:  # the list of pull requests
                for n in forge.pulls:
                    forge.refresh(n)
                state = query.get("state", ["open"])[0]
                items = [
                    forge.pull_payload(n)
                    for n in sorted(forge.pulls)
                    if state == "all" or forge.pulls[n]["state"] == state
                ]
                self._send(200, *forge.contract.page(items, query, url))
                return
            forge.refresh(number)
            if what == "":
                payload = forge.pull_payload(number)
                if number in forge.garbled:  # an answer in no documented shape
                    payload["head"] = "rusak"
                if forge.move_head_after_read:  # the unit pushes right after the API read
                    forge.move_head_after_read = False
                    moved = f"main:refs/pull/{number}/head"
                    forge.repo.git("push", "-q", "--force", "origin", moved)
                self._send(200, payload)
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

        def do_POST(self) -> None:
            routed = self._route()
            if routed is None:
                return
            number, what, _ = routed
            if forge.github or what != "/merge" or not number:
                self._send(405, {"message": "Method Not Allowed"})
                return
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if what != "/merge":
                self._send(404, {"message": "Not Found"})
                return
            pull = forge.pulls[number]
            forge.marked.append(body)
            if body.get("Do") != "manually-merged" or not body.get("MergeCommitID"):
                self._send(405, {"message": "only manually-merged is expected here"})
                return
            if pull["merged"]:
                self._send(405, {"message": "Pull Request is not mergeable"})
                return
            sha = body["MergeCommitID"]
            main = forge.main_tip()
            for older, newer in ((sha, main), (pull["head"]["sha"], sha)):
                ancestry = ["merge-base", "--is-ancestor", older, newer]
                inside = subprocess.run(
                    ["git", "--git-dir", str(forge.remote), *ancestry],
                    check=False,
                    capture_output=True,
                )
                if inside.returncode != 0:  # Gitea checks the commit is in the base branch
                    self._send(405, {"message": "Wrong commit ID"})
                    return
            pull.update(merged=True, state="closed", merge_commit_sha=sha, merged_at=forge.now)
            self._send(200)

        def do_PUT(self) -> None:
            self._route()
            self._send(405, {"message": "the merge identity pushes; no merge button"})

    return Handler


def make_world(kind: str, repo: GitRepo, tmp_path: Path) -> FakeForge:
    """A bare remote holding the repository's main, and the forge state over it."""
    remote = tmp_path / "remote.git"
    subprocess.run(
        ["git", "init", "-q", "--bare", "-b", "main", str(remote)],
        check=True,
        env={**os.environ, **_ISOLATED},
    )
    repo.git("remote", "add", "origin", str(remote))
    state = FakeForge(kind=kind, repo=repo, remote=remote)
    state.publish()
    return state


@pytest.fixture(params=["github", "forgejo", "gitea"])
def forge(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    merge_key: Key,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[FakeForge]:
    yield from serve(
        request.param, anchored_repo(tmp_path / "repo", merge_key), tmp_path, monkeypatch
    )


def serve(
    kind: str, repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeForge]:
    """The forge of ``kind`` over ``repo``, served on 127.0.0.1 while the test runs."""
    state = make_world(kind, repo, tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), contract_handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    monkeypatch.setattr(merge_module, "now", lambda: datetime.fromisoformat(state.now))
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
def _forge_env(monkeypatch: pytest.MonkeyPatch, merge_key: Key) -> None:
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_TOKEN",
        "KINERJA_FORGE_API",
        "KINERJA_FORGE_URL",
        "KINERJA_FORGE_REPO",
        "KINERJA_FORGE_JENIS",
        "KINERJA_REMOTE",
        "KINERJA_SIGNING_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KINERJA_FORGE_TOKEN", TOKEN)
    monkeypatch.setenv("KINERJA_SIGNING_KEY_FILE", str(merge_key.private))
    for name, value in _ISOLATED.items():  # the merge's own git calls ignore the user's config
        monkeypatch.setenv(name, value)


def run_merge(forge: FakeForge, number: int | None, *extra: str) -> int:
    args = ["merge"] + ([str(number)] if number is not None else [])
    code = main(
        [
            *args,
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
    forge.sync()
    return code


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


def landed(forge: FakeForge) -> list[str]:
    """Landings on the remote's main written by the merge identity (its merge commits; the
    root commit that anchors the trust file is the identity's too, and is not a landing)."""
    log = forge.remote_git(
        "log", "--first-parent", "--merges", "--format=%H %ce", "refs/heads/main"
    )
    return [line.split()[0] for line in log.splitlines() if line.endswith(BOT_EMAIL)]


def test_merge_writes_a_signed_landing_with_the_paraf(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    submission_pull(forge)
    forge.review(12, "dewi-sek", "COMMENTED")
    forge.review(12, "budi-s", "APPROVED")
    main_before, head = forge.main_tip(), forge.pulls[12]["head"]["sha"]
    assert run_merge(forge, 12) == 0, capsys.readouterr().err
    assert "PR #12 digabung sebagai commit" in capsys.readouterr().out

    (sha,) = landed(forge)
    assert sha == forge.main_tip()
    repo = forge.repo
    assert repo.git("show", "-s", "--format=%P", sha).split() == [main_before, head]
    who = repo.git("show", "-s", "--format=%an <%ae>|%cn <%ce>|%cI", sha).split("|")
    assert who[:2] == [f"kinerja merge <{BOT_EMAIL}>"] * 2
    assert who[2] == "2026-10-07T10:00:00+07:00"
    message = repo.git("log", "-1", "--format=%B", sha)
    assert message.split("\n\n") == [
        "Gabung pengajuan #12: Data kinerja irban-1 2026-q4",
        "Reviewed-by: Budi Santoso <"
        + ("budi-s@users.noreply.github.com" if forge.github else "budi-s@noreply.localhost")
        + ">\nReviewed-on: "
        + forge.pulls[12]["html_url"]
        + "\nOpened-at: 2026-10-06T09:12:00+07:00",
    ]
    checked = verify(repo, sha)  # git itself accepts the signature with the trust file
    assert checked.returncode == 0, checked.stderr
    assert f'Good "git" signature for {BOT_EMAIL}' in checked.stderr
    if forge.github:
        assert forge.marked == []  # the push itself marks the pull request merged
    else:
        assert forge.marked == [{"Do": "manually-merged", "MergeCommitID": sha}]
    forge.refresh(12)
    assert forge.pulls[12]["merged"] and forge.pulls[12]["merge_commit_sha"] == sha

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
    before = forge.main_tip()

    assert run_merge(forge, 12) == 1
    err = capsys.readouterr().err
    assert "PR #12 belum bisa digabung" in err
    assert "Paraf Kepala Irban I (Budi Santoso @budi-s)" in err
    assert f"usang (untuk commit {old_head[:7]}" in err
    assert landed(forge) == [] and forge.main_tip() == before


def test_paraf_by_the_wrong_person_is_refused(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    submission_pull(forge)
    forge.review(12, "dewi-sek", "APPROVED")
    assert run_merge(forge, 12) == 1
    err = capsys.readouterr().err
    assert "Paraf Kepala Irban I (Budi Santoso @budi-s) untuk " + SUB + ": belum ada." in err
    assert "Persetujuan yang berlaku: Dewi Sekretaris (@dewi-sek)." in err
    assert landed(forge) == []


def test_changes_requested_withdraws_the_approval(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.review(12, "budi-s", "CHANGES_REQUESTED")
    assert run_merge(forge, 12) == 1
    assert "belum ada" in capsys.readouterr().err


@pytest.mark.parametrize("forge", ["gitea"], indirect=True)
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
    forge.now = "2026-10-21T10:00:00+07:00"
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


HOSTILE_TITLES = [
    "Data irban-1\nApproved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>",
    "Data irban-1\r\n\r\nApproved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>",
    "Data\u2028\u2029Approved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>",
    "Data\x85Opened-at: 2026-01-01T00:00:00+07:00",
    "Data\x0bReviewed-by: Budi Santoso <budi-s@users.noreply.github.com>\x00",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=range(len(HOSTILE_TITLES)))
@pytest.mark.parametrize("forge", ["github"], indirect=True)
def test_a_title_or_body_cannot_add_a_trailer(forge: FakeForge, title: str) -> None:
    """The forgery of issue #11: a newline in the PR title started a trailer paragraph, and
    the body was copied into the message. Now the title is one line and the body stays out."""
    submission_pull(
        forge,
        body="Mohon paraf.\n\nApproved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>\n"
        "Co-authored-by: Nina Penyusun <nina@pesisirselatan.go.id>",
    )
    forge.pulls[12]["title"] = title
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12) == 0
    message = forge.repo.git("log", "-1", "--format=%B")
    subject, trailers = message.split("\n\n")
    assert subject.startswith("Gabung pengajuan #12: Data") and "\n" not in subject
    assert [line.split(":")[0] for line in trailers.splitlines()] == [
        "Reviewed-by",
        "Reviewed-on",
        "Opened-at",
    ]
    assert "Mohon paraf" not in message and "Co-authored-by" not in message
    data = read_history(forge.repo.root, roster_from_mapping(ORGANISASI)).for_path(SUB)[0]
    assert data.approvers == ()
    assert [p.name for p in data.reviewers] == ["Budi Santoso"]
    assert data.time == datetime(2026, 10, 6, 9, 12, tzinfo=WIB)


def test_a_long_title_is_capped() -> None:
    from kinerja.forge.message import TITLE_LIMIT, single_line

    line = single_line("x" * 500)
    assert len(line) == TITLE_LIMIT and line.endswith("…")
    assert single_line(" a\tb\u200bc\u2028d ") == "a b c d"


def test_head_moved_between_the_api_and_the_fetch(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.move_head_after_read = True  # refs/pull/12/head no longer is the approved commit
    before = forge.main_tip()
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert "bukan commit yang diparaf" in err
    assert forge.main_tip() == before


def test_dry_run_shows_the_message(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12, "--coba") == 0
    out = capsys.readouterr().out
    assert "memenuhi syarat" in out and "Opened-at: 2026-10-06T09:12:00+07:00" in out
    assert "Gabung pengajuan #12: Data kinerja irban-1 2026-q4" in out
    assert landed(forge) == [] and forge.marked == []


def test_already_merged_and_bad_token(
    forge: FakeForge, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12) == 0
    assert run_merge(forge, 12) == 4
    assert "sudah digabung" in capsys.readouterr().err
    assert len(landed(forge)) == 1
    monkeypatch.setenv("KINERJA_FORGE_TOKEN", "salah")
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "Token forge tidak sah atau kedaluwarsa" in err


@pytest.mark.parametrize("forge", ["forgejo"], indirect=True)
def test_a_landing_the_forge_did_not_record_is_not_written_twice(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    """Forgejo refused "manually merged" after the push: the next run writes nothing new and
    tells the forge again."""
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    original = forge.pulls[12]
    assert run_merge(forge, 12) == 0
    (sha,) = landed(forge)
    original.update(merged=False, state="open", merge_commit_sha=None)  # as if it was refused
    forge.marked.clear()
    assert run_merge(forge, 12) == 4
    assert f"sudah ada di cabang utama (commit {sha[:10]})" in capsys.readouterr().err
    assert landed(forge) == [sha]
    assert forge.marked == [{"Do": "manually-merged", "MergeCommitID": sha}]


def test_main_moved_during_the_push_is_retried(
    forge: FakeForge, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Another landing reached main between the fetch and the push: fetch again, check the
    paraf again, merge onto the new tip."""
    from kinerja.forge import landing

    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    other = GitRepo(tmp_path / "lain", trusted=False)
    other.git("remote", "add", "origin", str(forge.remote))
    other.git("fetch", "-q", "origin", "main")
    other.git("checkout", "-q", "-B", "main", "origin/main")
    other.write("README.md", "lain\n")
    moved = other.commit("perubahan lain", author=ADI, when="2026-10-07T09:00:00+07:00")
    real_push = landing.push
    pushes: list[str] = []

    def push_after_someone_else(root: Path, remote: str, sha: str, branch: str) -> bool:
        if not pushes:
            other.git("push", "-q", "origin", "main")
        pushes.append(sha)
        return real_push(root, remote, sha, branch)

    monkeypatch.setattr(landing, "push", push_after_someone_else)
    reviews_read = sum(1 for c in forge.calls if c[1].endswith("/reviews"))
    assert run_merge(forge, 12) == 0
    assert len(pushes) == 2
    (sha,) = landed(forge)
    assert sha == pushes[1] and forge.repo.git("rev-parse", f"{sha}^1") == moved
    assert sum(1 for c in forge.calls if c[1].endswith("/reviews")) >= reviews_read + 2


def test_time_never_runs_backwards(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.now = "2026-08-01T10:00:00+07:00"  # before main's last commit (1 September)
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert "tidak boleh mundur" in err and "2026-09-01T09:00:00+07:00" in err
    assert landed(forge) == []


@pytest.mark.parametrize("forge", ["gitea"], indirect=True)
def test_semua_tries_every_open_pull_request(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    submission_pull(forge, 12)
    forge.repo.branch("pr-13")
    forge.repo.write("submissions/2026-q4/irban-2.yml", "unit: irban-2\nperiode: 2026-q4\n")
    forge.repo.commit("data irban-2", author=PENYUSUN, when="2026-10-02T08:00:00+07:00")
    forge.repo.checkout("main")
    forge.open_pull(
        13,
        "pr-13",
        author="nina",
        title="Data irban-2",
        body="",
        opened="2026-10-06T10:00:00+07:00",
    )
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, None, "--semua") == 0
    captured = capsys.readouterr()
    assert "PR #12 digabung sebagai commit" in captured.out
    assert "PR #13 belum bisa digabung" in captured.err
    assert len(landed(forge)) == 1 and not forge.pulls[13]["merged"]
    assert run_merge(forge, None, "--semua") == 0  # nothing new: #12 is closed, #13 waits
    assert len(landed(forge)) == 1
    assert run_merge(forge, 12, "--semua") == 2
    assert "tidak keduanya" in capsys.readouterr().err


def three_approved_pulls(forge: FakeForge) -> None:
    """PRs #12, #13 and #14: irban-1's data for three periods, each with its Irban's paraf."""
    for number, period in ((12, "2026-q2"), (13, "2026-q3"), (14, "2026-q4")):
        forge.repo.branch(f"pr-{number}")
        forge.repo.write(f"submissions/{period}/irban-1.yml", f"unit: irban-1\nperiode: {period}\n")
        forge.repo.commit(f"data {period}", author=BUDI, when="2026-10-01T08:00:00+07:00")
        forge.repo.checkout("main")
        forge.open_pull(
            number,
            f"pr-{number}",
            author="budi-s",
            title=f"Data irban-1 {period}",
            body="",
            opened="2026-10-06T09:00:00+07:00",
        )
        forge.review(number, "budi-s", "APPROVED")


def _verified_landings(forge: FakeForge) -> dict[str, bool]:
    """The trust walk's verdict on every landing the merge identity wrote."""
    walk = read_landings(forge.repo.root).walk
    assert walk is not None
    return {sha: walk.verdicts[sha].verified for sha in landed(forge)}


@pytest.mark.parametrize(
    ("forge", "trouble"),
    [("github", "500"), ("gitea", "404"), ("forgejo", "rusak"), ("github", "lambat")],
    indirect=["forge"],
)
def test_semua_goes_on_after_a_forge_error_on_one_pull_request(
    forge: FakeForge,
    trouble: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One PR out of three answers 500, 404, an unreadable payload, or nothing in time: the
    other two land (signed, verified by the trust walk), that one is reported in Indonesian
    with its number and a hint, and the run exits 3."""
    three_approved_pulls(forge)
    if trouble == "rusak":
        forge.garbled.add(13)
    elif trouble == "lambat":
        monkeypatch.setattr(http_module, "TIMEOUT_SECONDS", 0.3)
        forge.slow[13] = 1.0
    else:
        forge.failing[13] = int(trouble)
    assert run_merge(forge, None, "--semua") == 3
    captured = capsys.readouterr()
    assert "PR #12 digabung sebagai commit" in captured.out
    assert "PR #14 digabung sebagai commit" in captured.out
    assert "PR #13" not in captured.out and "Traceback" not in captured.err
    (line,) = [x for x in captured.err.splitlines() if "PR #13" in x]
    assert line.startswith("kinerja merge: PR #13: ")
    hint = {
        "500": "Forge sedang bermasalah",
        "404": "Pull request atau repositori tidak ditemukan",
        "rusak": "Periksa --jenis dan --api",
        "lambat": "Periksa alamat forge",
    }[trouble]
    assert hint in captured.err and "Pull request lain tetap dicoba." in captured.err
    if trouble == "rusak":  # the hostile payload is this test's doing, not the client's
        forge.contract.violations = [v for v in forge.contract.violations if "'rusak'" not in v]
    verdicts = _verified_landings(forge)
    assert len(verdicts) == 2 and all(verdicts.values()), verdicts
    assert not forge.pulls[13]["merged"]
    history = read_history(forge.repo.root, roster_from_mapping(ORGANISASI))
    received = {e.path for e in history.events if e.kind is EventKind.DATA_DITERIMA and e.ok}
    assert received == {"submissions/2026-q2/irban-1.yml", "submissions/2026-q4/irban-1.yml"}

    forge.failing.clear()
    forge.garbled.clear()
    forge.slow.clear()
    assert run_merge(forge, None, "--semua") == 0  # the forge is back: #13 lands too
    assert len(_verified_landings(forge)) == 3 and all(_verified_landings(forge).values())


@pytest.fixture(params=["github", "gitea"])
def forge_wit(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    merge_key: Key,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[FakeForge]:
    """An office in Jayapura (``zona_waktu: Asia/Jayapura``, WIT, UTC+09:00) whose forge runs
    in WIT too (Forgejo/Gitea report the server's zone; GitHub reports UTC)."""
    organisation = {**ORGANISASI, "pengaturan": {"zona_waktu": "Asia/Jayapura"}}
    repo = anchored_repo(tmp_path / "repo", merge_key, organisation)
    for state in serve(request.param, repo, tmp_path, monkeypatch):
        state.now = "2026-10-07T10:00:00+09:00"
        yield state


def test_an_office_in_wit_sees_wit_times(
    forge_wit: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opened-at in +09:00 and the landing's time are written in the office's zone and shown
    as WIT with the wall clock of Jayapura (not WIB, not UTC)."""
    forge = forge_wit
    forge.repo.branch("pr-12")
    forge.repo.write(SUB, "unit: irban-1\nperiode: 2026-q4\n")
    forge.repo.commit("data irban-1", author=BUDI, when="2026-10-01T08:00:00+09:00")
    forge.repo.checkout("main")
    forge.open_pull(
        12, "pr-12", author="budi-s", title="Data", body="", opened="2026-10-06T09:12:00+09:00"
    )
    forge.review(12, "budi-s", "APPROVED")
    assert run_merge(forge, 12) == 0, capsys.readouterr().err
    capsys.readouterr()
    (sha,) = landed(forge)
    message = forge.repo.git("log", "-1", "--format=%B", sha)
    assert "Opened-at: 2026-10-06T09:12:00+09:00" in message.splitlines()
    assert forge.repo.git("show", "-s", "--format=%cI", sha) == "2026-10-07T10:00:00+09:00"

    root = str(forge.repo.root)
    assert main(["history", "--root", root, SUB]) == 0
    out = capsys.readouterr().out
    assert "PR dibuka 6 Oktober 2026 09.12 WIT, digabung 7 Oktober 2026 10.00 WIT" in out
    assert "WIB" not in out
    assert main(["history", "--root", root, "--format", "json", SUB]) == 0
    data = json.loads(capsys.readouterr().out)[0]
    assert data["waktu_dibuka"] == "2026-10-06T09:12:00+09:00"
    assert data["waktu_merge"] == "2026-10-07T10:00:00+09:00"


# -- exit codes: 0 merged, 1 waiting for paraf, 2 usage, 3 forge or Git, 4 nothing to do ---------


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
    assert landed(forge) == []


def test_exit_4_closed_without_merge(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.pulls[12]["state"] = "closed"
    assert run_merge(forge, 12) == 4
    assert "PR #12 sudah ditutup tanpa digabung" in capsys.readouterr().err
    forge.pulls[12]["state"] = "open"
    forge.pulls[12]["base"]["ref"] = "rilis"
    assert run_merge(forge, 12) == 4
    assert "bukan cabang utama 'main'" in capsys.readouterr().err
    assert landed(forge) == []


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
    assert run_merge(forge, None) == 2
    assert "sebutkan satu nomor pull request, atau --semua" in capsys.readouterr().err
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
    assert landed(forge) == []


def test_exit_2_for_a_key_the_pull_request_itself_trusts(
    forge: FakeForge,
    stranger_key: Key,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pull request that adds its own key to the trust file (even with every paraf, the
    admin's included) does not make that key the merge identity: main's trust file decides."""
    forge.repo.branch("pr-12")
    forge.repo.write(SUB, "unit: irban-1\nperiode: 2026-q4\n")
    forge.repo.write(TRUST, stranger_key.signer_line("penyusup@pesisirselatan.go.id"))
    forge.repo.commit("data dan kunci saya", author=BUDI, when="2026-10-01T08:00:00+07:00")
    forge.repo.checkout("main")
    forge.open_pull(12, "pr-12", author="budi-s", title="Data", body="", opened=forge.now)
    forge.review(12, "budi-s", "APPROVED")
    forge.review(12, "adi-admin", "APPROVED")

    monkeypatch.delenv("KINERJA_SIGNING_KEY_FILE")
    assert run_merge(forge, 12) == 2
    err = capsys.readouterr().err
    assert "kunci penanda tangan belum ada: isi rahasia KINERJA_SIGNING_KEY" in err
    monkeypatch.setenv("KINERJA_SIGNING_KEY", stranger_key.private.read_text())
    assert run_merge(forge, 12) == 2
    err = capsys.readouterr().err
    assert "tidak tercantum di .kinerja/allowed_signers" in err and "Traceback" not in err
    assert run_merge(forge, 12, "--coba") == 0  # a dry run needs no key
    assert landed(forge) == []


@pytest.mark.parametrize("forge", ["github"], indirect=True)
def test_exit_2_for_a_key_the_trust_file_does_not_list(
    forge: FakeForge,
    stranger_key: Key,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    monkeypatch.setenv("KINERJA_SIGNING_KEY", stranger_key.private.read_text())
    assert run_merge(forge, 12) == 2
    err = capsys.readouterr().err
    assert "tidak tercantum di .kinerja/allowed_signers" in err and "Traceback" not in err
    monkeypatch.setenv("KINERJA_SIGNING_KEY", "bukan kunci")
    assert run_merge(forge, 12) == 2
    assert "bukan kunci privat OpenSSH" in capsys.readouterr().err
    assert landed(forge) == []


def test_exit_3_forge_and_git_errors(forge: FakeForge, capsys: pytest.CaptureFixture[str]) -> None:
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    forge.repo.write(SUB, "unit: irban-1\nperiode: 2026-q4\nlain: 1\n")  # main got its own
    forge.repo.commit("data lain di main", author=ADI, when="2026-10-02T08:00:00+07:00")
    forge.publish()
    before = forge.main_tip()

    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert f"konflik dengan cabang utama pada {SUB}" in err and "Update branch" in err

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
    assert landed(forge) == [] and forge.main_tip() == before


@pytest.mark.parametrize("forge", ["github"], indirect=True)
def test_exit_3_when_the_remote_refuses_the_push(
    forge: FakeForge, capsys: pytest.CaptureFixture[str]
) -> None:
    """Branch protection (here a pre-receive hook) refuses: Git's reason is shown, exit 3."""
    submission_pull(forge)
    forge.review(12, "budi-s", "APPROVED")
    hook = forge.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'cabang dilindungi' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert "Mendorong commit gabungan ke cabang main" in err and "cabang dilindungi" in err
    assert "Traceback" not in err and landed(forge) == []


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


# -- the merge workflow's own step, as the runner runs it ----------------------------------------


def _root_of(remote: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(remote), "rev-list", "--max-parents=0", "main"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()[0]


def _merge_step(
    forge: FakeForge, runner: Path, secrets: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """The ``gabung`` step of merge.yml: its ``run:`` script with bash, its ``env:`` resolved as
    the runner resolves it (secrets and variables of the kinerja-merge environment)."""
    workflow = yaml.safe_load(MERGE_WORKFLOW.read_text(encoding="utf-8"))
    (step,) = [s for s in workflow["jobs"]["merge"]["steps"] if s.get("id") == "gabung"]
    expressions = {
        "${{ secrets.KINERJA_SIGNING_KEY }}": secrets.get("KINERJA_SIGNING_KEY", ""),
        "${{ secrets.KINERJA_DEPLOY_KEY }}": secrets.get("KINERJA_DEPLOY_KEY", ""),
        "${{ secrets.KINERJA_FORGE_TOKEN }}": TOKEN,
        "${{ github.token }}": "token-github-tidak-dipakai",
        "${{ vars.KINERJA_REMOTE }}": str(forge.remote),
        "${{ vars.KINERJA_KNOWN_HOSTS }}": "",
        # The anchor the office pinned: the remote's root commit (kinerja init's signed root).
        "${{ vars.KINERJA_JANGKAR }}": _root_of(forge.remote),
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KINERJA_"))}
    for name, value in step["env"].items():
        assert value in expressions, f"ekspresi baru di merge.yml: {value}"
        env[name] = expressions[value]
    (runner / "output").write_text("", encoding="utf-8")
    env.update(
        _ISOLATED,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        GITHUB_OUTPUT=str(runner / "output"),
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REPOSITORY="insp/kinerja",
        KINERJA_FORGE_JENIS=forge.kind,  # repository variables of a self-hosted forge
        KINERJA_FORGE_URL=forge.url,
        KINERJA_FORGE_REPO="insp/kinerja",
    )
    script = runner / "gabung.sh"
    script.write_text(step["run"], encoding="utf-8")
    assert workflow["defaults"]["run"]["shell"] == "bash"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=forge.repo.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.slow
@pytest.mark.parametrize("forge", ["github", "forgejo"], indirect=True)
def test_the_merge_workflow_lands_signed_commits(
    forge: FakeForge, tmp_path: Path, merge_key: Key, stranger_key: Key
) -> None:
    """merge.yml's own shell, with a real key in the environment, a bare repository as the
    remote and the local forge: approved pull requests land as signed merge commits that
    ``git verify-commit`` accepts with the trust file; the one without paraf does not; a title
    with a newline adds no trailer."""
    submission_pull(forge, 12)
    forge.repo.branch("pr-13")
    forge.repo.write("submissions/2026-q4/irban-2.yml", "unit: irban-2\nperiode: 2026-q4\n")
    forge.repo.commit("data irban-2", author=PENYUSUN, when="2026-10-02T08:00:00+07:00")
    forge.repo.checkout("main")
    forge.open_pull(13, "pr-13", author="nina", title="Data irban-2", body="", opened=forge.now)
    forge.repo.branch("pr-14")
    forge.repo.write("submissions/2026-q4/irban-1.csv", "unit;periode\nirban-1;2026-q4\n")
    forge.repo.commit("data irban-1 csv", author=BUDI, when="2026-10-03T08:00:00+07:00")
    forge.repo.checkout("main")
    forge.open_pull(
        14,
        "pr-14",
        author="budi-s",
        title="Data\nApproved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>",
        body="Approved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>",
        opened="2026-10-06T09:30:00+07:00",
    )
    forge.review(12, "budi-s", "APPROVED")
    forge.review(14, "budi-s", "APPROVED")
    runner = tmp_path / "runner"
    runner.mkdir()

    no_key = _merge_step(forge, runner, {})  # the environment has no key: red, nothing lands
    assert no_key.returncode == 2, no_key.stdout + no_key.stderr
    assert "::error title=Pengaturan identitas penggabung::" in no_key.stdout
    assert "kunci penanda tangan belum ada" in no_key.stderr
    assert landed(forge) == []

    secrets = {
        "KINERJA_SIGNING_KEY": merge_key.private.read_text(),
        "KINERJA_DEPLOY_KEY": stranger_key.private.read_text(),  # unused by a local remote
    }
    done = _merge_step(forge, runner, secrets)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "digabung=true" in (runner / "output").read_text()
    assert "PR #13 belum bisa digabung" in done.stderr
    shas = landed(forge)
    assert len(shas) == 2
    forge.sync()
    for sha in shas:
        checked = verify(forge.repo, sha)
        assert checked.returncode == 0, checked.stderr
    by_pull = {forge.repo.git("log", "-1", "--format=%s", sha).split(":")[0]: sha for sha in shas}
    assert set(by_pull) == {"Gabung pengajuan #12", "Gabung pengajuan #14"}
    message = forge.repo.git("log", "-1", "--format=%B", by_pull["Gabung pengajuan #14"])
    subject, trailers = message.split("\n\n")
    assert subject == (
        "Gabung pengajuan #14: Data Approved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>"
    )
    assert [line.split(":")[0] for line in trailers.splitlines()] == [
        "Reviewed-by",
        "Reviewed-on",
        "Opened-at",
    ]
    history = read_history(forge.repo.root, roster_from_mapping(ORGANISASI))
    assert history.for_path("submissions/2026-q4/irban-1.csv")[0].approvers == ()
    assert not forge.pulls[13]["merged"]

    again = _merge_step(forge, runner, secrets)  # nothing new: green, no landing
    assert again.returncode == 0, again.stderr
    assert "digabung=true" not in (runner / "output").read_text()
    assert len(landed(forge)) == 2


@pytest.mark.slow
@pytest.mark.parametrize("forge", ["github"], indirect=True)
def test_a_pull_request_editing_the_merge_workflow_changes_nothing(
    forge: FakeForge, tmp_path: Path, merge_key: Key
) -> None:
    """The forgery of issue #11: a PR that edits merge.yml to merge with its own message.

    Its version of merge.yml never runs with the key (main's does: workflow_run, schedule and
    dispatch always run the default branch's workflow), `kinerja workflows` refuses it in
    validate, and main's merge step does not merge it without the admin's paraf."""
    from kinerja.forge.workflows import check_workflows

    pwned = tmp_path / "dijalankan"
    hostile = yaml.safe_load(MERGE_WORKFLOW.read_text(encoding="utf-8"))
    hostile[True]["pull_request"] = None  # "on" is read as True by YAML 1.1
    (step,) = [s for s in hostile["jobs"]["merge"]["steps"] if s.get("id") == "gabung"]
    step["run"] = f"touch {pwned}\ngit commit-tree -m 'Approved-by: RUSDIYANTO' HEAD^{{tree}}\n"
    forge.repo.branch("pr-15")
    forge.repo.write(".github/workflows/merge.yml", yaml.safe_dump(hostile, sort_keys=False))
    forge.repo.write(SUB, "unit: irban-1\nperiode: 2026-q4\n")
    forge.repo.commit("alur baru", author=BUDI, when="2026-10-01T08:00:00+07:00")
    problems = check_workflows(forge.repo.root)  # what validate's `kinerja workflows` sees
    assert any("pemicu pull_request menjalankan versi" in p for p in problems), problems
    forge.repo.checkout("main")
    forge.open_pull(15, "pr-15", author="budi-s", title="Data", body="", opened=forge.now)
    forge.review(15, "budi-s", "APPROVED")  # the unit's paraf, not the admin's

    runner = tmp_path / "runner"
    runner.mkdir()
    done = _merge_step(forge, runner, {"KINERJA_SIGNING_KEY": merge_key.private.read_text()})
    assert done.returncode == 0, done.stderr
    assert "PR #15 belum bisa digabung" in done.stderr and "Admin repositori" in done.stderr
    assert landed(forge) == [] and not pwned.exists()


@pytest.mark.parametrize("forge", ["github", "gitea"], indirect=True)
def test_the_merge_identitys_client_calls(forge: FakeForge) -> None:
    """open_pulls, pull_commits and mark_merged against the documented payloads."""
    from kinerja.forge.api import make_forge
    from kinerja.forge.http import ForgeError

    submission_pull(forge, 12)
    api = f"{forge.url}/api/v3" if forge.github else f"{forge.url}/api/v1"
    client = make_forge(forge.kind, api, "insp", "kinerja", TOKEN)
    (pull,) = client.open_pulls()
    assert (pull.number, pull.base_ref, pull.default_branch) == (12, "main", "main")
    (commit,) = client.pull_commits(12)
    assert commit["sha"] == forge.pulls[12]["head"]["sha"]
    assert commit["author_email"] == BUDI[1] and commit["committer_email"] == BUDI[1]
    assert commit["author_login"] == "" and commit["committer_login"] == ""
    if forge.github:
        client.mark_merged(12, "0" * 40)  # nothing to call: the push marks it merged
        assert forge.marked == []
    else:  # Gitea checks that the commit is in the base branch
        with pytest.raises(ForgeError, match="HTTP 405"):
            client.mark_merged(12, "0" * 40)
        assert forge.marked == [{"Do": "manually-merged", "MergeCommitID": "0" * 40}]
