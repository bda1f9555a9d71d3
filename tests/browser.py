"""Shared helpers of the browser tests: build a site once, serve it, drive Debian's chromium.

The published site is checked the way a person meets it: built by ``mkdocs build --strict``,
served over HTTP from 127.0.0.1 and opened in a real browser. The browser is Debian's
``/usr/bin/chromium`` driven by playwright (``playwright install`` downloads a browser, which the
project does not do), started with the background services that would phone home turned off.

Three sites are built, each once per test session even with ``pytest -n``: a worker builds it
under a lock in the session's shared temporary folder and the others reuse it.

* the demo (``kinerja demo`` + the ``kinerja`` plugin), at a fixed moment;
* the *payload site*: the demo's snapshot with injection payloads written into the data AFTER
  validation (the validator would reject them), rendered by ``build_pages`` into a plain
  Material project, to prove the presenters escape whatever reaches them;
* the *hostile repository*: a small tracker whose files and merge trailers carry payloads,
  built the normal way, so the site shows rejected files and odd names escaped.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
HOSTILE_SITE = Path(__file__).resolve().parent / "hostile_site"
PAYLOADS = HOSTILE_SITE / "payloads.yml"

CHROMIUM = Path("/usr/bin/chromium")
#: No sandbox (containers, root), no GPU, and none of chromium's own traffic (updates, sync,
#: field trials): a request the tests see comes from the page.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: The demo's "today" and the moment its site is built at (08.00 WIB that day): the same
#: statuses on every run.
DEMO_TODAY = date(2026, 11, 25)
DEMO_NOW = "2026-11-25T08:00:00+07:00"
DEMO_SEED = 1
#: Seconds a build may take before the test gives up (a loaded CI machine needs ~1 minute).
BUILD_TIMEOUT = 900


class BuildError(RuntimeError):
    """A site could not be built; the message carries mkdocs' own output."""


# -- chromium ----------------------------------------------------------------------------------


def chromium_problem() -> str | None:
    """Why chromium cannot be used, or None. The tests fail with this; they never skip."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return (
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium. Install it with "
            "`make browser` (apt-get install chromium); `playwright install` is not used."
        )
    return None


def launch(playwright: Any) -> Any:
    """Debian's chromium, headless, through playwright's ``executable_path``."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )


# -- building sites ----------------------------------------------------------------------------


def mkdocs_build(project: Path) -> Path:
    """``mkdocs build --strict`` in ``project`` as a user runs it; returns the ``site`` folder."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SCRIPTS), env.get("PYTHONPATH")) if p)
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise BuildError(
            f"mkdocs build --strict failed in {project} (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return project / "site"


def pin_now(mkdocs_yml: Path, now: str) -> None:
    """Give the ``kinerja`` plugin a fixed ``now`` so statuses do not depend on the real date."""
    text = mkdocs_yml.read_text(encoding="utf-8")
    plain = re.compile(r"^(\s*)- kinerja\s*$", re.MULTILINE)
    match = plain.search(text)
    if match is None:
        raise BuildError(f"{mkdocs_yml}: no '- kinerja' plugin entry to pin `now` on")
    indent = match.group(1)
    text = plain.sub(f'{indent}- kinerja:\n{indent}    now: "{now}"', text, count=1)
    mkdocs_yml.write_text(text, encoding="utf-8")


def build_demo_site(dest: Path) -> Path:
    """The example repository of ``kinerja demo`` with its site built; returns the repository."""
    from kinerja.demo import generate

    root = dest / "repo"
    generate(root, today=DEMO_TODAY, seed=DEMO_SEED)
    pin_now(root / "mkdocs.yml", DEMO_NOW)
    mkdocs_build(root)
    return root


@dataclass(frozen=True)
class Payloads:
    text: tuple[str, ...]
    visible: str
    links: tuple[str, ...]
    names: tuple[str, ...]
    analysis: str
    config_names: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path = PAYLOADS) -> Payloads:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            text=tuple(data["text"]),
            visible=data["visible"],
            links=tuple(data["links"]),
            names=tuple(data["names"]),
            analysis=data["analysis"],
            config_names=tuple(data.get("config_names", ())),
        )


@dataclass
class _Cycle:
    """Hands out the items of a list in turn, so every field meets every payload somewhere."""

    items: Sequence[str]
    position: int = 0

    def next(self) -> str:
        item = self.items[self.position % len(self.items)]
        self.position += 1
        return item


def changed(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen record (dataclass or named tuple) with some fields changed."""
    if hasattr(obj, "_replace"):
        return obj._replace(**changes)
    return replace(obj, **changes)


