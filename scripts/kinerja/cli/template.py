"""``kinerja template UNIT PERIOD``: a pre-filled, empty submission for a unit to fill in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja.cli._common import add_root_argument, find_root, unknown


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "template",
        help="buat templat data kinerja untuk satu unit dan periode",
        description=(
            "Menulis templat data kinerja UNIT untuk PERIODE: indikator dan jenis dokumen yang "
            "diminta pada permintaan periode itu, dengan isian yang masih kosong. YAML dan CSV "
            "ditulis ke layar bila -o tidak diberikan; XLSX perlu -o."
        ),
    )
    parser.add_argument("unit", metavar="UNIT", help="id unit, mis. wilayah-1")
    parser.add_argument("period", metavar="PERIODE", help="periode, mis. 2026-q4 atau 2026-10")
    parser.add_argument(
        "--format", choices=("yml", "csv", "xlsx"), default="yml", help="format (bawaan: yml)"
    )
    parser.add_argument("-o", "--output", metavar="BERKAS", help="tulis ke berkas ini")
    add_root_argument(parser)
    parser.set_defaults(func=run)


def _error(message: str) -> int:
    print(f"kinerja template: {message}", file=sys.stderr)
    return 2


def _read(root: Path, rel: str) -> dict[str, Any] | None:
    from kinerja.read import Limits, read_file

    if not (root / rel).is_file():
        return None
    doc = read_file(root, rel, Limits())
    return doc.data if doc.ok and isinstance(doc.data, dict) else None


def run(args: argparse.Namespace) -> int:
    from kinerja.model import Config
    from kinerja.model.layout import INDICATORS, ORGANISATION, REQUEST_NAME, SUBMISSIONS
    from kinerja.write import (
        TemplateError,
        submission_csv,
        submission_yaml,
        template,
        template_header,
        template_workbook,
    )

    root = find_root(args.root)
    if root is None:
        return 2
    organisation, indicators = _read(root, ORGANISATION), _read(root, INDICATORS)
    if organisation is None or indicators is None:
        return _error(
            f"{ORGANISATION} atau {INDICATORS} tidak ada atau tidak sah di {root}; "
            "periksa dengan: kinerja validate"
        )
    config = Config.from_data(organisation, indicators)
    if args.unit not in config.organisation.units:
        return unknown("template", "unit", args.unit, config.organisation.units)
    request = _read(root, f"{SUBMISSIONS}/{args.period}/{REQUEST_NAME}")
    if request is None:
        # No request, no template: a list guessed from indikator.yml would ask for data nobody
        # requested (and "realisasi: []" for a period not yet opened).
        opened = [p.parent.name for p in (root / SUBMISSIONS).glob(f"*/{REQUEST_NAME}")]
        return unknown("template", "permintaan untuk periode", args.period, opened)
    recipients = {
        str(item.get("unit")) for item in request.get("penerima") or [] if isinstance(item, dict)
    }
    if recipients and args.unit not in recipients:
        print(
            f"kinerja template: peringatan: unit {args.unit} tidak termasuk penerima permintaan "
            f"periode {args.period}; data unit ini tidak diminta.",
            file=sys.stderr,
        )
    try:
        data = template(config, args.unit, args.period, request)
    except TemplateError as exc:
        return _error(str(exc))
    if args.format == "xlsx":
        if not args.output:
            return _error("format xlsx perlu -o BERKAS (berkas biner tidak ditulis ke layar)")
        content = template_workbook(config, args.unit, args.period, request)
    elif args.format == "csv":
        content = submission_csv(data)
    else:
        header = template_header(config, args.unit, args.period, request)
        content = submission_yaml(data, header=header).encode("utf-8")
    if args.output:
        target = Path(args.output)
        if target.exists():
            return _error(f"{args.output} sudah ada; hapus dulu atau pilih nama lain")
        target.write_bytes(content)
        print(f"Templat ditulis ke {args.output}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return 0
