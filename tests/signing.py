"""Real SSH signing keys for tests: made by Debian's ``ssh-keygen``, used through ``git``.

The trust rule (``kinerja.history.trust``) accepts a landing only when it is signed by a key in
``.kinerja/allowed_signers``. Test repositories that are about something else (derivation of
events, statuses, pages) sign every commit on ``main`` with the office key made here; tests of
the trust rule itself make other keys (``make_key``) and leave commits unsigned.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kinerja.history.trust import TRUST_FILE

#: The merge identity of test repositories (the principal of the office key).
BOT = ("kinerja-merge", "kinerja-merge@kantor.example")


def make_key(folder: Path, name: str = "kunci") -> Path:
    """A new Ed25519 key pair in ``folder`` (``name`` and ``name.pub``); returns the private
    key path."""
    if shutil.which("ssh-keygen") is None:  # pragma: no cover - `make browser` installs it
        raise AssertionError("ssh-keygen tidak ada: pasang openssh-client (make browser)")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)],
        check=True,
        capture_output=True,
    )
    return path


@functools.cache
def office_key() -> Path:
    """One key per test process (keys are cheap, but thousands of ssh-keygen runs are not)."""
    return make_key(Path(tempfile.mkdtemp(prefix="kinerja-kunci-")), "kantor")


def public_line(key: Path) -> str:
    return " ".join(key.with_suffix(".pub").read_text().split()[:2])


def trust_line(key: Path, principal: str = "*") -> str:
    """An allowed_signers line. ``*`` accepts any committer: for tests that are not about who
    merges; the merge-identity tests use the bot's e-mail."""
    return f'{principal} namespaces="git" {public_line(key)}\n'


def write_trust(root: Path, key: Path | None = None, principal: str = "*") -> Path:
    path = root / TRUST_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(trust_line(key or office_key(), principal), encoding="utf-8")
    return path


def sign_args(key: Path | None = None) -> list[str]:
    """``git`` options that make ``commit``/``merge``/``commit-tree -S`` sign with ``key``."""
    return ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key or office_key()}"]


def demo_landing(root: Path, today: object, seed: int, message: str) -> str:
    """Commit what is staged in a ``kinerja demo`` repository as its merge identity, signed with
    the demo key (deterministic from seed and date), so the change is a verified landing."""
    import yaml

    from kinerja.demo.identity import merge_identity
    from kinerja.model.organisation import Forge
    from kinerja.signing import demo_key, private_openssh

    key = demo_key(f"{seed}|{today.isoformat()}")  # type: ignore[attr-defined]
    folder = Path(tempfile.mkdtemp(prefix="kinerja-demo-kunci-"))
    path = folder / "kunci"
    path.write_text(private_openssh(key), encoding="utf-8")
    path.chmod(0o600)
    organisation = yaml.safe_load((root / "submissions/organisasi.yml").read_text("utf-8"))
    name, email = merge_identity(Forge(**organisation["instansi"].get("forge", {})))
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            *sign_args(path),
            "-c",
            f"user.name={name}",
            "-c",
            f"user.email={email}",
            "commit",
            "-qS",
            "-m",
            message,
        ],
        check=True,
        capture_output=True,
    )
    return subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


class SigningRepo:
    """A real repository whose commits set author, committer and both dates, and are signed
    with a given key when asked: what the trust rule's tests write (``test_trust``,
    ``test_adopt``)."""

    root: Path

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

    def _commit(
        self,
        message: str,
        *,
        author: tuple[str, str],
        committer: tuple[str, str],
        when: str,
        committed: str | None = None,
        key: Path | None = None,
    ) -> str:
        """Commit everything (empty allowed), signed with ``key`` when one is given."""
        self.git("add", "-A")
        env = {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": committer[0],
            "GIT_COMMITTER_EMAIL": committer[1],
            "GIT_COMMITTER_DATE": committed or when,
        }
        args = [*sign_args(key), "commit", "-S"] if key is not None else ["commit"]
        self.git(*args, "-q", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD")
