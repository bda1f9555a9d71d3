"""Texts of a new office's repository: mkdocs.yml and the README (Indonesian, for the office)."""

from __future__ import annotations

import json

from kinerja.scaffold.office import WORKFLOW_DIRS, Office

_MKDOCS = """\
# Situs pelacak data kinerja {title_comment}. Halaman Beranda, Status, Periode, Unit, Indikator,
# SOP, Riwayat, Unduh, Organisasi dan Panduan dibuat oleh plugin `kinerja` saat `mkdocs build` dari
# data di submissions/ dan docs/sop/; tidak ada halaman buatan yang di-commit. Halaman Panduan
# dapat diganti dengan berkas sendiri di docs/panduan/ (nama yang sama).
site_name: {site_name}
site_description: Pengumpulan data kinerja sesuai SOP Mekanisme Pengumpulan Data Kinerja
docs_dir: docs
site_dir: site
use_directory_urls: true
strict: true

exclude_docs: |
  dev/
  sop/*.yml

not_in_nav: |
  unduh/kamus-data.md
  periode/*.md
  unit/*.md
  indikator/*.md
  sop/*.md

theme:
  name: material
  language: id
  font: false
  palette:
    - scheme: default
      primary: blue grey
      accent: indigo
  features:
    - navigation.tabs
    - navigation.top
    - navigation.indexes
    - search.highlight
  icon:
    logo: material/clipboard-check-outline

plugins:
  - search:
      lang: en
  - kinerja

markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: false
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true

nav:
  - Beranda: index.md
  - Status: status.md
  - Periode: periode/index.md
  - Unit: unit/index.md
  - Indikator: indikator/index.md
  - SOP: sop/index.md
  - Riwayat: riwayat.md
  - Unduh: unduh/index.md
  - Organisasi: organisasi.md
  - Panduan:
      - panduan/index.md
      - Staf unit: panduan/staf-unit.md
      - Pemberi paraf: panduan/pemberi-paraf.md
      - Membuka periode: panduan/perencanaan.md
      - Admin: panduan/admin.md
      - Forgejo dan Gitea: panduan/forge.md
      - Keabsahan riwayat: panduan/keabsahan.md
      - Cara angka dihitung: panduan/cara-menghitung.md
      - Istilah: panduan/istilah.md

extra:
  generator: false
"""


def mkdocs_yml(office: Office) -> str:
    # JSON strings are YAML double-quoted scalars: one escaping path for any office name.
    return _MKDOCS.format(
        title_comment="kantor ini",
        site_name=json.dumps(f"Pelacak Data Kinerja {office.nama}", ensure_ascii=False),
    )


def readme(office: Office) -> str:
    folder = WORKFLOW_DIRS[office.forge]
    return f"""\
# Pelacak data kinerja {office.nama}

Repositori ini dibuat oleh `kinerja init`. Isinya data kinerja kantor (folder `submissions/`),
SOP pengumpulan data (`docs/sop/`), paket `kinerja` beserta skemanya (`scripts/`, `schema/`),
alur kerja forge (`{folder}/`), CODEOWNERS dan berkas kunci tepercaya
(`.kinerja/allowed_signers`).

## Yang harus dilakukan sebelum dipakai

1. **Ganti kerangka contoh.** `submissions/organisasi.yml` berisi unit dan pegawai bertanda
   `contoh: true`; ganti dengan unit dan pegawai sebenarnya (id, nama, jabatan, akun forge,
   e-mail commit). `submissions/indikator.yml` berisi dua indikator contoh; ganti dengan
   indikator dan target Perjanjian Kinerja. `docs/sop/pengumpulan-data-kinerja.yml` adalah
   CONTOH SOP: ganti dengan SOP kantor yang disahkan, kata demi kata.
2. **Periksa:** `kinerja validate` lalu `mkdocs build --strict`.
3. **Simpan kunci penggabung.** Kunci privat identitas penggabung dibuat di luar repositori ini
   (lihat keluaran `kinerja init`). Simpan isinya sebagai rahasia `KINERJA_SIGNING_KEY` pada
   lingkungan `kinerja-merge` di forge, lalu hapus berkasnya dari komputer Anda. Kunci publiknya
   sudah tercantum di `.kinerja/allowed_signers`; commit pertama repositori ini ditandatangani
   dengan kunci itu.
4. **Tulis ulang CODEOWNERS** setiap kali `organisasi.yml` berubah: `kinerja codeowners`.
5. **Panduan** di situs (menu Panduan) dibuat dari data kantor saat situs dibangun: nama
   instansi, unit, pemberi paraf, jam kerja dan zona waktu. Untuk memakai kata-kata sendiri
   pada sebuah halaman, letakkan berkas bernama sama di `docs/panduan/` (mis.
   `docs/panduan/staf-unit.md`); gambar contoh di `docs/panduan/gambar/` (lihat Panduan admin).
6. **Dorong ke forge:** buat repositori kosong `{office.forge_repo}`, lalu
   `git remote add origin <alamat>` dan `git push -u origin main`.

## Perintah yang sering dipakai

| Perintah | Gunanya |
| --- | --- |
| `kinerja validate` | memeriksa semua berkas data |
| `kinerja status` | status pengumpulan setiap unit |
| `kinerja codeowners` | menulis ulang CODEOWNERS dari organisasi.yml |
| `mkdocs build --strict` | membangun situs pelacak ke folder `site/` |
"""