def _poison_submission(data: Mapping[str, Any], text: _Cycle, links: _Cycle) -> dict[str, Any]:
    out = dict(data)
    documents = []
    for document in data.get("dokumen", []):
        changed = dict(document)
        changed["nomor"] = f"{document.get('nomor', '')} {text.next()}"
        changed["judul"] = text.next()
        changed["objek"] = text.next()
        changed["tautan"] = links.next()
        documents.append(changed)
    # One more document, open (terbuka) so its title, object and link are shown.
    documents.append(
        {
            "jenis": "LHP",
            "nomor": text.next(),
            "tanggal": "2026-10-02",
            "judul": text.next(),
            "objek": text.next(),
            "tautan": links.next(),
            "klasifikasi": "terbuka",
        }
    )
    if documents:
        documents[0] = {**documents[0], "klasifikasi": "terbuka"}
    out["dokumen"] = documents
    out["realisasi"] = [{**item, "catatan": text.next()} for item in data.get("realisasi", [])]
    out["kendala"] = text.next() + "\n" + text.next()
    out["rencana_tindak_lanjut"] = text.next()
    return out


def poison_snapshot(snapshot: Any, payloads: Payloads) -> None:
    """Write payloads into every free-text field of the snapshot's data, in place.

    Must run before ``snapshot.recap`` is first read (the recap is computed lazily from the
    submissions, so the catatan of realisasi reach the recap tables too).
    """
    from kinerja.history import Identity

    text, links, names = _Cycle(payloads.text), _Cycle(payloads.links), _Cycle(payloads.names)
    if snapshot._recap is not None:
        raise RuntimeError("poison_snapshot must run before the recap is computed")
    for files in snapshot.tracker.periods.values():
        for unit, sub in list(files.submissions.items()):
            files.submissions[unit] = changed(sub, data=_poison_submission(sub.data, text, links))
        if files.request is not None:
            request = dict(files.request)
            request["catatan"] = text.next()
            request["penerima"] = [
                {**r, "catatan": text.next()} for r in request.get("penerima", [])
            ]
            files.request = request
        if files.analysis is not None:
            analysis = dict(files.analysis)
            analysis["body"] = str(analysis.get("body", "")) + "\n" + payloads.analysis
            files.analysis = analysis
        files.invalid.append(f"submissions/{files.id}/{payloads.names[0]}.yml")

    if payloads.config_names:
        _poison_configuration(snapshot, _Cycle(payloads.config_names))

    poisoned: dict[int, Any] = {}

    def person(identity: Any) -> Any:
        return Identity(names.next(), identity.email)

    def event(original: Any) -> Any:
        if id(original) in poisoned:
            return poisoned[id(original)]
        arrival = changed(
            original.arrival,
            reviewers=tuple(person(p) for p in original.arrival.reviewers),
            approvers=tuple(person(p) for p in original.arrival.approvers),
            pull_url=links.next(),
        )
        new = changed(
            original,
            arrival=arrival,
            person=person(original.person),
            problems=(*original.problems, text.next()),
        )
        poisoned[id(original)] = new
        return new

    history = snapshot.history
    snapshot.history = changed(history, events=tuple(event(e) for e in history.events))
    states = {}
    for pid, state in snapshot.states.items():
        units = {
            unit: changed(unit_state, events=tuple(event(e) for e in unit_state.events))
            for unit, unit_state in state.units.items()
        }
        states[pid] = changed(
            state,
            units=units,
            approvals=tuple(event(e) for e in state.approvals),
            problems=(*state.problems, text.next()),
        )
    snapshot.states = states


