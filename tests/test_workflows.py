"""The forge workflows, issue forms and pre-commit hook: they parse, pass the linters, and keep the
hardening rules of DESIGN.md section 7 (checked here as well, not only by the linters).

``zizmor --offline`` and ``check-jsonschema`` come from the dev lock file; a run without them is a
broken environment, so the tests fail rather than skip. A deliberately dangerous workflow shows
that both the linters and our own checks catch what they are meant to catch.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
_PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
_USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
_VERSION_COMMENT = re.compile(r"^\s+#\s+v\d+(\.\d+)*\s*$")
_READ_ONLY = {"read", "none"}


def tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    if found.exists():
        return str(found)
    which = shutil.which(name)
    if which is None:
        pytest.fail(f"{name} tidak terpasang: jalankan `make setup-dev` (requirements-dev.lock)")
    return which


def run(
    *args: str, cwd: Path = REPO, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=cwd, capture_output=True, text=True, check=False, env=env, timeout=300
    )


def load(path: Path) -> dict[str, Any]:
    raw: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in raw:  # YAML 1.1 reads the key `on` as true
        raw["on"] = raw.pop(True)
    return {str(key): value for key, value in raw.items()}


def triggers(workflow: Mapping[str, Any]) -> dict[str, Any]:
    on = workflow.get("on")
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return dict(on or {})


def steps(workflow: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_id, step


def step(workflow: Mapping[str, Any], step_id: str) -> dict[str, Any]:
    found = [s for _, s in steps(workflow) if s.get("id") == step_id]
    assert len(found) == 1, f"langkah {step_id!r} tidak ada tepat satu kali"
    return found[0]


def hardening_problems(path: Path) -> list[str]:
    """Our own reading of the rules, independent of the linters' versions."""
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    problems: list[str] = []
    if "pull_request_target" in triggers(workflow):
        problems.append("pull_request_target")
    top = workflow.get("permissions")
    if top is None:
        problems.append("tanpa permissions di tingkat alur kerja")
    elif top not in ({}, "read-all") and not (
        isinstance(top, dict) and set(top.values()) <= _READ_ONLY
    ):
        problems.append(f"permissions alur kerja tidak baca saja: {top}")
    for job_id, job in (workflow.get("jobs") or {}).items():
        if "permissions" not in job:
            problems.append(f"{job_id}: tanpa permissions")
    for job_id, item in steps(workflow):
        script = item.get("run")
        if isinstance(script, str) and "${{" in script:
            problems.append(f"{job_id}: ekspresi ${{{{ }}}} di dalam run")
        uses = item.get("uses")
        if isinstance(uses, str) and not uses.startswith(("./", "docker://")):
            if not _PINNED.match(uses):
                problems.append(f"{job_id}: {uses} tidak dipatok ke SHA 40 heksa")
            keeps = (item.get("with") or {}).get("persist-credentials") is not False
            if uses.startswith("actions/checkout@") and keeps:
                problems.append(f"{job_id}: checkout menyimpan kredensial")
    for line in text.splitlines():
        match = _USES_LINE.match(line)
        if (
            match
            and not match.group(1).startswith("./")
            and not _VERSION_COMMENT.match(match.group(2))
        ):
            problems.append(f"{match.group(1)}: tanpa komentar versi (# vX.Y.Z)")
    return problems


# -- every workflow ------------------------------------------------------------------------------


def test_the_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} == {
        "paraf.yml",
        "validate.yml",
        "pages.yml",
        "merge.yml",
        "period.yml",
        "pengingat.yml",
    }


def test_workflows_match_the_schema() -> None:
    files = [str(p) for p in WORKFLOWS]
    done = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_keeps_the_hardening_rules(path: Path) -> None:
    assert hardening_problems(path) == []


def test_zizmor_finds_nothing() -> None:
    files = [str(p) for p in WORKFLOWS] + [str(REPO / ".pre-commit-config.yaml")]
    done = run(tool("zizmor"), "--pedantic", "--offline", "--no-progress", *files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_the_test_container_is_pinned_by_digest() -> None:
    image = load(GITHUB / "workflows" / "validate.yml")["jobs"]["uji"]["container"]["image"]
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image), image


