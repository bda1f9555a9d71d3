"""The trust rule against forgeries, in real repositories with real SSH keys (ssh-keygen).

Each forgery is tried on a repository whose history is otherwise correct: the office's merge
identity signs its landings with the key of ``.kinerja/allowed_signers``. Whatever the forger
writes (trailers, dates, keys), no status, time, paraf or signature may improve, and the history
says why. Signature checks go through the production code (``kinerja.history.trust``); ``git
verify-commit`` with the same trust file is asked as an independent witness.
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kinerja.cli import main
from kinerja.history import EventKind, read_history
from kinerja.history.trust import (
    TRUST_FILE,
    Reason,
    TrustList,
    check_signature,
    judge,
    split_signed,
)
from kinerja.history.wib import WIB
from kinerja.snapshot import take_snapshot
from kinerja.status.derive import PeriodStatus, UnitStatus
from signing import (
    BOT,
    SigningRepo,
    make_key,
    office_key,
    public_line,
    trust_line,
)
from tracker import make_tracker

NOW = datetime(2026, 10, 20, 9, 0, tzinfo=WIB)
IRBAN2 = "submissions/2026-q4/irban-2.yml"
IRBAN1 = "submissions/2026-q4/irban-1.yml"
ANALYSIS = "submissions/2026-q4/analisis.md"
STAFF = ("Lisa Oktaviani", "lisa.oktaviani@example.go.id")  # staff of irban-2
HEAD2 = "Nofrizal, S.H., M.H. <contoh-nofrizal@users.noreply.github.com>"
INSPEKTUR = "RUSDIYANTO, S.H., M.Hum. <rusdiyanto@example.go.id>"
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

ANALYSIS_MD = """\
---
periode: 2026-q4
disusun_oleh: rizki-ananda
---
# Analisis

Semua unit sudah menyerahkan data.
"""


class Repo(SigningRepo):
    """A tracker repository whose landings the office key signs as the merge identity."""

    def __init__(self, root: Path) -> None:
        self.root = make_tracker(root, with_git=False)
        (root / TRUST_FILE).parent.mkdir(parents=True, exist_ok=True)
        (root / TRUST_FILE).write_text(trust_line(office_key(), BOT[1]), encoding="utf-8")
        self.git("init", "-q", "-b", "main")
        self.git("config", "commit.gpgsign", "false")
        self.land("Konfigurasi awal", when="2026-10-01T08:00:00+07:00")

    def land(self, message: str, *, when: str) -> str:
        """A landing as the merge identity writes it: signed with the office key."""
        return self._commit(message, author=BOT, committer=BOT, when=when, key=office_key())

    def push(
        self,
        message: str,
        *,
        who: tuple[str, str] = STAFF,
        when: str,
        committed: str | None = None,
        key: Path | None = None,
    ) -> str:
        """A commit written straight onto main by someone else (unsigned unless ``key``)."""
        return self._commit(
            message, author=who, committer=who, when=when, committed=committed, key=key
        )

    def verify_commit(self, sha: str) -> bool:
        """``git verify-commit`` with the trust file at the commit's parent: the witness."""
        trust = self.root / "saksi-allowed-signers"
        trust.write_text(self.git("show", f"{sha}^:{TRUST_FILE}") + "\n", encoding="utf-8")
        done = subprocess.run(
            [
                "git",
                "-C",
                str(self.root),
                "-c",
                f"gpg.ssh.allowedSignersFile={trust}",
                "verify-commit",
                sha,
            ],
            capture_output=True,
            check=False,
        )
        trust.unlink()
        return done.returncode == 0

    def status(self) -> tuple[PeriodStatus, dict[str, UnitStatus]]:
        snapshot = take_snapshot(self.root, now=NOW, use_cache=False)
        state = snapshot.states["2026-q4"]
        return state.status, {u: s.status for u, s in state.units.items()}


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "kantor")


def unverified(repo: Repo, path: str) -> list[str]:
    events = [e for e in read_history(repo.root).for_path(path) if not e.verified]
    assert events, f"tidak ada peristiwa tidak terverifikasi untuk {path}"
    assert all(e.kind is EventKind.TIDAK_TERVERIFIKASI for e in events)
    return [p for e in events for p in e.problems]


