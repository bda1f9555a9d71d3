"""SOP revisions: numbered after the effective date, with a readable diff of what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kinerja.history import EventKind, read_history, roster_from_mapping
from kinerja.history.sop import describe_changes, flatten
from test_history_support import ADI, ORGANISASI, RUSDI, GitRepo, trailer

SOP = "docs/sop/pengumpulan-data-kinerja.yml"


def sop(nomor: str, waktu: int, efektif: str = "2026-01-01") -> dict[str, Any]:
    return {
        "id": "pengumpulan-data-kinerja",
        "identitas": {"nomor": nomor, "tanggal_efektif": efektif},
        "aktivitas": [
            {"no": 1, "aktivitas": "Memerintahkan staf", "waktu_menit": 5},
            {"no": 4, "aktivitas": "Menghimpun data Irban", "waktu_menit": waktu},
        ],
    }


def approved(subject: str) -> str:
    return f"{subject}\n\n{trailer('Reviewed-by', ADI)}\n{trailer('Approved-by', RUSDI)}"


def test_revisions_are_numbered_after_the_effective_date(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "r")
    repo.write_yaml(SOP, sop("700/1/SOP/2025", 480))
    repo.commit(approved("SOP ditetapkan (#1)"), author=ADI, when="2025-12-01T09:00:00+07:00")
    repo.write_yaml(SOP, sop("700/3334.b/SOP/2025", 480))  # drafting, before 1 January
    repo.commit(approved("nomor (#2)"), author=ADI, when="2025-12-20T09:00:00+07:00")
    repo.write_yaml(SOP, sop("700/3334.b/SOP/2025", 240))
    first = repo.commit(approved("waktu (#3)"), author=ADI, when="2026-02-02T09:00:00+07:00")
    repo.write_yaml(SOP, sop("700/3334.b/SOP/2025", 300, efektif="2026-03-01"))
    repo.commit(approved("waktu lagi (#4)"), author=ADI, when="2026-04-02T09:00:00+07:00")

    history = read_history(repo.root, roster_from_mapping(ORGANISASI))
    events = [e for e in history.for_path(SOP) if not e.kind.is_approval]
    assert [e.kind for e in events] == [
        EventKind.SOP_DITETAPKAN,
        EventKind.SOP_DIUBAH,
        EventKind.SOP_DIREVISI,
        EventKind.SOP_DIREVISI,
    ]
    assert [e.revision for e in history.sop_revisions(SOP)] == [1, 2]
    revision = history.sop_revisions()[0]
    assert revision.commit == first
    assert revision.person.email == ADI[1]
    assert [a.email for a in revision.approvers] == [RUSDI[1]]
    assert revision.diff == ("Diubah aktivitas[4].waktu_menit: «480» → «240»",)
    assert events[1].diff == ("Diubah identitas.nomor: «700/1/SOP/2025» → «700/3334.b/SOP/2025»",)
    assert all(e.ok for e in events), [e.problems for e in events]


def test_describe_changes_added_removed_and_unreadable() -> None:
    old = "a: 1\nb: [x, y]\n"
    new = "a: 2\nb: [x]\nc: baru\n"
    assert describe_changes(old, new) == (
        "Diubah a: «1» → «2»",
        "Ditambahkan c: «baru»",
        "Dihapus b[2]: «y»",
    )
    broken = describe_changes("a: 1\n", "a: [\n")
    assert "-a: 1" in broken and "+a: [" in broken


def test_flatten_names_list_items_by_no_or_id() -> None:
    flat = flatten({"aktivitas": [{"no": 3, "x": 1}], "pelaksana": [{"id": "irban", "nama": "I"}]})
    assert flat == {
        "aktivitas[3].no": 3,
        "aktivitas[3].x": 1,
        "pelaksana[irban].id": "irban",
        "pelaksana[irban].nama": "I",
    }
