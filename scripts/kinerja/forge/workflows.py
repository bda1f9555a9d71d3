"""Who can reach the merge identity's key: a static check over every workflow of the forge.

The merge identity's secrets (the signing key, the push credential, the forge token that marks
pull requests merged) may be reachable from exactly one job: the ``merge`` job of
``merge.yml``. That job takes them from the ``kinerja-merge`` environment (which the admin
restricts to the default branch), runs only for the default branch, and its workflow has only
triggers that always run the default branch's own workflow code (``workflow_run``,
``schedule``, ``workflow_dispatch``), never a pull request's.

A pull request that edits a workflow (adds one that reads a secret on ``pull_request``, adds a
``pull_request`` trigger to ``merge.yml``, puts another job in the ``kinerja-merge``
environment, asks for ``contents: write``...) makes this check fail; it runs in the validate
workflow (``kinerja workflows``) and in the test suite. Forgejo and Gitea read
``.forgejo/workflows`` and ``.gitea/workflows`` as well, so those folders are checked too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

FOLDERS = (".github/workflows", ".gitea/workflows", ".forgejo/workflows")
MERGE_WORKFLOW = "merge.yml"
MERGE_JOB = "merge"
ENVIRONMENT = "kinerja-merge"
#: The merge identity's secrets: only the merge job may name them.
PROTECTED_SECRETS = frozenset({"KINERJA_SIGNING_KEY", "KINERJA_DEPLOY_KEY", "KINERJA_FORGE_TOKEN"})
#: Secrets other jobs may name (the forge's own token; the bot that proposes a period).
ALLOWED_SECRETS = frozenset({"GITHUB_TOKEN", "KINERJA_BOT_TOKEN"})
#: Triggers that run the default branch's version of the workflow, whoever caused them.
MERGE_TRIGGERS = frozenset({"workflow_run", "schedule", "workflow_dispatch"})
#: Jobs allowed ``contents: write`` besides none: (workflow file, job id) -> why. Such a job
#: must run only the default branch's workflow code: it names an environment (not the merge
#: identity's; the admin restricts it to the default branch, so a dispatch from another branch
#: gets no token), its ``if`` names the default branch, and its workflow has no trigger a pull
#: request's author sets off (see docs/dev/decisions.md, "The proposal job's write token").
CONTENTS_WRITE = {
    ("period.yml", "usulkan"): "creates the proposal branch through the forge API",
}
#: Triggers a pull request (or a comment on one) sets off: never in a workflow holding a
#: ``contents: write`` job.
PULL_REQUEST_TRIGGERS = frozenset(
    {
        "pull_request",
        "pull_request_target",
        "pull_request_review",
        "pull_request_review_comment",
        "issue_comment",
        "workflow_run",
    }
)

_NAMED = re.compile(r"secrets\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")
_ANY_SECRET = re.compile(r"\bsecrets\b")
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.S)
_DEFAULT_BRANCH_ONLY = "github.ref == 'refs/heads/main'"


def workflow_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for folder in FOLDERS:
        base = root / folder
        if base.is_dir():
            files += sorted(p for p in base.iterdir() if p.suffix in (".yml", ".yaml"))
    return files


def load(path: Path) -> dict[str, Any]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError("bukan pemetaan YAML")
    if True in raw:  # YAML 1.1 reads the key `on` as true
        raw["on"] = raw.pop(True)
    return {str(key): value for key, value in raw.items()}


def triggers(workflow: Mapping[str, Any]) -> set[str]:
    on = workflow.get("on")
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(t) for t in on}
    if isinstance(on, Mapping):
        return {str(t) for t in on}
    return set()


def _secrets(value: Any) -> tuple[set[str], bool]:
    """(named secrets, whether ``secrets`` is also used some other way: an index, the whole
    context, ``secrets: inherit``)."""
    text = " ".join(_EXPRESSION.findall(json.dumps(value, ensure_ascii=False)))
    named = set(_NAMED.findall(text))
    other = len(_ANY_SECRET.findall(text)) > len(_NAMED.findall(text))
    return named, other


def _environment(job: Mapping[str, Any]) -> str | None:
    """The job's environment name, folded: forges compare environment names ignoring case."""
    env = job.get("environment")
    if isinstance(env, Mapping):
        env = env.get("name")
    return str(env).strip().casefold() if env is not None else None


def _writes_contents(permissions: Any) -> bool:
    if permissions == "write-all":
        return True
    return isinstance(permissions, Mapping) and permissions.get("contents") == "write"