def test_the_baseline_is_verified(repo: Repo) -> None:
    history = read_history(repo.root)
    assert history.events and all(e.verified for e in history.events)
    status, units = repo.status()
    assert status is PeriodStatus.DIBUKA
    assert units["irban-1"] is UnitStatus.DITERIMA
    assert units["irban-2"] is UnitStatus.TERLAMBAT
    # A verified landing after the root: git agrees with the in-process check.
    repo.write(IRBAN1, (repo.root / IRBAN1).read_text(encoding="utf-8") + "# revisi\n")
    sha = repo.land("Revisi irban-1 (#3)", when="2026-10-02T09:00:00+07:00")
    assert read_history(repo.root).verdicts[sha].verified
    assert repo.verify_commit(sha) is True


def test_direct_push_with_paraf_trailer_and_back_dated_times(repo: Repo) -> None:
    """A staff member commits the unit's file straight to main, after the deadline, with
    author and committer dates before it and a Reviewed-by naming the Kepala."""
    before = repo.status()
    repo.write(IRBAN2, SUBMISSION2)
    sha = repo.push(
        f"Data irban-2 (#7)\n\nReviewed-by: {HEAD2}\nOpened-at: 2026-10-06T09:00:00+07:00",
        when="2026-10-07T09:00:00+07:00",
    )
    assert repo.status() == before  # still terlambat, the period still dibuka
    problems = unverified(repo, IRBAN2)
    assert any(Reason.UNSIGNED in p for p in problems)
    assert any("Paraf atau tanda tangan" in p for p in problems)
    assert any("Waktu pengajuan" in p for p in problems)
    history = read_history(repo.root)
    assert not [e for e in history.events if e.kind is EventKind.PARAF and e.commit == sha]
    assert repo.verify_commit(sha) is False


def test_approved_by_in_a_main_line_commit_does_not_sign_the_period(repo: Repo) -> None:
    repo.write(ANALYSIS, ANALYSIS_MD)
    repo.push(
        f"Analisis (#9)\n\nApproved-by: {INSPEKTUR}",
        who=("Rizki Ananda Putra", "rizki@example.go.id"),
        when="2026-10-10T09:00:00+07:00",
    )
    status, _ = repo.status()
    assert status is PeriodStatus.DIBUKA
    assert not any(e.kind is EventKind.DISAHKAN for e in read_history(repo.root).events)


def test_trailers_in_a_forge_squash_or_merge_message_are_not_paraf(repo: Repo) -> None:
    """Whoever presses the forge's merge button types the message: not the merge identity."""
    repo.git("checkout", "-q", "-b", "kirim")
    repo.write(IRBAN2, SUBMISSION2)
    repo.push("isi data", when="2026-10-06T09:00:00+07:00")
    repo.git("checkout", "-q", "main")
    env = {
        "GIT_AUTHOR_NAME": STAFF[0],
        "GIT_AUTHOR_EMAIL": STAFF[1],
        "GIT_COMMITTER_NAME": GITHUB[0],
        "GIT_COMMITTER_EMAIL": GITHUB[1],
        "GIT_COMMITTER_DATE": "2026-10-07T10:00:00+07:00",
        "GIT_AUTHOR_DATE": "2026-10-07T10:00:00+07:00",
    }
    message = f"Merge pull request #7 from x/kirim\n\nReviewed-by: {HEAD2}"
    repo.git("merge", "-q", "--no-ff", "-m", message, "kirim", env=env)
    assert repo.status()[1]["irban-2"] is UnitStatus.TERLAMBAT
    assert any(Reason.UNSIGNED in p for p in unverified(repo, IRBAN2))


def test_a_rebase_style_sequence_is_not_a_hand_in(repo: Repo) -> None:
    for minute, value in ((0, 1), (1, 2)):
        repo.write(IRBAN2, SUBMISSION2.replace("nilai: 9", f"nilai: {value}"))
        repo.push(
            f"langkah {value}",
            who=STAFF,
            when=f"2026-10-06T09:0{minute}:00+07:00",
            committed=f"2026-10-07T10:0{minute}:00+07:00",
        )
    assert repo.status()[1]["irban-2"] is UnitStatus.TERLAMBAT
    history = read_history(repo.root)
    assert all(not e.verified for e in history.for_path(IRBAN2))


def test_a_key_outside_the_trust_file(repo: Repo, tmp_path: Path) -> None:
    stranger = make_key(tmp_path / "asing", "asing")
    repo.write(IRBAN2, SUBMISSION2)
    sha = repo._commit(
        "Data irban-2 (#7)",
        author=BOT,
        committer=BOT,
        when="2026-10-07T09:00:00+07:00",
        key=stranger,
    )
    assert repo.status()[1]["irban-2"] is UnitStatus.TERLAMBAT
    assert any(Reason.UNKNOWN_KEY in p for p in unverified(repo, IRBAN2))
    assert repo.verify_commit(sha) is False


