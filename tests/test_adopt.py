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
from signing import BOT, SigningRepo, make_key, office_key, sign_args, trust_line
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


class OldRepo(SigningRepo):
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

    def commit(
        self, message: str, *, who: tuple[str, str], when: str, key: Path | None = None
    ) -> str:
        return self._commit(message, author=who, committer=who, when=when, key=key)

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


def test_an_adoption_naming_another_commit_is_no_anchor(old: OldRepo) -> None:
    """An anchor written before someone else pushed (then rebased) names the wrong main line:
    it anchors nothing, so the admin can run kinerja adopt again."""
    old.write(TRUST_FILE, trust_line(office_key(), BOT[1]))
    first = old.git("rev-list", "--max-parents=0", "HEAD")
    anchor = old.commit(
        f"jangkar\n\n{ADOPTION_TRAILER}: {first}",
        who=BOT,
        when="2026-10-07T09:00:00+07:00",
        key=office_key(),
    )
    history = read_history(old.root)
    assert not history.verdicts[anchor].verified
    assert history.verdicts[anchor].reason == Reason.ADOPTION_MISMATCH
    assert history.trust is None
    assert old.adopt(when="2026-10-07T10:00:00+07:00") == 0
    assert read_history(old.root).verdicts[old.merge].adopted is not None


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
    assert "tidak berurutan" in (history.verdicts[back].reason or "")


