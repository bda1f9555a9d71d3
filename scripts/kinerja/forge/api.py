"""The GitHub REST API and the Forgejo/Gitea API, behind one small interface.

Every endpoint called here is listed, with its operation in the published descriptions, in
:mod:`kinerja.forge.endpoints`; lists are read as :mod:`kinerja.forge.paging` says. Only the
fields used are read from the payloads.

* GitHub: ``PUT .../pulls/{n}/merge`` with ``merge_method=squash``, ``commit_title``,
  ``commit_message`` and ``sha`` (the head the approvals were checked against; GitHub refuses
  with 409 if it moved).
* Forgejo/Gitea (``MergePullRequestOption``, the same in both descriptions): ``POST
  .../pulls/{n}/merge`` with ``Do=squash``, ``MergeTitleField``, ``MergeMessageField`` and
  ``head_commit_id`` (same guard); :meth:`GiteaForge.mark_merged` sends
  ``Do=manually-merged`` with ``MergeCommitID``.

The merge identity (``kinerja merge`` writes the landing itself, see ``forge/landing.py``)
lists the open pull requests, reads the commits of one, and on Forgejo/Gitea tells the forge
that a pushed commit merged it (GitHub marks it merged by itself when its head becomes part of
the base branch).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from kinerja.forge import models
from kinerja.forge.endpoints import GITHUB_API_VERSION
from kinerja.forge.http import ForgeError, JsonClient
from kinerja.forge.models import ChangedFile, PullRequest, Review
from kinerja.forge.paging import Pager

GITHUB = "github"
FORGEJO = "forgejo"
GITEA = "gitea"
KINDS = (GITHUB, FORGEJO, GITEA)
#: GitHub lists at most this many changed files of a pull request (``pulls/list-files``) and
#: this many commits (``pulls/list-commits``).
GITHUB_FILES_CAP = 3000
GITHUB_COMMITS_CAP = 250


class IncompleteList(ForgeError):
    """The forge cannot list all of what a pull request holds (over its cap)."""

    def __init__(self, message: str, *, total: int, listed: int) -> None:
        super().__init__(message)
        self.total = total
        self.listed = listed


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
    def current_user(self) -> str: ...


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None  # no zone is guessed


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
        changed_files=_count(data.get("changed_files")),
        commits=_count(data.get("commits")),
    )


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _login(value: Any) -> str:
    return str(value.get("login") or "") if isinstance(value, Mapping) else ""


def _commit(item: Mapping[str, Any]) -> dict[str, str]:
    """One commit of a pull request: the same keys from GitHub's and Gitea's payloads."""
    inner = _mapping(item.get("commit"))
    author = _mapping(inner.get("author"))
    committer = _mapping(inner.get("committer"))
    return {
        "sha": str(item.get("sha") or ""),
        "author_login": _login(item.get("author")),
        "committer_login": _login(item.get("committer")),
        "author_email": str(author.get("email") or ""),
        "committer_email": str(committer.get("email") or ""),
    }


class _Paged:
    """What GitHub and Forgejo/Gitea share: paging, and the payloads with the same keys."""

    kind: str
    client: JsonClient
    pager: Pager
    prefix: str

    def _all(self, path: str, query: Mapping[str, str | int] | None = None) -> list[Any]:
        return self.pager.all(path, query).items

    def pull(self, number: int) -> PullRequest:
        return _pull(self.client.request("GET", f"{self.prefix}/{number}"), number)

    def open_pulls(self) -> list[PullRequest]:
        """Every open pull request, oldest first (the order the office handed them in)."""
        items = self._all(self.prefix, {"state": "open"})
        pulls = [_pull(item, int(item.get("number") or 0)) for item in items]
        return sorted(pulls, key=lambda p: (p.created_at or _EPOCH, p.number))

    def current_user(self) -> str:
        """The login of the token's own account (``GET /user``)."""
        login = _login(self.client.request("GET", "/user"))
        if not login:
            raise ForgeError("Jawaban forge untuk GET /user tidak memuat login.")
        return login

    def files(self, number: int) -> list[ChangedFile]:
        listing = self.pager.all(f"{self.prefix}/{number}/files")
        if listing.total is not None and listing.total > len(listing.items):
            raise IncompleteList(
                f"Forge hanya mendaftar {len(listing.items)} dari {listing.total} berkas PR "
                f"#{number}.",
                total=listing.total,
                listed=len(listing.items),
            )
        out = []
        for item in listing.items:
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


class GitHubForge(_Paged):
    kind = GITHUB

    def __init__(self, api_url: str, owner: str, repo: str, token: str | None) -> None:
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": GITHUB_API_VERSION,
            "User-Agent": "kinerja-merge",
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.client = JsonClient(api_url, headers, has_token=bool(token))
        self.pager = Pager(self.client, github=True)
        self.prefix = f"/repos/{owner}/{repo}/pulls"

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

    def pull_commits(self, number: int) -> list[dict[str, str]]:
        """The pull request's commits; GitHub lists at most 250, so a longer one is refused."""
        items = self._all(f"{self.prefix}/{number}/commits")
        if len(items) >= GITHUB_COMMITS_CAP:
            total = self.pull(number).commits
            if total is not None and total > len(items):
                raise IncompleteList(
                    f"GitHub hanya mendaftar {len(items)} dari {total} commit PR #{number} "
                    f"(batas {GITHUB_COMMITS_CAP}).",
                    total=total,
                    listed=len(items),
                )
        return [_commit(item) for item in items]

    def mark_merged(self, number: int, sha: str) -> None:
        """Nothing to do: pushing the merge commit to the base branch marks it merged."""


class GiteaForge(_Paged):
    """Forgejo and Gitea share this API."""

    def __init__(
        self, api_url: str, owner: str, repo: str, token: str | None, kind: str = GITEA
    ) -> None:
        headers = {"Accept": "application/json", "User-Agent": "kinerja-merge"}
        if token:
            headers["Authorization"] = f"token {token}"
        self.kind = kind
        self.client = JsonClient(api_url, headers, has_token=bool(token))
        self.pager = Pager(self.client, github=False)
        self.prefix = f"/repos/{owner}/{repo}/pulls"

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

    def pull_commits(self, number: int) -> list[dict[str, str]]:
        query = {"verification": "false", "files": "false"}  # cheaper; not read here
        return [_commit(item) for item in self._all(f"{self.prefix}/{number}/commits", query)]

    def mark_merged(self, number: int, sha: str) -> None:
        """Tell the forge that ``sha``, already pushed to the base branch, merged the PR."""
        self.client.request(
            "POST",
            f"{self.prefix}/{number}/merge",
            body={"Do": "manually-merged", "MergeCommitID": sha},
        )


def make_forge(kind: str, api_url: str, owner: str, repo: str, token: str | None) -> Forge:
    if kind == GITHUB:
        return GitHubForge(api_url, owner, repo, token)
    if kind in (FORGEJO, GITEA):
        return GiteaForge(api_url, owner, repo, token, kind)
    raise ForgeError(f"Jenis forge tidak dikenal: {kind!r} (pilih github, forgejo atau gitea).")
