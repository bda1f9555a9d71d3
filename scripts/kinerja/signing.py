"""SSH signatures made in-process, for the histories this package writes itself.

The merge identity signs its landings through Git (``git commit-tree -S`` with ``gpg.format=ssh``,
which runs ``ssh-keygen -Y sign``). The demo and the benchmark write tens of thousands of
commits in one ``git fast-import`` stream, which cannot sign; they sign the landings here instead,
in exactly the format ``ssh-keygen -Y sign -n git`` writes (OpenSSH ``PROTOCOL.sshsig``), so that
the one verifier (:mod:`kinerja.history.trust`) and ``git verify-commit`` both accept them.
Only Ed25519 keys: what the office is told to make, and deterministic, so that the same demo seed
gives the same commits.
"""

from __future__ import annotations

import hashlib
import io

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sshsig.binary_io import SshWriter
from sshsig.sshsig import SshsigWrapper, ssh_enarmor_sshsig

_ALGO = b"ssh-ed25519"


def demo_key(seed: str) -> Ed25519PrivateKey:
    """A deterministic key for examples (never for an office): the same seed, the same key."""
    return Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"kinerja-contoh|{seed}".encode()).digest()
    )


def _string(writer: SshWriter, value: bytes) -> None:
    writer.write_string(value)


def public_blob(key: Ed25519PrivateKey) -> bytes:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    out = SshWriter(io.BytesIO())
    _string(out, _ALGO)
    _string(out, raw)
    return out.output_fh.getvalue()


def public_line(key: Ed25519PrivateKey) -> str:
    """``ssh-ed25519 AAAA...`` as in an ``allowed_signers`` line."""
    return key.public_key().public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode()


def private_openssh(key: Ed25519PrivateKey) -> str:
    """The private key in OpenSSH format (what ``ssh-keygen`` and Git's signing read)."""
    return key.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption()).decode()


def sign(payload: bytes, key: Ed25519PrivateKey, namespace: str = "git") -> str:
    """The armored SSHSIG signature of ``payload`` (``ssh-keygen -Y sign -n namespace``)."""
    inner = SshsigWrapper(
        namespace=namespace.encode(), hash_algo=b"sha512", hash=hashlib.sha512(payload).digest()
    ).to_bytes()
    signature = SshWriter(io.BytesIO())
    _string(signature, _ALGO)
    _string(signature, key.sign(inner))
    outer = SshWriter(io.BytesIO())
    outer.write(b"SSHSIG")
    outer.write_uint32(1)
    _string(outer, public_blob(key))
    _string(outer, namespace.encode())
    _string(outer, b"")
    _string(outer, b"sha512")
    _string(outer, signature.output_fh.getvalue())
    return ssh_enarmor_sshsig(outer.output_fh.getvalue())


def sign_commit(raw: bytes, key: Ed25519PrivateKey) -> bytes:
    """A raw (unsigned) commit object with its ``gpgsig`` header added, as Git adds it: at the
    end of the header block, every line after the first indented by one space."""
    head, sep, body = raw.partition(b"\n\n")
    armored = sign(raw, key).rstrip("\n").split("\n")
    header = b"gpgsig " + b"\n ".join(line.encode() for line in armored)
    return head + b"\n" + header + sep + body
