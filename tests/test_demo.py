"""`kinerja demo`: the example repository validates, and its Git history is the one planned."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from conftest import DEMO_TODAY, SMALL_SCALE
from kinerja.demo import DemoInfo, PeriodStatus, Scale, Status, generate
from kinerja.demo.source import default_root, load_source
from kinerja.findings import Severity
from kinerja.history.trailers import handle_from_email, parse_trailers
from kinerja.model import Config
from kinerja.read import Limits, read_file
from kinerja.read.yaml_strict import parse_yaml
from kinerja.timing import WorkCalendar
from kinerja.validate.runner import validate_repository

REPO = Path(__file__).resolve().parents[1]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def commits(root: Path, *args: str) -> list[dict[str, object]]:
    """Commits as dicts: sha, parents, author/committer name, e-mail and times, message."""
    fmt = "%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B%x1e"
    out = []
    for raw in git(root, "log", f"--format={fmt}", *args).split("\x1e"):
        record = raw.strip("\n")
        if not record:
            continue
        sha, parents, an, ae, at, cn, ce, ct, body = record.split("\x1f")
        out.append(
            {
                "sha": sha,
                "parents": parents.split(),
                "an": an,
                "ae": ae,
                "at": datetime.fromisoformat(at),
                "cn": cn,
                "ce": ce,
                "ct": datetime.fromisoformat(ct),
                "message": body,
            }
        )
    return out


def config_of(root: Path) -> Config:
    org = read_file(root, "submissions/organisasi.yml", Limits())
    ind = read_file(root, "submissions/indikator.yml", Limits())
    return Config.from_data(org.data, ind.data)


def errors(root: Path) -> list[dict[str, object]]:
    report = validate_repository(root, use_cache=False, today=DEMO_TODAY)
    return [f.to_dict() for f in report.findings if f.severity is Severity.ERROR]


# --- the repository as a whole --------------------------------------------------------------


def test_the_demo_validates_without_errors(demo_repo: DemoInfo) -> None:
    assert errors(demo_repo.root) == []


def test_the_working_tree_is_main_checked_out_and_clean(demo_repo: DemoInfo) -> None:
    root = demo_repo.root
    assert git(root, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(root, "status", "--porcelain") == ""
    assert git(root, "rev-parse", "HEAD").strip() == demo_repo.head
    assert git(root, "for-each-ref", "--format=%(refname)") == "refs/heads/main\n"
    tracked = git(root, "ls-files").splitlines()
    assert len(tracked) == demo_repo.files
    assert all((root / path).is_file() for path in tracked)


def test_the_shipped_configuration_is_copied_verbatim(demo_repo: DemoInfo) -> None:
    source = load_source()
    root = demo_repo.root
    for path, content in source.files.items():
        assert (root / path).read_bytes() == content, path
    assert (root / "submissions/organisasi.yml").is_file()
    assert list((root / "docs/sop").glob("*.yml"))
    assert not (root / "docs/dev").exists()
    first = commits(root, "--reverse")[0]
    names = git(root, "show", "--name-only", "--format=", first["sha"]).split()
    assert "submissions/organisasi.yml" in names and "submissions/indikator.yml" in names
    assert not any(n.startswith("submissions/20") for n in names)


def test_everything_is_marked_as_example_data(demo_repo: DemoInfo) -> None:
    readme = (demo_repo.root / "README.md").read_text(encoding="utf-8")
    assert "DATA CONTOH" in readme and "kinerja demo" in readme
    config = config_of(demo_repo.root)
    invented = [p for p in config.organisation.people.values() if p.contoh]
    assert len(invented) >= len(config.organisation.people) - 1
    for path in (demo_repo.root / "submissions").glob("20*/*.md"):
        assert "Data contoh" in path.read_text(encoding="utf-8")


def test_the_repository_source_holds_no_invented_periods() -> None:
    assert not list((default_root() / "submissions").glob("20*"))


# --- periods, formats, statuses ---------------------------------------------------------------


def test_eight_quarters_and_four_months_up_to_today(demo_repo: DemoInfo) -> None:
    quarters = [p for p in demo_repo.periods if "q" in p.id]
    months = [p for p in demo_repo.periods if "q" not in p.id]
    assert [p.id for p in quarters] == [
        "2024-q4",
        "2025-q1",
        "2025-q2",
        "2025-q3",
        "2025-q4",
        "2026-q1",
        "2026-q2",
        "2026-q3",
    ]
    assert [p.id for p in months] == ["2026-07", "2026-08", "2026-09", "2026-10"]
    for period in demo_repo.periods:
        folder = demo_repo.root / "submissions" / period.id
        assert (folder / "permintaan.yml").is_file()
        assert (folder / "analisis.md").is_file() == (
            period.status in (PeriodStatus.DIANALISIS, PeriodStatus.DISAHKAN)
        )


def test_every_period_has_all_three_formats(demo_repo: DemoInfo) -> None:
    for period in demo_repo.periods:
        assert set(period.formats.values()) == {"yml", "csv", "xlsx"}, period.id
        for unit, fmt in period.formats.items():
            assert (demo_repo.root / "submissions" / period.id / f"{unit}.{fmt}").is_file()


def test_statuses_cover_all_six_kinds(demo_repo: DemoInfo) -> None:
    assert set(demo_repo.statuses.values()) == set(Status)
    kinds = {p.status for p in demo_repo.periods}
    assert {PeriodStatus.DIBUKA, PeriodStatus.DIANALISIS, PeriodStatus.DISAHKAN} <= kinds


def test_one_period_is_still_open(demo_repo: DemoInfo) -> None:
    (current,) = [p for p in demo_repo.periods if p.open]
    assert current.id == "2026-10"
    assert current.requested < DEMO_TODAY < current.deadline
    delivered = [
        u
        for u in current.recipients
        if (current.id, u) in demo_repo.statuses
        and demo_repo.statuses[(current.id, u)] is Status.DITERIMA
    ]
    waiting = demo_repo.with_status(Status.MENUNGGU)
    assert len(delivered) >= 3 and waiting
    assert all(p == current.id for p, _ in waiting)
    assert not (demo_repo.root / "submissions" / current.id / "analisis.md").exists()


def submission_landings(root: Path) -> dict[tuple[str, str], list[datetime]]:
    """(period, unit) -> the trusted hand-in time of every merge that changed that file."""
    out: dict[tuple[str, str], list[datetime]] = {}
    for commit in commits(root, "--first-parent", "--merges"):
        names = git(root, "diff", "--name-only", f"{commit['sha']}^1", str(commit["sha"]))
        opened = parse_trailers(str(commit["message"])).opened_at
        for name in names.split():
            parts = name.split("/")
            if (
                len(parts) == 3
                and parts[2].rsplit(".", 1)[-1] in ("yml", "csv", "xlsx")
                and parts[2] != "permintaan.yml"
            ):
                assert opened is not None
                out.setdefault((parts[1], parts[2].rsplit(".", 1)[0]), []).append(opened)
    return out


def test_planned_statuses_agree_with_the_history(demo_repo: DemoInfo) -> None:
    """Re-derive every status from Git (Opened-at) and the requests' tenggat."""
    root = demo_repo.root
    config = config_of(root)
    calendar = WorkCalendar.from_config(config.settings.raw)
    landed = submission_landings(root)
    derived: dict[tuple[str, str], Status] = {}
    units = {u for _, u in demo_repo.statuses}
    for period in demo_repo.periods:
        request = read_file(root, f"submissions/{period.id}/permintaan.yml", Limits()).data
        deadline = calendar.deadline_from_text(request["tenggat"])
        asked = {r["unit"] for r in request["penerima"]}
        for unit in units:
            times = sorted(landed.get((period.id, unit), []))
            if unit not in asked:
                status = Status.BELUM_DIMINTA
            elif not times:
                status = Status.MENUNGGU if deadline > demo_repo.now else Status.TERLAMBAT
            elif len(times) > 1:
                status = Status.DIREVISI
            elif times[0] > deadline:
                status = Status.DITERIMA_TERLAMBAT
            else:
                status = Status.DITERIMA
            derived[(period.id, unit)] = status
    assert derived == dict(demo_repo.statuses)