def test_a_key_added_by_the_change_it_signs(repo: Repo, tmp_path: Path) -> None:
    """The attacker adds their own key to the trust file in the very commit they sign."""
    attacker = make_key(tmp_path / "penyerang", "penyerang")
    repo.write(TRUST_FILE, trust_line(office_key(), BOT[1]) + trust_line(attacker, STAFF[1]))
    repo.write(IRBAN2, SUBMISSION2)
    sha = repo.push("Data irban-2", when="2026-10-07T09:00:00+07:00", key=attacker)
    repo.write(IRBAN2, SUBMISSION2.replace("nilai: 9", "nilai: 10"))
    later = repo.push("Data irban-2 lagi", when="2026-10-08T09:00:00+07:00", key=attacker)
    assert repo.status()[1]["irban-2"] is UnitStatus.TERLAMBAT
    history = read_history(repo.root)
    assert not history.verdicts[sha].verified and not history.verdicts[later].verified
    assert history.verdicts[later].reason == Reason.UNKNOWN_KEY  # the file was never in force
    trust_events = history.for_path(TRUST_FILE)
    assert any(
        "daftar penanda tangan ini tidak berlaku" in p for e in trust_events for p in e.problems
    )
    assert repo.verify_commit(sha) is False  # git agrees: the key was not in force before


def test_the_right_key_for_another_committer(repo: Repo) -> None:
    """A person who got hold of the bot key still signs as themselves: the committer must be
    the key's principal, the merge identity."""
    repo.write(IRBAN2, SUBMISSION2)
    repo.push("Data irban-2", when="2026-10-07T09:00:00+07:00", key=office_key())
    assert any("bukan milik penulis" in p for p in unverified(repo, IRBAN2))


def test_a_verified_landing_must_not_run_backwards(repo: Repo) -> None:
    repo.write(IRBAN2, SUBMISSION2)
    sha = repo.land("Data irban-2 (#7)", when="2026-09-30T09:00:00+07:00")
    history = read_history(repo.root)
    assert not history.verdicts[sha].verified
    assert "lebih awal" in (history.verdicts[sha].reason or "")
    assert repo.status()[1]["irban-2"] is UnitStatus.TERLAMBAT


def test_a_changed_trust_file_by_an_unverified_push_never_takes_effect(
    repo: Repo, tmp_path: Path
) -> None:
    attacker = make_key(tmp_path / "penyerang", "penyerang")
    repo.write(TRUST_FILE, trust_line(attacker, "*"))
    repo.push("ganti kunci", when="2026-10-05T09:00:00+07:00")
    repo.write(IRBAN2, SUBMISSION2)
    sha = repo._commit(
        "Data irban-2 (#7)",
        author=BOT,
        committer=BOT,
        when="2026-10-07T09:00:00+07:00",
        key=attacker,
    )
    assert not read_history(repo.root).verdicts[sha].verified
    # The office key still works after the forged change: the file in force did not change.
    repo.write(IRBAN1, (repo.root / IRBAN1).read_text(encoding="utf-8") + "# ok\n")
    good = repo.land("Revisi irban-1 (#8)", when="2026-10-08T09:00:00+07:00")
    assert read_history(repo.root).verdicts[good].verified


def test_tampered_signature_and_gpg_signature(repo: Repo) -> None:
    """A commit object whose signature does not cover its content, and a GPG signature."""
    repo.write(IRBAN2, SUBMISSION2)
    sha = repo.land("Data irban-2 (#7)", when="2026-10-07T09:00:00+07:00")
    raw = subprocess.run(
        ["git", "-C", str(repo.root), "cat-file", "commit", sha], capture_output=True, check=True
    ).stdout
    payload, armored = split_signed(raw)
    assert armored is not None
    tampered = raw.replace(b"Data irban-2", b"Data irban-9")
    assert check_signature(tampered).problem == Reason.BAD_SIGNATURE
    gpg = payload.replace(
        b"\n\n",
        b"\ngpgsig -----BEGIN PGP SIGNATURE-----\n abc\n -----END PGP SIGNATURE-----\n\n",
        1,
    )
    assert check_signature(gpg).problem == Reason.NOT_SSH
    # The untampered one passes the same function.
    trust = TrustList.parse(trust_line(office_key(), BOT[1]))
    commit = read_history(repo.root).commits[sha]
    assert judge(check_signature(raw), trust, commit).verified


