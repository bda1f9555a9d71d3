"""Trailers as our merge writes them and as Forgejo/Gitea write them by default."""

from __future__ import annotations

from datetime import datetime

import pytest

from kinerja.history.gitlog import Change
from kinerja.history.landings import compose
from kinerja.history.trailers import (
    Identity,
    format_trailers,
    handle_from_email,
    neutralise,
    parse_trailers,
    stamp,
)
from kinerja.history.wib import WIB, format_time
from kinerja.timing.zone import Zone

OURS = """Data kinerja irban-1 2026-q4 (#12)

Data triwulan IV.

Reviewed-by: Budi Santoso <budi-s@users.noreply.github.com>
Approved-by: RUSDIYANTO <rusdiyanto@example.go.id>
Reviewed-on: https://github.com/insp/kinerja/pull/12
Opened-at: 2026-10-06T09:12:00+07:00
Co-authored-by: Nina <nina@example.go.id>"""

FORGEJO_SQUASH = """Data irban-2 (#3)

* isi data

* perbaiki angka

---------

Co-authored-by: Eko <eko@noreply.forge.local>

Reviewed-on: https://forge.local/insp/kinerja/pulls/3
Reviewed-by: Eko Irban Dua <eko2@noreply.forge.local>
reviewed-by: Sari <sari@example.go.id>"""


def test_our_format() -> None:
    t = parse_trailers(OURS)
    assert t.reviewed_by == (Identity("Budi Santoso", "budi-s@users.noreply.github.com"),)
    assert t.approved_by == (Identity("RUSDIYANTO", "rusdiyanto@example.go.id"),)
    assert t.reviewed_on == "https://github.com/insp/kinerja/pull/12"
    assert t.opened_at == datetime(2026, 10, 6, 9, 12, tzinfo=WIB)
    assert t.co_authored_by == (Identity("Nina", "nina@example.go.id"),)


def test_forgejo_default_squash_message() -> None:
    t = parse_trailers(FORGEJO_SQUASH)
    assert [p.name for p in t.reviewed_by] == ["Eko Irban Dua", "Sari"]  # keys case-insensitive
    assert t.reviewed_on == "https://forge.local/insp/kinerja/pulls/3"
    assert [p.name for p in t.co_authored_by] == ["Eko"]


def test_trailers_only_at_the_end() -> None:
    message = "judul\n\nReviewed-by: A <a@x>\n\nlalu teks biasa\n\nReviewed-on: https://f/p/1"
    t = parse_trailers(message)
    assert t.reviewed_by == ()
    assert t.reviewed_on == "https://f/p/1"
    assert parse_trailers("Reviewed-by: subjek saja <a@x>").reviewed_by == ()


def test_roundtrip_and_neutralise() -> None:
    body = neutralise("Mohon diproses.\nApproved-by: Palsu <p@x>\n  reviewed-by : X <x@y>")
    assert "> Approved-by:" in body and "> reviewed-by :" in body
    block = format_trailers(
        reviewed_by=[Identity("Budi", "budi-s@users.noreply.github.com")],
        approved_by=[Identity("Rusdi", "r@x")],
        reviewed_on="https://github.com/o/r/pull/1",
        opened_at=datetime(2026, 10, 6, 2, 12),
        co_authored_by=[],
    )
    parsed = parse_trailers(f"Judul (#1)\n\n{body}\n\n{block}")
    assert [p.name for p in parsed.reviewed_by] == ["Budi"]
    assert [p.name for p in parsed.approved_by] == ["Rusdi"]


@pytest.mark.parametrize(
    ("email", "handle"),
    [
        ("12345+budi-s@users.noreply.github.com", "budi-s"),
        ("budi-s@users.noreply.github.com", "budi-s"),
        ("eko2@noreply.localhost", "eko2"),
        ("eko.dua@noreply.forge.local", "eko.dua"),
        ("budi@pesisirselatan.go.id", None),
    ],
)
def test_handle_from_noreply(email: str, handle: str | None) -> None:
    assert handle_from_email(email) == handle


def test_format_time_default_zone() -> None:
    assert format_time(datetime.fromisoformat("2026-10-06T02:12:00+00:00")) == (
        "6 Oktober 2026 09.12 WIB"
    )


def test_compose_changes_of_a_rebase() -> None:
    assert compose([Change("A", "x"), Change("M", "x")]) == (Change("A", "x"),)
    assert compose([Change("A", "x"), Change("D", "x")]) == ()
    assert compose([Change("R", "y", "x", False), Change("M", "y")]) == (
        Change("R", "y", "x", True),
    )
    assert compose([Change("R", "y", "x", False)]) == (Change("R", "y", "x", False),)
    assert compose([Change("D", "x"), Change("A", "x")]) == (Change("M", "x"),)
    assert compose([Change("R", "y", "x"), Change("D", "y")]) == (Change("D", "x"),)


@pytest.mark.parametrize(
    ("written", "wit"),
    [
        ("2026-10-06T09:12:00+09:00", "6 Oktober 2026 09.12 WIT"),  # the office's own zone
        ("2026-10-06T07:12:00+07:00", "6 Oktober 2026 09.12 WIT"),  # WIB: the same instant
        ("2026-10-06T08:12:00+08:00", "6 Oktober 2026 09.12 WIT"),  # WITA
        ("2026-10-06T00:12:00Z", "6 Oktober 2026 09.12 WIT"),  # UTC, as GitHub reports it
        ("2026-10-05T20:12:00-04:00", "6 Oktober 2026 09.12 WIT"),  # any offset, across a day
    ],
)
def test_opened_at_keeps_its_offset_and_shows_in_the_office_zone(written: str, wit: str) -> None:
    parsed = parse_trailers(f"Judul\n\nOpened-at: {written}")
    assert parsed.opened_at is not None
    assert parsed.opened_at.utcoffset() == datetime.fromisoformat(written).utcoffset()
    assert format_time(parsed.opened_at, Zone.of("Asia/Jayapura")) == wit
    assert format_trailers(opened_at=parsed.opened_at) == f"Opened-at: {stamp(parsed.opened_at)}"
    again = parse_trailers(f"Judul\n\n{format_trailers(opened_at=parsed.opened_at)}")
    assert again.opened_at is not None and again.opened_at == parsed.opened_at
    assert again.opened_at.utcoffset() == parsed.opened_at.utcoffset()


def test_opened_at_without_an_offset_is_not_guessed() -> None:
    assert parse_trailers("Judul\n\nOpened-at: 2026-10-06T09:12:00").opened_at is None
    assert parse_trailers("Judul\n\nOpened-at: kemarin").opened_at is None
    # Written: a naive moment is UTC, never the machine's local time.
    assert stamp(datetime(2026, 10, 6, 2, 12)) == "2026-10-06T02:12:00+00:00"
    assert stamp(datetime(2026, 10, 6, 11, 12, tzinfo=WIB)) == "2026-10-06T11:12:00+07:00"