# --- the Git history ----------------------------------------------------------------------------


def test_merges_carry_paraf_trailers_and_hand_in_times(demo_repo: DemoInfo) -> None:
    merges = commits(demo_repo.root, "--first-parent", "--merges")
    assert len(merges) == demo_repo.merges
    for merge in merges:
        trailers = parse_trailers(str(merge["message"]))
        assert len(merge["parents"]) == 2
        assert trailers.reviewed_by, merge["message"]
        assert trailers.reviewed_on and trailers.reviewed_on.startswith("https://github.com/")
        assert trailers.opened_at is not None and trailers.opened_at <= merge["ct"]
        number = str(merge["message"]).split("\n", 1)[0].rsplit("(#", 1)[1].rstrip(")")
        assert trailers.reviewed_on.endswith(f"/pull/{number}")
        # Written by the office's merge identity (the trust file's principal), and signed.
        assert merge["cn"] == "kinerja-merge"
        assert merge["ce"] == "kinerja-merge@noreply.github.com"
    signed = [m for m in merges if parse_trailers(str(m["message"])).approved_by]
    analysed = [p for p in demo_repo.periods if p.status is PeriodStatus.DISAHKAN]
    assert len(signed) == len(analysed)
    assert all(str(m["message"]).startswith("Analisis ") for m in signed)


