"""Adopting a history that began before the trust rule (``kinerja adopt``), in real repositories
with real SSH keys.

An office that kept its tracker before signed landings has a main line that the trust rule does
not count: status, recap and pages are empty. One signed anchor (the first trust file on the main
line, judged against itself) that names the commit it lands on adopts every landing before it.
Nothing else may anchor: not a second adoption, not a trust file brought by an unsigned push or a
stranger's key, not one brought after the trust file was deleted.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import pytest

from kinerja.cli import main
from kinerja.history import read_history
from kinerja.history.adopt import AdoptError, adopt
from kinerja.history.events import ADOPTED_NOTE
from kinerja.history.trust import ADOPTION_TRAILER, TRUST_FILE, Reason
from kinerja.history.wib import WIB
from kinerja.snapshot import take_snapshot
from kinerja.status.derive import UnitStatus
from signing import BOT, make_key, office_key, sign_args, trust_line
from tracker import make_tracker

NOW = datetime(2026, 10, 20, 9, 0, tzinfo=WIB)
IRBAN1 = "submissions/2026-q4/irban-1.yml"
IRBAN2 = "submissions/2026-q4/irban-2.yml"
STAFF = ("Lisa Oktaviani", "lisa.oktaviani@example.go.id")
HEAD2 = "Nofrizal, S.H., M.H. <contoh-nofrizal@users.noreply.github.com>"
GITHUB = ("GitHub", "noreply@github.com")

SUBMISSION2 = """\
unit: irban-2
periode: 2026-q4
disampaikan_oleh: lisa-oktaviani
tanggal: "2026-10-07"
realisasi:
  - indikator: jumlah-lhp
    nilai: 9
