"""Every forge endpoint the client calls, with its place in the published API descriptions.

This table is the one list: the client names its calls by the keys below, the script
``tests/contracts/extract.py`` keeps exactly these operations from the published descriptions
(``tests/contracts/*.json``), and the contract tests fail when the client sends a request that
matches no operation kept there. Adding a call means adding a row here and re-running the
extraction.

Descriptions (see ``tests/contracts/README.md`` for the sources and versions):

* GitHub: ``github/rest-api-description``, REST API version ``2022-11-28`` (the version the
  client asks for in the ``X-GitHub-Api-Version`` header); paths are relative to the API base
  (``https://api.github.com`` or ``https://HOST/api/v3``);
* Gitea and Forgejo: ``templates/swagger/v1_json.tmpl`` of each; paths are relative to
  ``/api/v1``. The two share operation ids and paths for everything listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The REST API version asked of GitHub (header ``X-GitHub-Api-Version``).
GITHUB_API_VERSION = "2022-11-28"


@dataclass(frozen=True, slots=True)
class Operation:
    method: str  # upper case
    path: str  # templated as in the description, e.g. /repos/{owner}/{repo}/pulls/{index}
    operation_id: str


@dataclass(frozen=True, slots=True)
class Endpoint:
    key: str
    why: str
    github: Operation | None
    gitea: Operation | None  # Gitea and Forgejo alike


def _gh(method: str, path: str, operation_id: str) -> Operation:
    return Operation(method, path, operation_id)


_R = "/repos/{owner}/{repo}"

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "user",
        "the token's own account: only its comments' hidden markers are trusted",
        _gh("GET", "/user", "users/get-authenticated"),
        _gh("GET", "/user", "userGetCurrent"),
    ),
    Endpoint(
        "api-settings",
        "the server's page size limit (max_response_items)",
        None,
        _gh("GET", "/settings/api", "getGeneralAPISettings"),
    ),
    Endpoint(
        "pull",
        "a pull request: head, state, opening time, number of changed files",
        _gh("GET", _R + "/pulls/{pull_number}", "pulls/get"),
        _gh("GET", _R + "/pulls/{index}", "repoGetPullRequest"),
    ),
    Endpoint(
        "pulls",
        "the open pull requests",
        _gh("GET", _R + "/pulls", "pulls/list"),
        _gh("GET", _R + "/pulls", "repoListPullRequests"),
    ),
    Endpoint(
        "pull-reviews",
        "reviews: the paraf and the signature",
        _gh("GET", _R + "/pulls/{pull_number}/reviews", "pulls/list-reviews"),
        _gh("GET", _R + "/pulls/{index}/reviews", "repoListPullReviews"),
    ),
    Endpoint(
        "pull-files",
        "the changed files, to know which paraf are required",
        _gh("GET", _R + "/pulls/{pull_number}/files", "pulls/list-files"),
        _gh("GET", _R + "/pulls/{index}/files", "repoGetPullRequestFiles"),
    ),
    Endpoint(
        "pull-commits",
        "the commits of a pull request, with who wrote and pushed them",
        _gh("GET", _R + "/pulls/{pull_number}/commits", "pulls/list-commits"),
        _gh("GET", _R + "/pulls/{index}/commits", "repoGetPullRequestCommits"),
    ),
    Endpoint(
        "pull-merge",
        "squash-merge (merge), or on Gitea/Forgejo mark as merged by hand (mark_merged)",
        _gh("PUT", _R + "/pulls/{pull_number}/merge", "pulls/merge"),
        _gh("POST", _R + "/pulls/{index}/merge", "repoMergePullRequest"),
    ),
    Endpoint(
        "pull-create",
        "propose a request file as a pull request",
        _gh("POST", _R + "/pulls", "pulls/create"),
        _gh("POST", _R + "/pulls", "repoCreatePullRequest"),
    ),
    Endpoint(
        "issues",
        "the issues written by the bot account",
        _gh("GET", _R + "/issues", "issues/list-for-repo"),
        _gh("GET", _R + "/issues", "issueListIssues"),
    ),
    Endpoint(
        "issue-create",
        "one issue per unit asked for data",
        _gh("POST", _R + "/issues", "issues/create"),
        _gh("POST", _R + "/issues", "issueCreateIssue"),
    ),
    Endpoint(
        "issue-edit",
        "rewrite, close or reopen an issue",
        _gh("PATCH", _R + "/issues/{issue_number}", "issues/update"),
        _gh("PATCH", _R + "/issues/{index}", "issueEditIssue"),
    ),
    Endpoint(
        "issue-comments",
        "the comments of an issue (Gitea/Forgejo: not paged)",
        _gh("GET", _R + "/issues/{issue_number}/comments", "issues/list-comments"),
        _gh("GET", _R + "/issues/{index}/comments", "issueGetComments"),
    ),
    Endpoint(
        "issue-comment",
        "reminders and change notices",
        _gh("POST", _R + "/issues/{issue_number}/comments", "issues/create-comment"),
        _gh("POST", _R + "/issues/{index}/comments", "issueCreateComment"),
    ),
    Endpoint(
        "label",
        "the label of the bot's issues",
        _gh("GET", _R + "/labels/{name}", "issues/get-label"),
        _gh("GET", _R + "/labels", "issueListLabels"),
    ),
    Endpoint(
        "label-create",
        "create that label once",
        _gh("POST", _R + "/labels", "issues/create-label"),
        _gh("POST", _R + "/labels", "issueCreateLabel"),
    ),
    Endpoint(
        "branch",
        "the base branch's head, to branch a proposal from (GitHub)",
        _gh("GET", _R + "/git/ref/{ref}", "git/get-ref"),
        None,
    ),
    Endpoint(
        "branch-create",
        "the proposal's branch (GitHub; Gitea/Forgejo create it with the file)",
        _gh("POST", _R + "/git/refs", "git/create-ref"),
        None,
    ),
    Endpoint(
        "contents",
        "whether the proposed file exists already, and its blob sha",
        _gh("GET", _R + "/contents/{path}", "repos/get-content"),
        _gh("GET", _R + "/contents/{filepath}", "repoGetContents"),
    ),
    Endpoint(
        "contents-create",
        "a new file (Gitea/Forgejo: POST creates only)",
        _gh("PUT", _R + "/contents/{path}", "repos/create-or-update-file-contents"),
        _gh("POST", _R + "/contents/{filepath}", "repoCreateFile"),
    ),
    Endpoint(
        "contents-update",
        "an existing file, with its blob sha",
        _gh("PUT", _R + "/contents/{path}", "repos/create-or-update-file-contents"),
        _gh("PUT", _R + "/contents/{filepath}", "repoUpdateFile"),
    ),
)

BY_KEY = {e.key: e for e in ENDPOINTS}


def operations(flavour: str) -> list[Operation]:
    """The operations of ``github`` or ``gitea`` (Forgejo too), without duplicates."""
    out: list[Operation] = []
    for endpoint in ENDPOINTS:
        op = endpoint.github if flavour == "github" else endpoint.gitea
        if op is not None and op not in out:
            out.append(op)
    return out