def _jobs(workflow: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    jobs = workflow.get("jobs")
    if isinstance(jobs, Mapping):
        for job_id, job in jobs.items():
            if isinstance(job, Mapping):
                yield str(job_id), job


def check_workflow(path: Path, folder: str) -> list[str]:
    """The problems of one workflow file (messages in Indonesian, prefixed with the file)."""
    where = f"{folder}/{path.name}"
    try:
        workflow = load(path)
    except (yaml.YAMLError, ValueError, UnicodeDecodeError) as exc:
        return [f"{where}: tidak dapat dibaca ({exc})"]
    is_merge = folder == FOLDERS[0] and path.name == MERGE_WORKFLOW
    problems: list[str] = []
    top = {k: v for k, v in workflow.items() if k != "jobs"}
    named, other = _secrets(top)
    if named & PROTECTED_SECRETS or other:
        problems.append(f"{where}: rahasia disebut di tingkat alur kerja (berlaku untuk semua job)")
    if _writes_contents(workflow.get("permissions")):
        problems.append(f"{where}: contents: write di tingkat alur kerja")
    for job_id, job in _jobs(workflow):
        the_merge_job = is_merge and job_id == MERGE_JOB
        named, other = _secrets(job)
        if job.get("secrets") == "inherit":
            other = True
        if not the_merge_job:
            reached = sorted(named & PROTECTED_SECRETS)
            if reached:
                problems.append(
                    f"{where}: job {job_id} memakai rahasia identitas penggabung "
                    f"({', '.join(reached)}); hanya job merge di {MERGE_WORKFLOW} yang boleh"
                )
            unknown = sorted(named - PROTECTED_SECRETS - ALLOWED_SECRETS)
            if unknown or other:
                what = ", ".join(unknown) if unknown else "secrets[...] / toJSON(secrets) / inherit"
                problems.append(f"{where}: job {job_id} memakai rahasia yang tidak dikenal: {what}")
            environment = _environment(job) or ""
            if environment == ENVIRONMENT or "${{" in environment:
                problems.append(
                    f"{where}: job {job_id} memakai lingkungan {ENVIRONMENT}; hanya job merge "
                    f"di {MERGE_WORKFLOW} yang boleh"
                )
        if _writes_contents(job.get("permissions")):
            if (path.name, job_id) not in CONTENTS_WRITE:
                problems.append(f"{where}: job {job_id} meminta contents: write")
            else:
                problems += _write_job_problems(where, workflow, job_id, job)
    if is_merge:
        problems += _merge_workflow_problems(where, workflow)
    return problems


def _write_job_problems(
    where: str, workflow: Mapping[str, Any], job_id: str, job: Mapping[str, Any]
) -> list[str]:
    """A job allowed ``contents: write`` must get its token only for the default branch's
    workflow code: an environment the admin restricts to main, an ``if`` on the default branch,
    no pull request trigger in its workflow."""
    problems = []
    environment = _environment(job)
    if not environment:
        problems.append(
            f"{where}: job {job_id} memegang contents: write tanpa lingkungan (environment) yang "
            "dibatasi admin ke cabang utama"
        )
    if _DEFAULT_BRANCH_ONLY not in str(job.get("if") or ""):
        problems.append(
            f"{where}: job {job_id} memegang contents: write tetapi tidak dibatasi ke cabang "
            f"utama ({_DEFAULT_BRANCH_ONLY})"
        )
    risky = sorted(triggers(workflow) & PULL_REQUEST_TRIGGERS)
    if risky:
        problems.append(
            f"{where}: pemicu {', '.join(risky)} di alur kerja dengan job {job_id} yang memegang "
            "contents: write"
        )
    return problems


def _merge_workflow_problems(where: str, workflow: Mapping[str, Any]) -> list[str]:
    problems = []
    extra = sorted(triggers(workflow) - MERGE_TRIGGERS)
    if extra:
        problems.append(
            f"{where}: pemicu {', '.join(extra)} menjalankan versi alur kerja dari pull request; "
            f"hanya {', '.join(sorted(MERGE_TRIGGERS))} yang boleh"
        )
    jobs = dict(_jobs(workflow))
    job = jobs.get(MERGE_JOB)
    if job is None:
        return [*problems, f"{where}: job {MERGE_JOB} tidak ada"]
    if _environment(job) != ENVIRONMENT:
        problems.append(f"{where}: job {MERGE_JOB} tidak memakai lingkungan {ENVIRONMENT}")
    if _DEFAULT_BRANCH_ONLY not in str(job.get("if") or ""):
        problems.append(
            f"{where}: job {MERGE_JOB} tidak dibatasi ke cabang utama ({_DEFAULT_BRANCH_ONLY})"
        )
    text = json.dumps(workflow, ensure_ascii=False)
    for marker in ("github.event.pull_request", "github.head_ref", "workflow_run.head_"):
        if marker in text:
            problems.append(f"{where}: menyebut {marker}: kode pull request tidak boleh diambil")
    return problems


def check_workflows(root: Path) -> list[str]:
    """Every problem of every workflow the forge would run, for the repository at ``root``."""
    problems: list[str] = []
    found_merge = False
    for path in workflow_files(root):
        folder = path.parent.relative_to(root).as_posix()
        found_merge |= folder == FOLDERS[0] and path.name == MERGE_WORKFLOW
        problems += check_workflow(path, folder)
    if not found_merge:
        problems.append(f"{FOLDERS[0]}/{MERGE_WORKFLOW}: tidak ada")
    return problems
