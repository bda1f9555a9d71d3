"""The merge identity's key: where it comes from, and who the trust file says it is.

The private key (OpenSSH format) comes from the environment, never from an option: the text in
``KINERJA_SIGNING_KEY`` (a secret of the ``kinerja-merge`` environment) or a file named by
``KINERJA_SIGNING_KEY_FILE``. It is copied to a private (0600) temporary file that exists only
while the landing is signed (``git -c gpg.format=ssh -c user.signingkey=<file> commit-tree -S``)
and is deleted afterwards.

The identity is not configured separately: its e-mail is the principal of the line of the trust
file ``.kinerja/allowed_signers`` (as committed on the default branch) whose key is this key's
public half. A key that is not listed there is refused: a landing it signed would not count.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kinerja.history.trust import TRUST_FILE, TrustList

KEY_ENV = "KINERJA_SIGNING_KEY"
KEY_FILE_ENV = "KINERJA_SIGNING_KEY_FILE"
#: The name written as author and committer of every landing; the e-mail comes from the trust
#: file (:func:`identity_for`).
MERGE_NAME = "kinerja merge"


class SigningError(Exception):
    """The key is missing, unreadable, or not in the trust file; ``str()`` is for the user."""


@dataclass(frozen=True, slots=True)
class MergeIdentity:
    name: str
    email: str
    key_file: Path  # the private key, 0600, removed when the context ends


@contextmanager
def signing_key(env: Mapping[str, str] | None = None) -> Iterator[Path]:
    """The private key as a 0600 file in a private temporary folder, deleted on exit."""
    env = os.environ if env is None else env
    text = env.get(KEY_ENV, "")
    if not text.strip() and env.get(KEY_FILE_ENV):
        try:
            text = Path(env[KEY_FILE_ENV]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SigningError(
                f"kunci penanda tangan di {env[KEY_FILE_ENV]} tidak dapat dibaca ({exc})."
            ) from exc
    if not text.strip():
        raise SigningError(
            f"kunci penanda tangan belum ada: isi rahasia {KEY_ENV} (kunci privat OpenSSH "
            f"identitas penggabung) atau {KEY_FILE_ENV} (berkasnya)."
        )
    text = text.replace("\r\n", "\n").strip() + "\n"
    with tempfile.TemporaryDirectory(prefix="kinerja-kunci-") as folder:
        path = Path(folder) / "kunci"
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)


def public_key(key_file: Path) -> tuple[str, str]:
    """(key type, base64) of the private key's public half, by ``ssh-keygen -y``."""
    done = subprocess.run(
        ["ssh-keygen", "-y", "-P", "", "-f", str(key_file)],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    fields = done.stdout.split()
    if done.returncode != 0 or len(fields) < 2:
        raise SigningError(
            "kunci penanda tangan bukan kunci privat OpenSSH tanpa frasa sandi yang dapat "
            f"dibaca ssh-keygen: {done.stderr.strip() or 'tidak ada keluaran'}."
        )
    return fields[0], fields[1]


def identity_for(key_file: Path, trust_text: str | None) -> MergeIdentity:
    """The merge identity the trust file gives this key, or :class:`SigningError`."""
    if trust_text is None:
        raise SigningError(
            f"berkas kepercayaan {TRUST_FILE} belum ada di cabang utama: admin menambahkan "
            "kunci publik identitas penggabung ke sana (kinerja adopt; lihat Panduan admin di "
            "situs, panduan/admin/)."
        )
    from sshsig.ssh_public_key import PublicKey

    key_type, key = public_key(key_file)
    try:
        mine = PublicKey.from_openssh_str(f"{key_type} {key}")
    except (ValueError, NotImplementedError) as exc:
        raise SigningError(f"jenis kunci {key_type} tidak didukung ({exc}).") from exc
    # The trust core's parser: the same reading of the file as the verification that follows.
    for entry in TrustList.parse(trust_text).match(mine):
        emails = [p for p in entry.principals if "@" in p and not set(p) & set("*?!")]
        if emails:
            return MergeIdentity(MERGE_NAME, emails[0], key_file)
    raise SigningError(
        f"kunci penanda tangan ({key_type} …{key[-12:]}) tidak tercantum di {TRUST_FILE} "
        "cabang utama dengan alamat e-mail sebagai principal: commit gabungan yang "
        "ditandatanganinya tidak akan dihitung. Admin menambahkan baris `<email-penggabung> "
        f"{key_type} <kunci-publik>` ke {TRUST_FILE} lewat pull request."
    )