def test_author_dates_differ_from_committer_dates(demo_repo: DemoInfo) -> None:
    everything = commits(demo_repo.root)
    assert len(everything) == demo_repo.commits
    branch = [c for c in everything if len(c["parents"]) == 1 and c["cn"] != "GitHub"]
    assert sum(c["at"] != c["ct"] for c in everything) > len(everything) // 3
    for merge in commits(demo_repo.root, "--first-parent", "--merges"):
        tip = commits(demo_repo.root, "-1", str(merge["parents"][1]))[0]
        assert tip["at"] < merge["ct"]
        assert tip["an"] != "GitHub"
    assert branch


def test_nothing_happens_after_the_start_of_today(demo_repo: DemoInfo) -> None:
    for commit in commits(demo_repo.root, "--all"):
        assert commit["at"] < demo_repo.now and commit["ct"] < demo_repo.now


def test_hand_in_times_fall_in_office_hours(demo_repo: DemoInfo) -> None:
    calendar = WorkCalendar.from_config(config_of(demo_repo.root).settings.raw)

    def in_hours(moment: datetime) -> bool:
        local = moment.astimezone(calendar.zone)
        hours = calendar.office_hours(local.date())
        minute = local.hour * 60 + local.minute + local.second / 60
        return hours is not None and hours.opens <= minute <= hours.closes

    for merge in commits(demo_repo.root, "--first-parent", "--merges"):
        opened = parse_trailers(str(merge["message"])).opened_at
        assert opened is not None and in_hours(opened), opened
        assert in_hours(merge["ct"])  # type: ignore[arg-type]
        tip = commits(demo_repo.root, "-1", str(merge["parents"][1]))[0]
        assert in_hours(tip["at"])  # type: ignore[arg-type]


def test_paraf_comes_from_the_role_holders_except_once(demo_repo: DemoInfo) -> None:
    root = demo_repo.root
    org = config_of(root).organisation
    wrong = []
    for merge in commits(root, "--first-parent", "--merges"):
        message = str(merge["message"])
        trailers = parse_trailers(message)
        subject = message.split("\n", 1)[0]
        words = subject.split()
        kind = {"Permintaan": "permintaan", "Analisis": "analisis"}.get(words[0], "submisi")
        unit = (
            words[2]
            if kind == "submisi" and words[0] == "Data"
            else (words[3] if words[0] == "Revisi" else None)
        )
        approval = org.approvals[kind]
        people = []
        for identity in trailers.reviewed_by:
            handle = handle_from_email(identity.email)
            person = org.person_by_handle(handle) if handle else None
            assert person is not None, identity
            people.append(person.id)
        needed = [{p.id for p in org.holders(req, unit)} for req in approval.paraf]
        if not all(any(p in group for p in people) for group in needed):
            wrong.append(merge["sha"])
        for identity in trailers.approved_by:
            handle = handle_from_email(identity.email)
            person = org.person_by_handle(handle) if handle else None
            assert person is not None and "inspektur" in person.peran
    assert wrong == [demo_repo.marked["paraf-salah"]]


