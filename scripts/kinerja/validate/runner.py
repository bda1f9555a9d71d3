"""Validate a tracker repository: every file read once, checked, cached by blob id.

The work per file (read, schema, file rules) depends only on the file's content, its path and a
small context (the configuration's and the period request's blob ids), so its result is cached
under those keys. Cold runs spread that work over the machine's cores; warm runs do only the files
that changed, then the cheap period-wide rules over cached summaries.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kinerja.findings import Finding, FindingList, Position, Severity
from kinerja.gitfiles import GITLINK, NOT_REGULAR, SYMLINK, blob_id, list_files
from kinerja.model import Config
from kinerja.model.layout import (
    INDICATORS,
    ORGANISATION,
    SOP_DIR,
    SUBMISSIONS,
    FileRole,
    classify,
)
from kinerja.read import Limits, read_bytes, read_file
from kinerja.read.document import Document
from kinerja.validate import cache as cache_mod
from kinerja.validate.rules import UNUSABLE_REQUEST, Summary, file_rules, period_rules
from kinerja.validate.schema import MAX_FINDINGS, schema_findings

PREFIXES = (SUBMISSIONS, SOP_DIR)
_SCHEMA_OF = {
    "organisasi": "organisasi",
    "indikator": "indikator",
    "permintaan": "permintaan",
    "submisi": "submisi",
    "analisis": "analisis",
    "sop": "sop",
}
#: Below this many files to do, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64
#: The same for period requests, which are each many times the size of a submission.
REQUEST_PARALLEL_THRESHOLD = 8

ProgressFn = Callable[[int, int], None]


@dataclass
class FileResult:
    path: str
    blob: str
    role: FileRole
    findings: list[Finding]
    summary: Summary
    valid: bool
    data: Any = None


@dataclass
class Report:
    root: Path
    config: Config | None
    results: dict[str, FileResult]
    findings: list[Finding] = field(default_factory=list)
    cached: int = 0
    #: Files read and checked in this run (the rest came from the cache): after a pull request
    #: that changes one submission, a warm run reads that file only.
    read: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


#: A rule's finding that says the same as a schema's generic one, at the same place, better.
SUPERSEDES: Mapping[str, frozenset[str]] = {
    "link-scheme": frozenset({"schema-pattern"}),
    "evidence-path-outside": frozenset({"schema-pattern"}),
    "number-out-of-range": frozenset({"schema-range"}),
    # A full name typed for the sender fails the id pattern too; the suggestion is what helps.
    "sender-unknown": frozenset({"schema-pattern"}),
}


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop schema findings that a more specific rule finding restates, and exact repeats."""
    # ``place`` keeps cells of different workbook sheets apart (Identitas!C6 is not Realisasi!C6).
    better = {
        (f.line, f.column, f.place, old)
        for f in findings
        for old in SUPERSEDES.get(f.code, frozenset())
    }
    unique: dict[tuple[Any, ...], Finding] = {}
    for f in findings:
        if (f.line, f.column, f.place, f.code) in better:
            continue
        unique.setdefault((f.code, f.line, f.column, f.place, f.field, f.message), f)
    return list(unique.values())


def check_document(
    doc: Document,
    role: FileRole,
    config: Config | None,
    request: Mapping[str, Any] | None,
    today: dt.date,
) -> tuple[list[Finding], Summary, bool]:
    """Schema and file rules for a document that was read; never raises on bad content."""
    findings = list(doc.findings)
    summary = Summary(unit=role.unit)
    if doc.data is None and not findings:
        # Read without a problem, yet nothing in it: a YAML document that is only `~`/`null`.
        findings = [FindingList(doc.path).add("document-null", Position(1, 1), None, value="null")]
    if doc.data is None or any(f.severity is Severity.ERROR for f in findings):
        return findings, summary, False
    target = doc
    if role.kind == "analisis":
        target = Document(
            doc.path, doc.kind, doc.data.get("front") or {}, doc.positions, doc.key_positions
        )
    schema_errors = schema_findings(target, _SCHEMA_OF[role.kind])
    findings.extend(schema_errors)
    if isinstance(target.data, dict):
        try:
            rule_findings, summary = file_rules(doc, role, config, request, today)
        except Exception as exc:  # noqa: BLE001 - a rule bug must not hide other files
            rule_findings = [
                FindingList(doc.path).add(
                    "internal-error", Position(1, 1), None, problem=type(exc).__name__
                )
            ]
        findings.extend(rule_findings)
    findings = _cap(_dedupe(findings), doc.path)
    valid = not any(f.severity is Severity.ERROR for f in findings)
    return findings, summary, valid