def _poison_configuration(snapshot: Any, names: _Cycle) -> None:
    """Names of the office, units, people and indicators, and the SOP's texts, as payloads."""
    tracker = snapshot.tracker
    config = tracker.config
    if config is None:
        raise RuntimeError("the payload site needs a valid configuration")
    org = config.organisation
    organisation = changed(
        org,
        nama=names.next(),
        units={k: changed(u, nama=names.next()) for k, u in org.units.items()},
        people={k: changed(p, nama=names.next()) for k, p in org.people.items()},
    )
    indicators = {k: changed(i, nama=names.next()) for k, i in config.indicators.items()}
    tracker.config = changed(config, organisation=organisation, indicators=indicators)
    data = dict(tracker.indicator_data)
    data["indikator"] = [
        {**item, "nama": indicators[item["id"]].nama} if item.get("id") in indicators else item
        for item in data.get("indikator", [])
    ]
    tracker.indicator_data = data

    def sop_text(sop: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(sop)
        out["identitas"] = {**sop.get("identitas", {}), "nama": names.next()}
        out["aktivitas"] = [
            {**a, "aktivitas": names.next(), "output": names.next()}
            for a in sop.get("aktivitas", [])
        ]
        out["peringatan"] = names.next()
        return out

    tracker.sops = {path: sop_text(sop) for path, sop in tracker.sops.items()}
    if snapshot.sop_path is not None:
        snapshot.sop = tracker.sops[snapshot.sop_path]


def plain_material_config(source: Path) -> dict[str, Any]:
    """The repository's ``mkdocs.yml`` without the ``kinerja`` plugin (the pages are written as
    files instead) and with the plugin's stylesheet listed by hand."""
    config: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    plugins = config.get("plugins", [])
    config["plugins"] = [
        p for p in plugins if p != "kinerja" and not (isinstance(p, dict) and "kinerja" in p)
    ]
    config["extra_css"] = [*config.get("extra_css", []), "assets/kinerja/kinerja.css"]
    return config


def build_payload_site(dest: Path, demo_root: Path) -> Path:
    """Pages of the demo's snapshot, with payloads injected after validation, in a plain Material
    project; returns the project (its ``site/`` is built)."""
    from kinerja.site.pages import build_pages, static_assets
    from kinerja.snapshot import take_snapshot

    snapshot = take_snapshot(demo_root, now=datetime.fromisoformat(DEMO_NOW))
    poison_snapshot(snapshot, Payloads.load())
    generated = {**static_assets(), **build_pages(snapshot)}
    project = dest / "project"
    docs = project / "docs"
    shutil.copytree(demo_root / "docs", docs)
    for src_uri, content in generated.items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    config = plain_material_config(demo_root / "mkdocs.yml")
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    mkdocs_build(project)
    return project


def _git(root: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    ).stdout


def hostile_filename(payloads: Payloads) -> str:
    """A submission file whose name is a payload (Git and Linux allow it)."""
    return f"submissions/2026-q4/{payloads.names[0]}.yml"


def build_hostile_repo_site(dest: Path) -> Path:
    """A small tracker whose files and merge trailers carry payloads, built with the plugin.

    The payload submission and a file with a payload name are rejected by validation; the
    analysis (Markdown written by people) is accepted and must be sanitised. They land in one
    merge whose paraf names and pull request address are payloads too.
    """
    from signing import sign_args
    from tracker import make_tracker  # tests/tracker.py: the shipped configuration, one period

    payloads = Payloads.load()
    root = make_tracker(dest / "repo")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "panduan", root / "docs" / "panduan")
    who = {
        "GIT_AUTHOR_NAME": "Nofrizal",
        "GIT_AUTHOR_EMAIL": "nofrizal@example.go.id",
        "GIT_COMMITTER_NAME": "Nofrizal",
        "GIT_COMMITTER_EMAIL": "nofrizal@example.go.id",
    }
    _git(root, "add", "-A")
    _git(root, *sign_args(), "commit", "-S", "-qm", "Situs dan panduan", env=who)
    _git(root, "checkout", "-qb", "data-irban-2")
    shutil.copytree(HOSTILE_SITE / "repo", root, dirs_exist_ok=True)
    bad = root / hostile_filename(payloads)
    bad.write_text(
        (HOSTILE_SITE / "repo" / "submissions/2026-q4/irban-2.yml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", payloads.text[0], env=who)
    _git(root, "checkout", "-q", "main")
    trailers = "\n".join(
        [
            *(
                f"Reviewed-by: {name} <paraf{i}@example.go.id>"
                for i, name in enumerate(payloads.names)
            ),
            f"Approved-by: {payloads.names[-1]} <sah@example.go.id>",
            f"Reviewed-on: {payloads.links[0]}",
        ]
    )
    message = f"Merge pull request #7 {payloads.text[1]}\n\n{payloads.text[0]}\n\n{trailers}\n"
    _git(root, *sign_args(), "merge", "-S", "--no-ff", "-q", "-m", message, "data-irban-2", env=who)
    mkdocs_build(root)
    return root


def shared(factory: Any, name: str, produce: Callable[[Path], Any]) -> Any:
    """Run ``produce(folder)`` once per test session, also across pytest-xdist workers.

    The first worker to take the lock runs it in the session's shared temporary folder and
    stores its (JSON) result; the others wait and reuse the result, or its error.
    """
    base = factory.getbasetemp()
    shared_dir = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared_dir / f"browser-{name}"
    done, failed = folder / "DONE.json", folder / "FAILED.txt"
    with open(shared_dir / f"browser-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if done.is_file():
                return json.loads(done.read_text(encoding="utf-8"))["result"]
            if failed.is_file():
                raise BuildError(f"{name} failed in another worker: " + failed.read_text("utf-8"))
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            try:
                result = produce(folder)
            except BaseException as exc:
                failed.write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
                raise
            done.write_text(json.dumps({"result": result}), encoding="utf-8")
            return result
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def shared_build(factory: Any, name: str, build: Callable[[Path], Path]) -> Path:
    """:func:`shared` for a build: ``build(folder)`` returns the folder of what it built."""
    return Path(shared(factory, name, lambda folder: str(build(folder))))


# -- what a site holds ---------------------------------------------------------------------------

#: The page types of the site, in the order a visitor meets them (menu order).
PAGE_TYPES = (
    "beranda",
    "status",
    "periode-indeks",
    "periode",
    "unit-indeks",
    "unit",
    "indikator-indeks",
    "indikator",
    "sop-indeks",
    "sop",
    "evaluasi-sop",
    "riwayat",
    "unduh",
    "kamus-data",
    "laporan-indeks",
    "laporan",
    "organisasi",
    "panduan-indeks",
    "panduan",
    "404",
)
MISSING_PATH = "/halaman-yang-tidak-ada/"


def _first_child(site: Path, folder: str, prefer: Callable[[str], bool] | None = None) -> str:
    children = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
    if not children:
        raise BuildError(f"{site}: no page under {folder}/")
    chosen = next((c for c in children if prefer and prefer(c)), children[0])
    return f"/{folder}/{chosen}/"


def signed_period(site: Path) -> str:
    """The newest period page whose disposition carries a signature (the hardcopy that goes
    to the Inspektur), else the newest period."""
    periods = sorted(p.parent.name for p in (site / "periode").glob("*/index.html"))
    signed = [
        p
        for p in periods
        if "Tanda tangan" in (site / "periode" / p / "index.html").read_text("utf-8")
        and "kj-analysis" in (site / "periode" / p / "index.html").read_text("utf-8")
    ]
    return f"/periode/{(signed or periods)[-1]}/"


def page_urls(site: Path) -> dict[str, str]:
    """Path of one page of every type in a built site, by :data:`PAGE_TYPES` name."""
    return {
        "beranda": "/",
        "status": "/status/",
        "periode-indeks": "/periode/",
        "periode": signed_period(site),
        "unit-indeks": "/unit/",
        "unit": _first_child(site, "unit"),
        "indikator-indeks": "/indikator/",
        "indikator": _first_child(site, "indikator"),
        "sop-indeks": "/sop/",
        "sop": _first_child(site, "sop", lambda c: c != "evaluasi"),
        "evaluasi-sop": "/sop/evaluasi/",
        "riwayat": "/riwayat/",
        "unduh": "/unduh/",
        "kamus-data": "/unduh/kamus-data/",
        "laporan-indeks": "/laporan/",
        "laporan": _first_child(site, "laporan"),
        "organisasi": "/organisasi/",
        "panduan-indeks": "/panduan/",
        "panduan": "/panduan/staf-unit/",
        "404": MISSING_PATH,
    }


def all_pages(site: Path, *, skip: Sequence[str] = ()) -> list[str]:
    """Every HTML page of a site as a URL path (directory URLs), ``skip``: path prefixes."""
    out = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        path = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        if not any(path.startswith(prefix) for prefix in skip):
            out.append(path)
    return out


# -- serving -----------------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing path gets the site's 404.html with status 404 (as Pages does)."""

    served: list[tuple[str, int]]

    def log_message(self, format: str, *args: Any) -> None:
        return

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.served.append((self.path, int(code) if str(code).isdigit() else 0))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class StaticServer:
    """A static HTTP server for a built site on 127.0.0.1 and a free port, in a thread."""

    root: Path
    served: list[tuple[str, int]] = field(default_factory=list)
    _server: http.server.ThreadingHTTPServer | None = None

    @property
    def origin(self) -> str:
        if self._server is None:
            raise RuntimeError("server not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def start(self) -> StaticServer:
        handler = type("Handler", (_Handler,), {"served": self.served})
        self._server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(self.root))
        )
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@contextlib.contextmanager
def serving(root: Path) -> Iterator[StaticServer]:
    server = StaticServer(root).start()
    try:
        yield server
    finally:
        server.stop()


# -- requests ------------------------------------------------------------------------------------


def is_outside(url: str, origin: str) -> bool:
    """A request the site must not make: anything not on its own origin, except ``data:`` and
    ``blob:`` (made inside the page). ``about:blank`` of a fresh page is no request either."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("data", "blob", "about"):
        return False
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" != origin


@dataclass
class RequestLog:
    """Every request a browser context makes, pages and workers alike. Requests to anywhere
    else are recorded and aborted, so a test never waits on the network."""

    origin: str
    urls: list[str] = field(default_factory=list)
    failures: list[tuple[str, int]] = field(default_factory=list)

    def attach(self, context: Any) -> RequestLog:
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("response", self._response)
        context.route("**/*", self._route)
        return self

    def _route(self, route: Any) -> None:
        url = route.request.url
        if is_outside(url, self.origin):
            self.urls.append(url)
            route.abort()
        else:
            route.continue_()

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failures.append((response.url, response.status))

    def outside(self) -> list[str]:
        return sorted({u for u in self.urls if is_outside(u, self.origin)})


# -- static check of the built files -----------------------------------------------------------

_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
#: Link relations whose target the browser fetches by itself (or resolves ahead of time).
FETCHING_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "prerender",
}
#: Attributes that make the browser fetch, per tag (``*``: any tag).
FETCHING_ATTRS = {
    "*": {"src", "srcset", "poster", "background"},
    "object": {"data"},
    "image": {"href", "xlink:href"},
    "use": {"href", "xlink:href"},
    "feimage": {"href", "xlink:href"},
    "script": {"href", "xlink:href"},
}


def is_remote(url: str) -> bool:
    """Would fetching ``url`` leave the site? True for http(s) and scheme-relative URLs."""
    url = url.strip()
    if not _ABSOLUTE.match(url):
        return False
    scheme = urlsplit(url).scheme.lower()
    return scheme in ("", "http", "https", "ftp", "ws", "wss")


def css_remote_urls(css: str) -> list[str]:
    """Absolute URLs a stylesheet would fetch (``url()``, ``@import``); ``data:`` is inline."""
    found = [m.group(2) for m in _CSS_URL.finditer(css)]
    found += [m.group(1) for m in _CSS_IMPORT.finditer(css)]
    return [u for u in found if is_remote(u)]


class _FetchFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        names = FETCHING_ATTRS["*"] | FETCHING_ATTRS.get(tag, set())
        for name in names & values.keys():
            candidates = values[name].split(",") if name == "srcset" else [values[name]]
            for candidate in candidates:
                url = candidate.strip().split(" ")[0]
                if is_remote(url):
                    self.remote.append(f"<{tag} {name}={url}>")
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & FETCHING_RELS and is_remote(values.get("href", "")):
                self.remote.append(f"<link rel={values.get('rel')} href={values['href']}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("url=")[2]
            if is_remote(target):
                self.remote.append(f"<meta refresh {target}>")
        if "style" in values:
            self.remote += [f"<{tag} style> {u}" for u in css_remote_urls(values["style"])]
        if tag in ("style", "script"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.remote += [f"<style> {u}" for u in css_remote_urls(data)]
        elif self._in == "script":
            self.remote += [f"<script> {u}" for u in js_remote_urls(data)]


def html_remote_urls(text: str) -> list[str]:
    finder = _FetchFinder()
    finder.feed(text)
    finder.close()
    return finder.remote


_JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_JS_LINE_COMMENT = re.compile(r"(?m)(^|[\s;{}])//[^\n]*")
#: A string literal that starts with an absolute URL with a host (``//nbsp`` is a comment).
_JS_URL = re.compile(r"""["'`]((?:https?:)?//(?:[A-Za-z0-9-]+\.[A-Za-z0-9.-]+|\$\{)[^"'`\s]*)""")


def js_remote_urls(js: str) -> list[str]:
    """URL string literals in a script, comments removed (licence banners name web sites)."""
    code = _JS_LINE_COMMENT.sub(r"\1", _JS_BLOCK_COMMENT.sub("", js))
    return [m.group(1) for m in _JS_URL.finditer(code)]


def remote_references(site: Path) -> dict[str, list[str]]:
    """Per file of a built site, the absolute URLs it would make the browser fetch. Plain
    ``<a href>`` links to elsewhere are not fetches and are allowed."""
    out: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix not in (".html", ".css", ".js", ".svg"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in (".html", ".svg"):
            found = html_remote_urls(text)
        elif suffix == ".css":
            found = css_remote_urls(text)
        else:
            found = js_remote_urls(text)
        if found:
            out[path.relative_to(site).as_posix()] = found
    return out


# -- accessibility -------------------------------------------------------------------------------

#: The impacts that fail a page.
FAILING_IMPACTS = ("serious", "critical")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page (the bundled axe.min.js, injected by evaluate:
    no request leaves the machine)."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    results = Axe().run(page)
    return list(results.response["violations"])


def describe_violations(violations: Sequence[Mapping[str, Any]], limit: int = 5) -> str:
    """A readable list: rule, impact, help, and the first few elements with axe's reason."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} elemen]")
        for node in v["nodes"][:limit]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    {target}: {node.get('html', '')[:160]}")
            messages = [c["message"] for kind in ("any", "all", "none") for c in node.get(kind, [])]
            if messages:
                lines.append(f"      {messages[0][:200]}")
    return "\n".join(lines)


# -- injection probe ---------------------------------------------------------------------------

#: Run in a loaded page: what an injection would have left behind. ``marker`` is the payload
#: text that must be visible as text. Tables: the number of grid columns of every row, counting
#: colspan and rowspan, per table (a ``|`` or ``</td>`` payload changes it).
PROBE_JS = r"""
(marker) => {
  const origin = location.origin;
  const short = (el) => el.outerHTML.slice(0, 200);
  const runs = (value) => {
    const v = (value || "").replace(/[\u0000-\u0020]/g, "").toLowerCase();
    return v.startsWith("javascript:") || v.startsWith("vbscript:")
      || v.startsWith("data:text/html");
  };
  const out = {xss: window.__xss, injected: [], handlers: [], links: [], scripts: [],
               tables: [], visible: document.body.innerText.includes(marker)};
  const suspicious = 'img[src="x"], iframe, frame, object, embed, base, body style, '
    + 'body link, body meta, svg[onload]';
  document.querySelectorAll(suspicious).forEach((el) => out.injected.push(short(el)));
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) out.handlers.push(short(el));
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"]
          .includes(name) && runs(attr.value)) out.links.push(short(el));
    }
  }
  for (const script of document.scripts) {
    if (script.src) {
      if (new URL(script.src, location.href).origin !== origin) out.scripts.push(short(script));
    } else if (/__xss|alert\(/.test(script.textContent)) {
      out.scripts.push(short(script));
    }
  }
  for (const table of document.querySelectorAll("table")) {
    const widths = [];
    const sections = [table.tHead, ...table.tBodies, table.tFoot].filter(Boolean);
    for (const section of sections) {
      let carried = [];  // rows still covered by a rowspan, per column
      for (const row of section.rows) {
        const taken = carried.map((n) => n > 0);
        const next = carried.map((n) => Math.max(0, n - 1));
        let col = 0;
        for (const cell of row.cells) {
          while (taken[col]) col += 1;
          for (let k = 0; k < (cell.colSpan || 1); k += 1) {
            taken[col + k] = true;
            if ((cell.rowSpan || 1) > 1) next[col + k] = Math.max(next[col + k] || 0,
                                                               cell.rowSpan - 1);
          }
          col += cell.colSpan || 1;
        }
        widths.push(taken.filter(Boolean).length);
        carried = Array.from({length: taken.length}, (_, i) => next[i] || 0);
      }
    }
    const caption = table.caption ? table.caption.innerText
      : (table.rows[0] ? table.rows[0].innerText : "").slice(0, 80);
    out.tables.push({caption: caption.replace(/\s+/g, " "), widths: widths,
                     analysis: table.closest(".kj-analysis") !== null});
  }
  return out;
}
"""


@dataclass
class PageScan:
    """What :data:`PROBE_JS` found on one page, plus the dialogs and script errors seen."""

    path: str
    status: int
    dialogs: list[str]
    errors: list[str]
    xss: int
    injected: list[str]
    handlers: list[str]
    links: list[str]
    scripts: list[str]
    tables: list[dict[str, Any]]
    visible: bool

    def broken_tables(self, *, analysis: bool) -> list[str]:
        return [
            f"{t['caption']!r}: columns per row {sorted(set(t['widths']))}"
            for t in self.tables
            if t["analysis"] == analysis and len(set(t["widths"])) > 1
        ]


# -- PDF -----------------------------------------------------------------------------------------


def pdf_text(pdf: Path, *, first: int | None = None, last: int | None = None) -> str:
    """Text of a PDF with poppler's ``pdftotext -layout`` (install poppler-utils)."""
    args = ["pdftotext", "-layout"]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """Size of every page in points, from ``pdfinfo``."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]
