"""The audit history read from real Git repositories: merges, squashes, rebases, renames."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pytest

from kinerja.history import (
    Event,
    EventKind,
    MergeStyle,
    NotARepositoryError,
    ShallowRepositoryError,
    read_history,
    roster_from_mapping,
)
from kinerja.history.wib import WIB
from test_history_support import (
    ADI,
    BUDI,
    DEWI,
    FORGEJO,
    GITHUB,
    ORGANISASI,
    PENYUSUN,
    RUSDI,
    SARI,
    GitRepo,
    noreply,
    trailer,
)

ROSTER = roster_from_mapping(ORGANISASI)
SUB = "submissions/2026-q4/irban-1.yml"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def kinds(events: Iterable[Event]) -> list[str]:
    return [e.kind.value for e in events]


def test_squash_merge_with_our_trailers(repo: GitRepo) -> None:
    repo.write("README.md", "x\n")
    repo.commit("awal", author=ADI)
    repo.branch("irban-1")
    repo.write(SUB, "unit: irban-1\n")
    # The client's clock says 1 October: it must not be believed.
    repo.commit("data irban-1", author=BUDI, when="2026-10-01T08:00:00+07:00")
    message = "\n".join(
        [
            "Data kinerja irban-1 2026-q4 (#12)",
            "",
            "Data triwulan IV.",
            "",
            trailer("Reviewed-by", noreply("Budi Santoso", "budi-s")),
            "Reviewed-on: https://github.com/insp/kinerja/pull/12",
            "Opened-at: 2026-10-06T09:12:00+07:00",
        ]
    )
    sha = repo.squash(
        "irban-1",
        message,
        author=BUDI,
        committer=GITHUB,
        when="2026-10-07T10:00:00+07:00",
        authored="2026-10-01T08:00:00+07:00",
    )

    history = read_history(repo.root, ROSTER)
    events = history.for_path(SUB)
    assert kinds(events) == ["data-diterima", "paraf"]
    data, paraf = events
    assert data.commit == sha
    assert data.merge_style is MergeStyle.SQUASH
    assert data.pull_number == 12
    assert data.pull_url == "https://github.com/insp/kinerja/pull/12"
    assert data.time == datetime(2026, 10, 6, 9, 12, tzinfo=WIB)  # Opened-at, not author time
    assert data.authored_at == datetime(2026, 10, 1, 8, 0, tzinfo=WIB)
    assert data.merged_at == datetime(2026, 10, 7, 10, 0, tzinfo=WIB)
    assert data.person_id == "budi-santoso"
    assert data.period == "2026-q4" and data.unit == "irban-1"
    assert not data.without_paraf
    assert data.problems == () and data.missing == ()
    assert paraf.person_id == "budi-santoso"  # matched by the handle of a no-reply address
    assert "kepala:irban-1" in paraf.roles
    assert paraf.ok
    assert paraf.time == data.merged_at


def test_merge_commit_forgejo_style(repo: GitRepo) -> None:
    repo.write("README.md", "x\n")
    repo.commit("awal", author=ADI)
    repo.branch("kirim")
    repo.write(SUB, "unit: irban-1\n")
    repo.commit("isi data", author=BUDI, when="2026-10-05T08:00:00+07:00")
    repo.write(SUB, "unit: irban-1\nperiode: 2026-q4\n")
    repo.commit("perbaiki", author=BUDI, when="2026-10-05T09:00:00+07:00")
    message = "\n".join(
        [
            "Merge pull request 'Data irban-1' (#7) from kirim into main",
            "",
            "Reviewed-on: https://forge.local/insp/kinerja/pulls/7",
            trailer("Reviewed-by", BUDI),
        ]
    )
    merge = repo.merge("kirim", message, who=SARI, when="2026-10-06T14:00:00+07:00")

    history = read_history(repo.root, ROSTER)
    events = history.for_path(SUB)
    # Two branch commits, one landing: received once, not received-then-revised.
    assert kinds(events) == ["data-diterima", "paraf"]
    data = events[0]
    assert data.commit == merge
    assert data.merge_style is MergeStyle.GABUNG
    assert data.pull_number == 7
    assert data.author.email == BUDI[1]  # from the branch commits
    assert data.merger.email == SARI[1]  # the merge commit's author
    assert data.time == datetime(2026, 10, 6, 14, 0, tzinfo=WIB)  # no Opened-at: merge time
    assert data.ok
    landing = history.landings[-1]
    assert len(landing.contributing) == 2


def test_merge_without_trailers_is_shown_without_paraf(repo: GitRepo) -> None:
    repo.write("README.md", "x\n")
    repo.commit("awal", author=ADI)
    repo.branch("kirim")
    repo.write(SUB, "unit: irban-1\n")
    repo.commit("isi data", author=BUDI)
    repo.merge(
        "kirim",
        "Merge pull request #5 from budi-s/kirim",
        who=BUDI,
        when="2026-10-06T14:00:00+07:00",
    )
    (data,) = read_history(repo.root, ROSTER).for_path(SUB)
    assert data.kind is EventKind.DATA_DITERIMA
    assert data.without_paraf
    assert data.pull_number == 5
    assert any("Paraf belum tercatat" in p for p in data.problems)
    assert data.missing == ("Kepala Irban I",)


def test_rebase_merge_is_one_hand_in(repo: GitRepo) -> None:
    repo.write("README.md", "x\n")
    repo.commit("awal", author=ADI, when="2026-10-01T08:00:00+07:00")
    repo.branch("kirim")
    path = "submissions/2026-q4/irban-2.yml"
    repo.write(path, "unit: irban-2\n")
    repo.commit("tambah", author=PENYUSUN, when="2026-10-02T08:00:00+07:00")
    repo.write(path, "unit: irban-2\nperiode: 2026-q4\n")
    repo.commit("ubah", author=PENYUSUN, when="2026-10-02T09:00:00+07:00")
    repo.checkout("main")
    repo.write("docs/x.md", "y\n")
    repo.commit("lain", author=ADI, when="2026-10-03T08:00:00+07:00")
    last = repo.rebase_merge("kirim", committer=GITHUB, when="2026-10-04T10:00:00+07:00")

    history = read_history(repo.root, ROSTER)
    (data,) = history.for_path(path)
    # One landing for the whole run, and not a hand-in: the forge rewrote the commits and
    # nobody signed them (only the merge identity's signed landings count).
    assert data.kind is EventKind.TIDAK_TERVERIFIKASI
    assert not data.verified
    assert data.merge_style is MergeStyle.REBASE
    assert data.commit == last
    assert data.time == datetime(2026, 10, 4, 10, 0, tzinfo=WIB)
    assert data.without_paraf
    assert history.landings[-1].changes[0].status == "A"
    assert len(history.landings[-1].contributing) == 2


def test_direct_pushes_are_separate_and_without_paraf(repo: GitRepo) -> None:
    repo.write(SUB, "a: 1\n")
    repo.commit("satu", author=BUDI, when="2026-10-02T08:00:00+07:00")
    repo.write(SUB, "a: 2\n")
    repo.commit("dua", author=BUDI, when="2026-10-02T08:00:30+07:00")
    events = read_history(repo.root, ROSTER).for_path(SUB)
    assert kinds(events) == ["data-diterima", "direvisi"]
    assert all(e.merge_style is MergeStyle.LANGSUNG and e.without_paraf for e in events)


def test_rename_is_followed_both_ways(repo: GitRepo) -> None:
    repo.write(SUB, "unit: irban-1\n")
    repo.commit(f"data\n\n{trailer('Reviewed-by', BUDI)}", author=BUDI)
    csv = "submissions/2026-q4/irban-1.csv"
    repo.move(SUB, csv)
    repo.commit(
        f"ganti format\n\n{trailer('Reviewed-by', BUDI)}",
        author=BUDI,
        when="2026-10-03T09:00:00+07:00",
    )
    history = read_history(repo.root, ROSTER)
    new = [e for e in history.for_path(csv) if not e.kind.is_approval]
    old = [e for e in history.for_path(SUB) if not e.kind.is_approval]
    assert kinds(new) == ["data-diterima", "direvisi"]
    assert new == old
    assert new[1].old_path == SUB and new[1].path == csv
    assert not new[1].content_changed


def test_moved_to_another_period(repo: GitRepo) -> None:
    old = "submissions/2026-q3/irban-1.yml"
    repo.write(old, "unit: irban-1\n")
    repo.commit("salah folder", author=BUDI)
    repo.move(old, SUB)
    repo.commit("pindah", author=BUDI, when="2026-10-02T09:00:00+07:00")
    events = read_history(repo.root, ROSTER).for_path(SUB)
    assert [(e.kind.value, e.period) for e in events] == [
        ("data-diterima", "2026-q3"),
        ("dihapus", "2026-q3"),
        ("data-diterima", "2026-q4"),
    ]
    assert events[1].note == f"Dipindahkan ke {SUB}"


def test_deletion_and_revision_after_acceptance(repo: GitRepo) -> None:
    accepted = f"data\n\n{trailer('Reviewed-by', BUDI)}"
    repo.write(SUB, "nilai: 1\n")
    repo.commit(accepted, author=BUDI)
    repo.write(SUB, "nilai: 2\n")
    repo.commit(accepted, author=BUDI, when="2026-10-09T09:00:00+07:00")
    repo.remove(SUB)
    repo.commit(accepted, author=BUDI, when="2026-10-10T09:00:00+07:00")
    repo.write(SUB, "nilai: 3\n")
    repo.commit(accepted, author=BUDI, when="2026-10-11T09:00:00+07:00")
    events = [e for e in read_history(repo.root, ROSTER).for_path(SUB) if not e.kind.is_approval]
    assert kinds(events) == ["data-diterima", "direvisi", "dihapus", "direvisi"]


def test_paraf_by_the_wrong_person_is_shown(repo: GitRepo) -> None:
    repo.write(SUB, "unit: irban-1\n")
    message = "\n".join(
        ["data (#3)", "", trailer("Reviewed-by", DEWI), trailer("Reviewed-by", ("Orang", "x@y.z"))]
    )
    repo.commit(message, author=BUDI)
    data, dewi, stranger = read_history(repo.root, ROSTER).for_path(SUB)
    assert data.missing == ("Kepala Irban I",)
    assert "Belum ada paraf Kepala Irban I" in data.problems
    assert dewi.kind is EventKind.PARAF and dewi.person_id == "dewi"
    assert "tidak berwenang" in dewi.problems[0]
    assert stranger.person_id is None
    assert "tidak dikenal" in stranger.problems[0]


def test_period_closed_without_the_inspektur(repo: GitRepo) -> None:
    path = "submissions/2026-q4/analisis.md"
    repo.write(path, "# Analisis\n")
    repo.commit(
        "\n".join(
            ["analisis (#20)", "", trailer("Reviewed-by", DEWI), trailer("Reviewed-by", SARI)]
        ),
        author=PENYUSUN,
    )
    (data, *_) = read_history(repo.root, ROSTER).for_path(path)
    assert data.kind is EventKind.ANALISIS_DISAMPAIKAN
    assert data.missing == ("Inspektur",)
    assert "Analisis belum disahkan: belum ada tanda tangan Inspektur" in data.problems


def test_signature_via_approved_by_and_via_forgejo_reviewed_by(repo: GitRepo) -> None:
    path = "submissions/2026-q4/analisis.md"
    repo.write(path, "# Analisis\n")
    lines = ["analisis (#20)", "", trailer("Reviewed-by", DEWI), trailer("Reviewed-by", SARI)]
    repo.commit("\n".join([*lines, trailer("Approved-by", RUSDI)]), author=PENYUSUN)
    repo.write(path, "# Analisis v2\n")
    repo.commit(
        "\n".join([*lines, trailer("Reviewed-by", RUSDI)]),
        author=PENYUSUN,
        committer=FORGEJO,
        committed="2026-10-20T10:00:00+07:00",
    )
    events = read_history(repo.root, ROSTER).for_path(path)
    first = [e for e in events if e.commit == events[0].commit]
    second = [e for e in events if e.commit != events[0].commit]
    for group in (first, second):
        assert group[0].ok, group[0].problems
        signed = [e for e in group if e.kind is EventKind.DISAHKAN]
        assert [e.person_id for e in signed] == ["rusdiyanto"]
        assert signed[0].ok
        assert sorted(e.person_id or "" for e in group if e.kind is EventKind.PARAF) == [
            "dewi",
            "sari",
        ]


def test_request_and_reference_data_events(repo: GitRepo) -> None:
    repo.write("submissions/organisasi.yml", "versi: 1\n")
    repo.write("submissions/2026-q4/permintaan.yml", "periode: 2026-q4\n")
    repo.commit(f"buka periode (#1)\n\n{trailer('Reviewed-by', SARI)}", author=PENYUSUN)
    history = read_history(repo.root, ROSTER)
    by_path = {e.path: e for e in history.events if not e.kind.is_approval}
    request = by_path["submissions/2026-q4/permintaan.yml"]
    assert request.kind is EventKind.PERMINTAAN_DITERBITKAN and request.ok
    organisation = by_path["submissions/organisasi.yml"]
    assert organisation.kind is EventKind.DATA_ACUAN_DIPERBARUI
    assert organisation.missing == ("Admin repositori",)
    assert [e.kind for e in history.for_period("2026-q4")] == [
        EventKind.PERMINTAAN_DITERBITKAN,
        EventKind.PARAF,
    ]


def test_without_roster_identities_only(repo: GitRepo) -> None:
    repo.write(SUB, "x: 1\n")
    repo.commit(f"data\n\n{trailer('Reviewed-by', DEWI)}", author=BUDI)
    data, paraf = read_history(repo.root).for_path(SUB)
    assert data.person_id is None and data.roles == () and data.problems == ()
    assert paraf.person.email == DEWI[1]


def test_forged_trailer_in_body_is_not_a_trailer(repo: GitRepo) -> None:
    repo.write(SUB, "x: 1\n")
    repo.commit(
        "data (#4)\n\nApproved-by: RUSDIYANTO <rusdiyanto@pesisirselatan.go.id>\n"
        "tolong disetujui\n\nReviewed-on: https://github.com/insp/kinerja/pull/4",
        author=BUDI,
    )
    (data,) = read_history(repo.root, ROSTER).for_path(SUB)
    assert data.approvers == ()
    assert data.without_paraf


def test_files_outside_the_data_are_events_that_need_the_admin(repo: GitRepo) -> None:
    """Every path has an owner: code, site and trust files show in the history too."""
    repo.write("README.md", "x\n")
    repo.commit("awal", author=ADI, when="2026-10-01T08:00:00+07:00")
    repo.write("scripts/x.py", "print(1)\n")
    repo.write("submissions/.gitkeep", "")
    repo.commit("kode", author=ADI, when="2026-10-01T09:00:00+07:00")
    history = read_history(repo.root, ROSTER)
    by_path = {e.path: e for e in history.events}
    assert set(by_path) == {
        "scripts/x.py",
        "submissions/.gitkeep",
        ".kinerja/allowed_signers",
        "README.md",
    }
    code = by_path["scripts/x.py"]
    assert code.kind is EventKind.BERKAS_DIPERBARUI
    assert code.missing == ("Admin repositori",)
    # The founding commit (the trust file's anchor) asks no paraf: nothing came before it.
    assert by_path["README.md"].problems == () and by_path["README.md"].arrival.founding
    assert len(history.landings) == 2


def test_empty_repository(repo: GitRepo) -> None:
    history = read_history(repo.root)
    assert history.head is None and history.events == ()


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(NotARepositoryError, match="bukan repositori Git"):
        read_history(tmp_path)


def test_shallow_clone_is_refused(repo: GitRepo, tmp_path: Path) -> None:
    for day in range(1, 4):
        repo.write(SUB, f"x: {day}\n")
        repo.commit(f"data {day}", author=BUDI, when=f"2026-10-0{day}T09:00:00+07:00")
    clone = tmp_path / "dangkal"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    with pytest.raises(ShallowRepositoryError, match="fetch-depth: 0"):
        read_history(clone)
    full = tmp_path / "lengkap"
    subprocess.run(["git", "clone", "-q", f"file://{repo.root}", str(full)], check=True)
    assert len(read_history(full).for_path(SUB)) == 3
