"""Events of the audit history, derived from landings (see :mod:`kinerja.history.landings`).

Times: every event keeps the author time (set by the client: shown, never used for deadlines),
the merge time (committer time of the landing commit) and, when the merge wrote it, the time the
pull request was opened (``Opened-at``). ``Event.time``, the *trusted* time, is:

* for data (request, submission, analysis, revisions, deletions): ``Opened-at`` when present,
  since that is when the unit handed its data in, else the merge time;
* for paraf, signature and SOP events: the merge time, when the approval took effect.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from kinerja.history import sop
from kinerja.history.gitlog import Change, Commit
from kinerja.history.landings import Landing, MergeStyle, pull_number, trailers_of
from kinerja.history.paths import FileKind, PathInfo, classify
from kinerja.history.people import Person, Roster, Rules
from kinerja.history.trailers import Identity
from kinerja.history.trust import Verdict
from kinerja.history.wib import stamp_as_written


class EventKind(enum.StrEnum):
    PERMINTAAN_DITERBITKAN = "permintaan-diterbitkan"
    DATA_DITERIMA = "data-diterima"
    ANALISIS_DISAMPAIKAN = "analisis-disampaikan"
    DIREVISI = "direvisi"
    DIHAPUS = "dihapus"
    PARAF = "paraf"
    DISAHKAN = "disahkan"
    SOP_DITETAPKAN = "sop-ditetapkan"
    SOP_DIUBAH = "sop-diubah"
    SOP_DIREVISI = "sop-direvisi"
    DATA_ACUAN_DIPERBARUI = "data-acuan-diperbarui"
    BERKAS_DIPERBARUI = "berkas-diperbarui"
    TIDAK_TERVERIFIKASI = "tidak-terverifikasi"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_approval(self) -> bool:
        return self in (EventKind.PARAF, EventKind.DISAHKAN)


_LABELS = {
    EventKind.PERMINTAAN_DITERBITKAN: "Permintaan data diterbitkan",
    EventKind.DATA_DITERIMA: "Data diterima",
    EventKind.ANALISIS_DISAMPAIKAN: "Analisis disampaikan",
    EventKind.DIREVISI: "Direvisi",
    EventKind.DIHAPUS: "Dihapus",
    EventKind.PARAF: "Paraf",
    EventKind.DISAHKAN: "Disahkan (tanda tangan)",
    EventKind.SOP_DITETAPKAN: "SOP ditetapkan",
    EventKind.SOP_DIUBAH: "SOP diubah (sebelum berlaku)",
    EventKind.SOP_DIREVISI: "SOP direvisi",
    EventKind.DATA_ACUAN_DIPERBARUI: "Data acuan diperbarui",
    EventKind.BERKAS_DIPERBARUI: "Berkas diperbarui",
    EventKind.TIDAK_TERVERIFIKASI: "Perubahan tidak terverifikasi",
}

_NO_RULES = Rules()
WITHOUT_PARAF = "Paraf belum tercatat pada penggabungan ini"

_FIRST_KIND = {
    FileKind.PERMINTAAN: EventKind.PERMINTAAN_DITERBITKAN,
    FileKind.SUBMISI: EventKind.DATA_DITERIMA,
    FileKind.ANALISIS: EventKind.ANALISIS_DISAMPAIKAN,
}


# Arrival and Event are immutable named tuples rather than frozen dataclasses: a long history
# makes tens of thousands of events, and a tuple costs a fraction of a frozen dataclass to build.


class Arrival(NamedTuple):
    """What all events of one landing share: the merge, its approvals, its pull request."""

    commit: str  # the landing commit (merge, squash, or last of a rebase)
    merged_at: datetime
    opened_at: datetime | None
    merger: Identity
    reviewers: tuple[Identity, ...]
    approvers: tuple[Identity, ...]
    pull_url: str | None
    pull_number: int | None
    merge_style: MergeStyle
    without_paraf: bool
    subject: str
    #: The trust rule's answer (:mod:`kinerja.history.trust`): only a verified landing carries
    #: paraf, signature and hand-in time; ``trust_reason`` says why not, in Indonesian.
    verified: bool = True
    trust_reason: str | None = None
    signer: str | None = None
    #: The root commit that founded the repository (``kinerja init``): the anchor of the trust
    #: file, with no pull request before it, so no paraf is asked of it.
    founding: bool = False
    #: A landing from before the trust rule, adopted by the admin's signed anchor
    #: (``kinerja adopt``): it counts, but only the admin's adoption vouches for it.
    adopted: bool = False


#: The note on every event of an adopted landing (see :class:`Arrival`).
ADOPTED_NOTE = (
    "Tercatat sebelum aturan keabsahan berlaku; diterima admin saat aturan dipasang "
    "(tanpa tanda tangan digital penggabung)"
)


class Event(NamedTuple):
    """One entry of the audit history (module docstring: which time is ``time``)."""

    kind: EventKind
    path: str
    file_kind: FileKind
    period: str | None
    unit: str | None
    arrival: Arrival
    time: datetime  # the trusted time (module docstring)
    authored_at: datetime  # client-set: never for deadlines
    person: Identity  # who: the author of data, the approver of a paraf/signature
    person_id: str | None
    roles: tuple[str, ...]
    author: Identity
    old_path: str | None = None
    lineage: str = ""  # the first path this file had: renames are followed through it
    content_changed: bool = True
    problems: tuple[str, ...] = ()  # Indonesian, shown beside the event, never hidden
    missing: tuple[str, ...] = ()  # labels of approvals required and not given
    revision: int | None = None  # SOP revision number ("Tanggal Revisi n")
    diff: tuple[str, ...] = ()  # readable SOP changes
    note: str | None = None  # an Indonesian remark that is not a problem (a file moved away)

    # The landing's facts, read through the event.
    @property
    def commit(self) -> str:
        return self.arrival.commit

    @property
    def merged_at(self) -> datetime:
        return self.arrival.merged_at

    @property
    def opened_at(self) -> datetime | None:
        return self.arrival.opened_at

    @property
    def merger(self) -> Identity:
        return self.arrival.merger

    @property
    def reviewers(self) -> tuple[Identity, ...]:
        return self.arrival.reviewers

    @property
    def approvers(self) -> tuple[Identity, ...]:
        return self.arrival.approvers

    @property
    def pull_url(self) -> str | None:
        return self.arrival.pull_url

    @property
    def pull_number(self) -> int | None:
        return self.arrival.pull_number

    @property
    def merge_style(self) -> MergeStyle:
        return self.arrival.merge_style

    @property
    def without_paraf(self) -> bool:
        return self.arrival.without_paraf

    @property
    def subject(self) -> str:
        return self.arrival.subject

    @property
    def verified(self) -> bool:
        return self.arrival.verified

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        def when(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        def who(identity: Identity) -> dict[str, str]:
            return {"nama": identity.name, "email": identity.email}

        return {
            "jenis": self.kind.value,
            "label": self.kind.label,
            "berkas": self.path,
            "berkas_lama": self.old_path,
            "jenis_berkas": self.file_kind.value,
            "periode": self.period,
            "unit": self.unit,
            "commit": self.commit,
            "waktu": when(self.time),
            "waktu_merge": when(self.merged_at),
            "waktu_dibuka": when(self.opened_at),
            "waktu_penulis": when(self.authored_at),
            "orang": who(self.person),
            "orang_id": self.person_id,
            "peran": list(self.roles),
            "penulis": who(self.author),
            "penggabung": who(self.merger),
            "pemaraf": [who(p) for p in self.reviewers],
            "pengesah": [who(p) for p in self.approvers],
            "pull_request": self.pull_url,
            "nomor_pull_request": self.pull_number,
            "cara_merge": self.merge_style.value,
            "tanpa_paraf": self.without_paraf,
            "terverifikasi": self.verified,
            "diadopsi": self.arrival.adopted,
            "alasan_tidak_terverifikasi": self.arrival.trust_reason,
            "isi_berubah": self.content_changed,
            "masalah": list(self.problems),
            "belum_ada": list(self.missing),
            "revisi": self.revision,
            "perubahan": list(self.diff),
            "catatan": self.note,
        }


def _stamp(moment: datetime) -> str:
    return stamp_as_written(moment)


@dataclass(slots=True)
class _SopState:
    effective: date | None  # when the version in force took effect
    revisions: int = 0


@dataclass(slots=True)  # internal and never changed; not frozen, to build it cheaply
class _Approvals:
    """A landing's approvers, matched to people once for all its files."""

    reviewers: tuple[tuple[Identity, Person | None], ...]
    approvers: tuple[tuple[Identity, Person | None], ...]

    @property
    def people(self) -> list[Person]:
        return [p for _, p in self.reviewers + self.approvers if p is not None]