def test_refusals(old: OldRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (old.root / IRBAN1).write_text("diubah\n", encoding="utf-8")
    with pytest.raises(AdoptError, match="belum di-commit"):
        adopt(old.root, office_key(), BOT[1])
    old.git("checkout", "--", IRBAN1)
    with pytest.raises(AdoptError, match="tidak ada"):
        adopt(old.root, tmp_path / "tidak-ada", BOT[1])
    # An anchor that would not verify is undone, tree and index included, and says why.
    from kinerja.history import trust

    monkeypatch.setattr(trust, "judge", lambda *a: trust.Verdict(False, Reason.UNKNOWN_KEY))
    head = old.git("rev-parse", "HEAD")
    with pytest.raises(AdoptError, match="tidak terverifikasi"):
        adopt(old.root, office_key(), BOT[1])
    assert old.git("rev-parse", "HEAD") == head
    assert old.git("status", "--porcelain") == ""
    assert not (old.root / TRUST_FILE).exists()


def test_adoption_keeps_the_longest_run_in_time_order() -> None:
    """Brute force against the rule: as many landings as possible, in time order, and of two
    equally long runs the one keeping the earlier landings."""
    import itertools
    import random
    from datetime import timedelta

    from kinerja.history.trust import _longest_in_order

    day = datetime(2026, 1, 1, tzinfo=WIB)
    rng = random.Random(7)
    for _ in range(400):
        values = [rng.randint(0, 5) for _ in range(rng.randint(0, 8))]
        got = _longest_in_order([day + timedelta(days=v) for v in values])
        ordered = [
            c
            for r in range(len(values), -1, -1)
            for c in itertools.combinations(range(len(values)), r)
            if all(values[a] <= values[b] for a, b in itertools.pairwise(c))
        ]
        best = max((len(c) for c in ordered), default=0)
        assert len(got) == best
        assert tuple(got) == min(c for c in ordered if len(c) == best)


def test_a_prepared_trust_file_is_never_signed_as_it_is(old: OldRepo, tmp_path: Path) -> None:
    """Before the rule is in force anyone may commit a trust file listing the office key and
    their own: adopting writes a new file with the office key alone."""
    stranger = make_key(tmp_path / "asing", "asing")
    old.write(TRUST_FILE, trust_line(office_key(), BOT[1]) + trust_line(stranger, BOT[1]))
    old.commit("siapkan kunci", who=STAFF, when="2026-10-07T09:00:00+07:00")
    assert old.adopt() == 0
    old.write(IRBAN1, (old.root / IRBAN1).read_text(encoding="utf-8") + "# x\n")
    forged = old.commit("Data (#9)", who=BOT, when="2026-10-08T09:00:00+07:00", key=stranger)
    history = read_history(old.root)
    assert not history.verdicts[forged].verified
    assert history.trust is not None and len(history.trust.keys) == 1


def test_a_push_after_the_anchor_never_joins_it(old: OldRepo, tmp_path: Path) -> None:
    """A push committed as the merge identity a minute after the anchor would have been read
    as one rebase landing with it: undoing the anchor, or (signed by a key it adds) taking
    it over."""
    assert old.adopt() == 0
    anchor = old.git("rev-parse", "HEAD")
    stranger = make_key(tmp_path / "asing", "asing")
    old.write(TRUST_FILE, (old.root / TRUST_FILE).read_text() + trust_line(stranger, BOT[1]))
    env = {**_env(BOT, "10-07T12"), "GIT_COMMITTER_DATE": "2026-10-07T12:01:00+07:00"}
    env.update({"GIT_AUTHOR_NAME": STAFF[0], "GIT_AUTHOR_EMAIL": STAFF[1]})
    old.git("add", "-A")
    message = f"rapikan\n\n{ADOPTION_TRAILER}: {old.git('rev-parse', 'HEAD^')}"
    old.git(*sign_args(stranger), "commit", "-S", "-q", "-m", message, env=env)
    joined = old.git("rev-parse", "HEAD")
    history = read_history(old.root)
    assert history.verdicts[anchor].verified
    assert not history.verdicts[joined].verified
    assert history.verdicts[old.merge].adopted == anchor
    assert history.trust is not None and len(history.trust.keys) == 1


def test_a_forward_dated_push_does_not_decide_the_adoption(old: OldRepo) -> None:
    old.write("catatan.txt", "x\n")
    future = old.commit("catatan", who=STAFF, when="2027-06-01T09:00:00+07:00")
    assert old.adopt() == 0  # the anchor (7 Oct 2026) is not "earlier" than a forged time
    history = read_history(old.root)
    assert history.verdicts[old.merge].adopted is not None
    assert not history.verdicts[future].verified
    assert "lebih lambat daripada pemasangan" in (history.verdicts[future].reason or "")


def test_a_malformed_signature_is_a_verdict_not_a_crash(old: OldRepo, tmp_path: Path) -> None:
    import base64

    assert old.adopt() == 0
    old.write(IRBAN1, (old.root / IRBAN1).read_text(encoding="utf-8") + "# x\n")
    signed = old.commit("x", who=BOT, when="2026-10-08T09:00:00+07:00", key=office_key())
    raw = subprocess.run(
        ["git", "-C", str(old.root), "cat-file", "commit", signed], capture_output=True, check=True
    ).stdout
    head, _, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    i = next(k for k, line in enumerate(lines) if line.startswith(b"gpgsig "))
    j = i + 1
    while j < len(lines) and lines[j].startswith(b" "):
        j += 1
    armor = [lines[i][7:]] + [line[1:] for line in lines[i + 1 : j]]
    blob = bytearray(base64.b64decode(b"".join(armor[1:-1])))
    blob[6:10] = b"\x00\x00\x00\x02"  # SSHSIG version 2: the library raises on it
    text = base64.b64encode(bytes(blob))
    armor = [armor[0], *(text[k : k + 70] for k in range(0, len(text), 70)), armor[-1]]
    forged = b"\n".join([*lines[:i], b"gpgsig " + armor[0], *(b" " + a for a in armor[1:])])
    done = subprocess.run(
        ["git", "-C", str(old.root), "hash-object", "-w", "-t", "commit", "--stdin"],
        input=forged + b"\n" + b"\n".join(lines[j:]) + b"\n\n" + body,
        capture_output=True,
        check=True,
    )
    sha = done.stdout.decode().strip()
    old.git("update-ref", "refs/heads/main", sha)
    history = read_history(old.root, use_cache=False)
    assert history.verdicts[sha].reason == Reason.BAD_SIGNATURE


def test_a_trust_file_turned_into_a_gitlink_does_not_reopen_the_anchor(
    old: OldRepo, tmp_path: Path
) -> None:
    assert old.adopt() == 0
    old.git("rm", "-q", "--cached", TRUST_FILE)
    (old.root / TRUST_FILE).unlink()
    old.git("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},{TRUST_FILE}")
    env = _env(BOT, "10-08T09")
    old.git(*sign_args(office_key()), "commit", "-S", "-q", "-m", "ubah (#12)", env=env)
    old.git("rm", "-q", "--cached", TRUST_FILE)
    stranger = make_key(tmp_path / "asing", "asing")
    old.write(TRUST_FILE, trust_line(stranger, BOT[1]))
    again = old.commit("kunci", who=BOT, when="2026-10-09T09:00:00+07:00", key=stranger)
    history = read_history(old.root)
    assert not history.verdicts[again].verified


def test_the_pinned_anchor_refuses_a_rewritten_main_line(
    old: OldRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With KINERJA_JANGKAR pinned outside the repository, a fast-forward to a merge whose
    first parent is old (the anchor falls off the main line) stops status and site."""
    from kinerja.history.errors import AnchorMismatchError

    assert old.adopt() == 0
    anchor = old.git("rev-parse", "HEAD")
    monkeypatch.setenv("KINERJA_JANGKAR", anchor)
    assert read_history(old.root).verdicts[anchor].verified  # the pin holds
    first = old.git("rev-list", "--max-parents=0", "HEAD")
    tree = old.git("rev-parse", "HEAD^{tree}")
    rewritten = old.git(
        "commit-tree", tree, "-p", first, "-p", anchor, "-m", "gabung", env=_env(STAFF, "10-09T09")
    )
    old.git("update-ref", "refs/heads/main", rewritten)
    with pytest.raises(AnchorMismatchError, match="KINERJA_JANGKAR"):
        read_history(old.root, use_cache=False)
    assert main(["status", "-C", str(old.root)]) == 2
    assert "history-anchor" in capsys.readouterr().err
    monkeypatch.setenv("KINERJA_JANGKAR", "")
    assert read_history(old.root, use_cache=False).head == rewritten


def test_grafts_do_not_rewrite_the_record(old: OldRepo) -> None:
    first = old.git("rev-list", "--max-parents=0", "HEAD")
    before = read_history(old.root, use_cache=False)
    grafts = old.root / ".git" / "info" / "grafts"
    grafts.parent.mkdir(parents=True, exist_ok=True)
    grafts.write_text(f"{old.merge} {first}\n", encoding="utf-8")
    after = read_history(old.root, use_cache=False)
    assert after.commits == before.commits


def test_the_history_page_says_what_was_adopted(old: OldRepo) -> None:
    from kinerja.site.pages.history import trust_section

    assert old.adopt() == 0
    section = trust_section(take_snapshot(old.root, now=NOW, use_cache=False))
    assert "2 perubahan dari sebelum aturan ini dipasang diterima admin" in section
    assert "7 Oktober 2026 12.00 WIB" in section
    assert "<em>diadopsi</em>" in section


def test_each_adopted_pengajuan_says_so_on_riwayat(old: OldRepo) -> None:
    from kinerja.site.pages.pengajuan import entry_html, group

    assert old.adopt() == 0
    snapshot = take_snapshot(old.root, now=NOW, use_cache=False)
    entries = {e.arrival.commit: e for e in group(list(reversed(snapshot.history.events)))}
    html = entry_html(snapshot, "riwayat.md", entries[old.merge], fmt=str, commit_url=None)
    assert "<em>diadopsi</em>" in html and "Tercatat sebelum aturan keabsahan" in html
    anchor = old.git("rev-parse", "HEAD")
    assert "diadopsi" not in entry_html(
        snapshot, "riwayat.md", entries[anchor], fmt=str, commit_url=None
    )


def test_adopt_with_a_pin_already_set_says_why(
    old: OldRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A KINERJA_JANGKAR set before adopting (copied from another repository) is a usage
    error with the reason, not a crash."""
    monkeypatch.setenv("KINERJA_JANGKAR", "a" * 40)
    assert old.adopt() == 2
    assert "KINERJA_JANGKAR" in capsys.readouterr().err
