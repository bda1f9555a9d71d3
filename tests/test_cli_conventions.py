"""One command-line convention for every command: newest period first, unknown names are a
usage error (exit 2) with a suggestion, argparse speaks Indonesian."""

from __future__ import annotations

import re

import pytest

from kinerja.cli import main
from kinerja.demo import DemoInfo
from kinerja.model.periods import parse_period


@pytest.mark.parametrize(
    ("argv", "what"),
    [
        (["status", "--period", "2019-q1"], "periode '2019-q1' tidak ada"),
        (["history", "--period", "2025-q5"], "periode '2025-q5' tidak ada"),
        (["recap", "--period", "2025-q5"], "periode '2025-q5' tidak ada"),
        (["recap", "--unit", "irban-9"], "unit 'irban-9' tidak ada"),
        (["history", "--unit", "irban-9"], "unit 'irban-9' tidak ada"),
    ],
)
def test_unknown_names_are_usage_errors_with_a_suggestion(
    demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str], argv: list[str], what: str
) -> None:
    assert main([*argv, "--root", str(demo_repo.root)]) == 2
    err = capsys.readouterr().err
    assert what in err
    assert "Mungkin maksud Anda:" in err or "Yang ada:" in err


def test_status_lists_the_newest_period_first(
    demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--root", str(demo_repo.root)]) == 0
    out = capsys.readouterr().out
    printed = re.findall(r"^\S.* \((\d{4}-(?:q\d|\d{2}))\): ", out, re.M)
    assert len(printed) == len(demo_repo.periods)
    periods = [parse_period(p) for p in printed]
    assert periods == sorted(periods, reverse=True)  # type: ignore[type-var]


def test_argparse_speaks_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["tidak-ada"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "argumen PERINTAH: pilihan tidak sah" in err
    assert "argument" not in err and "invalid" not in err


def test_history_of_a_period_is_in_time_order(
    demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    period = demo_repo.periods[-2].id
    assert (
        main(["history", "--period", period, "--format", "json", "--root", str(demo_repo.root)])
        == 0
    )
    times = [e["waktu"] for e in json.loads(capsys.readouterr().out)]
    assert times == sorted(times)


def test_template_refuses_a_period_without_a_request(
    demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", "irban-1", "2030-q1", "--root", str(demo_repo.root)]) == 2
    err = capsys.readouterr().err
    assert "permintaan untuk periode '2030-q1' tidak ada" in err
    assert "Mungkin maksud Anda:" in err or "Yang ada:" in err


def test_template_warns_for_a_unit_that_is_not_a_recipient(
    demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    from kinerja.model.layout import REQUEST_NAME, SUBMISSIONS

    root = demo_repo.root
    outsider = None
    for request_file in sorted((root / SUBMISSIONS).glob(f"*/{REQUEST_NAME}")):
        request = yaml.safe_load(request_file.read_text("utf-8"))
        asked = {r["unit"] for r in request.get("penerima") or []}
        units = yaml.safe_load((root / SUBMISSIONS / "organisasi.yml").read_text("utf-8"))
        others = sorted(u["id"] for u in units["unit"] if u["id"] not in asked)
        if others:
            outsider = (others[0], request_file.parent.name)
            break
    if outsider is None:
        pytest.skip("every unit is a recipient of every demo period")
    unit, period = outsider
    assert main(["template", unit, period, "--root", str(root)]) == 0
    assert f"unit {unit} tidak termasuk penerima" in capsys.readouterr().err


def test_template_unknown_unit_suggests(
    demo_repo: DemoInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    period = demo_repo.periods[-1].id
    assert main(["template", "irban-9", period, "--root", str(demo_repo.root)]) == 2
    assert "unit 'irban-9' tidak ada" in capsys.readouterr().err
