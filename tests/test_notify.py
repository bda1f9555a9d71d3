"""Opening a period and notifying units, against a local server that answers like the forges.

The server (only on 127.0.0.1, in a thread) keeps issues, comments, labels, branches, files and
pull requests in memory and answers with the documented GitHub or Forgejo/Gitea payloads,
including their differences: labels by name or by id, pull requests listed among issues on
GitHub, ``per_page`` or ``limit`` paging, assignees refused when they are not collaborators.
The tracker is a real Git repository in a temporary folder, so statuses come from real history.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from forge_contract import Contract, checked
from kinerja.cli import main
from kinerja.forge.notify import (
    LABEL,
    Links,
    RequestError,
    build_request,
    carried_recipients,
    default_recipients,
    notice_for,
    previous_request,
    resolve_requester,
    usable_handles,
)
from kinerja.model import Config
from kinerja.model.organisation import Forge
from kinerja.model.repository import load_tracker
from kinerja.site.pages import submit
from kinerja.snapshot import take_snapshot
from markdown_render import shown
from test_history_support import GitRepo

REPO_ROOT = Path(__file__).resolve().parents[1]
TOKEN = "rahasia-uji-issue"
WIB = "+07:00"
REQUEST_Q4 = """\
periode: 2026-q4
nomor: 700/512/Perenc/Insp-PS/X/2026
tanggal: "2026-10-01"
tenggat: "2026-10-08"
diminta_oleh: fauzan-hidayat
penerima:
  - unit: irban-1
    indikator: [jumlah-lhp, persentase-tindak-lanjut]
    dokumen: [LHP]
  - unit: irban-2
    indikator: [jumlah-lhp]
    catatan: Sertakan LHP khusus.
"""
SUBMISSION_IRBAN1 = """\
unit: irban-1
periode: 2026-q4
disampaikan_oleh: mira-andriani
dokumen:
  - jenis: LHP
    nomor: 700/045/LHP/Irban-I/2026
    tanggal: "2026-10-02"
    judul: Audit Kinerja Dinas Pendidikan
    objek: Dinas Pendidikan
    klasifikasi: terbatas
realisasi:
  - indikator: jumlah-lhp
    nilai: 3
  - indikator: persentase-tindak-lanjut
    nilai: 85.5