def test_the_same_action_has_the_same_pin_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for _, item in steps(load(path)):
            if isinstance(item.get("uses"), str):
                name, _, sha = item["uses"].partition("@")
                pins.setdefault(name, set()).add(sha)
    assert {name for name, shas in pins.items() if len(shas) > 1} == set()
    assert {
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(pins)


BAD_WORKFLOW = """\
name: berbahaya
on:
  pull_request_target:
jobs:
  build:
    runs-on: ubuntu-latest
    permissions: write-all
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def test_the_checks_catch_a_dangerous_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "berbahaya.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    problems = hardening_problems(bad)
    assert "pull_request_target" in problems
    assert "tanpa permissions di tingkat alur kerja" in problems
    assert any("ekspresi" in p for p in problems)
    assert any("tidak dipatok" in p for p in problems)
    assert any("menyimpan kredensial" in p for p in problems)
    assert any("tanpa komentar versi" in p for p in problems)

    done = run(tool("zizmor"), "--offline", "--no-progress", str(bad))
    assert done.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert audit in done.stdout, done.stdout

    broken = tmp_path / "rusak.yml"
    broken.write_text("on: push\njobs:\n  a:\n    steps: 1\n", encoding="utf-8")
    done = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken))
    assert done.returncode != 0


# -- what each workflow does ---------------------------------------------------------------------


def test_validate_runs_on_pull_request_with_the_author_through_env() -> None:
    workflow = load(GITHUB / "workflows" / "validate.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    install = next(s for _, s in steps(workflow) if "requirements.lock" in str(s.get("run")))
    assert "--require-hashes -r requirements.lock" in install["run"]
    assert "--no-deps -e ." in install["run"]
    check = step(workflow, "periksa")
    assert check["env"]["PR_AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert '--author "${PR_AUTHOR}"' in check["run"]
    assert "kinerja validate" in check["run"] and "--format github" in check["run"]
    recap = next(s for _, s in steps(workflow) if "recap --diff" in str(s.get("run")))
    assert 'kinerja recap --diff "origin/${BASE_REF}"' in recap["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in recap["run"]
    assert recap["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert any(s.get("run") == "kinerja codeowners --check" for _, s in steps(workflow))
    tests = workflow["jobs"]["uji"]
    assert tests["needs"] == "data" and "needs.data.outputs.kode == 'true'" in tests["if"]
    assert [s.get("run") for s in tests["steps"] if "run" in s] == [".ci/run"]
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert workflow["jobs"]["data"]["name"] == "validate"


def test_only_main_saves_the_kinerja_cache_and_pull_requests_only_restore_it() -> None:
    """The cache holds pickles: it may only be written by runs of the main branch's code."""
    caches = {}
    for name in ("pages", "validate"):
        workflow = load(GITHUB / "workflows" / f"{name}.yml")
        caches[name] = [
            s for _, s in steps(workflow) if s.get("uses", "").startswith("actions/cache")
        ]
    (save,) = caches["pages"]
    (restore,) = caches["validate"]
    assert save["uses"].startswith("actions/cache@") and restore["uses"].startswith(
        "actions/cache/restore@"
    )
    for step in (save, restore):
        assert step["with"]["path"] == ".git/kinerja-cache"
        assert step["with"]["restore-keys"] == "kinerja-cache-"
    assert "pull_request" not in triggers(load(GITHUB / "workflows" / "pages.yml"))


def test_pages_builds_on_push_and_on_a_schedule_with_full_history() -> None:
    workflow = load(GITHUB / "workflows" / "pages.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"] and len(on["schedule"]) >= 1
    checkout = next(s for _, s in steps(workflow) if s.get("uses", "").startswith("actions/check"))
    assert checkout["with"]["fetch-depth"] == 0
    used = [s["uses"].partition("@")[0] for _, s in steps(workflow) if "uses" in s]
    assert [u for u in used if u.endswith("-pages") or u.endswith("-pages-artifact")] == [
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}


def test_merge_runs_only_the_default_branch_code() -> None:
    workflow = load(GITHUB / "workflows" / "merge.yml")
    on = triggers(workflow)
    assert set(on) == {"workflow_run", "schedule", "workflow_dispatch"}
    assert on["workflow_run"] == {"workflows": ["paraf", "validate"], "types": ["completed"]}
    assert not (on["workflow_dispatch"] or {}).get("inputs")  # nothing typed reaches the job
    job = workflow["jobs"]["merge"]
    assert job["environment"] == "kinerja-merge"
    assert job["if"] == "${{ github.ref == 'refs/heads/main' }}"
    assert job["permissions"] == {"contents": "read", "pull-requests": "read", "actions": "write"}
    checkout = job["steps"][0]
    assert checkout["with"] == {"ref": "main", "fetch-depth": 0, "persist-credentials": False}
    merge = step(workflow, "gabung")
    assert merge["env"]["KINERJA_SIGNING_KEY"] == "${{ secrets.KINERJA_SIGNING_KEY }}"
    assert merge["env"]["KINERJA_DEPLOY_KEY"] == "${{ secrets.KINERJA_DEPLOY_KEY }}"
    assert "kinerja merge --semua" in merge["run"]
    assert "StrictHostKeyChecking=yes" in merge["run"]
    after = job["steps"][-1]
    assert after["if"] == "${{ steps.gabung.outputs.digabung == 'true' }}"
    assert "gh workflow run pages.yml" in after["run"]
    assert "gh workflow run pengingat.yml" in after["run"]

    paraf = load(GITHUB / "workflows" / "paraf.yml")
    assert set(triggers(paraf)) == {"pull_request_review"}
    assert paraf["permissions"] == {} and paraf["jobs"]["paraf"]["permissions"] == {}
    assert "secrets" not in (GITHUB / "workflows" / "paraf.yml").read_text(encoding="utf-8")
    assert [s.get("uses") for _, s in steps(paraf) if s.get("uses")] == []


# -- a pull request that edits workflows cannot reach the merge identity's key -------------------


def workflow_problems(root: Path) -> list[str]:
    from kinerja.forge.workflows import check_workflows

    return check_workflows(root)


def test_only_the_merge_job_can_reach_the_key() -> None:
    assert workflow_problems(REPO) == []
    done = run(sys.executable, "-m", "kinerja", "workflows", "--root", str(REPO))
    assert done.returncode == 0, done.stderr


STEALS_ON_PULL_REQUEST = """name: curi
on: pull_request
permissions: {}
jobs:
  curi:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: echo "$K" | base64
        env:
          K: ${{ secrets.KINERJA_SIGNING_KEY }}
"""

SNEAKY = """name: licik
on: push
permissions: {}
jobs:
  indeks:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    environment: kinerja-merge
    steps:
      - run: echo "$S"
        env:
          S: ${{ toJSON(secrets) }}
  dinamis:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: echo "$S"
        env:
          S: ${{ secrets[format('KINERJA_{0}', 'DEPLOY_KEY')] }}
  warisan:
    uses: ./.github/workflows/merge.yml
    secrets: inherit
"""


def pr_checkout(tmp_path: Path) -> Path:
    """A pull request's checkout: the repository's workflows, which the PR then edits."""
    root = tmp_path / "pr"
    shutil.copytree(GITHUB / "workflows", root / ".github" / "workflows")
    return root


def test_a_pull_request_adding_a_workflow_that_reads_the_key_is_caught(tmp_path: Path) -> None:
    root = pr_checkout(tmp_path)
    assert workflow_problems(root) == []
    (root / ".github" / "workflows" / "curi.yml").write_text(STEALS_ON_PULL_REQUEST)
    (root / ".forgejo" / "workflows").mkdir(parents=True)
    (root / ".forgejo" / "workflows" / "licik.yml").write_text(SNEAKY)
    problems = workflow_problems(root)
    assert problems == [
        ".github/workflows/curi.yml: job curi memakai rahasia identitas penggabung "
        "(KINERJA_SIGNING_KEY); hanya job merge di merge.yml yang boleh",
        ".forgejo/workflows/licik.yml: job indeks memakai rahasia yang tidak dikenal: "
        "secrets[...] / toJSON(secrets) / inherit",
        ".forgejo/workflows/licik.yml: job indeks memakai lingkungan kinerja-merge; hanya job "
        "merge di merge.yml yang boleh",
        ".forgejo/workflows/licik.yml: job indeks meminta contents: write",
        ".forgejo/workflows/licik.yml: job dinamis memakai rahasia yang tidak dikenal: "
        "secrets[...] / toJSON(secrets) / inherit",
        ".forgejo/workflows/licik.yml: job warisan memakai rahasia yang tidak dikenal: "
        "secrets[...] / toJSON(secrets) / inherit",
    ]
    done = run(sys.executable, "-m", "kinerja", "workflows", "--root", str(root))
    assert done.returncode == 1 and "curi.yml" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["Kinerja-Merge", "${{ 'kinerja-merge' }}"])
