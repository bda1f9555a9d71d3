"""The trust rule: which landings on the main line may carry paraf, signature and hand-in time.

The rule (DESIGN.md section 5; for developers ``docs/dev/trust.md``, for the office the Panduan
page "Keabsahan riwayat"):

* A landing counts only when its commit is **signed** (SSH signature, namespace ``git``) with a
  key listed in the admin-owned trust file :data:`TRUST_FILE` (OpenSSH ``allowed_signers``
  format) **and** its committer e-mail is a principal of that key line: the office's merge
  identity. The signature is checked offline, in-process, from the repository alone.
* The trust file in force for a landing is the version written by the last *verified* landing
  before it. The **anchor** is the first landing that brings a trust file onto a main line that
  never had one (the root commit that ``kinerja init`` writes, or the landing ``kinerja adopt``
  writes on an older repository): it is checked against its own trust file, since nothing comes
  before it. A change of the trust file by an unverified landing, or a key added in the same
  change that it signs, therefore never verifies anything; and once a trust file was in force,
  no later landing can anchor again (deleting the file leaves nothing verifiable).
* An anchor that states ``Kinerja-Adopsi: <the main line it lands on>`` **adopts** the history
  before it: those landings count as recorded before the rule (*diadopsi*), with the admin's
  signature on the anchor as the only proof, and are marked so everywhere.
* Verified landings must not run backwards in time: a verified landing committed earlier than
  the verified landing before it is not verified (the merge identity's clock is the record).
* Everything else on the main line (a direct push, a forge-button merge, an admin bypass, a
  rebase) is *tidak terverifikasi*: shown in the history with the reason, its trailers ignored,
  its changes counted as no hand-in, paraf or signature, and its content not used for the recap.

One function, :func:`verify_landings`, decides this for every consumer (history, status, recap,
pages, CLI). Verdicts are cached by (commit id, trust file blob id): the commit id covers the
signature and the signed content, the blob id the keys in force.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kinerja.history.errors import GitCommandError
from kinerja.history.gitlog import Commit, git_env
from kinerja.history.landings import TRUST_PATH, Landing

if TYPE_CHECKING:
    from sshsig.ssh_public_key import PublicKey

# ``sshsig`` and ``cryptography`` are imported where a signature or key is actually read: a
# warm history (every verdict cached) never needs them, and they cost a noticeable share of a
# short command's start-up.

#: The admin-owned list of keys allowed to sign landings (OpenSSH ``allowed_signers``).
TRUST_FILE = TRUST_PATH
NAMESPACE = "git"
#: The comment that opens every trust file this package writes (``kinerja init``, ``adopt``).
TRUST_HEADER = """\
# Kunci yang dipercaya (format allowed_signers OpenSSH). Hanya pendaratan di cabang utama yang
# ditandatangani kunci di sini oleh e-mail prinsipalnya yang dihitung (paraf, tanda tangan,
# waktu penyampaian). Berkas ini milik admin; perubahan berlaku setelah didaratkan dengan
# tanda tangan yang sah. Kunci privatnya disimpan sebagai rahasia KINERJA_SIGNING_KEY.
"""


def trust_line(principal: str, public_key: str, comment: str = "") -> str:
    """One ``allowed_signers`` line: the principal (the merge identity's e-mail) may sign Git
    objects (namespace ``git``) with ``public_key`` (``ssh-ed25519 AAAA...``)."""
    tail = f" {comment}" if comment else ""
    return f'{principal} namespaces="{NAMESPACE}" {public_key}{tail}\n'


#: The trailer by which an anchor adopts the main line it lands on (its value: that commit id).
ADOPTION_TRAILER = "Kinerja-Adopsi"
_ADOPTION = re.compile(rf"^{ADOPTION_TRAILER}:[ \t]*([0-9a-f]{{40,64}})[ \t]*$", re.MULTILINE)

_SIG_HEADERS = (b"gpgsig ", b"gpgsig-sha256 ")
_SSH_ARMOR = b"-----BEGIN SSH SIGNATURE-----"
_TIME = re.compile(r"^(\d{8})(\d{4}(\d{2})?)?(Z)?$")


class Reason:
    """Why a landing is not verified (plain Indonesian, shown on pages and in the CLI)."""

    NO_TRUST_FILE = (
        "belum ada daftar penanda tangan (.kinerja/allowed_signers) yang berlaku saat perubahan "
        "ini masuk"
    )
    UNSIGNED = "perubahan tidak ditandatangani identitas penggabung kantor (kinerja merge)"
    NOT_SSH = "ditandatangani dengan GPG/X.509, bukan kunci SSH di daftar penanda tangan"
    BAD_SIGNATURE = (
        "tanda tangan digital tidak cocok dengan isinya (isi diubah setelah ditandatangani, "
        "atau tanda tangan rusak)"
    )
    UNKNOWN_KEY = "ditandatangani kunci yang tidak ada di daftar penanda tangan yang berlaku"
    WRONG_IDENTITY = "kunci penanda tangan bukan milik penulis commit ({email})"
    KEY_NOT_VALID = "kunci penanda tangan tidak berlaku pada waktu commit"
    BACKWARDS = (
        "waktu commit ({when}) lebih awal daripada perubahan terverifikasi sebelumnya ({before})"
    )
    PART_UNSIGNED = "sebagian commit dalam rangkaian ini tidak terverifikasi"
    AFTER_ANCHOR = (
        "waktu yang tertulis ({when}) lebih lambat daripada pemasangan aturan keabsahan, "
        "padahal perubahan ini masuk lebih dulu: tidak diadopsi"
    )
    OUT_OF_ORDER = (
        "waktu yang tertulis ({when}) tidak berurutan dengan perubahan di sekitarnya: tidak "
        "diadopsi"
    )
    ADOPTION_MISMATCH = (
        "pernyataan adopsi pada perubahan ini tidak menyebut riwayat tempat ia mendarat "
        "(mungkin ditulis sebelum ada perubahan lain masuk): bukan jangkar; jalankan ulang "
        "kinerja adopt"
    )


class Verdict(NamedTuple):
    """The trust rule's answer for one landing (a tuple: cached and made by the thousand)."""

    verified: bool
    reason: str | None = None  # Indonesian, when not verified
    signer: str | None = None  # the principal (merge identity e-mail) that signed
    fingerprint: str | None = None  # SHA256:... of the signing key
    #: For a landing before the anchor that adopted it: the anchor's commit id. Such a landing
    #: counts, but nothing about it is proven beyond the admin's adoption.
    adopted: str | None = None


# -- the trust file ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustedKey:
    principals: tuple[str, ...]
    key: Any  # sshsig's PublicKey (imported lazily)
    line: int
    namespaces: tuple[str, ...] | None = None
    valid_after: datetime | None = None
    valid_before: datetime | None = None

    def allows(self, email: str) -> bool:
        return any(_principal_match(p, email) for p in self.principals)


@dataclass(frozen=True)
class TrustList:
    """One version of the trust file; its lines are parsed when first asked for (a warm run
    that finds every verdict in the cache never parses keys)."""

    text: str = ""
    blob: str | None = None

    @classmethod
    def parse(cls, text: str, blob: str | None = None) -> TrustList:
        return cls(text, blob)

    @cached_property
    def _parsed(self) -> tuple[tuple[TrustedKey, ...], tuple[str, ...]]:
        keys: list[TrustedKey] = []
        problems: list[str] = []
        for number, raw in enumerate(self.text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            try:
                keys.append(_parse_line(line, number))
            except (ValueError, NotImplementedError) as exc:
                problems.append(f"baris {number} daftar penanda tangan tidak dipakai: {exc}")
        return tuple(keys), tuple(problems)

    @property
    def keys(self) -> tuple[TrustedKey, ...]:
        return self._parsed[0]

    @property
    def problems(self) -> tuple[str, ...]:
        return self._parsed[1]

    @property
    def empty(self) -> bool:
        return not any(
            line.strip() and not line.strip().startswith("#") for line in self.text.splitlines()
        )

    def match(self, key: PublicKey) -> list[TrustedKey]:
        return [k for k in self.keys if k.key == key]


def _parse_line(line: str, number: int) -> TrustedKey:
    from sshsig.allowed_signers import AllowedSigner
    from sshsig.ssh_public_key import PublicKey

    entry = AllowedSigner.parse(line)
    options = entry.options or {}
    if "cert-authority" in options:
        raise ValueError("cert-authority tidak didukung; tulis kunci penanda tangan langsung")
    principals = tuple(p.strip() for p in entry.principals.split(",") if p.strip())
    if not principals or any(p.startswith("!") for p in principals):
        raise ValueError("prinsipal (e-mail penanda tangan) kosong atau memakai negasi '!'")
    key = PublicKey.from_openssh_str(f"{entry.key_type} {entry.base64_key}")
    namespaces = None
    if "namespaces" in options:
        namespaces = tuple(n.strip() for n in options["namespaces"].split(",") if n.strip())
    return TrustedKey(
        principals,
        key,
        number,
        namespaces,
        _ssh_time(options.get("valid-after")),
        _ssh_time(options.get("valid-before")),
    )


def _ssh_time(value: str | None) -> datetime | None:
    """``YYYYMMDD[HHMM[SS]][Z]`` as ssh-keygen reads it (local time without ``Z``: UTC here,
    since the repository is read on machines in any zone)."""
    if value is None:
        return None
    match = _TIME.match(value.strip())
    if match is None:
        raise ValueError(f"waktu {value!r} bukan YYYYMMDD[HHMM[SS]]")
    digits = match.group(1) + (match.group(2) or "0000")
    if len(digits) == 12:
        digits += "00"
    return datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def _principal_match(pattern: str, email: str) -> bool:
    """OpenSSH pattern: ``*`` and ``?`` wildcards, case-insensitive."""
    if "*" not in pattern and "?" not in pattern:
        return pattern.casefold() == email.casefold()
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, email, re.IGNORECASE | re.DOTALL) is not None


# -- signatures ----------------------------------------------------------------------------


def split_signed(raw: bytes) -> tuple[bytes, bytes | None]:
    """(signed payload, armored signature) of a raw commit object; the payload is the object
    without its signature header, exactly what Git hands to the signer."""
    head, sep, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    kept: list[bytes] = []
    signature: list[bytes] = []
    inside = False
    for line in lines:
        if inside and line.startswith(b" "):
            signature.append(line[1:])
            continue
        inside = False
        if line.startswith(_SIG_HEADERS) and not signature:
            inside = True
            signature.append(line.split(b" ", 1)[1])
            continue
        kept.append(line)
    payload = b"\n".join(kept) + sep + body
    return payload, (b"\n".join(signature) + b"\n") if signature else None


@dataclass
class KeyCache:
    """Public keys parsed once per distinct key blob (a history has one or two), with their
    fingerprints (computing one costs more than checking a signature)."""

    keys: dict[bytes, PublicKey | Exception] = field(default_factory=dict)
    fingerprints: dict[bytes, str] = field(default_factory=dict)

    def get(self, blob: bytes) -> PublicKey | Exception:
        from sshsig.ssh_public_key import PublicKey

        found = self.keys.get(blob)
        if found is None:
            found = PublicKey.do_from_ssh_encoding(blob)
            self.keys[blob] = found
        return found

    def fingerprint(self, blob: bytes, key: PublicKey) -> str:
        found = self.fingerprints.get(blob)
        if found is None:
            found = self.fingerprints[blob] = key.sha256_str()
        return found


class Signed(NamedTuple):
    """What the signature of one commit proves by itself, before the trust file is asked."""

    key: PublicKey | None
    problem: str | None
    blob: bytes | None = None  # the signing key, SSH wire encoding
    fingerprint: str | None = None  # SHA256:... of the signing key


def check_signature(raw: bytes, keys: KeyCache | None = None) -> Signed:
    """Check a raw commit's own signature: valid for its content, in the ``git`` namespace.

    Whatever a signature holds (an unknown version, a wrong algorithm name, bytes that make the
    library raise), the answer is a verdict, never an exception: one malformed commit on the
    main line must not stop the history of the whole repository."""
    try:
        return _check_signature(raw, keys)
    except Exception:  # noqa: BLE001 - anything unexpected is a signature that does not verify
        return Signed(None, Reason.BAD_SIGNATURE)


def _check_signature(raw: bytes, keys: KeyCache | None) -> Signed:
    from cryptography.exceptions import InvalidSignature as _CryptoInvalid
    from sshsig.sshsig import InvalidSignature, SshsigSignature, SshsigWrapper

    payload, armored = split_signed(raw)
    if armored is None:
        return Signed(None, Reason.UNSIGNED)
    if not armored.lstrip().startswith(_SSH_ARMOR):
        return Signed(None, Reason.NOT_SSH)
    try:
        outer = SshsigSignature.from_armored(armored)
    except (ValueError, InvalidSignature):
        return Signed(None, Reason.BAD_SIGNATURE)
    if outer.namespace != NAMESPACE.encode():
        return Signed(None, Reason.BAD_SIGNATURE)
    algo = outer.hash_algo
    if algo == b"sha512":
        digest = hashlib.sha512(payload).digest()
    elif algo == b"sha256":
        digest = hashlib.sha256(payload).digest()
    else:
        return Signed(None, Reason.BAD_SIGNATURE)
    signed = SshsigWrapper(namespace=outer.namespace, hash_algo=algo, hash=digest).to_bytes()
    keys = keys or KeyCache()
    blob = bytes(outer.public_key)
    key = keys.get(blob)
    if isinstance(key, Exception):
        return Signed(None, Reason.BAD_SIGNATURE)
    try:
        failed = key.do_verify(bytes(outer.signature), signed)
    except (_CryptoInvalid, ValueError):  # pragma: no cover - sshsig returns, not raises
        return Signed(None, Reason.BAD_SIGNATURE)
    if failed is not None:
        return Signed(None, Reason.BAD_SIGNATURE)
    return Signed(key, None, blob, keys.fingerprint(blob, key))


def judge(signed: Signed, trust: TrustList | None, commit: Commit) -> Verdict:
    """The verdict for one commit, given its own signature check and the trust file in force."""
    if trust is None or not trust.keys:
        return Verdict(False, Reason.NO_TRUST_FILE)
    if signed.key is None:
        return Verdict(False, signed.problem or Reason.UNSIGNED)
    candidates = trust.match(signed.key)
    if not candidates:
        return Verdict(False, Reason.UNKNOWN_KEY)
    email = commit.committer_email
    usable = [k for k in candidates if k.namespaces is None or NAMESPACE in k.namespaces]
    owned = [k for k in usable if k.allows(email)]
    if not owned:
        return Verdict(False, Reason.WRONG_IDENTITY.format(email=email or "tanpa e-mail"))
    when = commit.committed_at
    for key in owned:
        if (key.valid_after is None or when >= key.valid_after) and (
            key.valid_before is None or when < key.valid_before
        ):
            return Verdict(True, None, email, signed.fingerprint or signed.key.sha256_str())
    return Verdict(False, Reason.KEY_NOT_VALID)


# -- reading what the rule needs from Git, in one process each --------------------------------


def cat_objects(repo: Path, names: Sequence[str]) -> dict[str, bytes | None]:
    """Raw objects by name (``<sha>`` or ``<sha>:<path>``) through one ``git cat-file --batch``.

    The names are written from a thread while the answers are read, so neither pipe can fill up
    and block the other. A missing object maps to ``None``.
    """
    # The batch protocol is line-based (``-z`` needs Git 2.43): a name with a newline (a path
    # can hold one) would shift every answer after it, so such names are never asked.
    out: dict[str, bytes | None] = {name: None for name in names if "\n" in name}
    names = [name for name in names if "\n" not in name]
    if not names:
        return out
    process = subprocess.Popen(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=git_env(),
    )
    stdin, stdout = process.stdin, process.stdout
    if stdin is None or stdout is None:  # pragma: no cover - pipes were asked for
        raise GitCommandError("git cat-file", "tidak ada pipa")

    def feed() -> None:
        try:
            for name in names:
                stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        finally:
            stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for name in names:
        header = stdout.readline()
        parts = header.split()
        if len(parts) == 3:
            size = int(parts[2])
            out[name] = stdout.read(size)
            stdout.read(1)  # the newline after the content
        elif header.endswith(b" missing\n") or header.endswith(b" ambiguous\n"):
            out[name] = None
        else:
            process.kill()
            raise GitCommandError("git cat-file", f"jawaban tidak dikenali: {header[:60]!r}")
    writer.join()
    process.wait()
    return out


# -- the walk ------------------------------------------------------------------------------


@dataclass
class TrustWalk:
    """The outcome of the trust rule over a main line."""

    verdicts: dict[str, Verdict]  # landing commit -> verdict
    #: Notes per landing commit that are not the verdict itself (an ignored trust-file change).
    notes: dict[str, tuple[str, ...]]
    #: The trust file in force at the end, and its problems (unusable lines), for the pages.
    current: TrustList | None
    checked: int = 0  # signatures checked in this run (the rest came from the cache)
    #: Committer time of the last verified landing: the next one may not be earlier.
    last_verified_at: datetime | None = None
    #: The landing that brought the first trust file into force (root or ``kinerja adopt``).
    anchor: str | None = None


def _touches_trust(landing: Landing) -> bool:
    return any(TRUST_FILE in (c.path, c.old_path) for c in landing.changes)


def _deletes_trust(landing: Landing) -> bool:
    return any(c.path == TRUST_FILE and c.status == "D" for c in landing.changes) or any(
        c.old_path == TRUST_FILE and c.status == "R" for c in landing.changes
    )


def _root_of(landing: Landing) -> str:
    """The root commit of the first landing (a run of pushed commits may start with it)."""
    return landing.contributing[0].sha if landing.contributing else landing.commit.sha


def _landing_commits(landing: Landing) -> tuple[Commit, ...]:
    """The main-line commits a landing is made of: the merge or squash commit itself, or every
    commit of a rebased or pushed run (all must verify)."""
    if landing.style in ("gabung", "squash"):
        return (landing.commit,)
    return landing.contributing or (landing.commit,)


def verify_landings(
    repo: Path,
    landed: Sequence[Landing],
    cache: Mapping[str, Verdict] | None = None,
    prefetched: tuple[Mapping[str, bytes | None], Mapping[str, Signed]] | None = None,
    keys: KeyCache | None = None,
) -> tuple[TrustWalk, dict[str, Verdict]]:
    """Apply the trust rule to every landing, oldest first.

    ``cache`` maps ``"<commit id> <trust blob id>"`` to the verdict of the signature and the trust
    file alone (the walk-dependent time rule is applied after it). ``prefetched``: raw commits
    and signature checks already done (:mod:`kinerja.history.prefetch`), by commit id. Returns
    the walk and the cache entries computed in this run.
    """
    cache = cache or {}
    # Versions of the trust file that may come into force: at the root, and after every
    # landing that changed it (only those of verified landings will).
    wanted = [_own_version(ld) for ld in landed if ld.base is None or _touches_trust(ld)]
    versions = _trust_versions(repo, list(dict.fromkeys(wanted)))

    # Which commits' signatures must be checked: those not in the cache for the trust blob
    # they would be judged against. The blob in force is known only by walking, so the walk is
    # done twice: first to list cache misses under the optimistic assumption, then for real.
    new_entries: dict[str, Verdict] = {}
    raw_needed: list[str] = []
    trust_blob: str | None = None
    ever = False
    for ld in landed:
        blob = trust_blob
        anchoring = not ever and _may_anchor(ld)
        if anchoring:
            version = versions.get(_own_version(ld))
            blob = version.blob if version else None
        for commit in _landing_commits(ld):
            if f"{commit.sha} {blob or '-'}" not in cache:
                raw_needed.append(commit.sha)
        if _touches_trust(ld) or anchoring:
            version = versions.get(_own_version(ld))
            trust_blob = version.blob if version else None  # the optimistic guess
            ever = ever or version is not None
    needed = list(dict.fromkeys(raw_needed))
    pre_raws, pre_signed = prefetched or ({}, {})
    signed_of: dict[str, Signed] = {sha: pre_signed[sha] for sha in needed if sha in pre_signed}
    needed = [sha for sha in needed if sha not in signed_of]
    missing = [sha for sha in needed if pre_raws.get(sha) is None]
    raws = {sha: pre_raws[sha] for sha in needed if pre_raws.get(sha) is not None}
    if missing:
        raws.update(cat_objects(repo, missing))
    keys = keys or KeyCache()
    signed_of.update(check_many(raws, keys))

    def signed(sha: str) -> Signed:
        found = signed_of.get(sha)
        if found is None:
            raw = raws.get(sha)
            if raw is None:
                raw = cat_objects(repo, [sha]).get(sha) or b""
            found = check_signature(raw, keys)
            signed_of[sha] = found
        return found

    verdicts: dict[str, Verdict] = {}
    notes: dict[str, tuple[str, ...]] = {}
    trust: TrustList | None = None  # None: no trust file was ever in force
    last_verified: datetime | None = None
    anchor: str | None = None
    for index, ld in enumerate(landed):
        anchoring = trust is None and _may_anchor(ld)
        judged_by = versions.get(_own_version(ld)) if anchoring else trust
        blob = (judged_by.blob if judged_by else None) or "-"
        parts: list[Verdict] = []
        for commit in _landing_commits(ld):
            key = f"{commit.sha} {blob}"
            verdict = cache.get(key) or new_entries.get(key)
            if verdict is None:
                verdict = judge(signed(commit.sha), judged_by, commit)
                new_entries[key] = verdict
            parts.append(verdict)
        verdict = _combine(parts)
        when = ld.commit.committed_at
        adoption: dict[str, Verdict] = {}
        if anchoring and verdict.verified and index > 0:
            if _adopts(ld):
                adoption = _adopt(landed[:index], ld)
            elif _ADOPTION.search(_last_paragraph(ld.commit.message)):
                # Meant to adopt another main line (rebased after someone pushed first): it is
                # no anchor at all, so that the admin can write the right one.
                verdict = Verdict(False, Reason.ADOPTION_MISMATCH)
        adopted_until = _last_adopted(landed[:index], adoption) if adoption else None
        floor = adopted_until or last_verified
        if verdict.verified and floor is not None and when < floor:
            verdict = Verdict(
                False,
                Reason.BACKWARDS.format(when=_stamp(when), before=_stamp(floor)),
                verdict.signer,
                verdict.fingerprint,
            )
            adoption = {}  # an anchor that is not verified adopts nothing
        verdicts.update(adoption)
        if verdict.verified:
            last_verified = when
        verdicts[ld.commit.sha] = verdict
        if anchoring and verdict.verified:
            trust = judged_by
            anchor = ld.commit.sha
        elif _touches_trust(ld):
            if verdict.verified:
                # A version that cannot be read (a gitlink, a symlink) counts as an empty list:
                # ``None`` would mean "never in force" and let anyone anchor again.
                trust = (
                    TrustList()
                    if _deletes_trust(ld)
                    else versions.get(f"{ld.commit.sha}:{TRUST_FILE}") or TrustList()
                )
            elif ld.base is not None:
                notes[ld.commit.sha] = (
                    "perubahan daftar penanda tangan ini tidak berlaku: perubahannya tidak "
                    "terverifikasi",
                )
    walk = TrustWalk(verdicts, notes, trust, len(signed_of), last_verified, anchor)
    return walk, new_entries


#: From how many signatures on the work is shared with a second process. Below it, starting
#: the process costs more than it saves (a fork is ~20 ms, a check ~0.2-0.3 ms).
PARALLEL_FROM = 1500


def check_many(raws: Mapping[str, bytes | None], keys: KeyCache) -> dict[str, Signed]:
    """:func:`check_signature` for many raw commits. The signature maths holds the GIL, so a
    large batch is split with one worker process (half each); any failure of the worker falls
    back to checking its half here. The verdicts are the same either way."""
    items = [(sha, raw or b"") for sha, raw in raws.items()]
    if len(items) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return {sha: check_signature(raw, keys) for sha, raw in items}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    half = len(items) // 2
    mine, theirs = items[:half], items[half:]
    out: dict[str, Signed] = {}
    try:
        context = multiprocessing.get_context(_start_method())
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            future = pool.submit(_check_part, theirs)
            out.update((sha, check_signature(raw, keys)) for sha, raw in mine)
            for sha, blob, problem in future.result():
                out[sha] = _signed_from(blob, problem, keys)
    except Exception:  # noqa: BLE001 - a broken pool, a pickling error, a crash of the worker
        # The worker's half is checked here instead: the verdicts never depend on it.
        out.update((sha, check_signature(raw, keys)) for sha, raw in items if sha not in out)
    return out


class Worker(NamedTuple):
    """A worker process reading and checking a share of the main line (see ``prefetch``)."""

    pool: Any  # concurrent.futures.ProcessPoolExecutor
    future: Any  # its Future of (sha, key bytes or None, problem) rows


def start_worker(repo: str, shas: list[str]) -> Worker | None:
    """Start one worker process that reads ``shas`` with its own ``git cat-file`` and checks
    their signatures; ``None`` when a process cannot be started (the caller checks them)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context(_start_method())
        )
        return Worker(pool, pool.submit(_read_and_check, repo, shas))
    except Exception:  # noqa: BLE001 - no worker: the walk checks these itself
        return None


def finish_worker(worker: Worker, keys: KeyCache) -> dict[str, Signed]:
    """The worker's results; empty if it failed (the walk then checks those commits)."""
    try:
        rows = worker.future.result()
    except Exception:  # noqa: BLE001 - a crashed worker decides nothing
        rows = []
    finally:
        worker.pool.shutdown(wait=False, cancel_futures=True)
    return {sha: _signed_from(blob, problem, keys) for sha, blob, problem in rows}


def _read_and_check(repo: str, shas: list[str]) -> list[tuple[str, bytes | None, str | None]]:
    raws = cat_objects(Path(repo), shas)
    return _check_part([(sha, raws.get(sha) or b"") for sha in shas])


def _start_method() -> str:
    """``fork`` (nothing to import again) when this process runs no other thread; otherwise,
    or where there is no fork, a fresh interpreter."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _check_part(items: list[tuple[str, bytes]]) -> list[tuple[str, bytes | None, str | None]]:
    """The worker's half: the key's wire bytes travel back (a parsed key may not pickle)."""
    keys = KeyCache()
    out = []
    for sha, raw in items:
        found = check_signature(raw, keys)
        out.append((sha, found.blob if found.key is not None else None, found.problem))
    return out


def _signed_from(blob: bytes | None, problem: str | None, keys: KeyCache) -> Signed:
    if blob is None:
        return Signed(None, problem or Reason.BAD_SIGNATURE)
    key = keys.get(blob)
    if isinstance(key, Exception):  # pragma: no cover - the worker parsed the same bytes
        return Signed(None, Reason.BAD_SIGNATURE)
    return Signed(key, None, blob, keys.fingerprint(blob, key))


def _own_version(landing: Landing) -> str:
    """The trust file a landing writes (at the root commit for the first landing)."""
    sha = _root_of(landing) if landing.base is None else landing.commit.sha
    return f"{sha}:{TRUST_FILE}"


def _may_anchor(landing: Landing) -> bool:
    """Whether a landing, on a main line that never had a trust file in force, brings one:
    always a single commit judged against its own tree."""
    if len(_landing_commits(landing)) != 1:
        return False
    return landing.base is None or (_touches_trust(landing) and not _deletes_trust(landing))


def _last_paragraph(message: str) -> str:
    return message.rstrip().rsplit("\n\n", 1)[-1]


def _adopts(landing: Landing) -> bool:
    """An anchor adopts the main line it lands on when its trailer names exactly that commit."""
    match = _ADOPTION.search(_last_paragraph(landing.commit.message))
    return match is not None and landing.base is not None and match.group(1) == landing.base


def _adopt(earlier: Sequence[Landing], anchor: Landing) -> dict[str, Verdict]:
    """The verdicts of the landings before an adopting anchor. Times must run forward there
    too, but one forged time must not decide for the rest: a landing dated after the anchor is
    not adopted, and of the others the longest run in time order is adopted (the rest is
    flagged), so a single back- or forward-dated push cannot push out the real record."""
    limit = anchor.commit.committed_at
    candidates = [i for i, ld in enumerate(earlier) if ld.commit.committed_at <= limit]
    kept = set(_longest_in_order([earlier[i].commit.committed_at for i in candidates]))
    adopted = {candidates[k] for k in kept}
    out: dict[str, Verdict] = {}
    for index, ld in enumerate(earlier):
        when = ld.commit.committed_at
        if index in adopted:
            out[ld.commit.sha] = Verdict(True, adopted=anchor.commit.sha)
        elif when > limit:
            out[ld.commit.sha] = Verdict(False, Reason.AFTER_ANCHOR.format(when=_stamp(when)))
        else:
            out[ld.commit.sha] = Verdict(False, Reason.OUT_OF_ORDER.format(when=_stamp(when)))
    return out


def _longest_in_order(times: Sequence[datetime]) -> list[int]:
    """Indexes of a longest run in time order (non-decreasing), preferring, among runs of that
    length, the one that keeps the earliest landings: the main line's order is the record, so
    of a landing and a later one that claims an earlier time, the later one is flagged."""
    import bisect

    stamps = [t.timestamp() for t in times]
    # From the end: the length of the longest run starting at each landing (a run read
    # backwards is non-increasing in time, so non-decreasing in -time).
    longest_from = [0] * len(stamps)
    tails: list[float] = []
    for i in range(len(stamps) - 1, -1, -1):
        k = bisect.bisect_right(tails, -stamps[i])
        if k == len(tails):
            tails.append(-stamps[i])
        else:
            tails[k] = -stamps[i]
        longest_from[i] = k + 1
    need = len(tails)
    out: list[int] = []
    floor = float("-inf")
    for i, stamp in enumerate(stamps):
        if need and longest_from[i] == need and stamp >= floor:
            out.append(i)
            floor = stamp
            need -= 1
    return out


def _last_adopted(earlier: Sequence[Landing], adoption: Mapping[str, Verdict]) -> datetime | None:
    for ld in reversed(earlier):
        found = adoption.get(ld.commit.sha)
        if found is not None and found.verified:
            return ld.commit.committed_at
    return None


def _combine(parts: list[Verdict]) -> Verdict:
    if len(parts) == 1:
        return parts[0]
    if all(p.verified for p in parts):
        return parts[-1]
    first = next(p for p in parts if not p.verified)
    reason = first.reason if len(parts) == 1 else f"{Reason.PART_UNSIGNED}: {first.reason}"
    return Verdict(False, reason)


def _stamp(moment: datetime) -> str:
    from kinerja.history.wib import stamp_as_written

    return stamp_as_written(moment)


def _trust_versions(repo: Path, names: list[str]) -> dict[str, TrustList]:
    """The trust file at each ``<sha>:<path>`` name (absent names are left out)."""
    out: dict[str, TrustList] = {}
    for name, raw in cat_objects(repo, names).items():
        if raw is None:
            continue
        blob = hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()
        out[name] = TrustList.parse(raw.decode("utf-8", "replace"), blob)
    return out
