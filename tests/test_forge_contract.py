# ruff: noqa: F811  (the ``forge`` fixture comes from test_merge)
"""The forge client against the published API descriptions (issue #16).

The test forges answer through :mod:`forge_contract`, which keeps the operations listed in
:mod:`kinerja.forge.endpoints` from GitHub's, Gitea's and Forgejo's descriptions. Here: the list
and the kept descriptions agree; the server rejects what the descriptions do not describe; each
list is read whole whatever the server's page limit (1, 10, 50); a pull request whose files
cannot all be listed (3,001) is never merged; the merge body is the documented one on both
Gitea and Forgejo; the new calls of the merge identity (open_pulls, pull_commits, mark_merged).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from forge_contract import CONTRACTS, Contract
from kinerja.forge.api import GiteaForge, GitHubForge, IncompleteList, make_forge
from kinerja.forge.endpoints import ENDPOINTS, GITHUB_API_VERSION, operations
from kinerja.forge.http import ForgeError
from test_merge import (  # noqa: F401  (forge and _forge_env are fixtures)
    FakeForge,
    _forge_env,
    forge,
    landed,
    merge_key,
    run_merge,
    submission_pull,
)

KINDS = ("github", "gitea", "forgejo")


def _flavour(kind: str) -> str:
    return "github" if kind == "github" else "gitea"


def api_of(forge: FakeForge) -> GitHubForge | GiteaForge:
    api = f"{forge.url}/api/v3" if forge.github else f"{forge.url}/api/v1"
    made = make_forge(forge.kind, api, "insp", "kinerja", "rahasia-uji")
    assert isinstance(made, GitHubForge | GiteaForge)
    return made


# -- the one list and the kept descriptions ------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_endpoint_table_and_the_kept_description_agree(kind: str) -> None:
    kept = json.loads((CONTRACTS / f"{kind}.json").read_text(encoding="utf-8"))
    listed = {(op.method, op.path): op.operation_id for op in operations(_flavour(kind))}
    found = {
        (method.upper(), path): spec["operationId"]
        for path, item in kept["paths"].items()
        for method, spec in item.items()
    }
    assert found == listed
    source = kept["x-kept-from"]
    assert source["source"] and source["version"]
    assert len(json.dumps(kept)) < 200_000  # only the parts used, never the whole file


def test_every_endpoint_names_an_operation_on_each_forge_or_none() -> None:
    assert len({e.key for e in ENDPOINTS}) == len(ENDPOINTS)
    for endpoint in ENDPOINTS:
        assert endpoint.github or endpoint.gitea, endpoint.key
        assert endpoint.why


@pytest.mark.parametrize("kind", KINDS)
def test_the_extraction_is_repeatable(kind: str, tmp_path: Path) -> None:
    """Run on its own output, the extraction keeps exactly the same operations and schemas."""
    kept = json.loads((CONTRACTS / f"{kind}.json").read_text(encoding="utf-8"))
    source = tmp_path / "full.json"
    source.write_text(json.dumps({k: v for k, v in kept.items() if k != "x-kept-from"}))
    sys.path.insert(0, str(CONTRACTS))
    try:
        import extract
    finally:
        sys.path.remove(str(CONTRACTS))
    again = extract.extract(json.loads(source.read_text()), _flavour(kind))
    assert again == {k: v for k, v in kept.items() if k != "x-kept-from"}


def test_the_extraction_script_documents_its_use() -> None:
    done = subprocess.run(
        [sys.executable, str(CONTRACTS / "extract.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "--source" in done.stdout


# -- the server rejects what the descriptions do not describe ----------------------------


def test_undescribed_requests_are_rejected_with_the_documented_status(forge: FakeForge) -> None:
    submission_pull(forge)
    api = api_of(forge)
    prefix = "/repos/insp/kinerja/pulls/12"
    with pytest.raises(ForgeError) as unknown:
        api.client.request("GET", prefix, query={"limit" if forge.github else "per_page": 5})
    assert unknown.value.status == 422  # neither operation documents 400/405/409: 422
    merge_method = "PUT" if forge.github else "POST"
    wrong_field = {"merge_method": "squash", "bogus": 1} if forge.github else {"do": "squash"}
    with pytest.raises(ForgeError) as wrong:
        api.client.request(merge_method, f"{prefix}/merge", body=wrong_field)
    assert wrong.value.status == (422 if forge.github else 405)
    missing = {} if not forge.github else {"merge_method": "octopus"}
    with pytest.raises(ForgeError):
        api.client.request(merge_method, f"{prefix}/merge", body=missing)
    with pytest.raises(ForgeError) as unlisted:
        api.client.request("GET", "/repos/insp/kinerja/branches")
    assert unlisted.value.status == 404
    problems = forge.contract.violations
    assert any("parameter query tak dikenal" in p for p in problems)
    assert any("field body tak dikenal" in p for p in problems)
    assert any("tidak ada di kontrak" in p for p in problems)
    assert any("wajib" in p or "required" in p or "octopus" in p for p in problems)
    assert landed(forge) == []  # the forge behind the contract never saw those requests
    assert forge.pulls[12]["merged"] is False
    forge.contract.violations.clear()  # expected here; the fixture fails on any other


@pytest.mark.parametrize("forge", ["github"], indirect=True)
def test_github_requests_carry_the_api_version(forge: FakeForge) -> None:
    submission_pull(forge)
    api = api_of(forge)
    assert api.client.headers["X-GitHub-Api-Version"] == GITHUB_API_VERSION == "2022-11-28"
    api.client.headers["X-GitHub-Api-Version"] = "2026-03-10"
    with pytest.raises(ForgeError):
        api.pull(12)
    assert any("X-GitHub-Api-Version" in p for p in forge.contract.violations)
    forge.contract.violations.clear()


@pytest.mark.parametrize("kind", ["gitea", "forgejo"])
def test_the_merge_body_is_the_documented_one_on_gitea_and_forgejo(kind: str) -> None:
    """Both descriptions document ``MergePullRequestOption`` as ``Do``, ``MergeTitleField``,
    ``MergeMessageField``, ``MergeCommitID``, ``head_commit_id``: the client sends those (the
    snake_case ``do``/``merge_title_field`` are not in either description)."""
    contract = Contract(kind)
    op = contract.match("POST", "/repos/insp/kinerja/pulls/12/merge")
    assert op is not None and op.operation_id == "repoMergePullRequest"
    squash = {
        "Do": "squash",
        "MergeTitleField": "Judul (#12)",
        "MergeMessageField": "Isi\n\nReviewed-by: A <a@b>",
        "head_commit_id": "a" * 40,
        "delete_branch_after_merge": False,
    }
    manual = {"Do": "manually-merged", "MergeCommitID": "b" * 40}
    assert contract.check_request(op, {}, squash, {}) == []
    assert contract.check_request(op, {}, manual, {}) == []
    snake = {"do": "squash", "merge_title_field": "x", "merge_message_field": "y"}
    assert contract.check_request(op, {}, snake, {})
    assert contract.check_request(op, {}, {"Do": "lurus"}, {})


# -- paging by the spec ------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 10, 50])
@pytest.mark.parametrize("headers", [True, False], ids=["dengan-header", "tanpa-header"])
def test_lists_are_read_whole_whatever_the_page_limit(
    forge: FakeForge, limit: int, headers: bool
) -> None:
    """A file needing the admin's paraf sits on the last page: it must be seen."""
    forge.contract.max_items = limit
    forge.contract.paging_headers = headers
    submission_pull(forge)
    forge.many_files(12, 57)
    forge.files[12].append({"filename": ".github/workflows/merge.yml", "status": "modified"})
    for _ in range(23):
        forge.review(12, "nina", "COMMENTED")
    forge.review(12, "budi-s", "APPROVED")
    api = api_of(forge)
    assert len(api.files(12)) == 58
    assert len(api.reviews(12)) == 24
    assert run_merge(forge, 12) == 1  # the workflow file needs the admin: not merged
    assert landed(forge) == []
    pages = [c for c in forge.calls if c[1].endswith("/files")]
    expected = 1 if forge.github else -(-58 // limit)
    if not forge.github and not headers and 58 % limit == 0:
        expected += 1  # without headers, a full last page needs one empty page after it
    assert len(pages) == 2 * expected  # twice: api.files, then kinerja merge
    if not forge.github:
        assert "getGeneralAPISettings" in forge.contract.seen


@pytest.mark.parametrize("limit", [1, 10, 50])
def test_a_pull_request_of_3001_files_is_never_merged(
    forge: FakeForge, limit: int, capsys: pytest.CaptureFixture[str]
) -> None:
    forge.contract.max_items = limit
    forge.files_cap = 3000  # GitHub's documented cap; Gitea/Forgejo cap too
    submission_pull(forge)
    forge.many_files(12, 3001)
    forge.review(12, "budi-s", "APPROVED")
    before = forge.main_tip()
    assert run_merge(forge, 12) == 3
    err = capsys.readouterr().err
    assert "PR #12 mengubah 3001 berkas" in err and "tidak digabung" in err
    assert "3.000" in err and "Traceback" not in err
    assert landed(forge) == [] and forge.main_tip() == before
    listed = [c for c in forge.calls if c[1].endswith("/files")]
    assert listed == [] if forge.github else len(listed) == -(-3000 // limit)


def test_a_pull_request_of_exactly_3000_files_is_checked_whole(forge: FakeForge) -> None:
    forge.files_cap = 3000
    submission_pull(forge)
    forge.many_files(12, 3000)
    forge.review(12, "budi-s", "APPROVED")
    forge.review(12, "adi-admin", "APPROVED")  # the extra files are the admin's (every path owned)
    assert run_merge(forge, 12) == 0


# -- the merge identity's calls ------------------------------------------------------------


def test_open_pulls_commits_and_mark_merged(forge: FakeForge) -> None:
    forge.contract.max_items = 1
    submission_pull(forge, 12)
    submission_pull(forge, 13)
    forge.pulls[13]["state"] = "closed"
    api = api_of(forge)
    assert [p.number for p in api.open_pulls()] == [12]
    (commit,) = api.pull_commits(12)
    assert commit["sha"] == forge.pulls[12]["head"]["sha"]
    assert commit["author_email"] == "budi@pesisirselatan.go.id" or commit["author_email"]
    assert set(commit) == {
        "sha",
        "author_login",
        "committer_login",
        "author_email",
        "committer_email",
    }
    pull = forge.pulls[12]
    if forge.github:  # the push marks it merged on GitHub: nothing is sent
        api.mark_merged(12, "c" * 40)
        assert pull["merged"] is False and landed(forge) == []
    else:  # sent as documented; Gitea refuses a commit that is not in the base branch
        with pytest.raises(ForgeError, match="HTTP 405"):
            api.mark_merged(12, "c" * 40)
        assert forge.marked == [{"Do": "manually-merged", "MergeCommitID": "c" * 40}]
    assert api.current_user() == "kinerja-bot"


@pytest.mark.parametrize("forge", ["github"], indirect=True)
def test_more_commits_than_github_lists_is_an_error(
    forge: FakeForge, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub lists at most 250 commits of a pull request: a longer one is not cut short."""
    submission_pull(forge)
    (real,) = forge.commits(12)
    many = [{**real, "sha": f"{i:040x}"} for i in range(251)]
    monkeypatch.setattr(forge, "commits", lambda number: many[:250])
    forge.pulls[12]["commits"] = 251
    with pytest.raises(IncompleteList) as cut:
        api_of(forge).pull_commits(12)
    assert (cut.value.total, cut.value.listed) == (251, 250)
    assert "250 dari 251 commit" in str(cut.value)
