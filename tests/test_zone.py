"""Time zone labels: WIB, WITA, WIT from ``zona_waktu``, on every time shown."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kinerja.history.wib import format_time
from kinerja.model.settings import Settings
from kinerja.site.html import when
from kinerja.timing.zone import Zone, zone_label

MOMENT = datetime(2026, 10, 6, 2, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "label", "shown"),
    [
        ("Asia/Jakarta", "WIB", "6 Oktober 2026 09.12 WIB"),
        ("Asia/Pontianak", "WIB", "6 Oktober 2026 09.12 WIB"),
        ("Asia/Makassar", "WITA", "6 Oktober 2026 10.12 WITA"),
        ("Asia/Jayapura", "WIT", "6 Oktober 2026 11.12 WIT"),
    ],
)
def test_indonesian_zones_are_labelled(name: str, label: str, shown: str) -> None:
    assert zone_label(name) == label
    assert zone_label(ZoneInfo(name)) == label
    zone = Zone.of(name)
    assert when(MOMENT, zone=zone) == shown
    assert format_time(MOMENT, zone) == shown
    assert when(MOMENT, zone=zone, short=True).endswith(shown.split()[-2])  # no label: header


def test_other_zone_gets_its_offset() -> None:
    assert zone_label("Asia/Tokyo") == "UTC+09.00"
    assert zone_label("America/New_York") == "UTC-05.00"


def test_settings_give_the_zone() -> None:
    assert Settings.from_override({"zona_waktu": "Asia/Makassar"}).zone.label == "WITA"
    assert Settings.from_override(None).zone.label == "WIB"
