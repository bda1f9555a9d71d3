"""What the merge needs from a forge, in one shape for GitHub and Forgejo/Gitea payloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

APPROVED = "APPROVED"
CHANGES_REQUESTED = "CHANGES_REQUESTED"
COMMENTED = "COMMENTED"
DISMISSED = "DISMISSED"
PENDING = "PENDING"


@dataclass(frozen=True, slots=True)
class PullRequest:
    number: int
    title: str
    body: str
    author: str  # forge handle
    author_name: str
    created_at: datetime  # when the forge says the PR was opened: the hand-in time
    head_sha: str
    html_url: str
    state: str  # open | closed
    merged: bool = False
    draft: bool = False
    merge_commit_sha: str | None = None
    base_ref: str = ""  # the branch the pull request asks to merge into
    default_branch: str = ""  # the base repository's default branch, as the forge reports it
    changed_files: int | None = None  # as the forge counts them (both forges report it)
    commits: int | None = None  # GitHub only


@dataclass(frozen=True, slots=True)
class Review:
    login: str
    name: str
    email: str | None
    state: str  # APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED | PENDING
    commit_id: str
    submitted_at: datetime | None
    stale: bool = False  # Forgejo/Gitea: the forge itself marked it out of date


@dataclass(frozen=True, slots=True)
class ChangedFile:
    path: str
    status: str
    previous_path: str | None = None
