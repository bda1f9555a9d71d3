"""The GitHub REST API and the Forgejo/Gitea API, behind one small interface.

Endpoints (documented payloads; only the fields used here are read):

* GitHub: ``GET /repos/{o}/{r}/pulls/{n}``, ``.../reviews``, ``.../files`` (``per_page``/``page``)
  and ``PUT .../merge`` with ``merge_method=squash``, ``commit_title``, ``commit_message`` and
  ``sha`` (the head the approvals were checked against; GitHub refuses with 409 if it moved).
* Forgejo/Gitea: ``GET /api/v1/repos/{o}/{r}/pulls/{n}``, ``.../reviews``, ``.../files``
  (``limit``/``page``) and ``POST .../merge`` with ``Do=squash``, ``MergeTitleField``,
  ``MergeMessageField`` and ``head_commit_id`` (same guard).

The merge identity (``kinerja merge`` writes the landing itself, see ``forge/landing.py``) needs
three more: the open pull requests (``GET .../pulls?state=open``), the commits of one
(``GET .../pulls/{n}/commits``) and, on Forgejo/Gitea only, telling the forge that a pushed
commit merged it: ``POST .../pulls/{n}/merge`` with ``Do=manually-merged`` and
``MergeCommitID`` (``MergePullRequestOption`` in Gitea's swagger; newer Gitea also accepts the
lower-case ``do``/``merge_commit_id``). GitHub marks the pull request merged by itself when its
head becomes part of the base branch.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from kinerja.forge import models
from kinerja.forge.http import ForgeError, JsonClient
from kinerja.forge.models import ChangedFile, PullRequest, Review

GITHUB = "github"
FORGEJO = "forgejo"
GITEA = "gitea"
KINDS = (GITHUB, FORGEJO, GITEA)

_GITEA_STATES = {
    "APPROVED": models.APPROVED,
    "REQUEST_CHANGES": models.CHANGES_REQUESTED,
    "COMMENT": models.COMMENTED,
    "PENDING": models.PENDING,
    "REQUEST_REVIEW": models.PENDING,
}


class Forge(Protocol):
    kind: str

    def pull(self, number: int) -> PullRequest: ...
    def reviews(self, number: int) -> list[Review]: ...
    def files(self, number: int) -> list[ChangedFile]: ...
    def merge(self, number: int, *, title: str, message: str, head_sha: str) -> str | None: ...
    def open_pulls(self) -> list[PullRequest]: ...
    def pull_commits(self, number: int) -> list[dict[str, str]]: ...
    def mark_merged(self, number: int, sha: str) -> None: ...


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ForgeError(f"Jawaban forge untuk {what} tidak dikenali.")
    return value


def _pull(payload: Any, number: int) -> PullRequest:
    data = _object(payload, f"PR #{number}")
    user = data.get("user") or {}
    head = data.get("head") or {}
    base = data.get("base") or {}
    base_repo = base.get("repo") or {} if isinstance(base, Mapping) else {}
    created = _time(data.get("created_at"))
    if created is None or not head.get("sha"):
        raise ForgeError(f"Jawaban forge untuk PR #{number} tidak memuat created_at/head.sha.")
    return PullRequest(
        number=int(data.get("number", number)),
        title=str(data.get("title") or ""),
        body=str(data.get("body") or ""),
        author=str(user.get("login") or ""),
        author_name=str(user.get("full_name") or user.get("name") or user.get("login") or ""),
        created_at=created,
        head_sha=str(head["sha"]),
        html_url=str(data.get("html_url") or ""),
        state=str(data.get("state") or "open"),
        merged=bool(data.get("merged")),
        draft=bool(data.get("draft")),
        merge_commit_sha=data.get("merge_commit_sha") or None,
        base_ref=str(base.get("ref") or "") if isinstance(base, Mapping) else "",
        default_branch=str(base_repo.get("default_branch") or "")
        if isinstance(base_repo, Mapping)
        else "",
    )


class _Paged:
    """What GitHub and Forgejo/Gitea share: paging, and the changed-files payload (same keys)."""

    kind: str
    client: JsonClient
    page_size: int
    size_param: str
    prefix: str

    def _all(self, path: str, query: Mapping[str, str] | None = None) -> list[Any]:
        items: list[Any] = []
        for page in range(1, 1000):
            chunk = self.client.request(
                "GET", path, query={**(query or {}), self.size_param: self.page_size, "page": page}
            )
            if not isinstance(chunk, list) or not all(isinstance(i, Mapping) for i in chunk):
                raise ForgeError(f"Jawaban forge untuk {path} bukan daftar objek.")
            items += chunk
            if len(chunk) < self.page_size:
                break
        return items

    def files(self, number: int) -> list[ChangedFile]:
        out = []
        for item in self._all(f"{self.prefix}/{number}/files"):
            if not item.get("filename"):
                raise ForgeError(f"Jawaban forge untuk berkas PR #{number} tanpa filename.")
            out.append(
                ChangedFile(
                    path=str(item["filename"]),
                    status=str(item.get("status") or ""),
                    previous_path=item.get("previous_filename") or None,
                )
            )
        return out

    # -- the merge identity's calls (kinerja merge writes the landing itself) ----------------
    # Kept in one block: open pull requests, the commits of one, and "it is merged".

    def open_pulls(self) -> list[PullRequest]:
        """Every open pull request, oldest first (the order the office handed them in)."""
        items = self._all(self.prefix, {"state": "open"})
        pulls = [_pull(item, int(item.get("number") or 0)) for item in items]
        return sorted(pulls, key=lambda p: (p.created_at, p.number))

    def pull_commits(self, number: int) -> list[dict[str, str]]:
        """The commits of PR ``number``: sha, forge logins and Git e-mails of author and
        committer (an empty string where the forge knows no account)."""
        out = []
        for item in self._all(f"{self.prefix}/{number}/commits"):
            commit = item.get("commit") or {}
            out.append(
                {
                    "sha": str(item.get("sha") or ""),
                    "author_login": str((item.get("author") or {}).get("login") or ""),
                    "committer_login": str((item.get("committer") or {}).get("login") or ""),
                    "author_email": str((commit.get("author") or {}).get("email") or ""),
                    "committer_email": str((commit.get("committer") or {}).get("email") or ""),
                }
            )
        return out

    def mark_merged(self, number: int, sha: str) -> None:
        """Tell the forge that ``sha`` (already pushed to the base branch) merged PR ``number``.

        GitHub needs nothing: a pull request whose head is in the base branch shows as merged.
        """
        if self.kind == GITHUB:
            return
        self.client.request(
            "POST",
            f"{self.prefix}/{number}/merge",
            body={"Do": "manually-merged", "MergeCommitID": sha},
        )

    # -- end of the merge identity's calls ---------------------------------------------------


class GitHubForge(_Paged):
    kind = GITHUB
    page_size = 100
    size_param = "per_page"

    def __init__(self, api_url: str, owner: str, repo: str, token: str | None) -> None:
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "kinerja-merge",
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.client = JsonClient(api_url, headers, has_token=bool(token))
        self.prefix = f"/repos/{owner}/{repo}/pulls"

    def pull(self, number: int) -> PullRequest:
        return _pull(self.client.request("GET", f"{self.prefix}/{number}"), number)

    def reviews(self, number: int) -> list[Review]:
        out = []
        for item in self._all(f"{self.prefix}/{number}/reviews"):
            user = item.get("user") or {}
            out.append(
                Review(
                    login=str(user.get("login") or ""),
                    name=str(user.get("name") or user.get("login") or ""),
                    email=user.get("email") or None,
                    state=str(item.get("state") or "").upper(),
                    commit_id=str(item.get("commit_id") or ""),
                    submitted_at=_time(item.get("submitted_at")),
                )
            )
        return out

    def merge(self, number: int, *, title: str, message: str, head_sha: str) -> str | None:
        result = self.client.request(
            "PUT",
            f"{self.prefix}/{number}/merge",
            body={
                "merge_method": "squash",
                "commit_title": title,
                "commit_message": message,
                "sha": head_sha,
            },
        )
        if isinstance(result, Mapping) and result.get("merged") is False:
            raise ForgeError(f"Forge tidak menggabungkan PR #{number}: {result.get('message')}")
        return str(result["sha"]) if isinstance(result, Mapping) and result.get("sha") else None


class GiteaForge(_Paged):
    """Forgejo and Gitea share this API."""

    page_size = 50
    size_param = "limit"

    def __init__(
        self, api_url: str, owner: str, repo: str, token: str | None, kind: str = GITEA
    ) -> None:
        headers = {"Accept": "application/json", "User-Agent": "kinerja-merge"}
        if token:
            headers["Authorization"] = f"token {token}"
        self.kind = kind
        self.client = JsonClient(api_url, headers, has_token=bool(token))
        self.prefix = f"/repos/{owner}/{repo}/pulls"

    def pull(self, number: int) -> PullRequest:
        return _pull(self.client.request("GET", f"{self.prefix}/{number}"), number)

    def reviews(self, number: int) -> list[Review]:
        out = []
        for item in self._all(f"{self.prefix}/{number}/reviews"):
            user = item.get("user") or {}
            state = _GITEA_STATES.get(str(item.get("state") or "").upper(), models.PENDING)
            if item.get("dismissed"):
                state = models.DISMISSED
            out.append(
                Review(
                    login=str(user.get("login") or ""),
                    name=str(user.get("full_name") or user.get("login") or ""),
                    email=user.get("email") or None,
                    state=state,
                    commit_id=str(item.get("commit_id") or ""),
                    submitted_at=_time(item.get("submitted_at")),
                    stale=bool(item.get("stale")),
                )
            )
        return out

    def merge(self, number: int, *, title: str, message: str, head_sha: str) -> str | None:
        self.client.request(
            "POST",
            f"{self.prefix}/{number}/merge",
            body={
                "Do": "squash",
                "MergeTitleField": title,
                "MergeMessageField": message,
                "head_commit_id": head_sha,
                "delete_branch_after_merge": False,
            },
        )
        return self.pull(number).merge_commit_sha  # the merge call itself returns no body


def make_forge(kind: str, api_url: str, owner: str, repo: str, token: str | None) -> Forge:
    if kind == GITHUB:
        return GitHubForge(api_url, owner, repo, token)
    if kind in (FORGEJO, GITEA):
        return GiteaForge(api_url, owner, repo, token, kind)
    raise ForgeError(f"Jenis forge tidak dikenal: {kind!r} (pilih github, forgejo atau gitea).")