@dataclass
class _Deriver:
    roster: Roster | None
    blobs: Mapping[str, str]
    events: list[Event] = field(default_factory=list)
    lineage: dict[str, str] = field(default_factory=dict)  # current path -> first path
    seen: set[tuple[str, str | None, str | None]] = field(default_factory=set)
    sops: dict[str, _SopState] = field(default_factory=dict)
    #: The committer time of the last verified landing: unverified ones land after it.
    floor: datetime | None = None

    # -- people --------------------------------------------------------------------------
    def _match(self, identity: Identity) -> Person | None:
        return self.roster.match(identity) if self.roster else None

    def _roles(self, person: Person | None) -> tuple[str, ...]:
        return self.roster.roles_of(person) if self.roster and person else ()

    # -- one landing ---------------------------------------------------------------------
    def landing(self, landing: Landing, verdict: Verdict, notes: tuple[str, ...]) -> None:
        if not verdict.verified:
            if landing.changes:
                self._unverified(landing, verdict, notes)
            return
        self.floor = landing.commit.committed_at
        if not landing.changes:
            return
        arrival, approvals = self._arrival(landing, verdict)
        first = len(self.events)
        for change in landing.changes:
            info = classify(change.path)
            old_info = classify(change.old_path) if change.old_path else None
            self._change(landing, arrival, approvals, change, info, old_info)
        if notes:  # what the trust rule says of a landing it accepts (an adoption refused)
            self.events[first:] = [
                e._replace(problems=e.problems + notes) for e in self.events[first:]
            ]

    def _unverified(self, landing: Landing, verdict: Verdict, notes: tuple[str, ...]) -> None:
        """A landing the trust rule does not accept: one event per file, saying why; no paraf,
        no signature, no hand-in, no SOP revision, and its claimed times are not used."""
        commit = landing.commit
        trailers = trailers_of(commit)
        # Its dates are the client's: the one thing known is that it landed after the verified
        # landing before it, so it is placed no earlier than that.
        claimed = commit.committed_at
        landed = max(claimed, self.floor) if self.floor is not None else claimed
        arrival = Arrival(
            commit.sha,
            landed,
            None,
            commit.committer,
            (),
            (),
            None,
            None,
            landing.style,
            True,
            commit.subject,
            False,
            verdict.reason,
            None,
        )
        problems = [f"Tidak terverifikasi: {verdict.reason}"]
        if self.floor is not None and claimed < self.floor:
            problems.append(
                f"Waktu yang tertulis ({_stamp(claimed)}) lebih awal daripada perubahan "
                f"terverifikasi sebelumnya ({_stamp(self.floor)}): waktu mundur, tidak dipakai"
            )
        if trailers.has_approval:
            problems.append("Paraf atau tanda tangan yang tertulis pada perubahan ini diabaikan")
        if trailers.opened_at is not None:
            problems.append("Waktu pengajuan yang tertulis pada perubahan ini diabaikan")
        problems += notes
        no_approvals = _Approvals((), ())
        for change in landing.changes:
            info = classify(change.path)
            lineage = self._follow(change)
            source = self._author_of(landing, change)
            file = _File(arrival, no_approvals, change, source, lineage)
            self._file_event(
                file,
                change.path,
                info,
                kind=EventKind.TIDAK_TERVERIFIKASI,
                problems=tuple(problems),
            )

    def _follow(self, change: Change) -> str:
        """The lineage (first path) of a changed file, kept up to date across renames."""
        if change.status == "R" and change.old_path:
            lineage = self.lineage.pop(change.old_path, change.old_path)
        elif change.status == "C" and change.old_path:
            lineage = change.path
        else:
            lineage = self.lineage.get(change.path, change.path)
        if change.status != "D":
            self.lineage[change.path] = lineage
        else:
            self.lineage.pop(change.path, None)
        return lineage

    def _arrival(self, landing: Landing, verdict: Verdict) -> tuple[Arrival, _Approvals]:
        commit = landing.commit
        trailers = trailers_of(commit)
        number = pull_number(commit, trailers)
        arrival = Arrival(
            commit.sha,
            commit.committed_at,
            trailers.opened_at,
            commit.author if landing.style is MergeStyle.GABUNG else commit.committer,
            trailers.reviewed_by,
            trailers.approved_by,
            trailers.reviewed_on,
            number,
            landing.style,
            not trailers.has_approval,
            commit.subject,
            True,
            None,
            verdict.signer,
            # A root commit that is no pull request's landing (what ``kinerja init`` writes).
            landing.base is None and not trailers.has_approval and number is None,
            verdict.adopted is not None,
        )
        approvals = _Approvals(
            tuple((i, self._match(i)) for i in trailers.reviewed_by),
            tuple((i, self._match(i)) for i in trailers.approved_by),
        )
        return arrival, approvals

    def _author_of(self, landing: Landing, change: Change) -> Commit:
        contributing = landing.contributing
        if len(contributing) > 1:
            paths = {change.path, change.old_path}
            for commit in reversed(contributing):
                if any(c.path in paths or c.old_path in paths for c in commit.changes):
                    return commit
        return contributing[-1] if contributing else landing.commit

    def _change(
        self,
        landing: Landing,
        arrival: Arrival,
        approvals: _Approvals,
        change: Change,
        info: PathInfo,
        old_info: PathInfo | None,
    ) -> None:
        lineage = self._follow(change)
        source = self._author_of(landing, change)
        file = _File(arrival, approvals, change, source, lineage)
        moved_away = (
            change.status == "R"
            and old_info is not None
            and old_info.kind is not FileKind.DI_LUAR
            and old_info.identity != info.identity
        )
        if moved_away and old_info is not None and change.old_path:
            self._file_event(
                file,
                change.old_path,
                old_info,
                kind=EventKind.DIHAPUS,
                note=f"Dipindahkan ke {change.path}",
            )
        kind, revision, diff = self._kind(arrival, change, info, lineage, landing.base)
        self._file_event(file, change.path, info, kind=kind, revision=revision, diff=diff)

    def _kind(
        self, arrival: Arrival, change: Change, info: PathInfo, lineage: str, base: str | None
    ) -> tuple[EventKind, int | None, tuple[str, ...]]:
        if change.status == "D":
            return EventKind.DIHAPUS, None, ()
        if info.kind is FileKind.SOP:
            return self._sop_kind(arrival, change, lineage, base)
        if info.kind in _FIRST_KIND:
            first = info.identity not in self.seen
            self.seen.add(info.identity)
            return (_FIRST_KIND[info.kind] if first else EventKind.DIREVISI), None, ()
        if info.kind in (FileKind.ORGANISASI, FileKind.INDIKATOR):
            return EventKind.DATA_ACUAN_DIPERBARUI, None, ()
        return EventKind.BERKAS_DIPERBARUI, None, ()

    def _sop_kind(
        self, arrival: Arrival, change: Change, lineage: str, base: str | None
    ) -> tuple[EventKind, int | None, tuple[str, ...]]:
        before, after = sop.version_names(
            arrival.commit, base, change.path, change.old_path, change.status == "A"
        )
        new_text = self.blobs.get(after)
        landed = arrival.merged_at.date()  # the merge writes it in the office's zone
        state = self.sops.get(lineage)
        if state is None:  # the first version: in force from its effective date
            effective = sop.effective_date(sop.load(new_text)) or landed
            self.sops[lineage] = _SopState(effective)
            return EventKind.SOP_DITETAPKAN, None, ()
        old_text = self.blobs.get(before) if before else None
        diff = sop.describe_changes(old_text, new_text)
        in_force = state.effective
        state.effective = sop.effective_date(sop.load(new_text)) or in_force
        if in_force is not None and landed > in_force:
            state.revisions += 1
            return EventKind.SOP_DIREVISI, state.revisions, diff
        return EventKind.SOP_DIUBAH, None, diff

    # -- building events -----------------------------------------------------------------
    def _problems(
        self, arrival: Arrival, approvals: _Approvals, info: PathInfo, rules: Rules
    ) -> tuple[list[str], list[str]]:
        """(problems, missing labels) of one file: never hidden, shown beside the event."""
        problems: list[str] = []
        missing: list[str] = []
        if arrival.founding:
            return problems, missing
        if arrival.without_paraf and (self.roster is None or rules.paraf or rules.pengesahan):
            problems.append(WITHOUT_PARAF)
        if self.roster is None:
            return problems, missing
        present = approvals.people
        for requirement in self.roster.unmet(rules.paraf, present, info.unit):
            label = self.roster.label(requirement, info.unit)
            missing.append(label)
            if not arrival.without_paraf:
                problems.append(f"Belum ada paraf {label}")
        for requirement in self.roster.unmet(rules.pengesahan, present, info.unit):
            label = self.roster.label(requirement, info.unit)
            missing.append(label)
            if info.kind is FileKind.ANALISIS:
                problems.append(f"Analisis belum disahkan: belum ada tanda tangan {label}")
            elif not arrival.without_paraf:
                problems.append(f"Belum ada tanda tangan {label}")
        return problems, missing

    def _file_event(
        self,
        file: _File,
        path: str,
        info: PathInfo,
        *,
        kind: EventKind,
        note: str | None = None,
        revision: int | None = None,
        diff: tuple[str, ...] = (),
        problems: tuple[str, ...] | None = None,
    ) -> None:
        arrival, change, source = file.arrival, file.change, file.source
        if arrival.adopted and note is None:
            note = ADOPTED_NOTE
        author = source.author
        author_person = self._match(author)
        rules = self.roster.rules_for(info.kind) if self.roster else _NO_RULES
        if problems is None:
            found, missing = self._problems(arrival, file.approvals, info, rules)
        else:
            found, missing = list(problems), []
        old_path = change.old_path if path == change.path else None
        is_sop = info.kind is FileKind.SOP
        self.events.append(
            Event(
                kind,
                path,
                info.kind,
                info.period,
                info.unit,
                arrival,
                arrival.merged_at if is_sop else (arrival.opened_at or arrival.merged_at),
                source.authored_at,
                author,
                author_person.id if author_person else None,
                self._roles(author_person),
                author,
                old_path,
                file.lineage,
                change.content_changed,
                tuple(found),
                tuple(missing),
                revision,
                diff,
                note,
            )
        )
        for identity, person in file.approvals.reviewers:
            signs = (
                self.roster is not None
                and person is not None
                and any(self.roster.satisfies(person, r, info.unit) for r in rules.pengesahan)
                and not any(self.roster.satisfies(person, r, info.unit) for r in rules.paraf)
            )
            kind_of = EventKind.DISAHKAN if signs else EventKind.PARAF
            self._approval(file, path, info, identity, person, rules=rules, kind=kind_of)
        for identity, person in file.approvals.approvers:
            self._approval(file, path, info, identity, person, rules=rules, kind=EventKind.DISAHKAN)

    def _approval(
        self,
        file: _File,
        path: str,
        info: PathInfo,
        identity: Identity,
        person: Person | None,
        *,
        rules: Rules,
        kind: EventKind,
    ) -> None:
        problems: list[str] = []
        if self.roster is not None:
            wanted = rules.pengesahan if kind is EventKind.DISAHKAN else rules.paraf
            if kind is EventKind.DISAHKAN and not wanted:
                wanted = tuple(r for rs in self.roster.persetujuan.values() for r in rs.pengesahan)
            if person is None:
                problems.append(f"{identity.name} tidak dikenal di organisasi.yml")
            elif wanted and not any(self.roster.satisfies(person, r, info.unit) for r in wanted):
                needed = ", ".join(self.roster.label(r, info.unit) for r in wanted)
                what = "Tanda tangan" if kind is EventKind.DISAHKAN else "Paraf"
                problems.append(
                    f"{what} oleh {person.nama}, yang tidak berwenang (yang berwenang: {needed})"
                )
        change = file.change
        self.events.append(
            Event(
                kind,
                path,
                info.kind,
                info.period,
                info.unit,
                file.arrival,
                file.arrival.merged_at,
                file.source.authored_at,
                identity,
                person.id if person else None,
                self._roles(person),
                file.source.author,
                change.old_path if path == change.path else None,
                file.lineage,
                change.content_changed,
                tuple(problems),
            )
        )


@dataclass(slots=True)  # internal and never changed; not frozen, to build it cheaply
class _File:
    """One changed file of a landing, with what its events share."""

    arrival: Arrival
    approvals: _Approvals
    change: Change
    source: Commit  # the commit that wrote it (author, author time)
    lineage: str


def derive_events(
    landings: list[Landing],
    roster: Roster | None,
    blobs: Mapping[str, str],
    verdicts: Mapping[str, Verdict],
    notes: Mapping[str, tuple[str, ...]],
) -> list[Event]:
    """Events of the landings, oldest first. ``verdicts`` (landing commit -> trust verdict)
    come from :func:`kinerja.history.trust.verify_landings`, the one place the trust rule is
    applied; a landing without a verdict is not verified."""
    deriver = _Deriver(roster, blobs)
    missing = Verdict(False, "belum diperiksa keabsahannya")
    for landing in landings:
        sha = landing.commit.sha
        deriver.landing(landing, verdicts.get(sha, missing), notes.get(sha, ()))
    return deriver.events