def test_one_direct_push_without_paraf(demo_repo: DemoInfo) -> None:
    root = demo_repo.root
    line = commits(root, "--first-parent")
    direct = [c for c in line if len(c["parents"]) <= 1]
    assert {str(c["sha"]) for c in direct} == {
        demo_repo.marked["push-langsung"],
        demo_repo.marked["pemalsuan"],
        demo_repo.marked["konfigurasi"],
    }
    push = next(c for c in direct if c["sha"] == demo_repo.marked["push-langsung"])
    assert parse_trailers(str(push["message"])).raw == ()
    assert push["an"] == push["cn"] == "Rizki Ananda Putra"
    changed = git(root, "diff", "--name-only", f"{push['sha']}^", str(push["sha"])).split()
    assert len(changed) == 1 and changed[0].endswith("/analisis.md")
    diff = git(root, "diff", "--unified=0", f"{push['sha']}^", str(push["sha"])).splitlines()
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 1
    assert removed[0].replace("pengumpulan dta", "pengumpulan data")[1:] == added[0][1:]


def test_the_newest_analysis_is_not_yet_signed(demo_repo: DemoInfo) -> None:
    sha = demo_repo.marked["belum-disahkan"]
    trailers = parse_trailers(git(demo_repo.root, "log", "-1", "--format=%B", sha))
    assert trailers.reviewed_by and not trailers.approved_by
    unsigned = [p for p in demo_repo.periods if p.status is PeriodStatus.DIANALISIS]
    assert len(unsigned) == 1


def test_revisions_and_late_hand_ins_are_in_closed_periods(demo_repo: DemoInfo) -> None:
    counts = Counter(demo_repo.statuses.values())
    assert counts[Status.DIREVISI] >= 1 and counts[Status.DITERIMA_TERLAMBAT] >= 1
    assert counts[Status.TERLAMBAT] >= 1
    open_ids = {p.id for p in demo_repo.periods if p.open}
    for period, _unit in demo_repo.with_status(Status.TERLAMBAT):
        assert period not in open_ids


# --- determinism and the synthetic mode -----------------------------------------------------