def test_the_environment_cannot_be_named_another_way(tmp_path: Path, name: str) -> None:
    root = pr_checkout(tmp_path)
    sneaky = STEALS_ON_PULL_REQUEST.replace(
        "permissions: {}\n    steps:",
        f'permissions: {{}}\n    environment: {{name: "{name}"}}\n    steps:',
    )
    sneaky = sneaky.replace("secrets.KINERJA_SIGNING_KEY", "secrets.LAIN")
    (root / ".github" / "workflows" / "curi.yml").write_text(sneaky)
    problems = workflow_problems(root)
    assert any("memakai lingkungan kinerja-merge" in p for p in problems), problems


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda w: w["on"].update(pull_request_target=None),
            "pemicu pull_request_target menjalankan versi alur kerja dari pull request",
        ),
        (
            lambda w: w["on"].update(pull_request={"types": ["opened"]}),
            "pemicu pull_request menjalankan versi alur kerja dari pull request",
        ),
        (
            lambda w: w["on"].update(push={"branches": ["**"]}),
            "pemicu push menjalankan versi alur kerja dari pull request",
        ),
        (
            lambda w: w["jobs"]["merge"].pop("environment"),
            "job merge tidak memakai lingkungan kinerja-merge",
        ),
        (
            lambda w: w["jobs"]["merge"].update({"if": "${{ always() }}"}),
            "job merge tidak dibatasi ke cabang utama",
        ),
        (
            lambda w: w["jobs"]["merge"]["steps"][0]["with"].update(
                ref="${{ github.event.workflow_run.head_sha }}"
            ),
            "menyebut workflow_run.head_: kode pull request tidak boleh diambil",
        ),
        (
            lambda w: w["jobs"]["merge"]["permissions"].update(contents="write"),
            "job merge meminta contents: write",
        ),
    ],
    ids=["pull_request_target", "pull_request", "push", "environment", "if", "head", "write"],
)
def test_a_pull_request_editing_merge_yml_is_caught(
    tmp_path: Path, edit: Any, expected: str
) -> None:
    root = pr_checkout(tmp_path)
    path = root / ".github" / "workflows" / "merge.yml"
    workflow = load(path)
    edit(workflow)
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    problems = workflow_problems(root)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda w: w["jobs"]["usulkan"].pop("environment"),
            "job usulkan memegang contents: write tanpa lingkungan (environment)",
        ),
        (
            lambda w: w["jobs"]["usulkan"].update(
                {"if": "${{ github.event_name == 'workflow_dispatch' }}"}
            ),
            "job usulkan memegang contents: write tetapi tidak dibatasi ke cabang utama",
        ),
        (
            lambda w: w["on"].update(pull_request_target=None),
            "pemicu pull_request_target di alur kerja dengan job usulkan",
        ),
        (
            lambda w: w["on"].update(issue_comment={"types": ["created"]}),
            "pemicu issue_comment di alur kerja dengan job usulkan",
        ),
        (
            lambda w: w["jobs"]["umumkan"]["permissions"].update(contents="write"),
            "job umumkan meminta contents: write",
        ),
        (
            lambda w: w["jobs"]["usulkan"].update(environment="kinerja-merge"),
            "job usulkan memakai lingkungan kinerja-merge",
        ),
    ],
    ids=["environment", "if", "pull_request_target", "issue_comment", "other-job", "merge-env"],
)
def test_the_proposal_jobs_write_token_stays_on_main(
    tmp_path: Path, edit: Any, expected: str
) -> None:
    """period.yml's usulkan job is the one job besides none with contents: write (it creates
    the proposal branch); the checker keeps that token to the default branch's code."""
    shipped = load(GITHUB / "workflows" / "period.yml")["jobs"]["usulkan"]
    assert shipped["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert shipped["environment"] == "permintaan"
    assert "github.ref == 'refs/heads/main'" in shipped["if"]
    root = pr_checkout(tmp_path)
    path = root / ".github" / "workflows" / "period.yml"
    workflow = load(path)
    edit(workflow)
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    problems = workflow_problems(root)
    assert any(expected in p for p in problems), problems


def test_period_and_reminder_workflows() -> None:
    period = load(GITHUB / "workflows" / "period.yml")
    on = triggers(period)
    assert set(on["workflow_dispatch"]["inputs"]) >= {"periode", "tenggat"}
    assert on["push"]["paths"] == ["submissions/*/permintaan.yml"]
    runs = " ".join(str(s.get("run")) for _, s in steps(period))
    for command in (
        'kinerja period open "${PERIODE}"',
        'kinerja period propose "${PERIODE}"',
        "kinerja period notify",
    ):
        assert command in runs
    assert period["jobs"]["umumkan"]["permissions"] == {"contents": "read", "issues": "write"}
    # A request changed on main brings the issues in line: the push job runs notify.
    umumkan = [s.get("run") for s in period["jobs"]["umumkan"]["steps"] if "run" in s]
    assert umumkan[-1] == "kinerja period notify"
    assert period["jobs"]["umumkan"]["if"] == "${{ github.event_name == 'push' }}"

    reminder = load(GITHUB / "workflows" / "pengingat.yml")
    on = triggers(reminder)
    assert on["schedule"] and "workflow_dispatch" in on
    runs = " ".join(str(s.get("run")) for _, s in steps(reminder))
    assert "kinerja remind --hari 3" in runs and "kinerja remind --hanya-tutup" in runs
    # After a merge by the merge workflow (no push event), this run reconciles the issues.
    assert runs.index("kinerja period notify") < runs.index("kinerja remind")
    groups = {
        period["jobs"]["umumkan"]["concurrency"]["group"],
        reminder["jobs"]["pengingat"]["concurrency"]["group"],
    }
    assert groups == {"pemberitahuan"}  # one writer of issues at a time


# -- templates and the pre-commit hook ---------------------------------------------------------


def test_issue_forms_and_their_config_match_the_schemas() -> None:
    forms = [
        str(GITHUB / "ISSUE_TEMPLATE" / n) for n in ("koreksi-data.yml", "permintaan-akses.yml")
    ]
    done = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", *forms)
    assert done.returncode == 0, done.stdout + done.stderr
    config = str(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    done = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-config", config)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_request_template_has_an_indonesian_checklist() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", text, re.M)) >= 6
    assert "Periksa sebelum meminta paraf" in text and "disampaikan_oleh" in text


