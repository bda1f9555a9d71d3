"""A neutral example office for the Panduan pictures: the shipped configuration with every name,
id, number and place of the shipped organisation (:mod:`shipped_names`) replaced by invented,
plainly fictitious ones ("Kabupaten Contoh", "Pegawai Contoh 3", NIP of zeros).

The demo generator (``kinerja demo --source``) then writes its history on this source, so the
pictures show a whole working site without naming a real office or a real person::

    PYTHONPATH=scripts:tests .venv/bin/python tests/neutral_office.py /tmp/netral
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from shipped_names import REPO, pattern, shipped_names

#: Files the demo copies from its source (kinerja.demo.source), besides docs/.
FILES = ("submissions/organisasi.yml", "submissions/indikator.yml", "mkdocs.yml")
#: Places and numbers that are not fields of organisasi.yml (shipped_names.EXTRA).
PLACES = {
    "Pesisir Selatan": "Contoh",
    "PESISIR SELATAN": "CONTOH",
    "Insp-PS": "Insp-KC",
    "Insp- PS": "Insp- KC",
    "3334": "0000",
    "pessel": "contoh",
}
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}


def replacements() -> dict[str, str]:
    """Every shipped name -> its invented stand-in (ids stay valid ids)."""
    data = yaml.safe_load((REPO / FILES[0]).read_text(encoding="utf-8"))
    out = dict(PLACES)
    inst = data["instansi"]
    out[inst["nama"]] = inst["nama"].replace("Pesisir Selatan", "Contoh")
    out[inst["pemerintah"]] = inst["pemerintah"].replace("Pesisir Selatan", "Contoh")
    out[inst["forge"]["repo"]] = "contoh-inspektorat/kinerja"
    for number, person in enumerate(data["pegawai"], start=1):
        new_id = f"pegawai-{number}"
        out[person["id"]] = new_id
        out[person["nama"]] = f"Pegawai Contoh {number}"
        for handle in person.get("akun", []):
            out[handle] = f"akun-{new_id}"
        for index, mail in enumerate(person.get("email", [])):
            out[mail] = f"{new_id}{'-' + str(index) if index else ''}@example.go.id"
        if person.get("nip"):
            fake = f"00000000 000000 0 {number:03d}"
            out[person["nip"]] = fake
            out[person["nip"].replace(" ", "")] = fake.replace(" ", "")
    counts: dict[str, int] = {}
    for unit in data["unit"]:
        kind = unit["jenis"]
        counts[kind] = counts.get(kind, 0) + 1
        n = counts[kind]
        if kind == "irban":
            out[unit["id"]] = f"wilayah-{n}"
            out[unit["nama"]] = f"Kelompok Pengawasan Wilayah {n}"
            out[unit["singkatan"]] = f"Wilayah {n}"
        elif kind == "subbag":
            out[unit["id"]] = f"subbag-{n}"
            out[unit["nama"]] = f"Sub Bagian Contoh {n}"
            out[unit["singkatan"]] = f"Subbag {n}"
        else:
            out.setdefault(unit["id"], unit["id"])
            out.setdefault(unit["nama"], unit["nama"])
            out.setdefault(unit["singkatan"], unit["singkatan"])
    # A Roman-numbered name the mapping above did not see (e.g. "Irban-I" in a document number).
    for roman, digit in _ROMAN.items():
        out.setdefault(f"Irban {roman}", f"Wilayah {digit}")
    return {name: out.get(name, name) for name in shipped_names()} | out


def neutralise(text: str, mapping: dict[str, str] | None = None) -> str:
    mapping = mapping if mapping is not None else replacements()
    return pattern().sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def make_source(dest: Path) -> Path:
    """The neutral source repository at ``dest`` (for ``kinerja demo --source``)."""
    mapping = replacements()
    dest.mkdir(parents=True, exist_ok=True)
    paths = [REPO / rel for rel in FILES]
    paths += [p for p in (REPO / "docs").rglob("*") if p.is_file() and "dev" not in p.parts]
    for path in paths:
        rel = path.relative_to(REPO)
        if rel.parts[:3] == ("docs", "panduan", "gambar"):
            continue  # the pictures are what this source is made to replace
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in (".yml", ".yaml", ".md"):
            target.write_text(neutralise(path.read_text(encoding="utf-8"), mapping), "utf-8")
        else:
            shutil.copy2(path, target)
    leftover = [
        (str(p.relative_to(dest)), m.group(0))
        for p in dest.rglob("*")
        if p.is_file() and p.suffix in (".yml", ".md")
        for m in pattern().finditer(p.read_text(encoding="utf-8"))
    ]
    if leftover:
        raise ValueError(f"nama kantor asal tersisa: {leftover[:10]}")
    return dest


def build_neutral_site(dest: Path) -> Path:
    """The demo repository of the neutral office with its site built; returns the repository."""
    from browser import DEMO_NOW, DEMO_SEED, DEMO_TODAY, mkdocs_build, pin_now
    from kinerja.demo import generate

    source = make_source(dest / "sumber")
    root = dest / "repo"
    generate(root, today=DEMO_TODAY, seed=DEMO_SEED, source=source)
    pin_now(root / "mkdocs.yml", DEMO_NOW)
    mkdocs_build(root)
    return root


if __name__ == "__main__":
    print(build_neutral_site(Path(sys.argv[1])))
