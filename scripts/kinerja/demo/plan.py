"""The demo's timeline: which periods, who hands in what and when, who gives paraf.

For every period: Subbag Perencanaan's request (a pull request with the Kasubbag's paraf), then
each recipient unit's submission (a pull request with the paraf of its head), on time, late,
revised after acceptance or missing, then the analysis (paraf of the Sekretaris and the Kasubbag,
signature of the Inspektur). The newest period is still open; the newest analysed period is not
yet signed; one paraf is given by the wrong person and one change is pushed to ``main`` without a
pull request. Nothing happens at or after ``now`` (the start of ``today``), so the history could
have been recorded by a real office up to yesterday evening.

All randomness comes from one ``random.Random(seed)`` consumed in a fixed order: the same seed
and ``today`` give the same plan, hence the same commits.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from kinerja.demo.clock import OfficeClock
from kinerja.demo.data import PLANTED, Context, Recipient, request_data
from kinerja.demo.identity import trailer_identity
from kinerja.demo.model import FORMATS, PeriodStatus, Scale, Status
from kinerja.demo.timeline import (
    AnalysisInput,
    Blob,
    Commit,
    Direct,
    Landing,
    Part,
    PeriodPlan,
    PullRequest,
)
from kinerja.model import Organisation, Period
from kinerja.model.layout import SUBMISSIONS
from kinerja.model.periods import quarter_of_month

#: Shares of the recipients of a closed period.
P_MISSING, P_LATE, P_REVISED, P_DRAFT = 0.04, 0.12, 0.10, 0.15
#: Documents asked of units by kind, by period type (the rest comes from indikator.yml).
DOCUMENTS = {
    ("irban", True): ("LHP", "LHE"),
    ("irban", False): ("TLHP",),
    ("subbag-anev", False): ("TLHP",),
}
DEMO_QUARTERS, DEMO_MONTHS = 8, 4
WORKDAYS_TO_DEADLINE = 5


def _period_end(period: Period) -> date:
    year = period.year + (period.last_month == 12)
    return date(year, period.last_month % 12 + 1, 1) - timedelta(days=1)


def _period_of(year: int, month: int, quarterly: bool) -> Period:
    """The month, or the quarter, that contains ``month`` of ``year``."""
    return Period(year, quarter_of_month(month) * 3 if quarterly else month, quarterly)


def _recent_periods(today: date, quarterly: bool, count: int) -> list[Period]:
    """``count`` periods ending with the one that contains ``today``, oldest first."""
    out: list[Period] = []
    year, month = today.year, today.month
    while len(out) < count:
        period = _period_of(year, month, quarterly)
        if not out or out[-1] != period:
            out.append(period)
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


class Planner:
    def __init__(
        self,
        ctx: Context,
        clock: OfficeClock,
        today: date,
        *,
        scale: Scale | None,
        data_units: Sequence[str] | None,
        seed: int,
    ) -> None:
        self.ctx = ctx
        self.org: Organisation = ctx.config.organisation
        self.clock = clock
        self.today = today
        self.now = datetime.combine(today, time(), tzinfo=clock.calendar.zone)
        self.scale = scale
        self.data_units = list(data_units) if data_units is not None else None
        self.rng = random.Random(seed)  # noqa: S311 - example data, not security
        self.periods: list[PeriodPlan] = []
        self.landings: list[Landing] = []
        self.marked: dict[str, Landing] = {}
        self.planted: list[tuple[str, str]] = []

    # --- people --------------------------------------------------------------------------

    def requester(self) -> str:
        for unit in ("subbag-perencanaan", None):
            for person in self.org.people.values():
                if "penyusun" in person.peran and (unit is None or person.unit == unit):
                    return person.id
        head = self.org.head("subbag-perencanaan")
        return head.id if head else next(iter(self.org.people))

    def admin(self) -> str:
        if self.org.admins:
            return self.org.admins[0]
        return next(
            (p.id for p in self.org.people.values() if "admin" in p.peran), self.requester()
        )

    def signers(self, kind: str, unit: str | None, author: str) -> tuple[list[str], list[str]]:
        """Who gives paraf and signature, per ``persetujuan`` (the first holder of each)."""
        approval = self.org.approvals.get(kind)
        if approval is None:
            return [], []

        def pick(requirements: Iterable[str]) -> list[str]:
            chosen: list[str] = []
            for requirement in requirements:
                holders = [p.id for p in self.org.holders(requirement, unit)]
                others = [h for h in holders if h != author] or holders
                if others and others[0] not in chosen:
                    chosen.append(others[0])
            return chosen

        return pick(approval.paraf), pick(approval.pengesahan)

    def sender(self, unit: str) -> str:
        """A member of ``unit`` who is not its head (a head cannot approve his own PR)."""
        head = self.org.head(unit)
        members = [p.id for p in self.org.members(unit)]
        staff = [m for m in members if not head or m != head.id] or members
        return self.rng.choice(staff) if staff else self.admin()

    # --- periods -------------------------------------------------------------------------

    def natural_request(self, period: Period) -> date:
        return self.clock.add_workdays(_period_end(period), 1 + self.rng.choice((0, 0, 1, 2)))

    def select(self) -> list[tuple[Period, date]]:
        """The periods with a request issued before today, oldest first."""
        wanted: list[tuple[bool, int]]
        if self.scale is None:
            wanted = [(True, DEMO_QUARTERS), (False, DEMO_MONTHS)]
        else:
            per_year = 12 if self.scale.monthly else 4
            wanted = [(not self.scale.monthly, self.scale.years * per_year)]
        chosen: list[tuple[Period, date]] = []
        for quarterly, count in wanted:
            found = [
                (period, self.natural_request(period))
                for period in _recent_periods(self.today, quarterly, count + 2)
            ]
            chosen += [(p, r) for p, r in found if r < self.today][-count:]
        return sorted(chosen, key=lambda pr: (pr[1], pr[0].quarterly, pr[0].id))

    def recipients(self, period: Period) -> list[Recipient]:
        config = self.ctx.config
        if self.scale is not None and self.data_units is not None:
            kinds = ("LHP", "LHE", "TLHP")[: min(3, self.scale.documents_per_submission)]
            indicators = tuple(config.indicators)
            return [Recipient(u, indicators, kinds) for u in self.data_units]
        frequencies = {"triwulan"} if period.quarterly else {"bulan"}
        if period.quarterly and period.last_month == 12:
            frequencies.add("tahun")
        out: list[Recipient] = []
        for unit in self.org.units.values():
            indicators = tuple(
                i.id
                for i in config.indicators.values()
                if unit.id in i.unit and i.frekuensi in frequencies
            )
            documents = DOCUMENTS.get((unit.id, period.quarterly)) or DOCUMENTS.get(
                (unit.jenis, period.quarterly), ()
            )
            if indicators or documents:
                out.append(Recipient(unit.id, indicators, documents))
        return out

    # --- the plan ------------------------------------------------------------------------

    def plan(self) -> None:
        selected = self.select()
        if not selected:
            return
        for index, (period, natural) in enumerate(selected):
            is_open = index == len(selected) - 1
            requested = natural
            if is_open:
                requested = max(natural, self.clock.add_workdays(self.today, -3))
            deadline = self.clock.add_workdays(requested, WORKDAYS_TO_DEADLINE)
            self.periods.append(
                PeriodPlan(
                    period=period,
                    index=index,
                    requested=requested,
                    deadline=deadline,
                    deadline_at=self.clock.closing(deadline),
                    recipients=self.recipients(period),
                    # a period whose deadline has not passed yet is still open too
                    open=is_open or self.clock.closing(deadline) > self.now,
                    number=100 + index * 7 + self.rng.randrange(7),
                )
            )
        self._scenarios()
        first = self.periods[0]
        root_time = self.clock.jitter(
            self.clock.opening(self.clock.add_workdays(first.requested, -10)), self.rng, 60, 300
        )
        root = Direct(
            Commit(
                self.admin(),
                root_time,
                root_time,
                "Konfigurasi awal pelacak kinerja (data contoh)",
                [],
            ),
            "konfigurasi",
        )
        self.landings.append(root)
        self.marked["konfigurasi"] = root
        for plan in self.periods:
            self._period(plan)
        self._drop_future()
        self._unsigned()
        self._wrong_paraf()
        self._direct_push()
        self._forgery()
        self._formats_and_files()
        self._plant()
        self._number()
        self.landings.sort(key=lambda landing: landing.time)
        self._bases()

    def _scenarios(self) -> None:
        closed = [p for p in self.periods if not p.open]
        for plan in closed:
            cap = max(0, len(plan.recipients) - 3)
            for recipient in plan.recipients:
                roll = self.rng.random()
                if roll < P_MISSING and cap > 0:
                    kind, cap = "missing", cap - 1
                elif roll < P_MISSING + P_LATE:
                    kind = "late"
                elif roll < P_MISSING + P_LATE + P_REVISED:
                    kind = "revised"
                else:
                    kind = "on_time"
                plan.scenario[recipient.unit] = kind
        for kind in ("missing", "late", "revised"):
            if any(kind in p.scenario.values() for p in closed):
                continue
            options = [
                (p, u)
                for p in closed
                for u, k in p.scenario.items()
                if k == "on_time" and (kind != "missing" or len(p.recipients) > 3)
            ]
            if options:
                plan, unit = self.rng.choice(options)
                plan.scenario[unit] = kind

    def _pr(
        self,
        kind: str,
        plan: PeriodPlan,
        unit: str | None,
        author: str,
        written: datetime,
        opened: datetime,
        merged: datetime,
        *,
        draft: bool = False,
    ) -> PullRequest:
        """A pull request of one or two branch commits; its files are attached later."""
        label = plan.period.label
        name = self.org.units[unit].singkatan if unit and unit in self.org.units else unit
        commits: list[Commit] = []
        if draft:
            second = self.clock.between(written, opened, self.rng.uniform(0.3, 0.8))
            commits.append(
                Commit(
                    author,
                    written,
                    self.clock.between(written, second, 0.95),
                    f"Tambah data kinerja {name} {label}",
                    [],
                )
            )
            commits.append(
                Commit(
                    author,
                    second,
                    self.clock.between(second, opened, 0.9),
                    "Lengkapi kendala dan rencana tindak lanjut",
                    [],
                )
            )
        else:
            message = {
                "permintaan": f"Tambah permintaan data {label}",
                "submisi": f"Tambah data kinerja {name} {label}",
                "revisi": f"Revisi data kinerja {name} {label}",
                "analisis": f"Tambah analisis dan evaluasi {label}",
            }[kind]
            commits.append(
                Commit(
                    author,
                    written,
                    self.clock.between(written, opened, self.rng.uniform(0.6, 0.98)),
                    message,
                    [],
                )
            )
        rule = {"revisi": "submisi"}.get(kind, kind)
        reviewers, approvers = self.signers(rule, unit, author)
        unit_name = self.org.units[unit].nama if unit and unit in self.org.units else unit
        title, body = {
            "permintaan": (
                f"Permintaan data {plan.period.id}",
                f"Permintaan data dan informasi kinerja {label} kepada {len(plan.recipients)} "
                f"unit, tenggat {plan.deadline.isoformat()}.",
            ),
            "submisi": (
                f"Data kinerja {unit} {plan.period.id}",
                f"Data dan informasi kinerja {label} dari {unit_name}.",
            ),
            "revisi": (
                f"Revisi data kinerja {unit} {plan.period.id}",
                f"Perbaikan data {label} dari {unit_name} setelah diterima.",
            ),
            "analisis": (
                f"Analisis {plan.period.id}",
                f"Analisis dan evaluasi data kinerja {label} sebagai bahan Laporan Kinerja.",
            ),
        }[kind]
        return PullRequest(
            kind=kind,
            period=plan.period.id,
            unit=unit,
            author=author,
            commits=commits,
            opened=opened,
            merged=merged,
            reviewers=reviewers,
            approvers=approvers,
            title=title,
            body=body,
        )

    def _period(self, plan: PeriodPlan) -> None:
        clock, rng = self.clock, self.rng
        requester = self.requester()
        written = clock.jitter(clock.opening(plan.requested), rng, 10, 150)
        opened = clock.jitter(written, rng, 3, 25)
        merged = clock.jitter(opened, rng, 5, 60)
        plan.request = self._pr("permintaan", plan, None, requester, written, opened, merged)
        start = clock.after(merged, 20)
        first_merges: list[datetime] = [plan.deadline_at]
        if plan.open:
            units = [r.unit for r in plan.recipients]
            rng.shuffle(units)
            delivered = units[: max(3, (len(units) + 1) // 2)]
            for unit in sorted(delivered, key=units.index):
                opened = clock.between(start, self.now, rng.uniform(0.1, 0.75))
                written = clock.between(start, opened, rng.uniform(0.3, 0.9))
                merged = clock.between(opened, self.now, rng.uniform(0.2, 0.9))
                pr = self._pr("submisi", plan, unit, self.sender(unit), written, opened, merged)
                plan.deliveries[unit] = [pr]
            return
        for recipient in plan.recipients:
            unit = recipient.unit
            kind = plan.scenario[unit]
            if kind == "missing":
                continue
            if kind == "late":
                opened = clock.jitter(plan.deadline_at, rng, 5, 2400)
                written = clock.between(start, opened, rng.uniform(0.7, 0.98))
            else:
                fraction = min(0.97, max(0.03, rng.betavariate(2.2, 1.5)))
                opened = clock.between(start, plan.deadline_at, fraction)
                written = clock.between(start, opened, rng.uniform(0.3, 0.9))
            merged = clock.jitter(opened, rng, 20, 960)
            sender = self.sender(unit)
            prs = [
                self._pr(
                    "submisi",
                    plan,
                    unit,
                    sender,
                    written,
                    opened,
                    merged,
                    draft=rng.random() < P_DRAFT,
                )
            ]
            first_merges.append(merged)
            if kind == "revised":
                written = clock.jitter(merged, rng, 240, 4800)
                opened = clock.jitter(written, rng, 5, 90)
                merged = clock.jitter(opened, rng, 30, 960)
                prs.append(self._pr("revisi", plan, unit, sender, written, opened, merged))
            plan.deliveries[unit] = prs
        ready = max(first_merges)
        written = clock.jitter(ready, rng, 120, 1440)
        opened = clock.jitter(written, rng, 10, 120)
        merged = clock.jitter(opened, rng, 240, 2400)
        plan.analysis = self._pr("analisis", plan, None, requester, written, opened, merged)

    def _drop_future(self) -> None:
        """Keep only what was merged before ``now``; the rest has not happened yet."""
        for plan in self.periods:
            if plan.request and plan.request.merged >= self.now:
                plan.request = None
                plan.deliveries.clear()
            for unit, prs in list(plan.deliveries.items()):
                kept = [pr for pr in prs if pr.merged < self.now]
                if kept:
                    plan.deliveries[unit] = kept
                else:
                    del plan.deliveries[unit]
            if plan.analysis and plan.analysis.merged >= self.now:
                plan.analysis = None

    def _unsigned(self) -> None:
        analysed = [p for p in self.periods if p.analysis is not None]
        if len(analysed) < 2:
            return
        analyses = [p.analysis for p in analysed if p.analysis is not None]
        latest = max(analyses, key=lambda pr: pr.merged)
        latest.approvers = []
        latest.tag = "belum-disahkan"
        self.marked["belum-disahkan"] = latest

    def _wrong_paraf(self) -> None:
        options: list[PullRequest] = []
        for plan in self.periods:
            if plan.open:
                continue
            for unit, prs in plan.deliveries.items():
                head = self.org.head(unit)
                others = [
                    p.id
                    for p in self.org.members(unit)
                    if p.id != prs[0].author and (not head or p.id != head.id)
                ]
                if others and plan.scenario.get(unit) == "on_time":
                    options.append(prs[0])
        if not options:
            return
        pr = self.rng.choice(options)
        unit = pr.unit or ""
        head = self.org.head(unit)
        wrong = [
            p.id
            for p in self.org.members(unit)
            if p.id != pr.author and (not head or p.id != head.id)
        ]
        pr.reviewers = [wrong[0]]
        pr.tag = "paraf-salah"
        self.marked["paraf-salah"] = pr

    def _direct_push(self) -> None:
        for plan in self.periods:
            if plan.analysis is None or not plan.signed:
                continue
            when = self.clock.jitter(plan.analysis.merged, self.rng, 600, 2400)
            if when >= self.now:
                continue
            plan.analysis.tag = "salah-ketik"
            label = plan.period.label
            commit = Commit(
                self.admin(), when, when, f"Perbaiki salah ketik pada analisis {label}", []
            )
            push = Direct(commit, "push-langsung")
            commit.files.append(
                Blob(
                    f"{SUBMISSIONS}/{plan.period.id}/analisis.md",
                    "analisis",
                    plan.period.id,
                    author=plan.analysis.author,  # disusun_oleh stays; only the typo goes
                    written=when,
                )
            )
            self.landings.append(push)
            self.marked["push-langsung"] = push
            return

    def _forgery(self) -> None:
        """A forgery the trust rule must catch: a unit that never handed in pushes its file
        straight to main after the deadline, back-dated to the day before it, with a paraf
        trailer naming its head. It must stay *terlambat* and show as *tidak terverifikasi*."""
        for plan in self.periods:
            if plan.open or plan.request is None:
                continue
            missing = [u for u, kind in sorted(plan.scenario.items()) if kind == "missing"]
            for unit in missing:
                head = self.org.head(unit)
                staff = [p.id for p in self.org.members(unit) if not head or p.id != head.id]
                pushed = self.clock.jitter(
                    self.clock.opening(self.clock.add_workdays(plan.deadline, 3)), self.rng, 60, 600
                )
                if head is None or not staff or pushed >= self.now:
                    continue
                claimed = self.clock.jitter(
                    self.clock.opening(self.clock.add_workdays(plan.deadline, -1)),
                    self.rng,
                    60,
                    300,
                )
                who = trailer_identity(head, self.org.forge)
                message = (
                    f"Data {unit} {plan.period.label}\n\n"
                    f"Reviewed-by: {who}\n"
                    f"Opened-at: {claimed.isoformat(timespec='seconds')}"
                )
                commit = Commit(staff[0], claimed, claimed, message, [])
                forged = Direct(commit, "pemalsuan", pushed=pushed)
                recipient = next(r for r in plan.recipients if r.unit == unit)
                plan.formats.setdefault(unit, "yml")
                commit.files.append(
                    Blob(
                        f"{SUBMISSIONS}/{plan.period.id}/{unit}.yml",
                        "submisi",
                        plan.period.id,
                        unit,
                        1,
                        staff[0],
                        claimed,
                        recipient,
                    )
                )
                self.landings.append(forged)
                self.marked["pemalsuan"] = forged
                return

    def _formats_and_files(self) -> None:
        for plan in self.periods:
            order = [r.unit for r in plan.recipients if r.unit in plan.deliveries]
            formats = self.scale.formats if self.scale is not None else FORMATS
            for position, unit in enumerate(order):
                plan.formats[unit] = formats[(position + plan.index) % len(formats)]
            self._attach(plan)

    def _attach(self, plan: PeriodPlan) -> None:
        folder = f"{SUBMISSIONS}/{plan.period.id}"
        if plan.request is None:
            return
        request = request_data(
            plan.period.id,
            number=plan.number,
            issued=plan.requested,
            deadline=plan.deadline,
            requester=plan.request.author,
            recipients=plan.recipients,
        )
        commit = plan.request.commits[-1]
        commit.files.append(
            Blob(
                f"{folder}/permintaan.yml",
                "permintaan",
                plan.period.id,
                author=plan.request.author,
                written=commit.authored,
                payload=request,
            )
        )
        self.landings.append(plan.request)
        by_unit = {r.unit: r for r in plan.recipients}
        for unit, prs in plan.deliveries.items():
            path = f"{folder}/{unit}.{plan.formats[unit]}"
            for version, pr in enumerate(prs, start=1):
                for position, commit in enumerate(pr.commits):
                    draft = position < len(pr.commits) - 1
                    commit.files.append(
                        Blob(
                            path,
                            "submisi",
                            plan.period.id,
                            unit,
                            0 if draft else version,
                            pr.author,
                            commit.authored,
                            by_unit[unit],
                        )
                    )
                self.landings.append(pr)
        if plan.analysis is None:
            return
        parts: list[Part] = []
        for recipient in plan.recipients:
            prs = [
                pr
                for pr in plan.deliveries.get(recipient.unit, [])
                if pr.merged < plan.analysis.opened
            ]
            if not prs:
                parts.append(Part(recipient, None))
                continue
            last = prs[-1].commits[-1]
            parts.append(
                Part(
                    recipient,
                    prs[0].opened <= plan.deadline_at,
                    len(prs),
                    prs[0].author,
                    last.authored,
                )
            )
        analysis = AnalysisInput(request, tuple(parts))
        commit = plan.analysis.commits[-1]
        typo = ("typo",) if plan.analysis.tag == "salah-ketik" else ()
        commit.files.append(
            Blob(
                f"{folder}/analisis.md",
                "analisis",
                plan.period.id,
                author=plan.analysis.author,
                written=commit.authored,
                payload=analysis,
                flags=typo,
            )
        )
        self.landings.append(plan.analysis)
        push = self.marked.get("push-langsung")
        if isinstance(push, Direct) and plan.analysis.tag == "salah-ketik":
            push.commit.files[0].payload = analysis

    def _plant(self) -> None:
        if self.scale is None or not self.scale.planted:
            return
        finals = [
            (plan, prs[-1])
            for plan in self.periods
            if not plan.open
            for prs in plan.deliveries.values()
        ]
        chosen = self.rng.sample(finals, min(self.scale.planted, len(finals)))
        for index, (plan, pr) in enumerate(sorted(chosen, key=lambda c: c[1].opened)):
            flag = PLANTED[index % len(PLANTED)]
            blob = pr.commits[-1].files[0]
            blob.flags = (flag,)
            recipient = next(r for r in plan.recipients if r.unit == pr.unit)
            code = (
                flag
                if flag != "number-out-of-range" or recipient.indikator
                else "indicator-unknown"
            )
            self.planted.append((blob.path, code))
        self.planted.sort()

    def _number(self) -> None:
        """Pull request numbers in the order they were opened; the issues that notify the
        recipients of a request take numbers too, as on a real forge."""
        events: list[tuple[datetime, int, PullRequest | None]] = []
        for plan in self.periods:
            prs = [
                plan.request,
                plan.analysis,
                *(pr for prs in plan.deliveries.values() for pr in prs),
            ]
            for pr in prs:
                if pr is not None:
                    events.append((pr.opened, 0, pr))
            if plan.request is not None:
                for i in range(len(plan.recipients)):
                    events.append((plan.request.merged + timedelta(seconds=i + 1), 1, None))
        events.sort(key=lambda e: (e[0], e[1]))
        for number, (_, _, pr) in enumerate(events, start=1):
            if pr is not None:
                pr.number = number

    def _bases(self) -> None:
        """Each branch starts from the main line as it was when its first commit was made."""
        times = [landing.time for landing in self.landings]
        for landing in self.landings:
            if isinstance(landing, PullRequest):
                index = bisect_left(times, landing.commits[0].authored) - 1
                landing.base = max(index, 0)  # position for now; the writer maps it to a mark

    # --- what the plan means --------------------------------------------------------------

    def units_asked(self) -> list[str]:
        asked = {r.unit for p in self.periods for r in p.recipients}
        return [u for u in self.org.units if u in asked]

    def statuses(self) -> dict[tuple[str, str], Status]:
        out: dict[tuple[str, str], Status] = {}
        units = self.units_asked()
        for plan in self.periods:
            if plan.request is None:
                continue
            asked = {r.unit for r in plan.recipients}
            for unit in units:
                prs = plan.deliveries.get(unit, [])
                if unit not in asked:
                    status = Status.BELUM_DIMINTA
                elif not prs:
                    status = Status.MENUNGGU if plan.deadline_at > self.now else Status.TERLAMBAT
                elif len(prs) > 1:
                    status = Status.DIREVISI
                elif prs[0].opened > plan.deadline_at:
                    status = Status.DITERIMA_TERLAMBAT
                else:
                    status = Status.DITERIMA
                out[(plan.period.id, unit)] = status
        return out

    def period_status(self, plan: PeriodPlan) -> PeriodStatus:
        if plan.analysis is not None:
            return PeriodStatus.DISAHKAN if plan.signed else PeriodStatus.DIANALISIS
        if all(r.unit in plan.deliveries for r in plan.recipients):
            return PeriodStatus.TERKUMPUL
        return PeriodStatus.DIBUKA
