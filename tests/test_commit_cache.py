"""The commit cache (``kinerja.history.commit_cache``) must never change what the history says.

Real repositories: a history read with the cache (fresh, at the same head, after new landings,
after the main line was rewritten, from a corrupt store) equals the one read straight from
``git log``, down to the time zones of the trailer times.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.history import read_history, reader
from kinerja.history.commit_cache import FILE, load
from kinerja.validate.cache import cache_dir
from test_history_support import PENYUSUN, GitRepo, noreply, trailer

KEPALA = noreply("Kepala Wilayah", "kepala")
BOT = ("kinerja-merge", "kinerja-merge@kantor.example")


def _landing(repo: GitRepo, name: str, when: str, opened: str) -> None:
    repo.branch(name)
    repo.write(f"submissions/2026-q4/{name}.yml", f"unit: {name}\nperiode: 2026-q4\n")
    repo.commit(f"data {name}", when=when, sign=False)
    message = (
        f"Gabung data {name} (#{len(name)})\n\n{trailer('Reviewed-by', KEPALA)}\n"
        f"Opened-at: {opened}"
    )
    repo.merge(name, message, who=BOT, when=when)


def _same(repo: Path) -> None:
    fresh = read_history(repo, use_cache=False)
    cached = read_history(repo)
    assert cached.commits == fresh.commits
    assert cached.events == fresh.events
    assert cached.verdicts == fresh.verdicts
    # Equal instants are not enough: the zone a time was read in is shown to people.
    assert [repr(c) for c in cached.commits.values()] == [repr(c) for c in fresh.commits.values()]


def test_the_cache_never_changes_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo(tmp_path / "r")
    repo.write("submissions/2026-q4/permintaan.yml", "periode: 2026-q4\n")
    repo.commit("awal", author=BOT)
    _landing(repo, "wilayah-1", "2026-10-02T09:00:00+07:00", "2026-10-02T08:00:00+07:00")
    # A trailer time without an offset is read in the office's zone (a named zone).
    _landing(repo, "wilayah-2", "2026-10-03T09:00:00+07:00", "2026-10-03T08:00:00")
    _same(repo.root)  # writes the store
    head, commits = load(repo.root) or ("", [])
    assert head == repo.head() and len(commits) == 5
    _same(repo.root)  # read at the same head: no git log at all
    # New landings, a rename: only the new commits are read, and nothing differs.
    _landing(repo, "wilayah-3", "2026-10-04T09:00:00+07:00", "2026-10-04T08:00:00+08:00")
    repo.move("submissions/2026-q4/wilayah-3.yml", "submissions/2026-q4/wilayah-4.yml")
    repo.commit("pindah", author=BOT, when="2026-10-05T09:00:00+07:00")
    _same(repo.root)
    # Three new commits: read again next time rather than rewriting the store ...
    assert (load(repo.root) or ("", []))[0] == head
    monkeypatch.setattr(reader, "SAVE_FROM", 0)
    _same(repo.root)
    # ... unless told to keep every new commit.
    assert (load(repo.root) or ("", []))[0] == repo.head()


def test_a_rewritten_main_line_or_a_corrupt_store_is_read_again(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "r")
    repo.write("a.txt", "a\n")
    repo.commit("awal", author=BOT)
    _landing(repo, "wilayah-1", "2026-10-02T09:00:00+07:00", "2026-10-02T08:00:00+07:00")
    _same(repo.root)
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write("b.txt", "b\n")
    repo.commit("lain", author=PENYUSUN, when="2026-10-03T09:00:00+07:00")
    _same(repo.root)
    (cache_dir(repo.root) / FILE).write_bytes(b"\x00rusak")
    assert load(repo.root) is None
    _same(repo.root)


def test_replace_refs_do_not_rewrite_the_record(tmp_path: Path) -> None:
    """``git replace`` makes Git show another commit under a commit's id; the history reads the
    commit objects themselves."""
    repo = GitRepo(tmp_path / "r")
    repo.write("a.txt", "a\n")
    first = repo.commit("awal", author=BOT)
    repo.write("a.txt", "b\n")
    repo.commit("kedua", author=BOT, when="2026-10-02T09:00:00+07:00")
    before = read_history(repo.root, use_cache=False)
    repo.git("checkout", "-q", "--orphan", "palsu")
    repo.write("a.txt", "palsu\n")
    fake = repo.commit("palsu", author=PENYUSUN, sign=False)
    repo.git("checkout", "-q", "main")
    repo.git("replace", first, fake)
    after = read_history(repo.root, use_cache=False)
    assert after.commits == before.commits
    assert after.commits[first].message == "awal"