"""


# -- the tracker repository ----------------------------------------------------------------------


def organisation_data() -> dict[str, Any]:
    """The shipped organisation with real-looking accounts: example handles (``contoh-``) and
    invented people are never assigned, so the tests turn them into ordinary ones."""
    data: dict[str, Any] = yaml.safe_load(
        (REPO_ROOT / "submissions" / "organisasi.yml").read_text(encoding="utf-8")
    )
    for person in data["pegawai"]:
        person["akun"] = [a.removeprefix("contoh-") for a in person.get("akun", [])]
        person["contoh"] = False
    data["instansi"]["forge"] = {
        "jenis": "github",
        "url": "https://github.com",
        "repo": "insp/kinerja",
        "cabang": "main",
    }
    return data


def make_repo(root: Path, *, sop: bool = False) -> GitRepo:
    repo = GitRepo(root)
    repo.write_yaml("submissions/organisasi.yml", organisation_data())
    repo.write(
        "submissions/indikator.yml",
        (REPO_ROOT / "submissions" / "indikator.yml").read_text(encoding="utf-8"),
    )
    if sop:
        for path in sorted((REPO_ROOT / "docs" / "sop").glob("*.yml")):
            repo.write(f"docs/sop/{path.name}", path.read_text(encoding="utf-8"))
    repo.commit("konfigurasi", when=f"2026-09-01T09:00:00{WIB}")
    return repo


# -- the forge ---------------------------------------------------------------------------------


@dataclass
class IssueForge:
    """The issue side of one forge repository, ``insp/kinerja``."""

    kind: str
    url: str = ""
    collaborators: set[str] = field(default_factory=set)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    labels: list[dict[str, Any]] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=lambda: {"main": "a" * 40})
    files: dict[tuple[str, str], bytes] = field(default_factory=dict)
    pulls: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)
    clock: str = "2026-10-06T08:00:00Z"
    drop_labels: bool = False  # GitHub, a token without push: labels silently dropped
    contract: Contract = field(init=False)

    def __post_init__(self) -> None:
        self.contract = Contract(self.kind)

    @property
    def github(self) -> bool:
        return self.kind == "github"

    @property
    def next_number(self) -> int:
        return max([*self.issues, *(int(p["number"]) for p in self.pulls), 0]) + 1

    def writes(self) -> list[tuple[str, str]]:
        return [c for c in self.calls if c[0] != "GET"]

    def open_issues(self) -> list[dict[str, Any]]:
        return [i for i in self.issues.values() if i["state"] == "open"]

    def add_pull_listed_as_issue(self) -> None:
        """GitHub lists pull requests among issues; one carries the label, to be skipped."""
        number = self.next_number
        self.issues[number] = {
            "number": number,
            "title": "PR",
            "body": "<!-- kinerja:permintaan periode=2026-q4 unit=irban-1 -->",
            "state": "open",
            "labels": [{"id": 1, "name": LABEL}],
            "assignees": [],
            "pull_request": {"url": "x"},
            "html_url": f"https://forge.invalid/insp/kinerja/pull/{number}",
            "user": self.contract.user(),
        }

    def file_payload(self, path: str, content: bytes) -> dict[str, Any]:
        sha = hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()  # noqa: S324
        return {
            "type": "file",
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "sha": sha,
            "size": len(content),
            "encoding": "base64",
            "content": base64.b64encode(content).decode(),
        }

    def copy_branch(self, base: str, new: str) -> None:
        for (branch, path), content in list(self.files.items()):
            if branch == base:
                self.files[(new, path)] = content


Routed = tuple[str, dict[str, list[str]]]


def _handler(forge: IssueForge) -> type[BaseHTTPRequestHandler]:
    prefix = ("/api/v3" if forge.github else "/api/v1") + "/repos/insp/kinerja"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
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

        def _body(self) -> Any:
            length = int(self.headers.get("Content-Length") or 0)
            return json.loads(self.rfile.read(length)) if length else None

        def _route(self) -> Routed | None:
            parts = urlsplit(self.path)
            forge.calls.append((self.command, parts.path))
            expected = f"Bearer {TOKEN}" if forge.github else f"token {TOKEN}"
            if self.headers.get("Authorization") != expected:
                self._send(401, {"message": "Bad credentials"})
                return None
            if not parts.path.startswith(prefix):
                self._send(404, {"message": "Not Found"})
                return None
            return urllib.parse.unquote(parts.path[len(prefix) :]), parse_qs(parts.query)

        def _page(self, items: list[Any], query: dict[str, list[str]]) -> None:
            url = forge.url + urlsplit(self.path).path
            self._send(200, *forge.contract.page(items, query, url))

        def do_GET(self) -> None:
            routed = self._route()
            if routed is None:
                return
            path, query = routed
            if path == "/issues":
                state = query.get("state", ["open"])[0]
                wanted = set(query.get("labels", [""])[0].split(",")) - {""}
                creator = query.get("creator" if forge.github else "created_by", [""])[0]
                items = [
                    i
                    for _, i in sorted(forge.issues.items())
                    if (state == "all" or i["state"] == state)
                    and wanted <= {label["name"] for label in i["labels"]}
                    and (not creator or i["user"]["login"] == creator)
                    and not (
                        not forge.github
                        and query.get("type") == ["issues"]
                        and i.get("pull_request")
                    )
                ]
                self._page(items, query)
            elif match := re.fullmatch(r"/issues/(\d+)/comments", path):
                comments = forge.comments.get(int(match.group(1)), [])
                if forge.github:
                    self._page(comments, query)
                else:  # issueGetComments: no paging, every comment at once
                    self._send(200, comments)
            elif path == "/labels" and not forge.github:
                self._page(forge.labels, query)
            elif match := re.fullmatch(r"/labels/(.+)", path):
                found = [lb for lb in forge.labels if lb["name"] == match.group(1)]
                self._send(200, found[0]) if found else self._send(404, {"message": "Not Found"})
            elif match := re.fullmatch(r"/git/ref/heads/(.+)", path):
                sha = forge.refs.get(match.group(1))
                if sha is None:
                    self._send(404, {"message": "Not Found"})
                else:
                    self._send(200, {"ref": f"refs/heads/{match.group(1)}", "object": {"sha": sha}})
            elif match := re.fullmatch(r"/contents/(.+)", path):
                ref = query.get("ref", ["main"])[0]
                content = forge.files.get((ref, match.group(1)))
                if content is None:
                    self._send(404, {"message": "Not Found"})
                else:
                    self._send(200, forge.file_payload(match.group(1), content))
            else:
                self._send(404, {"message": "Not Found"})

        def do_POST(self) -> None:
            routed = self._route()
            if routed is None:
                return
            path, _ = routed
            body = self._body()
            if path == "/labels":
                label = {"id": len(forge.labels) + 1, "name": body["name"], "color": body["color"]}
                if forge.github == body["color"].startswith("#"):
                    self._send(422, {"message": "color is invalid"})
                    return
                forge.labels.append(label)
                self._send(201, label)
            elif path == "/issues":
                self._create_issue(body)
            elif match := re.fullmatch(r"/issues/(\d+)/comments", path):
                number = int(match.group(1))
                item = {
                    "id": 100 + len(forge.comments.get(number, [])),
                    "body": body["body"],
                    "created_at": forge.clock,
                    "user": forge.contract.user(),
                }
                forge.comments.setdefault(number, []).append(item)
                self._send(201, item)
            elif path == "/git/refs" and forge.github:
                branch = body["ref"].removeprefix("refs/heads/")
                if branch in forge.refs:
                    self._send(422, {"message": "Reference already exists"})
                    return
                forge.refs[branch] = body["sha"]
                base = next((b for b, sha in forge.refs.items() if sha == body["sha"]), None)
                if base is not None:
                    forge.copy_branch(base, branch)
                self._send(201, {"ref": body["ref"], "object": {"sha": body["sha"]}})
            elif path.startswith("/contents/") and not forge.github:
                self._write_file(path.removeprefix("/contents/"), body, update=False)
            elif path == "/pulls":
                if body["head"] not in forge.refs or body["base"] not in forge.refs:
                    self._send(422, {"message": "head or base missing"})
                    return
                number = forge.next_number
                pull = {
                    **body,
                    "number": number,
                    "html_url": f"https://forge.invalid/insp/kinerja/pulls/{number}",
                }
                forge.pulls.append(pull)
                answer = {
                    **pull,
                    "head": {"ref": body["head"], "label": body["head"], "sha": "b" * 40},
                    "base": {"ref": body["base"], "label": body["base"], "sha": "a" * 40},
                    "state": "open",
                    "user": forge.contract.user(),
                }
                self._send(201, answer)
            else:
                self._send(404, {"message": "Not Found"})

        def _create_issue(self, body: dict[str, Any]) -> None:
            assignees = body.get("assignees") or []
            if any(a not in forge.collaborators for a in assignees):
                self._send(422, {"message": "Validation Failed"})
                return
            labels = []
            for wanted in body.get("labels") or []:
                key = "name" if forge.github else "id"
                found = [lb for lb in forge.labels if lb[key] == wanted]
                if not found:
                    self._send(422, {"message": f"label {wanted!r} does not exist"})
                    return
                labels.append(found[0])
            number = forge.next_number
            if forge.drop_labels:
                labels, assignees = [], []
            issue = {
                "number": number,
                "title": body["title"],
                "body": body["body"],
                "state": "open",
                "labels": labels,
                "assignees": [{"login": a} for a in assignees],
                "html_url": f"https://forge.invalid/insp/kinerja/issues/{number}",
                "user": forge.contract.user(),
            }
            forge.issues[number] = issue
            self._send(201, issue)

        def do_PATCH(self) -> None:
            routed = self._route()
            if routed is None:
                return
            path, _ = routed
            match = re.fullmatch(r"/issues/(\d+)", path)
            if match is None or int(match.group(1)) not in forge.issues:
                self._send(404, {"message": "Not Found"})
                return
            forge.issues[int(match.group(1))].update(self._body())
            # issues/update answers 200 on GitHub, issueEditIssue 201 on Gitea/Forgejo
            self._send(200 if forge.github else 201, forge.issues[int(match.group(1))])

        def do_PUT(self) -> None:
            routed = self._route()
            if routed is None:
                return
            path, _ = routed
            body = self._body()
            if not path.startswith("/contents/"):
                self._send(405, {"message": "Method Not Allowed"})
                return
            self._write_file(path.removeprefix("/contents/"), body, update=True)

        def _write_file(self, path: str, body: dict[str, Any], *, update: bool) -> None:
            """GitHub PUT creates, or updates with the blob sha; Gitea/Forgejo POST creates
            (422 if the file exists), PUT updates with the sha (on a new branch if asked)."""
            branch = body.get("branch") or "main"
            if branch not in forge.refs:
                self._send(404, {"message": "Branch not found"})
                return
            target = branch
            if not forge.github and body.get("new_branch"):
                target = body["new_branch"]
                if target in forge.refs:
                    self._send(422, {"message": "branch already exists"})
                    return
            existing = forge.files.get((branch, path))
            if existing is not None:
                current = forge.file_payload(path, existing)["sha"]
                if (not forge.github and not update) or body.get("sha") != current:
                    self._send(
                        422 if not forge.github or body.get("sha") else 409,
                        {
                            "message": "sha does not match"
                            if body.get("sha")
                            else "file exists; sha wasn't supplied"
                        },
                    )
                    return
            elif update and not forge.github:
                self._send(404, {"message": "file does not exist"})
                return
            if target != branch:
                forge.refs[target] = "b" * 40
                forge.copy_branch(branch, target)
            content = base64.b64decode(body["content"])
            forge.files[(target, path)] = content
            answer = {
                "content": forge.file_payload(path, content),
                "commit": {"sha": "c" * 40, "message": body.get("message", "")},
            }
            created = existing is None
            self._send(201 if created or (forge.github is False and not update) else 200, answer)

    return Handler


@pytest.fixture(params=["github", "forgejo", "gitea"])
def issue_forge(request: pytest.FixtureRequest) -> Iterator[IssueForge]:
    state = IssueForge(kind=request.param)
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


def contract_handler(forge: IssueForge) -> type[BaseHTTPRequestHandler]:
    """The issue forge behind its published description (see forge_contract)."""
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
        "GITHUB_STEP_SUMMARY",
        "KINERJA_FORGE_API",
        "KINERJA_FORGE_URL",
        "KINERJA_FORGE_REPO",
        "KINERJA_FORGE_JENIS",
        "KINERJA_SITUS_URL",
        "KINERJA_FORGE_BOT",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KINERJA_FORGE_TOKEN", TOKEN)


def forge_args(forge: IssueForge, root: Path) -> list[str]:
    where = ["--url", forge.url, "--repo", "insp/kinerja", "--root", str(root)]
    return ["--jenis", forge.kind, *where]


def notify(forge: IssueForge, root: Path, *extra: str) -> int:
    return main(["period", "notify", *extra, *forge_args(forge, root)])


def remind(forge: IssueForge, root: Path, now: str, *extra: str) -> int:
    return main(["remind", "--now", now, *extra, *forge_args(forge, root)])


@pytest.fixture
def opened(tmp_path: Path) -> GitRepo:
    """A tracker whose 2026-q4 request (irban-1, irban-2; tenggat 8 Oktober) is merged."""
    repo = make_repo(tmp_path / "repo")
    repo.write("submissions/2026-q4/permintaan.yml", REQUEST_Q4)
    repo.commit("Permintaan data 2026-q4", when=f"2026-10-01T09:00:00{WIB}")
    return repo


IRBAN1 = {"syafrizal", "mira-andriani", "ilham-fadli"}


# -- notify ------------------------------------------------------------------------------------


def test_notify_opens_one_issue_per_unit_once(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    issue_forge.collaborators = IRBAN1 | {"nofrizal", "lisa-oktaviani", "andi-firmansyah"}
    assert notify(issue_forge, opened.root, "--situs", "https://situs.invalid/kinerja/") == 0
    out = capsys.readouterr().out
    assert "2026-q4 irban-1: issue #1 dibuka" in out

    issues = sorted(issue_forge.issues.values(), key=lambda i: i["number"])
    assert [i["title"] for i in issues] == [
        "Permintaan data kinerja Triwulan IV 2026: Irban I",
        "Permintaan data kinerja Triwulan IV 2026: Irban II",
    ]
    first, second = issues
    assert {a["login"] for a in first["assignees"]} == IRBAN1
    assert [lb["name"] for lb in first["labels"]] == [LABEL]
    body = first["body"]
    assert body.startswith("<!-- kinerja:permintaan periode=2026-q4 unit=irban-1 -->\n")
    assert "**Tenggat: 8 Oktober 2026 16.00 WIB.**" in body
    assert "(surat nomor 700/512/Perenc/Insp-PS/X/2026)" in shown(body)
    assert "Dokumen yang diminta: LHP." in body
    assert "(`persentase-tindak-lanjut`)" in body
    editor = re.search(r"\[Kirim data\]\((\S+)\)", body)
    assert editor is not None
    url = editor.group(1)
    if issue_forge.github:
        assert url.startswith("https://github.com/insp/kinerja/new/main?filename=")
    assert (
        "[Unduh templat Excel](https://situs.invalid/kinerja/unduh/templat/2026-q4/irban-1.xlsx)"
        in body
    )
    assert (
        "[Unggah berkas](https://github.com/insp/kinerja/upload/main/submissions/2026-q4)" in body
    )
    assert re.search(r"Pada \*Disampaikan oleh\* tulis id pegawai Anda: `[a-z-]+`", body)
    assert "Catatan: Sertakan LHP khusus." in shown(second["body"])
    assert "@syafrizal" in body and "@\u200b" not in body

    calls = len(issue_forge.writes())
    assert notify(issue_forge, opened.root) == 0
    assert "sudah ada issue #1 (open)" in capsys.readouterr().out
    assert len(issue_forge.issues) == 2 and len(issue_forge.writes()) == calls


def test_without_an_editor_link_the_issue_points_to_the_templates(opened: GitRepo) -> None:
    snapshot = take_snapshot(opened.root, now=datetime.fromisoformat(f"2026-10-02T09:00{WIB}"))
    config, state = snapshot.tracker.config, snapshot.states["2026-q4"]
    assert config is not None
    request = snapshot.tracker.periods["2026-q4"].request
    downloads = {
        f: f"https://situs.invalid/unduh/templat/2026-q4/irban-1.{f}" for f in ["yml", "csv"]
    }
    body = notice_for(config, state, "irban-1", request, Links(None, downloads)).body
    assert "1. Unduh templat unit Anda ([CSV](https://situs.invalid/unduh/templat/" in body
    assert "Kirim data" not in body
    body = notice_for(config, state, "irban-1", request, Links(None, {})).body
    assert "`kinerja template irban-1 2026-q4`" in body


def test_pull_requests_listed_as_issues_are_not_mistaken(
    opened: GitRepo, issue_forge: IssueForge
) -> None:
    issue_forge.add_pull_listed_as_issue()
    assert notify(issue_forge, opened.root) == 0
    titles = [i["title"] for i in issue_forge.issues.values() if not i.get("pull_request")]
    assert len(titles) == 2  # irban-1 got its own issue despite the pull request's marker


def test_assignees_refused_the_issue_opens_without_them(
    opened: GitRepo, issue_forge: IssueForge
) -> None:
    issue_forge.collaborators = set()  # nobody may be assigned
    assert notify(issue_forge, opened.root, "2026-q4") == 0
    assert len(issue_forge.issues) == 2
    assert all(i["assignees"] == [] for i in issue_forge.issues.values())
    assert "@mira-andriani" in issue_forge.issues[1]["body"]  # still mentioned


def test_example_accounts_are_never_assigned(tmp_path: Path) -> None:
    config = load_tracker(make_repo(tmp_path / "r").root).config
    assert config is not None
    shipped = yaml.safe_load((REPO_ROOT / "submissions" / "organisasi.yml").read_text("utf-8"))
    real = Config.from_data(shipped, {"indikator": []}).organisation
    assert usable_handles(real.members("irban-1")) == []
    assert usable_handles(config.organisation.members("irban-1")) == [
        "syafrizal",
        "mira-andriani",
        "ilham-fadli",
    ]


def test_dry_run_asks_nothing(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notify(issue_forge, opened.root, "--coba") == 0
    out = capsys.readouterr().out
    assert "akan dibuka issue 'Permintaan data kinerja Triwulan IV 2026: Irban II'" in out
    assert "<!-- kinerja:permintaan periode=2026-q4 unit=irban-2 -->" in out
    assert issue_forge.calls == []


def test_notify_unknown_period_is_a_usage_error(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notify(issue_forge, opened.root, "2026-q3") == 2
    assert "permintaan untuk periode '2026-q3' tidak ada" in capsys.readouterr().err
    assert notify(issue_forge, opened.root, "2026-13") == 2


# -- remind -------------------------------------------------------------------------------------


def comments_of(forge: IssueForge, number: int) -> list[str]:
    return [c["body"] for c in forge.comments.get(number, [])]


def test_reminders_once_a_day_then_close_on_merge(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notify(issue_forge, opened.root) == 0
    # Two weeks before the deadline: nothing to say.
    assert remind(issue_forge, opened.root, f"2026-09-24T08:00:00{WIB}") == 0
    assert issue_forge.comments == {}

    # Two days before: one reminder per issue, and only one however often it runs that day.
    assert remind(issue_forge, opened.root, f"2026-10-06T08:00:00{WIB}") == 0
    assert remind(issue_forge, opened.root, f"2026-10-06T15:00:00{WIB}") == 0
    first = comments_of(issue_forge, 1)
    assert len(first) == 1
    assert first[0].startswith(
        "<!-- kinerja:pengingat 2026-10-06 -->\nPengingat: tenggat 8 Oktober"
    )
    assert "@mira-andriani" in first[0] or not issue_forge.issues[1]["assignees"]

    # irban-1 hands in (a merge into main); irban-2 does not.
    opened.write("submissions/2026-q4/irban-1.yml", SUBMISSION_IRBAN1)
    opened.commit("Data kinerja irban-1 2026-q4 (#7)", when=f"2026-10-07T10:00:00{WIB}")
    capsys.readouterr()
    assert remind(issue_forge, opened.root, f"2026-10-09T08:00:00{WIB}") == 0
    out = capsys.readouterr().out
    assert "2026-q4 irban-1: ditutup (#1)" in out
    assert "2026-q4 irban-2: pengingat terlambat (#2)" in out
    assert issue_forge.issues[1]["state"] == "closed"
    assert comments_of(issue_forge, 1)[-1] == (
        "Data diterima 7 Oktober 2026 10.00 WIB (tepat waktu). Terima kasih."
    )
    late = comments_of(issue_forge, 2)[-1]
    assert late.startswith("<!-- kinerja:pengingat 2026-10-09 -->\nTenggat 8 Oktober 2026 16.00")
    assert "sudah lewat" in late

    # A closed issue is left alone; a manually closed one too.
    issue_forge.issues[2]["state"] = "closed"
    before = len(issue_forge.writes())
    assert remind(issue_forge, opened.root, f"2026-10-12T08:00:00{WIB}") == 0
    assert len(issue_forge.writes()) == before


def test_only_close_and_dry_run(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notify(issue_forge, opened.root) == 0
    assert remind(issue_forge, opened.root, f"2026-10-09T08:00:00{WIB}", "--hanya-tutup") == 0
    assert issue_forge.comments == {}
    assert remind(issue_forge, opened.root, f"2026-10-09T08:00:00{WIB}", "--coba") == 0
    assert "pengingat terlambat (#1) [coba]" in capsys.readouterr().out
    assert issue_forge.comments == {}


def test_unit_dropped_from_the_request_is_closed(opened: GitRepo, issue_forge: IssueForge) -> None:
    assert notify(issue_forge, opened.root) == 0
    opened.write("submissions/2026-q4/permintaan.yml", REQUEST_Q4.partition("  - unit: irban-2")[0])
    opened.commit("irban-2 tidak diminta", when=f"2026-10-02T09:00:00{WIB}")
    assert remind(issue_forge, opened.root, f"2026-10-03T08:00:00{WIB}") == 0
    assert issue_forge.issues[2]["state"] == "closed"
    assert "tidak lagi termasuk penerima" in comments_of(issue_forge, 2)[0]
    assert issue_forge.issues[1]["state"] == "open"


# -- the request changes after the issues were opened ------------------------------------------


def _changed_request() -> str:
    """Q4 moved a week later; irban-1 asked one more indicator, no document; irban-2 dropped;
    irban-3 added."""
    text = REQUEST_Q4.replace('tenggat: "2026-10-08"', 'tenggat: "2026-10-15"')
    text = text.replace(
        "    indikator: [jumlah-lhp, persentase-tindak-lanjut]\n    dokumen: [LHP]\n",
        "    indikator: [jumlah-lhp, persentase-tindak-lanjut, jumlah-lhe]\n",
    )
    head, _, _ = text.partition("  - unit: irban-2")
    return head + "  - unit: irban-3\n    indikator: [jumlah-lhp]\n"


def test_a_changed_request_updates_opens_and_closes_issues(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    issue_forge.collaborators = IRBAN1
    assert notify(issue_forge, opened.root) == 0
    assert sorted(issue_forge.issues) == [1, 2]
    assert "<!-- kinerja:isi tenggat=2026-10-08T16:00:00+07:00 " in issue_forge.issues[1]["body"]
    capsys.readouterr()

    opened.write("submissions/2026-q4/permintaan.yml", _changed_request())
    opened.commit("Permintaan 2026-q4 diubah", when=f"2026-10-03T09:00:00{WIB}")
    assert notify(issue_forge, opened.root) == 0
    out = capsys.readouterr().out

    # irban-1: the body is rewritten and one comment says what changed.
    first = issue_forge.issues[1]
    assert first["state"] == "open"
    assert "**Tenggat: 15 Oktober 2026 16.00 WIB.**" in first["body"]
    assert "8 Oktober" not in first["body"] and "(`jumlah-lhe`)" in first["body"]
    assert "Dokumen yang diminta" not in first["body"]
    (change,) = comments_of(issue_forge, 1)
    assert change.startswith("<!-- kinerja:perubahan ")
    assert "**Permintaan data periode ini diubah** (permintaan.yml):" in change
    assert (
        "- Tenggat diubah dari 8 Oktober 2026 16.00 WIB menjadi **15 Oktober 2026 16.00 WIB**."
        in change
    )
    added = "- Indikator ditambahkan: Jumlah Laporan Hasil Evaluasi (LHE) yang diterbitkan"
    assert f"{added.removeprefix('- ')} (jumlah-lhe)." in shown(change)
    assert "(`jumlah-lhe`)." in change  # an id stays a code span
    assert "- Dokumen tidak lagi diminta: LHP." in change
    assert "@mira-andriani" in change  # the assignees are told
    assert "2026-q4 irban-1: issue #1 diperbarui (Tenggat diubah dari 8 Oktober" in out

    # irban-2 dropped: closed with a comment, as not planned on GitHub.
    second = issue_forge.issues[2]
    assert second["state"] == "closed"
    assert second.get("state_reason") == ("not_planned" if issue_forge.github else None)
    (closing,) = comments_of(issue_forge, 2)
    assert closing.startswith("<!-- kinerja:dicabut -->\nUnit ini tidak lagi termasuk penerima")
    assert "2026-q4 irban-2: issue #2 ditutup (tidak lagi diminta)" in out

    # irban-3 added: a new issue with the new deadline.
    (third,) = [i for i in issue_forge.issues.values() if "unit=irban-3" in i["body"]]
    assert "**Tenggat: 15 Oktober 2026 16.00 WIB.**" in third["body"]
    assert f"2026-q4 irban-3: issue #{third['number']} dibuka" in out

    # Running again changes nothing.
    writes = len(issue_forge.writes())
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.writes()) == writes
    out = capsys.readouterr().out
    assert "2026-q4 irban-1: sudah ada issue #1 (open)." in out

    # irban-2 asked again: its issue is reopened with the current request, once.
    opened.write(
        "submissions/2026-q4/permintaan.yml",
        _changed_request() + "  - unit: irban-2\n    indikator: [jumlah-lhp]\n",
    )
    opened.commit("irban-2 diminta lagi", when=f"2026-10-04T09:00:00{WIB}")
    assert notify(issue_forge, opened.root) == 0
    assert "2026-q4 irban-2: issue #2 dibuka kembali" in capsys.readouterr().out
    assert second["state"] == "open"
    assert "**Tenggat: 15 Oktober 2026 16.00 WIB.**" in second["body"]
    assert comments_of(issue_forge, 2)[-1].startswith(
        "<!-- kinerja:diminta-lagi -->\nUnit ini kembali termasuk penerima"
    )
    writes = len(issue_forge.writes())
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.writes()) == writes

    # A hand-closed issue of a unit still asked stays closed.
    issue_forge.issues[1]["state"] = "closed"
    assert notify(issue_forge, opened.root) == 0
    assert "2026-q4 irban-1: sudah ada issue #1 (closed)." in capsys.readouterr().out
    assert len(issue_forge.writes()) == writes


def test_a_change_is_announced_once_even_if_the_rewrite_failed(
    opened: GitRepo, issue_forge: IssueForge
) -> None:
    assert notify(issue_forge, opened.root, "2026-q4") == 0
    old_body = issue_forge.issues[1]["body"]
    opened.write(
        "submissions/2026-q4/permintaan.yml",
        REQUEST_Q4.replace('tenggat: "2026-10-08"', 'tenggat: "2026-10-09T12:00"'),
    )
    opened.commit("tenggat diubah", when=f"2026-10-02T09:00:00{WIB}")
    assert notify(issue_forge, opened.root, "2026-q4") == 0
    assert len(comments_of(issue_forge, 1)) == 1
    assert "menjadi **9 Oktober 2026 12.00 WIB**" in comments_of(issue_forge, 1)[0]
    # As if the comment was written but the rewrite of the body failed.
    issue_forge.issues[1]["body"] = old_body
    assert notify(issue_forge, opened.root, "2026-q4") == 0
    assert len(comments_of(issue_forge, 1)) == 1
    assert "9 Oktober 2026 12.00 WIB" in issue_forge.issues[1]["body"]

    # Back to the first deadline, then to the second again: each change is announced.
    opened.write("submissions/2026-q4/permintaan.yml", REQUEST_Q4)
    opened.commit("tenggat semula", when=f"2026-10-02T10:00:00{WIB}")
    assert notify(issue_forge, opened.root, "2026-q4") == 0
    opened.write(
        "submissions/2026-q4/permintaan.yml",
        REQUEST_Q4.replace('tenggat: "2026-10-08"', 'tenggat: "2026-10-09T12:00"'),
    )
    opened.commit("tenggat diubah lagi", when=f"2026-10-02T11:00:00{WIB}")
    assert notify(issue_forge, opened.root, "2026-q4") == 0
    assert len(comments_of(issue_forge, 1)) == 3


def test_a_note_change_and_an_issue_from_before_the_hidden_line(
    opened: GitRepo, issue_forge: IssueForge
) -> None:
    assert notify(issue_forge, opened.root) == 0
    # An issue written before the hidden second line existed, its request unchanged: left alone.
    for issue in issue_forge.issues.values():
        first, second, rest = issue["body"].split("\n", 2)
        assert second.startswith("<!-- kinerja:isi ")
        issue["body"] = f"{first}\n{rest}"
    writes = len(issue_forge.writes())
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.writes()) == writes

    # Only a note changes: older issues keep no digest of the notes, so they cannot tell.
    opened.write(
        "submissions/2026-q4/permintaan.yml",
        REQUEST_Q4.replace("Sertakan LHP khusus.", "Sertakan LHP khusus dan LHE."),
    )
    opened.commit("catatan", when=f"2026-10-02T09:00:00{WIB}")
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.writes()) == writes
    # A moved deadline they still see, in their visible text: rewritten with the hidden line.
    opened.write(
        "submissions/2026-q4/permintaan.yml",
        REQUEST_Q4.replace('tenggat: "2026-10-08"', 'tenggat: "2026-10-12"'),
    )
    opened.commit("tenggat", when=f"2026-10-02T10:00:00{WIB}")
    assert notify(issue_forge, opened.root) == 0
    assert "menjadi **12 Oktober 2026 16.00 WIB**" in comments_of(issue_forge, 1)[0]
    assert "<!-- kinerja:isi tenggat=2026-10-12T16:00:00+07:00" in issue_forge.issues[1]["body"]

    # Now with the hidden line, a change of the notes alone is announced.
    opened.write(
        "submissions/2026-q4/permintaan.yml",
        REQUEST_Q4.replace('tenggat: "2026-10-08"', 'tenggat: "2026-10-12"').replace(
            "Sertakan LHP khusus.", "Sertakan LHP khusus dan LHE."
        ),
    )
    opened.commit("catatan lagi", when=f"2026-10-02T11:00:00{WIB}")
    assert notify(issue_forge, opened.root) == 0
    assert comments_of(issue_forge, 2)[-1].count("\n- ") == 1
    assert "- Nomor surat atau catatan permintaan berubah." in comments_of(issue_forge, 2)[-1]
    assert "Catatan: Sertakan LHP khusus dan LHE." in shown(issue_forge.issues[2]["body"])


def test_a_period_analysed_closes_the_issues_still_open(
    opened: GitRepo, issue_forge: IssueForge
) -> None:
    assert notify(issue_forge, opened.root) == 0
    opened.write(
        "submissions/2026-q4/analisis.md",
        "---\nperiode: 2026-q4\ndisusun_oleh: fauzan-hidayat\n---\n\n## Ringkasan\n\nIsi.\n",
    )
    opened.commit("Analisis 2026-q4", when=f"2026-10-20T09:00:00{WIB}")
    assert remind(issue_forge, opened.root, f"2026-10-21T08:00:00{WIB}") == 0
    assert [i["state"] for i in issue_forge.issues.values()] == ["closed", "closed"]
    assert "Periode ini sudah dianalisis" in comments_of(issue_forge, 1)[0]


def test_remind_rejects_a_naive_time(opened: GitRepo, issue_forge: IssueForge) -> None:
    assert remind(issue_forge, opened.root, "2026-10-06T08:00:00") == 2


def test_wrong_token_is_reported(
    opened: GitRepo,
    issue_forge: IssueForge,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KINERJA_FORGE_TOKEN", "salah")
    assert notify(issue_forge, opened.root) == 3  # a forge error, as kinerja merge says it
    assert "HTTP 401" in capsys.readouterr().err


# -- the request of a period -----------------------------------------------------------------


@pytest.fixture
def config(tmp_path: Path) -> Config:
    loaded = load_tracker(make_repo(tmp_path / "cfg").root).config
    assert loaded is not None
    return loaded


def test_default_recipients_follow_the_indicators(config: Config) -> None:
    q3 = {r["unit"]: r for r in default_recipients(config, "2026-q3")}
    assert sorted(q3) == ["irban-1", "irban-2", "irban-3", "irban-4", "subbag-anev"]
    assert q3["irban-1"]["dokumen"] == ["LHP", "LHE"]
    assert q3["subbag-anev"]["indikator"] == ["jumlah-temuan-berulang"]
    q4 = {r["unit"]: r for r in default_recipients(config, "2026-q4")}
    assert "nilai-sakip" in q4["subbag-anev"]["indikator"]  # annual, at year end
    monthly = default_recipients(config, "2026-10")
    assert monthly == [{"unit": "subbag-auk", "indikator": ["realisasi-anggaran"]}]


def test_previous_request_is_carried(config: Config) -> None:
    previous = yaml.safe_load(REQUEST_Q4.replace("2026-q4", "2026-q3"))
    previous["penerima"].append({"unit": "unit-lama", "indikator": ["jumlah-lhp"]})
    requests = {"2026-q3": previous, "2026-10": {"penerima": []}, "2026-q1": {}}
    found = previous_request(requests, "2026-q4")
    assert found is not None and found[0] == "2026-q3"
    assert previous_request(requests, "2026-q1") is None
    carried = carried_recipients(config, "2027-q1", previous)
    assert carried == [
        {
            "unit": "irban-1",
            "indikator": ["jumlah-lhp", "persentase-tindak-lanjut"],
            "dokumen": ["LHP"],
        },
        {"unit": "irban-2", "indikator": ["jumlah-lhp"]},
    ]


def test_build_request_checks_its_input(config: Config) -> None:
    made = build_request(
        config,
        "2026-q4",
        deadline="2026-10-08T12:00",
        issued=date(2026, 10, 1),
        requester="fauzan-hidayat",
        number="700/1",
    )
    assert list(made) == ["periode", "nomor", "tanggal", "tenggat", "diminta_oleh", "penerima"]
    for deadline, message in (
        ("8-10-2026", "tenggat '8-10-2026' tidak sah"),
        ("2026-02-30", "bukan tanggal yang ada"),
        ("2026-09-30", "lebih awal dari tanggal permintaan"),
    ):
        with pytest.raises(RequestError, match=message):
            build_request(
                config, "2026-q4", deadline=deadline, issued=date(2026, 10, 1), requester="x"
            )
    with pytest.raises(RequestError, match="periode"):
        build_request(
            config, "2026-q5", deadline="2026-10-08", issued=date(2026, 10, 1), requester="x"
        )


def test_requester_by_id_handle_or_the_only_drafter(config: Config) -> None:
    assert resolve_requester(config, "yesi-novita").id == "yesi-novita"
    assert resolve_requester(config, "fauzan-hidayat").id == "fauzan-hidayat"
    assert resolve_requester(config, None).id == "fauzan-hidayat"  # the one penyusun
    assert resolve_requester(config, "akun-asing").id == "fauzan-hidayat"


def test_period_open_writes_a_valid_request(
    opened: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(opened.root)
    args = ["period", "open", "2027-q1", "--deadline", "2027-04-08", "--tanggal", "2027-04-01"]
    assert main([*args, "--oleh", "fauzan-hidayat", "--root", root]) == 0
    out = capsys.readouterr().out
    assert "2 unit penerima (disalin dari permintaan 2026-q4): irban-1, irban-2" in out
    written = yaml.safe_load((opened.root / "submissions/2027-q1/permintaan.yml").read_text())
    assert written["tenggat"] == "2027-04-08" and written["diminta_oleh"] == "fauzan-hidayat"
    assert main(["validate", "--root", root, "submissions/2027-q1/permintaan.yml"]) == 0

    assert main([*args, "--root", root]) == 1  # exists
    assert "sudah ada" in capsys.readouterr().err
    assert main([*args, "--timpa", "--oleh", "akun-asing", "--root", root]) == 0
    assert "'akun-asing' tidak ada di organisasi.yml; diminta_oleh diisi fauzan-hidayat" in (
        capsys.readouterr().err
    )
    assert main([*args, "--timpa", "--dari", "2025-q1", "--root", root]) == 2
    assert main([*args, "--timpa", "--tanggal", "kemarin", "--root", root]) == 2
    assert "tanggal 'kemarin' tidak sah" in capsys.readouterr().err


def test_propose_makes_a_branch_a_file_and_a_pull_request(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    root = opened.root
    assert (
        main(
            [
                "period",
                "open",
                "2027-q1",
                "--deadline",
                "2027-04-08",
                "--tanggal",
                "2027-04-01",
                "--root",
                str(root),
            ]
        )
        == 0
    )
    args = ["period", "propose", "2027-q1", "--pengusul", "fauzan-hidayat"]
    assert main([*args, *forge_args(issue_forge, root)]) == 0
    assert "Pull request #1 dibuka" in capsys.readouterr().out
    path = "submissions/2027-q1/permintaan.yml"
    assert issue_forge.files[("permintaan/2027-q1", path)] == (root / path).read_bytes()
    (pull,) = issue_forge.pulls
    assert pull["head"] == "permintaan/2027-q1" and pull["base"] == "main"
    assert pull["title"] == "Permintaan data kinerja Triwulan I 2027"
    assert "@fauzan-hidayat" in pull["body"] and "- [ ] tenggat" in pull["body"]
    if issue_forge.github:
        assert ("POST", "/api/v3/repos/insp/kinerja/git/refs") in issue_forge.calls

    assert main([*args, *forge_args(issue_forge, root)]) == 3  # the forge refuses: branch exists
    assert "HTTP 422" in capsys.readouterr().err
    assert main(["period", "propose", "2031-q1", *forge_args(issue_forge, root)]) == 2


# -- the "Kirim data" link ---------------------------------------------------------------------


def test_editor_urls_carry_the_template(opened: GitRepo) -> None:
    snapshot = take_snapshot(opened.root, now=datetime.fromisoformat(f"2026-10-02T09:00{WIB}"))
    config = snapshot.tracker.config
    assert config is not None
    request = snapshot.tracker.periods["2026-q4"].request
    link = submit.submit_link(config, "2026-q4", "irban-1", request)
    assert link.editor and link.label == "Kirim data"
    parts = urlsplit(link.url)
    assert (parts.netloc, parts.path) == ("github.com", "/insp/kinerja/new/main")
    query = parse_qs(parts.query)
    assert query["filename"] == ["submissions/2026-q4/irban-1.yml"]
    text = query["value"][0]
    assert text == submit.template_text(config, "2026-q4", "irban-1", request)
    data = yaml.safe_load(text)
    assert data["unit"] == "irban-1" and [r["indikator"] for r in data["realisasi"]] == [
        "jumlah-lhp",
        "persentase-tindak-lanjut",
    ]

    gitea = Forge("forgejo", "https://git.kantor.go.id", "insp/k")
    url = submit.editor_url(gitea, "submissions/2026-q4/irban-1.yml", "a: 1\n")
    assert url == (
        "https://git.kantor.go.id/insp/k/_new/main/submissions/2026-q4/"
        "?filename=irban-1.yml&value=a%3A%201%0A"
    )
    assert submit.edit_url(gitea, "submissions/2026-q4/irban-1.yml") == (
        "https://git.kantor.go.id/insp/k/_edit/main/submissions/2026-q4/irban-1.yml"
    )
    hostile = Forge("github", "javascript:alert(1)", "a/b")
    assert submit.editor_url(hostile, "x.yml", "") is None

    short = submit.submit_link(config, "2026-q4", "irban-1", request, max_length=200)
    assert not short.editor and short.url == "unduh/templat/2026-q4/irban-1.yml"
    assert short.label == "Unduh templat"


def test_templates_are_published_for_units_still_to_send(opened: GitRepo) -> None:
    opened.write("submissions/2026-q4/irban-1.yml", SUBMISSION_IRBAN1)
    opened.commit("irban-1", when=f"2026-10-03T10:00:00{WIB}")
    snapshot = take_snapshot(opened.root, now=datetime.fromisoformat(f"2026-10-04T09:00{WIB}"))
    files = submit.pages(snapshot)
    assert sorted(files) == [
        "unduh/templat/2026-q4/irban-2.csv",
        "unduh/templat/2026-q4/irban-2.xlsx",
        "unduh/templat/2026-q4/irban-2.yml",
    ]
    assert files["unduh/templat/2026-q4/irban-2.xlsx"][:2] == b"PK"
    assert b"bagian" in files["unduh/templat/2026-q4/irban-2.csv"]
    assert submit.link_html(snapshot, "status.md", "2026-q4", "irban-1") == ""
    anchor = submit.link_html(snapshot, "periode/2026-q4.md", "2026-q4", "irban-2")
    assert anchor.startswith('<a class="kj-kirim" href="https://github.com/insp/kinerja/new/main?')
    assert "&amp;value=" in anchor and ">Kirim data</a>" in anchor


# -- only the bot's own words count (issue #16) ---------------------------------------------


def test_markers_count_only_from_the_bot_account(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anyone can paste a hidden marker: a comment by someone else saying "reminded today"
    must not silence the reminder, and an issue someone else opened with the bot's first line
    must not be taken for the bot's."""
    stranger = {"login": "orang-lain", "id": 77, "type": "User"}
    number = issue_forge.next_number
    issue_forge.issues[number] = {
        "number": number,
        "title": "Permintaan palsu",
        "body": "<!-- kinerja:permintaan periode=2026-q4 unit=irban-1 -->\nPalsu.",
        "state": "open",
        "labels": [],
        "assignees": [],
        "html_url": f"https://forge.invalid/insp/kinerja/issues/{number}",
        "user": stranger,
    }
    assert notify(issue_forge, opened.root) == 0
    ours = [i for i in issue_forge.issues.values() if i["user"]["login"] != "orang-lain"]
    assert len(ours) == 2  # irban-1 got its own issue: the stranger's is not the bot's
    irban1 = next(i for i in ours if "unit=irban-1" in i["body"])["number"]
    issue_forge.comments[irban1] = [
        {
            "id": 900,
            "body": "<!-- kinerja:pengingat 2026-10-06 -->\nSudah diingatkan (palsu).",
            "created_at": issue_forge.clock,
            "user": stranger,
        }
    ]
    assert remind(issue_forge, opened.root, f"2026-10-06T08:00:00{WIB}") == 0
    bodies = comments_of(issue_forge, irban1)
    assert len(bodies) == 2 and bodies[-1].startswith("<!-- kinerja:pengingat 2026-10-06 -->")
    assert remind(issue_forge, opened.root, f"2026-10-06T15:00:00{WIB}") == 0
    assert len(comments_of(issue_forge, irban1)) == 2  # the bot's own marker is trusted
    assert issue_forge.issues[number]["state"] == "open"  # the stranger's issue untouched