def _cap(findings: list[Finding], path: str) -> list[Finding]:
    if len(findings) <= MAX_FINDINGS:
        return findings
    kept = sorted(findings, key=Finding.sort_key)[:MAX_FINDINGS]
    hidden = len(findings) - MAX_FINDINGS
    return [
        *kept,
        FindingList(path).add("findings-truncated", Position(None, None), None, hidden=hidden),
    ]


#: What a path that holds no file content is reported as: never read, never a hand-in.
_NOT_A_FILE = {SYMLINK: "file-symlink", GITLINK: "file-gitlink", NOT_REGULAR: "file-not-regular"}


def process_file(
    root: Path,
    path: str,
    blob: str,
    config: Config | None,
    request: Mapping[str, Any] | None,
    limits: Limits,
    today: dt.date,
) -> FileResult:
    role = classify(path)
    out = FindingList(path)
    if path in _OVERLAY:  # the trusted version of a file changed by an unverified landing
        doc = read_bytes(_OVERLAY[path], path, limits)
        findings, summary, valid = check_document(doc, role, config, request, today)
        return FileResult(path, blob, role, findings, summary, valid, doc.data if valid else None)
    not_a_file = _NOT_A_FILE.get(blob)
    if not_a_file is not None:
        out.add(not_a_file, Position(1, 1))
        return FileResult(path, blob, role, out.items, Summary(unit=role.unit), False)
    if role.kind == "unknown":
        out.add("path-unexpected", Position(1, 1))
        return FileResult(path, blob, role, out.items, Summary(), False)
    if role.folder is not None and role.period is None:
        out.add("period-folder-invalid", Position(1, 1), None, folder=role.folder)
    doc = read_file(root, path, limits)
    findings, summary, valid = check_document(doc, role, config, request, today)
    findings = out.items + findings
    valid = valid and not out.items
    return FileResult(path, blob, role, findings, summary, valid, doc.data if valid else None)


# --- the process pool: globals set once per worker by fork --------------------------------
_WORKER: dict[str, Any] = {}
#: Content that replaces the working tree's for some paths during one validate_repository
#: call (set before the pool forks, so workers see it too): see its ``overlay`` argument.
_OVERLAY: dict[str, bytes] = {}


def _work(batch: Sequence[tuple[str, str, str | None]]) -> list[FileResult]:
    root: Path = _WORKER["root"]
    config: Config | None = _WORKER["config"]
    requests: Mapping[str, Any] = _WORKER["requests"]
    return [
        process_file(
            root,
            path,
            blob,
            config,
            requests.get(folder or ""),
            _WORKER["limits"],
            _WORKER["today"],
        )
        for path, blob, folder in batch
    ]


