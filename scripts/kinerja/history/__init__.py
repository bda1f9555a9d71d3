"""The audit history, read from Git in one pass (DESIGN.md sections 4-5).

Developer note: how merges are read
===================================

``read_history`` runs one ``git log`` over every commit reachable from HEAD (no pathspec, so
the parent graph is whole and no commit is compared twice; ``--diff-merges=first-parent``;
``--name-status -M`` for renames; ``-z``) and parses the stream in Python as it arrives,
dropping changes outside ``submissions/`` and ``docs/sop/`` and parsing the trailers of the
commits that touch them, so that this work overlaps Git's. It does not use ``--first-parent``
as a Git option: the main line is rebuilt from the parents instead, because a merge commit's
branch commits are needed to name who wrote the data. Only other Git calls: ``rev-parse``
(shallow guard, HEAD) and, when SOP files changed, one ``cat-file --batch`` for their versions.

The unit of the history is a *landing*, an arrival on the main line (``landings.py``):

* Merge commit: the merge is the landing. Its first-parent diff is what the pull request
  changed; its trailers (Forgejo/Gitea write ``Reviewed-on``/``Reviewed-by``) are the
  approvals; the author of a file is the author of the newest branch commit that touched it;
  the merger is the merge commit's author.
* Squash merge (our ``kinerja merge``, Forgejo/Gitea/GitHub squash): one commit carrying the
  trailers, or at least a ``(#n)`` reference. Its author is the pull request's author.
* Rebase merge: several rewritten commits with no trailers. Runs of them (same committer,
  within two minutes, rewritten) form one landing on the last commit, with their changes
  composed, so a rebased pull request is one hand-in, not a hand-in plus "revisions". It has no
  paraf and is shown so: only a merge that writes trailers records approvals.
* Direct push: any other commit; shown, marked *tanpa paraf*.

Times: the author time is set by the client and never used for deadlines. The trusted time of
data is the ``Opened-at`` trailer (when the pull request was opened, as the forge reported it
to ``kinerja merge``), else the landing commit's committer time, which is the forge's clock when
the forge merges. Approvals and SOP revisions take the merge time.

Trust: trailers are as trustworthy as the way ``main`` is written. Protect the branch so that
only the forge's merge (or ``kinerja merge``) writes it; ``kinerja merge`` quotes trailer-like
lines of the pull request body (``trailers.neutralise``) so a unit cannot forge a paraf. With a
forge's default squash message, the commit messages of the branch are copied in; a forged
trailer there is only read if it sits in the trailing trailer paragraphs.

A shallow clone raises :class:`ShallowRepositoryError` ("fetch-depth: 0") instead of being read
as a short history.
"""

from kinerja.history.errors import (
    GitCommandError,
    HistoryError,
    NotARepositoryError,
    ShallowRepositoryError,
)
from kinerja.history.events import Arrival, Event, EventKind
from kinerja.history.gitlog import Change, Commit
from kinerja.history.landings import Landing, MergeStyle
from kinerja.history.paths import FileKind, PathInfo, classify
from kinerja.history.people import (
    OrganisationError,
    Person,
    Roster,
    Rules,
    load_roster,
    roster_from_mapping,
    roster_from_organisation,
)
from kinerja.history.reader import History, read_history
from kinerja.history.trailers import Identity, Trailers, parse_trailers

__all__ = [
    "Arrival",
    "Change",
    "Commit",
    "Event",
    "EventKind",
    "FileKind",
    "GitCommandError",
    "History",
    "HistoryError",
    "Identity",
    "Landing",
    "MergeStyle",
    "NotARepositoryError",
    "OrganisationError",
    "PathInfo",
    "Person",
    "Roster",
    "Rules",
    "ShallowRepositoryError",
    "Trailers",
    "classify",
    "load_roster",
    "parse_trailers",
    "read_history",
    "roster_from_mapping",
    "roster_from_organisation",
]