def test_the_same_seed_gives_the_same_commits(demo_repo: DemoInfo, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", today=DEMO_TODAY, seed=1)
    assert again.head == demo_repo.head
    other = generate(tmp_path / "other", today=DEMO_TODAY, seed=2)
    assert other.head != demo_repo.head


def test_the_small_synthetic_demo_validates(synthetic_demo: DemoInfo) -> None:
    assert errors(synthetic_demo.root) == []
    assert len(synthetic_demo.periods) == 12
    assert all(len(p.recipients) == SMALL_SCALE.units for p in synthetic_demo.periods)
    assert set(synthetic_demo.statuses.values()) >= {
        Status.DITERIMA,
        Status.MENUNGGU,
        Status.DIREVISI,
        Status.DITERIMA_TERLAMBAT,
    }
    config = config_of(synthetic_demo.root)
    assert len(config.indicators) == SMALL_SCALE.indicators_per_unit
    sample = next((synthetic_demo.root / "submissions").glob("*/unit-00*.yml"))
    data = read_file(
        synthetic_demo.root, sample.relative_to(synthetic_demo.root).as_posix(), Limits()
    ).data
    assert len(data["realisasi"]) == SMALL_SCALE.indicators_per_unit
    assert len(data.get("dokumen", [])) == SMALL_SCALE.documents_per_submission


def test_planted_problems_are_reported_and_nothing_else(tmp_path: Path) -> None:
    scale = Scale(years=1, units=4, indicators_per_unit=3, monthly=False, planted=3)
    info = generate(tmp_path / "planted", today=DEMO_TODAY, scale=scale, seed=5)
    assert len(info.planted) == 3
    found = {(f["path"], f["code"]) for f in errors(info.root)}
    assert found == set(info.planted)


# --- the command line -------------------------------------------------------------------------


def kinerja(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
    )


def test_cli_demo_refuses_a_non_empty_folder_without_force(tmp_path: Path) -> None:
    target = tmp_path / "contoh"
    args = ("demo", str(target), "--today", "2026-11-25", "--years", "1", "--units", "3")
    done = kinerja(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    assert "mkdocs serve" in done.stdout and f"cd {target}" in done.stdout
    assert "DATA CONTOH" in done.stdout
    again = kinerja(tmp_path, *args)
    assert again.returncode == 2 and "tidak kosong" in again.stderr
    forced = kinerja(tmp_path, *args, "--force", "--seed", "3")
    assert forced.returncode == 0, forced.stderr


def test_cli_demo_force_never_empties_a_real_repository(tmp_path: Path) -> None:
    target = tmp_path / "pelacak"
    target.mkdir()
    git(target, "init", "-q")
    (target / "penting.txt").write_text("jangan dihapus")
    done = kinerja(tmp_path, "demo", str(target), "--force")
    assert done.returncode == 2 and "bukan repositori contoh" in done.stderr
    assert (target / "penting.txt").exists()


@pytest.mark.parametrize("bad", [["--today", "25-11-2026"], ["--units", "1"]])
def test_cli_demo_rejects_bad_options(tmp_path: Path, bad: list[str]) -> None:
    done = kinerja(tmp_path, "demo", str(tmp_path / "x"), *bad)
    assert done.returncode == 2 and done.stderr.startswith("kinerja demo:")


def test_hand_in_deadlines_are_judged_on_opened_at(demo_repo: DemoInfo) -> None:
    """Some on-time hand-ins were merged after the deadline: only Opened-at counts."""
    config = config_of(demo_repo.root)
    calendar = WorkCalendar.from_config(config.settings.raw)
    merged_late_but_on_time = 0
    for commit in commits(demo_repo.root, "--first-parent", "--merges"):
        message = str(commit["message"])
        if not message.startswith("Data kinerja"):
            continue
        period = message.split()[3]
        request = read_file(demo_repo.root, f"submissions/{period}/permintaan.yml", Limits()).data
        deadline = calendar.deadline_from_text(request["tenggat"])
        opened = parse_trailers(message).opened_at
        assert opened is not None
        if opened <= deadline < commit["ct"]:  # type: ignore[operator]
            merged_late_but_on_time += 1
    assert merged_late_but_on_time >= 1
    assert (
        timedelta(0)
        < demo_repo.now
        - datetime.combine(
            DEMO_TODAY - timedelta(days=1), datetime.min.time(), tzinfo=demo_repo.now.tzinfo
        )
        <= timedelta(days=1)
    )


@pytest.mark.parametrize("today", ["2026-10-02", "2027-01-04"])
def test_awkward_days_still_give_a_clean_complete_demo(tmp_path: Path, today: str) -> None:
    """Right after a quarter ends two requests are running at once, with holidays around."""
    day = datetime.fromisoformat(today).date()
    info = generate(tmp_path / "demo", today=day, seed=7)
    report = validate_repository(info.root, use_cache=False, today=day)
    assert [f.to_dict() for f in report.findings if f.severity is Severity.ERROR] == []
    assert set(info.statuses.values()) == set(Status)
    for period in info.periods:
        assert set(period.formats.values()) == {"yml", "csv", "xlsx"}, period.id
    assert all(p.deadline > day for p in info.periods if p.open)
    assert all(p.deadline < day for p in info.periods if not p.open)


def test_cli_template_in_the_demo(demo_copy: Path) -> None:
    done = kinerja(demo_copy, "template", "irban-1", "2026-10")
    assert done.returncode == 0, done.stderr
    data = parse_yaml(done.stdout, "irban-1.yml").data
    request = read_file(demo_copy, "submissions/2026-10/permintaan.yml", Limits()).data
    (asked,) = [r for r in request["penerima"] if r["unit"] == "irban-1"]
    assert [d["jenis"] for d in data["dokumen"]] == asked["dokumen"]
    assert [r["indikator"] for r in data["realisasi"]] == asked.get("indikator", [])
    assert done.stdout.startswith("# Templat data kinerja Inspektur Pembantu Wilayah I")
    csv = kinerja(demo_copy, "template", "subbag-auk", "2026-10", "--format", "csv")
    assert csv.returncode == 0 and "realisasi;realisasi-anggaran;" in csv.stdout
    no_output = kinerja(demo_copy, "template", "irban-1", "2026-10", "--format", "xlsx")
    assert no_output.returncode == 2 and "-o" in no_output.stderr
    target = demo_copy / "templat.xlsx"
    done = kinerja(
        demo_copy, "template", "irban-1", "2026-10", "--format", "xlsx", "-o", str(target)
    )
    assert done.returncode == 0, done.stderr
    doc = read_file(demo_copy, "templat.xlsx", Limits())
    assert doc.findings == [] and doc.data["unit"] == "irban-1"
    again = kinerja(
        demo_copy, "template", "irban-1", "2026-10", "--format", "xlsx", "-o", str(target)
    )
    assert again.returncode == 2 and "sudah ada" in again.stderr
    unknown = kinerja(demo_copy, "template", "irban-9", "2026-10")
    assert unknown.returncode == 2 and "irban-9" in unknown.stderr