def test_pre_commit_hook_validates_before_a_commit(tmp_path: Path) -> None:
    config = REPO / ".pre-commit-config.yaml"
    done = run(tool("pre-commit"), "validate-config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    hooks = yaml.safe_load(config.read_text(encoding="utf-8"))["repos"]
    assert [r["repo"] for r in hooks] == ["local"]
    assert {h["language"] for h in hooks[0]["hooks"]} == {"system"}

    root = tmp_path / "repo"
    (root / "submissions" / "2026-q4").mkdir(parents=True)
    for name in ("organisasi.yml", "indikator.yml"):
        shutil.copy(REPO / "submissions" / name, root / "submissions" / name)
    shutil.copy(config, root / ".pre-commit-config.yaml")
    bad = root / "submissions" / "2026-q4" / "irban-1.yml"
    bad.write_text(
        "unit: irban-1\nperiode: 2026-q4\nrealisasi:\n  - indikator: x\n    nilai: 85%\n"
    )
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    assert run("git", "init", "-q", "-b", "main", cwd=root, env=env).returncode == 0
    assert run("git", "add", "-A", cwd=root, env=env).returncode == 0
    args = [tool("pre-commit"), "run", "kinerja-validate", "--files", str(bad.relative_to(root))]
    done = run(*args, cwd=root, env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "submissions/2026-q4/irban-1.yml:5:" in done.stdout
    bad.unlink()
    done = run(
        tool("pre-commit"),
        "run",
        "kinerja-validate",
        "--files",
        "submissions/organisasi.yml",
        cwd=root,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