kendala: Tidak ada
"""


class OldRepo:
    """A tracker kept before the trust rule: forge-button merges, nothing signed."""

    def __init__(self, root: Path) -> None:
        self.root = make_tracker(root, with_git=False)
        self.git("init", "-q", "-b", "main")
        self.git("config", "commit.gpgsign", "false")
        self.commit("Konfigurasi awal", who=GITHUB, when="2026-10-01T08:00:00+07:00")
        self.git("checkout", "-q", "-b", "kirim")
        self.write(IRBAN2, SUBMISSION2)
        self.commit("isi data irban-2", who=STAFF, when="2026-10-06T09:00:00+07:00")
        self.git("checkout", "-q", "main")
        message = (
            "Merge pull request #7 from kantor/kirim\n\n"
            f"Reviewed-by: {HEAD2}\nOpened-at: 2026-10-06T09:10:00+07:00"
        )
        self.git("merge", "-q", "--no-ff", "-m", message, "kirim", env=_env(GITHUB, "10-06T11"))
        self.merge = self.git("rev-parse", "HEAD")

    def git(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", "-C", str(self.root), *args],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", **(env or {})},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(
        self, message: str, *, who: tuple[str, str], when: str, key: Path | None = None
    ) -> str:
        self.git("add", "-A")
        env = {
            "GIT_AUTHOR_NAME": who[0],
            "GIT_AUTHOR_EMAIL": who[1],
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": who[0],
            "GIT_COMMITTER_EMAIL": who[1],
            "GIT_COMMITTER_DATE": when,
        }
        args = [*sign_args(key), "commit", "-S"] if key is not None else ["commit"]
        self.git(*args, "-q", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD")

    def adopt(self, *extra: str, when: str = "2026-10-07T12:00:00+07:00") -> int:
        """``kinerja adopt`` as the admin runs it (Git's dates fixed through its environment)."""
        saved = {k: os.environ.get(k) for k in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")}
        os.environ.update(dict.fromkeys(saved, when))
        try:
            return main(
                ["adopt", "--kunci", str(office_key()), "--email-penggabung", BOT[1], "-C",
                 str(self.root), *extra]
            )  # fmt: skip
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def units(self) -> dict[str, UnitStatus]:
        snapshot = take_snapshot(self.root, now=NOW, use_cache=False)
        state = snapshot.states.get("2026-q4")  # no period at all when nothing counts
        return {u: s.status for u, s in state.units.items()} if state else {}


def _env(who: tuple[str, str], day_hour: str) -> dict[str, str]:
    when = f"2026-{day_hour}:00:00+07:00"
    return {
        "GIT_AUTHOR_NAME": who[0],
        "GIT_AUTHOR_EMAIL": who[1],
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": who[0],
        "GIT_COMMITTER_EMAIL": who[1],
        "GIT_COMMITTER_DATE": when,
    }


@pytest.fixture
def old(tmp_path: Path) -> OldRepo:
    return OldRepo(tmp_path / "kantor")


def test_before_adoption_nothing_counts(old: OldRepo) -> None:
    history = read_history(old.root)
    assert history.verdicts and not any(v.verified for v in history.verdicts.values())
    assert all(v.reason == Reason.NO_TRUST_FILE for v in history.verdicts.values())
    assert old.units() == {}  # the request itself does not count: an empty tracker


def test_adoption_makes_the_earlier_record_count_and_marks_it(
    old: OldRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    before = old.units()
    assert old.adopt() == 0
    out = capsys.readouterr().out
    assert "2 pendaratan sebelumnya diadopsi" in out
    assert "Sidik jari kunci: SHA256:" in out
    history = read_history(old.root)
    anchor = old.git("rev-parse", "HEAD")
    assert history.verdicts[anchor].verified and history.verdicts[anchor].adopted is None
    assert history.verdicts[old.merge].adopted == anchor
    events = history.for_path(IRBAN2)
    assert events and all(e.verified for e in events)
    assert all(e.arrival.adopted for e in events)
    assert any(e.note == ADOPTED_NOTE for e in events)
    # The record as it was: the paraf and the stated opening time count again.
    assert any(e.kind.value == "paraf" for e in events)
    assert events[0].opened_at is not None
    after = old.units()
    assert before == {} and after["irban-2"] is UnitStatus.DITERIMA
    # The anchor's message states exactly what it adopts.
    message = old.git("log", "-1", "--format=%B")
    assert f"{ADOPTION_TRAILER}: {old.merge}" in message
    # Later landings follow the ordinary rule.
    old.write(IRBAN1, (old.root / IRBAN1).read_text(encoding="utf-8") + "# revisi\n")
    signed = old.commit("Revisi (#8)", who=BOT, when="2026-10-08T09:00:00+07:00", key=office_key())
    old.write(IRBAN1, (old.root / IRBAN1).read_text(encoding="utf-8") + "# lagi\n")
    pushed = old.commit("langsung", who=STAFF, when="2026-10-09T09:00:00+07:00")
    history = read_history(old.root)
    assert history.verdicts[signed].verified and history.verdicts[signed].adopted is None
    assert not history.verdicts[pushed].verified


def test_adoption_is_shown_in_the_cli(old: OldRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert old.adopt() == 0
    capsys.readouterr()
    assert main(["history", IRBAN2, "-C", str(old.root)]) == 0
    assert "Tercatat sebelum aturan keabsahan" in capsys.readouterr().out


def test_adoption_happens_once(old: OldRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert old.adopt() == 0
    capsys.readouterr()
    assert old.adopt() == 2
    assert "sudah berlaku" in capsys.readouterr().err


def test_a_trust_file_brought_by_an_unsigned_push_or_a_stranger_does_not_anchor(
    old: OldRepo, tmp_path: Path
) -> None:
    stranger = make_key(tmp_path / "asing", "asing")
    old.write(TRUST_FILE, trust_line(office_key(), BOT[1]))
    unsigned = old.commit(
        f"kunci\n\n{ADOPTION_TRAILER}: {old.merge}", who=BOT, when="2026-10-07T08:00:00+07:00"
    )
    head = old.git("rev-parse", "HEAD")
    old.write(TRUST_FILE, trust_line(office_key(), BOT[1]) + "# ubah\n")
    foreign = old.commit(
        f"kunci\n\n{ADOPTION_TRAILER}: {head}",
        who=BOT,
        when="2026-10-07T09:00:00+07:00",
        key=stranger,
    )
    history = read_history(old.root)
    assert not history.verdicts[unsigned].verified
    assert not history.verdicts[foreign].verified
    assert not history.verdicts[old.merge].verified
    # The office's own adoption still works afterwards (the tree's file lists its key).
    assert old.adopt() == 0
    assert read_history(old.root).verdicts[old.merge].adopted is not None


def test_no_second_anchor_after_the_trust_file_was_deleted(old: OldRepo, tmp_path: Path) -> None:
    assert old.adopt() == 0
    (old.root / TRUST_FILE).unlink()
    deleted = old.commit("hapus kunci", who=BOT, when="2026-10-08T09:00:00+07:00", key=office_key())
    stranger = make_key(tmp_path / "asing", "asing")
    old.write(TRUST_FILE, trust_line(stranger, BOT[1]))
    head = old.git("rev-parse", "HEAD")
    again = old.commit(
        f"kunci baru\n\n{ADOPTION_TRAILER}: {head}",
        who=BOT,
        when="2026-10-09T09:00:00+07:00",
        key=stranger,
    )
    history = read_history(old.root)
    assert history.verdicts[deleted].verified
    assert not history.verdicts[again].verified
    assert history.verdicts[again].reason == Reason.NO_TRUST_FILE


def test_an_adoption_naming_another_commit_adopts_nothing(old: OldRepo) -> None:
    old.write(TRUST_FILE, trust_line(office_key(), BOT[1]))
    first = old.git("rev-list", "--max-parents=0", "HEAD")
    anchor = old.commit(
        f"jangkar\n\n{ADOPTION_TRAILER}: {first}",
        who=BOT,
        when="2026-10-07T09:00:00+07:00",
        key=office_key(),
    )
    history = read_history(old.root)
    assert history.verdicts[anchor].verified  # it anchors the rule ...
    assert not history.verdicts[old.merge].verified  # ... but adopts nothing
    notes = [e for e in history.events if e.commit == anchor]
    assert notes and any(Reason.ADOPTION_MISMATCH in p for e in notes for p in e.problems)


def test_without_adoption_the_earlier_record_stays_unverified(old: OldRepo) -> None:
    assert old.adopt("--tanpa-adopsi") == 0
    history = read_history(old.root)
    anchor = old.git("rev-parse", "HEAD")
    assert history.verdicts[anchor].verified
    assert not history.verdicts[old.merge].verified
    assert ADOPTION_TRAILER not in old.git("log", "-1", "--format=%B")


def test_times_running_backwards_are_not_adopted(old: OldRepo) -> None:
    old.write(IRBAN1, (old.root / IRBAN1).read_text(encoding="utf-8") + "# mundur\n")
    back = old.commit("mundur", who=STAFF, when="2026-10-02T09:00:00+07:00")
    assert old.adopt() == 0
    history = read_history(old.root)
    assert history.verdicts[old.merge].adopted is not None
    assert not history.verdicts[back].verified
    assert "lebih awal" in (history.verdicts[back].reason or "")


def test_refusals(old: OldRepo, tmp_path: Path) -> None:
    (old.root / IRBAN1).write_text("diubah\n", encoding="utf-8")
    with pytest.raises(AdoptError, match="belum di-commit"):
        adopt(old.root, office_key(), BOT[1])
    old.git("checkout", "--", IRBAN1)
    stranger = make_key(tmp_path / "asing", "asing")
    old.write(TRUST_FILE, trust_line(stranger, BOT[1]))
    old.commit("kunci lain", who=STAFF, when="2026-10-07T09:00:00+07:00")
    with pytest.raises(AdoptError, match="tidak mencantumkan kunci ini"):
        adopt(old.root, office_key(), BOT[1])
    with pytest.raises(AdoptError, match="tidak ada"):
        adopt(old.root, tmp_path / "tidak-ada", BOT[1])
    # A key no longer valid: the anchor would not verify, so it is undone.
    expired = trust_line(office_key(), BOT[1]).replace(
        'namespaces="git"', 'namespaces="git",valid-before="20200101"'
    )
    old.write(TRUST_FILE, expired)
    old.commit("kunci kantor", who=STAFF, when="2026-10-07T10:00:00+07:00")
    head = old.git("rev-parse", "HEAD")
    with pytest.raises(AdoptError, match="tidak terverifikasi"):
        adopt(old.root, office_key(), BOT[1])
    assert old.git("rev-parse", "HEAD") == head


def test_the_history_page_says_what_was_adopted(old: OldRepo) -> None:
    from kinerja.site.pages.history import trust_section

    assert old.adopt() == 0
    section = trust_section(take_snapshot(old.root, now=NOW, use_cache=False))
    assert "2 perubahan dari sebelum aturan ini dipasang diterima admin" in section
    assert "7 Oktober 2026 12.00 WIB" in section
    assert "<em>diadopsi</em>" in section
