"""Helpers for the history, merge and CODEOWNERS tests: real Git repositories in tmp folders.

Not a test module itself (it has no tests); the ``test_`` prefix keeps it inside the files this
part of the project owns. Import it as ``from test_history_support import ...``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from signing import sign_args, write_trust

Who = tuple[str, str]

PENYUSUN: Who = ("Nina Penyusun", "nina@pesisirselatan.go.id")
BUDI: Who = ("Budi Santoso", "budi@pesisirselatan.go.id")  # Kepala Irban I (handle: budi-s)
SARI: Who = ("Sari Perencanaan", "sari@pesisirselatan.go.id")  # Kasubbag Perencanaan
DEWI: Who = ("Dewi Sekretaris", "dewi@pesisirselatan.go.id")  # Sekretaris
RUSDI: Who = ("RUSDIYANTO", "rusdiyanto@pesisirselatan.go.id")  # Inspektur
ADI: Who = ("Adi Admin", "adi@pesisirselatan.go.id")
GITHUB: Who = ("GitHub", "noreply@github.com")
FORGEJO: Who = ("Forgejo", "forgejo@noreply.forge.local")

ORGANISASI: dict[str, Any] = {
    "versi": 1,
    "instansi": {
        "nama": "Inspektorat Daerah Kabupaten Pesisir Selatan",
        "pemerintah": "Pemerintah Kabupaten Pesisir Selatan",
        "forge": {"jenis": "github", "url": "https://github.com", "repo": "insp/kinerja"},
    },
    "pegawai": [
        {
            "id": "rusdiyanto",
            "nama": "RUSDIYANTO, S.H., M.Hum.",
            "jabatan": "Inspektur",
            "unit": "pimpinan",
            "peran": ["inspektur"],
            "akun": ["rusdiyanto"],
            "email": [RUSDI[1]],
        },
        {
            "id": "dewi",
            "nama": "Dewi Sekretaris",
            "jabatan": "Sekretaris",
            "unit": "sekretariat",
            "peran": ["sekretaris"],
            "akun": ["dewi-sek"],
            "email": [DEWI[1]],
        },
        {
            "id": "sari",
            "nama": "Sari Perencanaan",
            "jabatan": "Kasubbag Perencanaan",
            "unit": "subbag-perencanaan",
            "peran": ["kasubbag"],
            "akun": ["sari-p"],
            "email": [SARI[1]],
        },
        {
            "id": "nina",
            "nama": "Nina Penyusun",
            "jabatan": "Penyusun Bahan",
            "unit": "subbag-perencanaan",
            "peran": ["penyusun"],
            "akun": ["nina"],
            "email": [PENYUSUN[1]],
        },
        {
            "id": "budi-santoso",
            "nama": "Budi Santoso",
            "jabatan": "Inspektur Pembantu I",
            "unit": "irban-1",
            "peran": ["irban"],
            "akun": ["budi-s"],
            "email": [BUDI[1]],
        },
        {
            "id": "eko",
            "nama": "Eko Irban Dua",
            "jabatan": "Inspektur Pembantu II",
            "unit": "irban-2",
            "peran": ["irban"],
            "akun": ["eko2"],
            "email": [],
        },
        {
            "id": "adi",
            "nama": "Adi Admin",
            "jabatan": "Pranata Komputer",
            "unit": "subbag-perencanaan",
            "peran": ["staf"],
            "akun": ["adi-admin"],
            "email": [ADI[1]],
        },
    ],
    "unit": [
        {
            "id": "pimpinan",
            "nama": "Pimpinan",
            "singkatan": "Pimpinan",
            "jenis": "pimpinan",
            "kepala": "rusdiyanto",
        },
        {
            "id": "sekretariat",
            "nama": "Sekretariat",
            "singkatan": "Sekretariat",
            "jenis": "sekretariat",
            "kepala": "dewi",
        },
        {
            "id": "subbag-perencanaan",
            "nama": "Subbag Perencanaan",
            "singkatan": "Subbag Perencanaan",
            "jenis": "subbag",
            "kepala": "sari",
        },
        {
            "id": "irban-1",
            "nama": "Inspektur Pembantu Wilayah I",
            "singkatan": "Irban I",
            "jenis": "irban",
            "kepala": "budi-santoso",
        },
        {
            "id": "irban-2",
            "nama": "Inspektur Pembantu Wilayah II",
            "singkatan": "Irban II",
            "jenis": "irban",
            "kepala": "eko",
        },
    ],
    "persetujuan": {
        "permintaan": {"paraf": ["kepala:subbag-perencanaan"]},
        "submisi": {"paraf": ["kepala-unit"]},
        "analisis": {
            "paraf": ["sekretaris", "kepala:subbag-perencanaan"],
            "pengesahan": ["inspektur"],
        },
    },
    "admin": ["adi"],
}

_ISOLATED = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
}


def trailer(key: str, who: Who) -> str:
    return f"{key}: {who[0]} <{who[1]}>"


def noreply(name: str, handle: str) -> Who:
    return (name, f"{handle}@users.noreply.github.com")


class GitRepo:
    """A real repository with full control over identities and both timestamps."""

    def __init__(self, root: Path, *, trusted: bool = True) -> None:
        """``trusted``: the first commit carries a trust file that lists the office key for
        any committer, and commits are signed with it unless told otherwise; the tests of the
        trust rule itself pass ``False`` and set keys up themselves."""
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Penguji")
        self.git("config", "user.email", "penguji@example.org")
        self.git("config", "commit.gpgsign", "false")
        self.signing: list[str] = []
        if trusted:
            write_trust(root)
            self.signing = sign_args()

    def git(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", "-C", str(self.root), *args],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **_ISOLATED, **(env or {})},
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} gagal:\n{done.stderr}")
        return done.stdout.strip()

    def write(self, path: str, text: str) -> None:
        full = self.root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_text(text, encoding="utf-8")

    def write_yaml(self, path: str, data: Any) -> None:
        self.write(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def remove(self, path: str) -> None:
        self.git("rm", "-q", path)

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    @staticmethod
    def _env(author: Who, authored: str, committer: Who, committed: str) -> dict[str, str]:
        return {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_AUTHOR_DATE": authored,
            "GIT_COMMITTER_NAME": committer[0],
            "GIT_COMMITTER_EMAIL": committer[1],
            "GIT_COMMITTER_DATE": committed,
        }

    def commit(
        self,
        message: str,
        *,
        author: Who = PENYUSUN,
        when: str = "2026-10-01T09:00:00+07:00",
        committer: Who | None = None,
        committed: str | None = None,
        sign: bool = True,
    ) -> str:
        self.git("add", "-A")
        env = self._env(author, when, committer or author, committed or when)
        signing = [*self.signing, "commit", "-S"] if sign and self.signing else ["commit"]
        self.git(*signing, "-q", "--allow-empty", "-m", message, env=env)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD")

    def branch(self, name: str, start: str = "main") -> None:
        self.git("checkout", "-q", "-b", name, start)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)

    def merge(self, branch: str, message: str, *, who: Who, when: str) -> str:
        """A merge commit (``--no-ff``) made by ``who``, as Forgejo/Gitea and GitHub make it."""
        self.checkout("main")
        env = self._env(who, when, who, when)
        signing = [*self.signing, "merge", "-S"] if self.signing else ["merge"]
        self.git(*signing, "-q", "--no-ff", "-m", message, branch, env=env)
        return self.head()

    def squash(
        self,
        branch: str,
        message: str,
        *,
        author: Who,
        committer: Who,
        when: str,
        authored: str | None = None,
    ) -> str:
        self.checkout("main")
        self.git("merge", "-q", "--squash", branch)
        return self.commit(
            message, author=author, when=authored or when, committer=committer, committed=when
        )

    def rebase_merge(self, branch: str, *, committer: Who, when: str) -> str:
        """GitHub's "Rebase and merge": the branch replayed onto main by ``committer``."""
        self.checkout(branch)
        env = {
            "GIT_COMMITTER_NAME": committer[0],
            "GIT_COMMITTER_EMAIL": committer[1],
            "GIT_COMMITTER_DATE": when,
        }
        self.git("rebase", "-q", "--force-rebase", "main", env=env)
        self.checkout("main")
        self.git("merge", "-q", "--ff-only", branch)
        return self.head()