def _run_pool(
    todo: list[tuple[str, str, str | None]],
    jobs: int,
    progress: ProgressFn | None,
) -> Iterable[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(8, min(256, len(todo) // (jobs * 8) or 1))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    ctx = multiprocessing.get_context("fork")
    done = 0
    # An executor, not a Pool: a killed worker raises BrokenProcessPool instead of a hang.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        for results in pool.map(_work, batches):
            done += len(results)
            if progress:
                progress(done, len(todo))
            yield from results


def default_jobs() -> int:
    """Worker processes for the pools (validation, workbooks): ``KINERJA_JOBS``, else the cores
    this process may use. The pools fork; where the platform cannot fork (Windows), one."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    env = os.environ.get("KINERJA_JOBS")
    if env and env.isdigit():
        return max(1, int(env))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def validate_repository(
    root: Path,
    paths: Sequence[str] | None = None,
    *,
    use_cache: bool = True,
    want_data: bool = False,
    jobs: int | None = None,
    today: dt.date | None = None,
    progress: ProgressFn | None = None,
    overlay: Mapping[str, bytes | None] | None = None,
) -> Report:
    """Validate ``paths`` (repository-relative) or every data file of the repository at ``root``.

    ``overlay`` replaces the content of some paths (``None``: the path is left out): the
    trusted view of a repository whose head holds changes that the trust rule does not accept
    (:meth:`kinerja.history.reader.Landed.trusted_content`).
    """
    _OVERLAY.clear()
    _OVERLAY.update({p: c for p, c in (overlay or {}).items() if c is not None})
    try:
        return _validate(root, paths, use_cache, want_data, jobs, today, progress, overlay or {})
    finally:
        _OVERLAY.clear()


def _validate(
    root: Path,
    paths: Sequence[str] | None,
    use_cache: bool,
    want_data: bool,
    jobs: int | None,
    today: dt.date | None,
    progress: ProgressFn | None,
    overlay: Mapping[str, bytes | None],
) -> Report:
    today = today or dt.date.today()
    files = list_files(root, PREFIXES)
    for path, content in overlay.items():
        if not path.startswith(tuple(f"{p}/" for p in PREFIXES)):
            continue
        if content is None:
            files.pop(path, None)
        else:
            files[path] = blob_id(content)
    fingerprint = cache_mod.code_fingerprint()
    cdir = cache_mod.cache_dir(root)
    store = cache_mod.Store(cdir / "validate.pickle", fingerprint) if use_cache else None
    data_store = (
        cache_mod.Store(cdir / "data.pickle", fingerprint) if use_cache and want_data else None
    )

    reads = [0]
    config, config_findings, config_results = _load_config(root, files, today, store, reads)
    wanted = set(paths) if paths is not None else None
    scope = _scope(files, wanted)
    ctx_config = f"{files.get(ORGANISATION, '-')}|{files.get(INDICATORS, '-')}|{today.year}"
    jobs = jobs or default_jobs()
    requests, request_results = _requests(
        root, files, scope, config, today, store, ctx_config, jobs, reads
    )

    results: dict[str, FileResult] = {**config_results, **request_results}
    todo: list[tuple[str, str, str | None]] = []
    keys: dict[str, str] = {}
    cached = 0
    for path in sorted(scope):
        if path in results:
            continue
        blob = files[path]
        role = classify(path)
        request_blob = (
            files.get(f"{SUBMISSIONS}/{role.folder}/permintaan.yml", "-")
            if role.kind == "submisi"
            else "-"
        )
        k = cache_mod.key(path, blob, ctx_config, request_blob)
        keys[path] = k
        hit = store.get(k) if store else None
        if hit is not None and (
            not want_data or not hit[3] or (data_store and data_store.get(k) is not None)
        ):
            findings_t, summary, valid = hit[0], hit[1], hit[3]
            data = data_store.get(k) if (data_store and valid) else None
            results[path] = FileResult(
                path, blob, role, [Finding(*f) for f in findings_t], summary, valid, data
            )
            cached += 1
        else:
            todo.append((path, blob, role.folder))

    limits = config.settings.limits if config else Limits()
    if len(todo) >= PARALLEL_THRESHOLD and jobs > 1:
        _WORKER.update(root=root, config=config, requests=requests, limits=limits, today=today)
        produced: Iterable[FileResult] = _run_pool(todo, jobs, progress)
    else:
        produced = _serial(root, todo, config, requests, limits, today, progress)
    for result in produced:
        results[result.path] = result
        if store is not None:
            k = keys[result.path]
            store.put(
                k, (_finding_tuples(result.findings), result.summary, result.role, result.valid)
            )
            if data_store is not None and result.valid:
                data_store.put(k, result.data)
    prune = paths is None
    if store is not None:
        store.save(prune=prune)
    if data_store is not None:
        data_store.save(prune=prune)

    summaries = {p: (r.role, r.summary) for p, r in results.items() if r.role.kind == "submisi"}
    period_findings = period_rules(summaries, lambda rel: _exists(root, rel))
    findings = list(config_findings)
    for result in results.values():
        findings.extend(result.findings)
    findings.extend(period_findings)
    findings.extend(_workflow_findings(root, files, config))
    if wanted is not None:
        findings = [f for f in findings if f.path in wanted or f.path in (ORGANISATION, INDICATORS)]
    for missing in sorted((wanted or set()) - set(files)):
        findings.append(FindingList(missing).add("file-unreadable", Position(1, 1)))
    findings.sort(key=Finding.sort_key)
    return Report(
        root=root,
        config=config,
        results=results,
        findings=findings,
        cached=cached,
        read=reads[0] + len(todo),
    )


def _workflow_findings(
    root: Path, files: Mapping[str, str], config: Config | None
) -> list[Finding]:
    """Which SOP drives the period workflow (:mod:`kinerja.model.workflow`): an error when the
    configured one is missing or two qualify, a warning when none does."""
    from kinerja.model.workflow import WORKFLOW_KEY, select_workflow_sop

    sops: dict[str, Mapping[str, Any]] = {}
    for path in sorted(files):
        if classify(path).kind != "sop" or files[path] == SYMLINK:
            continue
        try:
            content = _OVERLAY.get(path) or (root / path).read_bytes()
        except OSError:
            continue
        data = read_bytes(content, path, Limits()).data
        if isinstance(data, Mapping):
            sops[path] = data
    configured = config.settings.raw.get(WORKFLOW_KEY) if config else None
    choice = select_workflow_sop(sops, str(configured) if configured else None)
    if choice.problem is None:
        return []
    where = ORGANISATION if configured else (sorted(sops)[0] if sops else ORGANISATION)
    finding = FindingList(where).add(
        "sop-workflow-ambiguous",
        Position(None, None),
        f"pengaturan.{WORKFLOW_KEY}",
        detail=choice.problem,
        severity=None if choice.error else Severity.WARNING,
    )
    return [finding]


def _serial(
    root: Path,
    todo: list[tuple[str, str, str | None]],
    config: Config | None,
    requests: Mapping[str, Any],
    limits: Limits,
    today: dt.date,
    progress: ProgressFn | None,
) -> Iterable[FileResult]:
    for index, (path, blob, folder) in enumerate(todo, start=1):
        yield process_file(root, path, blob, config, requests.get(folder or ""), limits, today)
        if progress and index % 50 == 0:
            progress(index, len(todo))


def _finding_tuples(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [
        (f.code, f.severity, f.path, f.message, f.line, f.column, f.field, f.hint, f.place)
        for f in findings
    ]


def _exists(root: Path, rel: str) -> bool:
    try:
        full = (root / rel).resolve()
        return full.is_relative_to(root.resolve()) and full.is_file()
    except OSError:
        return False


def _scope(files: Mapping[str, str], wanted: set[str] | None) -> set[str]:
    if wanted is None:
        return set(files)
    folders = {classify(p).folder for p in wanted if classify(p).folder}
    return {
        p
        for p in files
        if p in wanted or (classify(p).kind == "submisi" and classify(p).folder in folders)
    }


def _memo(
    store: cache_mod.Store | None,
    key: str,
    compute: Callable[[], FileResult],
    reads: list[int],
) -> FileResult:
    """A whole result (data included) from the store, or computed and stored: for the few
    files every run needs in full (the configuration)."""
    if store is not None:
        hit = store.get("whole:" + key)
        if isinstance(hit, FileResult):
            return hit
    reads[0] += 1
    result = compute()
    if store is not None:
        store.put("whole:" + key, result)
    return result


def _load_config(
    root: Path,
    files: Mapping[str, str],
    today: dt.date,
    store: cache_mod.Store | None,
    reads: list[int],
) -> tuple[Config | None, list[Finding], dict[str, FileResult]]:
    """organisasi.yml, then indikator.yml checked against its units; each read once, cached."""
    findings: list[Finding] = []
    results: dict[str, FileResult] = {}
    for path in (ORGANISATION, INDICATORS):
        if path not in files:
            findings.append(
                FindingList(path).add("config-missing", Position(None, None), None, value=path)
            )
    org_blob = files.get(ORGANISATION)
    if org_blob is not None:
        results[ORGANISATION] = _memo(
            store,
            cache_mod.key(ORGANISATION, org_blob, str(today.year)),
            lambda: process_file(root, ORGANISATION, org_blob, None, None, Limits(), today),
            reads,
        )
    org = results.get(ORGANISATION)
    org_config = Config.from_data(org.data, {}) if org is not None and org.valid else None
    ind_blob = files.get(INDICATORS)
    if ind_blob is not None:
        results[INDICATORS] = _memo(
            store,
            cache_mod.key(INDICATORS, ind_blob, org_blob or "-", str(today.year)),
            lambda: process_file(root, INDICATORS, ind_blob, org_config, None, Limits(), today),
            reads,
        )
    ind = results.get(INDICATORS)
    config = None
    if org_config is not None and ind is not None and ind.valid:
        config = Config.from_data(org.data, ind.data)  # type: ignore[union-attr]
    for path, result in results.items():
        if not result.valid:
            findings.append(
                FindingList(path).add("config-invalid", Position(None, None), None, value=path)
            )
    return config, findings, results


def _requests(
    root: Path,
    files: Mapping[str, str],
    scope: set[str],
    config: Config | None,
    today: dt.date,
    store: cache_mod.Store | None,
    context: str,
    jobs: int,
    reads: list[int],
) -> tuple[dict[str, Any], dict[str, FileResult]]:
    """Every request in scope is read first: submissions are checked against them. A request
    lists every unit's indicators, so it weighs as much as dozens of submissions: when many are
    not cached (a cold run), they are spread over the cores like the submissions."""
    results: dict[str, FileResult] = {}
    folders = {classify(p).folder for p in scope if classify(p).folder}
    limits = config.settings.limits if config else Limits()
    keys: dict[str, str] = {}
    todo: list[tuple[str, str, str | None]] = []
    for folder in sorted(f for f in folders if f):
        path = f"{SUBMISSIONS}/{folder}/permintaan.yml"
        if path not in files:
            continue
        keys[path] = k = "whole:" + cache_mod.key(path, files[path], context)
        hit = store.get(k) if store is not None else None
        if isinstance(hit, FileResult):
            results[path] = hit
        else:
            todo.append((path, files[path], None))
    reads[0] += len(todo)
    if len(todo) >= REQUEST_PARALLEL_THRESHOLD and jobs > 1:
        _WORKER.update(root=root, config=config, requests={}, limits=limits, today=today)
        produced: Iterable[FileResult] = _run_pool(todo, jobs, None)
    else:
        produced = _serial(root, todo, config, {}, limits, today, None)
    for result in produced:
        results[result.path] = result
        if store is not None:
            store.put(keys[result.path], result)
    requests = {
        classify(path).folder or "": (result.data if result.data is not None else UNUSABLE_REQUEST)
        for path, result in results.items()
    }
    return requests, {p: r for p, r in results.items() if p in scope}


def relpath(root: Path, given: str) -> str:
    """A user-given path (relative to the current folder) as a repository-relative path."""
    full = Path(given).resolve() if not Path(given).is_absolute() else Path(given)
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        return PurePosixPath(given).as_posix()
