"""``kinerja status``: who has delivered, who is late, and each SOP step against its mutu baku."""

from __future__ import annotations

import argparse
import sys

from kinerja.cli._common import add_root_argument, find_root, progress_printer, unknown


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "status",
        help="status unit dan periode",
        description="Menampilkan status setiap unit per periode dan waktu langkah SOP.",
    )
    parser.add_argument("--period", metavar="PERIODE", help="hanya periode ini (mis. 2026-q4)")
    parser.add_argument("--now", metavar="WAKTU", help="waktu acuan ISO 8601 (bawaan: sekarang)")
    add_root_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from kinerja.cli._table import render
    from kinerja.model.periods import parse_period
    from kinerja.site.html import number, when
    from kinerja.snapshot import take_snapshot

    root = find_root(args.root)
    if root is None:
        return 2
    try:
        now = datetime.fromisoformat(args.now) if args.now else None
    except ValueError:
        print(f"kinerja: waktu '{args.now}' tidak sah.", file=sys.stderr)
        return 2
    snap = take_snapshot(root, now=now, progress=progress_printer("Membaca"))
    if snap.history_error:
        print(f"Peringatan: {snap.history_error}", file=sys.stderr)
    # Newest period first: the one people ask about is the current one.
    states = dict(reversed(list(snap.states.items())))
    if args.period:
        if args.period not in states:
            return unknown("status", "periode", args.period, states)
        states = {args.period: states[args.period]}
    if not states:
        print(
            "Belum ada periode. Buka periode pertama dengan submissions/<periode>/permintaan.yml."
        )
        return 0
    for pid, state in states.items():
        period = parse_period(pid)
        label = period.label if period else pid
        deadline = when(state.deadline, zone=snap.zone)
        print(f"\n{label} ({pid}): {state.status.value}; tenggat {deadline}")
        rows = [
            [
                s.unit,
                s.status.label + (" (draf)" if s.draft and not s.status.received else ""),
                when(s.received_at, zone=snap.zone),
                str(s.revisions or ""),
            ]
            for s in state.recipients
        ]
        if rows:
            print(render(["Unit", "Status", "Diterima", "Revisi"], rows))
        for problem in state.problems:
            print(f"! {problem}")
        if args.period and state.steps:
            steps = [
                [
                    str(st.no),
                    st.langkah,
                    number(st.mutu_baku, 0),
                    number(st.minutes, 0) if st.minutes is not None else "belum",
                    "MELEBIHI" if st.over else "",
                ]
                for st in state.steps
            ]
            print()
            print(
                render(
                    ["No", "Langkah", "Mutu baku (mnt)", "Waktu kerja (mnt)", "Keterangan"],
                    steps,
                    numeric=(2, 3),
                )
            )
    return 0
