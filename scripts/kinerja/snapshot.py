"""Everything the presenters need, computed once: files, history, statuses and the recap.

The CLI's ``status``/``recap`` and the site read the same :class:`Snapshot`, so a figure on the
site is the figure in the terminal. This is the one place that touches disk and Git for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja.codes import make
from kinerja.gitfiles import is_partial_clone
from kinerja.history import History, HistoryError, ShallowRepositoryError
from kinerja.history.errors import AnchorMismatchError
from kinerja.history.people import roster_from_organisation
from kinerja.history.reader import Landed, derive_history, read_landings
from kinerja.model.layout import SOP_DIR, SUBMISSIONS
from kinerja.model.repository import Tracker, load_tracker
from kinerja.status import PeriodState, derive_states
from kinerja.timing import WorkCalendar
from kinerja.timing.zone import Zone

if TYPE_CHECKING:
    from kinerja.recap import Recap


#: The paths whose content the tracker reads (and the trust rule may replace).
DATA_PREFIXES = (f"{SUBMISSIONS}/", f"{SOP_DIR}/")


class IncompleteHistoryError(Exception):
    """A shallow or partial clone: a cut history would read as "every period open, every unit
    late", so no status, page or figure is derived from it (issue 11). A folder without Git at
    all is not this error: it has no history to misread, and every page says so.

    ``str(error)`` is the Indonesian message with the hint (it names ``fetch-depth: 0``)."""

    def __init__(self, root: Path) -> None:
        finding = make("history-shallow", str(root))
        self.code = finding.code
        super().__init__(f"{finding.message} {finding.hint} [{finding.code}]")


class UntrustedHistoryError(IncompleteHistoryError):
    """The main line's anchor is not the one the office pinned (``KINERJA_JANGKAR``): refused
    like a cut history, with the reason."""

    def __init__(self, root: Path, message: str) -> None:
        finding = make("history-anchor", str(root), detail=message)
        self.code = finding.code
        Exception.__init__(self, f"{finding.message} {finding.hint} [{finding.code}]")


@dataclass
class Snapshot:
    tracker: Tracker
    history: History
    history_error: str | None
    calendar: WorkCalendar
    now: datetime
    states: dict[str, PeriodState]
    sop_path: str | None
    sop: Mapping[str, Any] | None
    _recap: Recap | None = None
    _schemas: dict[str, dict[str, Any]] | None = None
    #: Whether the stages after it may use the caches (the site's artefact cache).
    use_cache: bool = True

    @property
    def zone(self) -> Zone:
        """The office zone and its label (WIB, WITA, WIT) for every time the pages show."""
        return Zone.of(self.calendar.zone)

    @property
    def opener(self) -> str:
        """Who opens a period, named from the SOP lanes and organisasi.yml (never in code)."""
        from kinerja.model.roles import opener

        config = self.tracker.config
        return opener(config.organisation if config else None, self.sop)

    @property
    def schemas(self) -> dict[str, dict[str, Any]]:
        """The office repository's JSON Schemas (its ``schema/``, else the package's)."""
        if self._schemas is None:
            from kinerja.resources import office_schemas

            self._schemas = office_schemas(self.tracker.root)
        return self._schemas

    @property
    def guide_pictures(self) -> frozenset[str]:
        """The pictures the office keeps for its Panduan (``docs/panduan/gambar/*.png``): the
        guides show a picture only when the office has made it from its own site."""
        folder = self.tracker.root / "docs" / "panduan" / "gambar"
        if not folder.is_dir():
            return frozenset()
        return frozenset(p.name for p in folder.iterdir() if p.suffix in (".png", ".jpg"))

    @property
    def recap(self) -> Recap:
        if self._recap is None:
            self._recap = compute_recap(self.tracker)
        return self._recap


def workflow_sop(tracker: Tracker) -> tuple[str | None, Mapping[str, Any] | None]:
    """The SOP that drives the period workflow: ``pengaturan.sop_alur_kerja``, else the only
    one whose activities name workflow steps (none when two do: validate says so)."""
    from kinerja.model.sop import choose_workflow_sop
    from kinerja.model.workflow import WORKFLOW_KEY

    settings = tracker.config.settings.raw if tracker.config else {}
    configured = settings.get(WORKFLOW_KEY)
    return choose_workflow_sop(tracker.sops, str(configured) if configured else None)


def compute_recap(tracker: Tracker) -> Recap:
    from kinerja.recap import build_recap

    settings = tracker.config.settings if tracker.config else None
    bands = list(settings.raw.get("predikat", [])) if settings else []
    return build_recap(
        tracker.indicator_data.get("indikator", []),
        tracker.requests(),
        [(s.path, s.data) for s in tracker.submissions()],
        bands,
        dokumen_indikator=settings.raw.get("dokumen_indikator") if settings else None,
    )


def load_trusted(
    root: Path,
    *,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Tracker, Landed | None, str | None]:
    """The tracker as the trust rule lets it count: files an unverified landing wrote are read
    in their last verified version, or left out (``docs/dev/trust.md``). Also returns the main
    line read for it (for the history) and the reason it could not be read, if so (a folder
    without Git counts as it is)."""
    error = None
    base: Landed | None = None
    if is_partial_clone(root):
        raise IncompleteHistoryError(root)
    try:
        base = read_landings(root, use_cache=use_cache)
    except ShallowRepositoryError as exc:
        raise IncompleteHistoryError(root) from exc
    except AnchorMismatchError as exc:
        raise UntrustedHistoryError(root, str(exc)) from exc
    except HistoryError as exc:  # no Git at all: a folder has no history to misread
        error = str(exc)
    overlay = base.trusted_content(DATA_PREFIXES) if base is not None else {}
    tracker = load_tracker(root, use_cache=use_cache, progress=progress, overlay=overlay)
    return tracker, base, error


def take_snapshot(
    root: Path,
    *,
    now: datetime | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Snapshot:
    """Read everything once. The order follows the trust rule: the main line is read and judged
    first, so that the files (and the configuration that matches people to roles) are read in
    their trusted version: content written by an unverified change never counts."""
    tracker, base, error = load_trusted(root, use_cache=use_cache, progress=progress)
    settings = tracker.config.settings.raw if tracker.config else {}
    calendar = WorkCalendar.from_config(settings)
    moment = now or datetime.now(calendar.zone)
    roster = roster_from_organisation(tracker.config.organisation) if tracker.config else None
    history = derive_history(base, roster) if base is not None else History(repo=root, head=None)
    sop_path, sop = workflow_sop(tracker)
    states = derive_states(tracker, history, calendar, moment, sop)
    return Snapshot(
        tracker, history, error, calendar, moment, states, sop_path, sop, use_cache=use_cache
    )
