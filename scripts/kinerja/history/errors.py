"""Errors of the history reader, each with an Indonesian message a user can act on.

They are raised (not returned as findings) because without a readable history there is nothing
to report: the CLI catches :class:`HistoryError` and prints ``str(error)``.
"""

from __future__ import annotations


class HistoryError(Exception):
    """The Git history could not be read. ``str(error)`` is the message for the user."""


class NotARepositoryError(HistoryError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} bukan repositori Git (atau Git tidak terpasang). "
            "Jalankan perintah ini di dalam salinan repositori kinerja."
        )


class ShallowRepositoryError(HistoryError):
    """A shallow clone: its history is cut off, so it must never be read as a short history."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"Riwayat Git di {path} tidak lengkap (shallow clone), sehingga riwayat audit "
            "tidak bisa dibaca dengan benar. Ambil seluruh riwayat dengan "
            "`git fetch --unshallow`; di GitHub Actions / Forgejo Actions pakai "
            "`actions/checkout` dengan `fetch-depth: 0`."
        )


class GitCommandError(HistoryError):
    def __init__(self, command: str, detail: str) -> None:
        detail = detail.strip()
        super().__init__(f"Perintah Git gagal ({command}): {detail or 'tanpa keterangan'}")


#: The environment variable holding the anchor commit the office pinned outside the repository
#: (a forge repository variable passed to every workflow that reads the history).
ANCHOR_VARIABLE = "KINERJA_JANGKAR"


class AnchorMismatchError(HistoryError):
    """The trust rule's anchor on the main line is not the commit the office pinned: the main
    line was rewritten (for example a fast-forward to a merge whose first parent is old), or
    another key was installed first. Nothing derived from such a history may be published."""

    def __init__(self, pinned: str, found: str | None) -> None:
        seen = f"commit {found[:12]}" if found else "tidak ada jangkar"
        super().__init__(
            f"Jangkar aturan keabsahan di cabang utama ({seen}) bukan commit yang ditetapkan "
            f"kantor ({ANCHOR_VARIABLE}={pinned[:12]}). Cabang utama mungkin ditulis ulang atau "
            "kunci lain dipasang lebih dulu; status dan situs tidak dibuat. Periksa riwayat "
            "bersama admin sebelum mengubah variabel itu."
        )