def test_issues_are_found_without_their_label(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub drops labels and assignees silently for a token without push access: the run
    says so, and the next run finds the issues by author and marker, opening no duplicate."""
    issue_forge.collaborators = IRBAN1
    issue_forge.drop_labels = True
    assert notify(issue_forge, opened.root) == 0
    out = capsys.readouterr().out
    assert f"issue #1 tanpa label '{LABEL}'" in out and "hak push" in out
    assert all(i["labels"] == [] for i in issue_forge.issues.values())
    writes = len(issue_forge.writes())
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.issues) == 2 and len(issue_forge.writes()) == writes
    assert "sudah ada issue #1 (open)" in capsys.readouterr().out


def test_comments_are_read_as_each_forge_lists_them(
    opened: GitRepo, issue_forge: IssueForge
) -> None:
    """GitHub pages issue comments; Gitea/Forgejo answer all of them to one request without
    paging parameters (the contract server rejects ``limit``/``page`` there)."""
    issue_forge.contract.max_items = 1
    assert notify(issue_forge, opened.root) == 0
    issue_forge.comments[1] = [
        {
            "id": 500 + i,
            "body": f"komentar {i}",
            "created_at": issue_forge.clock,
            "user": {"login": "mira-andriani", "id": 5, "type": "User"},
        }
        for i in range(60)
    ]
    assert remind(issue_forge, opened.root, f"2026-10-06T08:00:00{WIB}") == 0
    prefix = "/api/v3" if issue_forge.github else "/api/v1"
    reads = [
        c
        for c in issue_forge.calls
        if c == ("GET", f"{prefix}/repos/insp/kinerja/issues/1/comments")
    ]
    assert len(reads) == 1  # GitHub: one page of 100; Gitea/Forgejo: not paged at all
    assert comments_of(issue_forge, 1)[-1].startswith("<!-- kinerja:pengingat 2026-10-06 -->")


def test_proposing_an_existing_file_updates_it_with_its_sha(
    opened: GitRepo, issue_forge: IssueForge, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-proposing a request file that is already on the base branch: GitHub's contents PUT
    and Gitea/Forgejo's update (PUT, not POST) need the file's blob sha."""
    root = opened.root
    path = "submissions/2026-q4/permintaan.yml"
    issue_forge.files[("main", path)] = b"periode: 2026-q4\n"
    capsys.readouterr()
    args = ["period", "propose", "2026-q4", "--pengusul", "fauzan-hidayat"]
    assert main([*args, *forge_args(issue_forge, root)]) == 0, capsys.readouterr().err
    branch = next(b for b, p in issue_forge.files if p == path and b != "main")
    assert issue_forge.files[(branch, path)] == (root / path).read_bytes()
    assert issue_forge.files[("main", path)] == b"periode: 2026-q4\n"
    method = "PUT"
    prefix = "/api/v3" if issue_forge.github else "/api/v1"
    assert (method, f"{prefix}/repos/insp/kinerja/contents/{path}") in issue_forge.calls
    if not issue_forge.github:
        assert ("POST", f"{prefix}/repos/insp/kinerja/contents/{path}") not in issue_forge.calls


@pytest.mark.parametrize("issue_forge", ["github"], indirect=True)
def test_the_workflow_token_writes_as_github_actions(
    opened: GitRepo,
    issue_forge: IssueForge,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """GitHub's GITHUB_TOKEN may not call GET /user (403): in Actions the bot is then the
    account that token writes as, github-actions[bot]; elsewhere the run says to name it."""
    issue_forge.contract.user_forbidden = True
    issue_forge.contract.bot = "github-actions[bot]"
    assert notify(issue_forge, opened.root) == 3
    err = capsys.readouterr().err
    assert "HTTP 403" in err and "KINERJA_FORGE_BOT" in err and "Traceback" not in err
    assert issue_forge.issues == {}

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.issues) == 2
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.issues) == 2  # found again: written by github-actions[bot]


@pytest.mark.parametrize("issue_forge", ["forgejo"], indirect=True)
def test_the_bot_account_can_be_named(
    opened: GitRepo, issue_forge: IssueForge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINERJA_FORGE_BOT", "@kinerja-bot")
    assert notify(issue_forge, opened.root) == 0
    assert len(issue_forge.issues) == 2
    assert "userGetCurrent" not in issue_forge.contract.seen