def test_unusable_trust_file_lines_are_reported(tmp_path: Path) -> None:
    key = make_key(tmp_path, "k")
    text = (
        "# komentar\n"
        f'bot@kantor namespaces="git" {public_line(key)}\n'
        f"bot@kantor cert-authority {public_line(key)}\n"
        "rusak\n"
        f"!jahat@x {public_line(key)}\n"
    )
    trust = TrustList.parse(text)
    assert len(trust.keys) == 1
    assert [p.split(":")[0] for p in trust.problems] == [
        "baris 3 daftar penanda tangan tidak dipakai",
        "baris 4 daftar penanda tangan tidak dipakai",
        "baris 5 daftar penanda tangan tidak dipakai",
    ]


def test_recap_uses_the_last_verified_version(repo: Repo) -> None:
    """A direct edit of a handed-in file's numbers does not reach the recap."""
    text = (repo.root / IRBAN1).read_text(encoding="utf-8")
    repo.write(IRBAN1, text.replace("nilai: 3", "nilai: 30"))
    repo.push("perbaiki angka", when="2026-10-09T09:00:00+07:00")
    snapshot = take_snapshot(repo.root, now=NOW, use_cache=False)
    data = snapshot.tracker.periods["2026-q4"].submissions["irban-1"].data
    values = {r["indikator"]: r["nilai"] for r in data["realisasi"]}
    assert values["jumlah-lhp"] == 3
    assert IRBAN1 in snapshot.history.tainted


def test_cli_says_why(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write(IRBAN2, SUBMISSION2)
    repo.push(f"Data irban-2\n\nReviewed-by: {HEAD2}", when="2026-10-07T09:00:00+07:00")
    assert main(["history", IRBAN2, "--root", str(repo.root), "--format", "json"]) == 0
    (event,) = json.loads(capsys.readouterr().out)
    assert event["jenis"] == "tidak-terverifikasi"
    assert event["terverifikasi"] is False
    assert Reason.UNSIGNED in event["alasan_tidak_terverifikasi"]
    assert main(["history", IRBAN2, "--root", str(repo.root)]) == 0
    assert "tidak terverifikasi" in capsys.readouterr().out.lower()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_signatures_checked_in_two_processes_give_the_same_verdicts(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """A large history shares the signature checks with a worker process; the verdicts must
    not depend on which process checked which commit (good, unsigned, foreign, tampered)."""
    from kinerja.history import trust

    stranger = make_key(tmp_path / "asing", "asing")
    repo.write(IRBAN2, SUBMISSION2)
    repo.land("Data irban-2 (#7)", when="2026-10-07T09:00:00+07:00")
    repo.write(IRBAN1, (repo.root / IRBAN1).read_text(encoding="utf-8") + "# a\n")
    repo.push("langsung", when="2026-10-08T09:00:00+07:00")
    repo.write(IRBAN1, (repo.root / IRBAN1).read_text(encoding="utf-8") + "# b\n")
    repo._commit("asing", author=BOT, committer=BOT, when="2026-10-09T09:00:00+07:00", key=stranger)
    serial = read_history(repo.root, use_cache=False).verdicts
    monkeypatch.setattr(trust, "PARALLEL_FROM", 0)
    monkeypatch.setattr(trust, "_start_method", lambda: method)
    parallel = read_history(repo.root, use_cache=False).verdicts
    assert parallel == serial
    assert [v.verified for v in serial.values()] == [True, True, False, False]
    raws = {"a" * 40: b"tree x\n\npesan", "b" * 40: None}
    checked = trust.check_many(raws, trust.KeyCache())
    assert {k: v.problem for k, v in checked.items()} == dict.fromkeys(raws, Reason.UNSIGNED)


def test_a_partial_prefetch_gives_the_same_verdicts(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cold run's prefetch may finish any part of the main line before git log ends; the
    walk checks the rest. Stopped after each possible number of checks, nothing changes."""
    from kinerja.history import prefetch, reader

    stranger = make_key(tmp_path / "asing", "asing")
    repo.write(IRBAN2, SUBMISSION2)
    repo.land("Data irban-2 (#7)", when="2026-10-07T09:00:00+07:00")
    repo.write(IRBAN1, (repo.root / IRBAN1).read_text(encoding="utf-8") + "# b\n")
    repo._commit("asing", author=BOT, committer=BOT, when="2026-10-09T09:00:00+07:00", key=stranger)
    expected = read_history(repo.root, use_cache=False).verdicts
    for limit in range(4):

        class Partial(prefetch.Prefetch):
            def finish(self) -> tuple[Any, Any]:
                raws, signed = super().finish()
                return raws, dict(list(signed.items())[:limit])  # noqa: B023

        monkeypatch.setattr(reader, "Prefetch", Partial)
        assert read_history(repo.root, use_cache=False).verdicts == expected
