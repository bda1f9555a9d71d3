"""The data files of a new office, built from its flags (pure: no file system, no Git).

The skeleton is deliberately generic: unit ids and people are placeholders marked
``contoh: true`` that the office replaces; nothing here names a real office. The SOP is the
package's shipped workflow (the same six steps), rewritten onto the skeleton's lanes and marked
as an example to adapt before it is signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Forge kinds and the folder each one reads its workflows from.
WORKFLOW_DIRS = {
    "github": ".github/workflows",
    "forgejo": ".forgejo/workflows",
    "gitea": ".gitea/workflows",
}
DEFAULT_URLS = {"github": "https://github.com", "forgejo": "", "gitea": ""}


@dataclass(frozen=True, slots=True)
class Office:
    """What the flags of ``kinerja init`` say about the office."""

    nama: str
    kode: str
    pemerintah: str
    zona_waktu: str
    forge: str
    forge_url: str
    forge_repo: str
    admin_id: str
    admin_nama: str
    admin_akun: str
    admin_email: str
    merge_email: str


def _person(
    pid: str, nama: str, jabatan: str, unit: str, peran: list[str], email_domain: str
) -> dict[str, Any]:
    return {
        "id": pid,
        "nama": nama,
        "jabatan": jabatan,
        "unit": unit,
        "peran": peran,
        "akun": [pid],
        "email": [f"{pid}@{email_domain}"],
        "contoh": True,
    }


#: The skeleton's units: (id, nama, singkatan, jenis, induk).
UNITS = (
    ("kepala-kantor", "Kepala Kantor", "Kepala", "pimpinan", None),
    ("tata-usaha", "Sekretariat", "Sekretariat", "sekretariat", "kepala-kantor"),
    ("program", "Sub Bagian Program dan Pelaporan", "Program", "subbag", "tata-usaha"),
    ("keuangan", "Sub Bagian Umum dan Keuangan", "Keuangan", "subbag", "tata-usaha"),
    ("wilayah-a", "Kelompok Pengawasan Wilayah A", "Wilayah A", "irban", "kepala-kantor"),
    ("wilayah-b", "Kelompok Pengawasan Wilayah B", "Wilayah B", "irban", "kepala-kantor"),
)


def organisation(office: Office) -> dict[str, Any]:
    """``submissions/organisasi.yml``: the office, the admin from the flags, placeholder heads."""
    domain = "example.go.id"
    people = [
        _person(
            "contoh-kepala",
            "Nama Kepala Kantor",
            "Kepala Kantor",
            "kepala-kantor",
            ["inspektur"],
            domain,
        ),
        _person(
            "contoh-sekretaris",
            "Nama Sekretaris",
            "Sekretaris",
            "tata-usaha",
            ["sekretaris"],
            domain,
        ),
        _person(
            "contoh-kasubbag-program",
            "Nama Kepala Sub Bagian Program",
            "Kepala Sub Bagian Program dan Pelaporan",
            "program",
            ["kasubbag"],
            domain,
        ),
        _person(
            "contoh-penyusun",
            "Nama Penyusun Laporan",
            "Penyusun Laporan",
            "program",
            ["penyusun"],
            domain,
        ),
        _person(
            "contoh-kasubbag-keuangan",
            "Nama Kepala Sub Bagian Keuangan",
            "Kepala Sub Bagian Umum dan Keuangan",
            "keuangan",
            ["kasubbag"],
            domain,
        ),
        _person(
            "contoh-ketua-a",
            "Nama Ketua Wilayah A",
            "Ketua Kelompok Wilayah A",
            "wilayah-a",
            ["irban"],
            domain,
        ),
        _person(
            "contoh-ketua-b",
            "Nama Ketua Wilayah B",
            "Ketua Kelompok Wilayah B",
            "wilayah-b",
            ["irban"],
            domain,
        ),
    ]
    people.append(
        {
            "id": office.admin_id,
            "nama": office.admin_nama,
            "jabatan": "Pengelola Repositori",
            "unit": "tata-usaha",
            "peran": ["staf", "admin"],
            "akun": [office.admin_akun],
            "email": [office.admin_email],
        }
    )
    heads = {
        "kepala-kantor": "contoh-kepala",
        "tata-usaha": "contoh-sekretaris",
        "program": "contoh-kasubbag-program",
        "keuangan": "contoh-kasubbag-keuangan",
        "wilayah-a": "contoh-ketua-a",
        "wilayah-b": "contoh-ketua-b",
    }
    units = []
    for uid, nama, singkatan, jenis, induk in UNITS:
        unit: dict[str, Any] = {"id": uid, "nama": nama, "singkatan": singkatan, "jenis": jenis}
        if induk:
            unit["induk"] = induk
        unit["kepala"] = heads[uid]
        units.append(unit)
    instansi: dict[str, Any] = {"nama": office.nama, "pemerintah": office.pemerintah}
    instansi["forge"] = {
        "jenis": office.forge,
        "url": office.forge_url,
        "repo": office.forge_repo,
        "cabang": "main",
    }
    return {
        "versi": 1,
        "instansi": instansi,
        "pegawai": people,
        "unit": units,
        "persetujuan": {
            "permintaan": {"paraf": ["kepala:program"]},
            "submisi": {"paraf": ["kepala-unit"]},
            "analisis": {
                "paraf": ["sekretaris", "kepala:keuangan"],
                "pengesahan": ["inspektur"],
            },
        },
        "admin": [office.admin_id],
        "pengaturan": {
            "zona_waktu": office.zona_waktu,
            "sop_alur_kerja": "pengumpulan-data-kinerja",
        },
    }


ORGANISATION_HEADER = """\
Susunan organisasi {nama} (skema: schema/organisasi.schema.json)

Dibuat oleh `kinerja init`. KERANGKA CONTOH, HARUS DISESUAIKAN SEBELUM DIPAKAI:
* Unit dan pegawai bertanda `contoh: true` hanya kerangka. Ganti id, nama, jabatan, akun forge
  dan e-mail commit dengan unit dan pegawai sebenarnya, lalu hapus `contoh: true`.
* Id (pegawai dan unit) hanya huruf kecil, angka dan tanda hubung; jangan diubah setelah dipakai.
* Pengaturan kantor (jam kerja, libur tambahan, predikat) ditulis di blok `pengaturan:`; lihat
  scripts/kinerja/data/pengaturan.yml untuk nilai bawaan.
"""


def indicators(office: Office, year: int) -> dict[str, Any]:
    """``submissions/indikator.yml``: two example indicators on the skeleton's units."""
    return {
        "versi": 1,
        "indikator": [
            {
                "id": "jumlah-laporan-pengawasan",
                "nama": "Jumlah laporan hasil pengawasan yang diterbitkan",
                "satuan": "laporan",
                "arah": "naik",
                "agregasi": "jumlah",
                "frekuensi": "triwulan",
                "unit": ["wilayah-a", "wilayah-b"],
                "sumber_data": "Register laporan hasil pengawasan",
                "presisi": 0,
                "definisi": "Banyaknya laporan hasil pengawasan yang ditandatangani pada periode "
                "berjalan. CONTOH: sesuaikan dengan Perjanjian Kinerja.",
                "target": [{"tahun": year, "nilai": 12}],
            },
            {
                "id": "persentase-tindak-lanjut",
                "nama": "Persentase rekomendasi hasil pengawasan yang ditindaklanjuti",
                "satuan": "persen",
                "arah": "naik",
                "agregasi": "terakhir",
                "frekuensi": "triwulan",
                "unit": ["keuangan"],
                "sumber_data": "Register tindak lanjut",
                "presisi": 1,
                "rentang": {"min": 0, "max": 100},
                "definisi": "Rekomendasi yang telah ditindaklanjuti dibagi seluruh rekomendasi, "
                "kali 100. CONTOH: sesuaikan dengan Perjanjian Kinerja.",
                "target": [{"tahun": year, "nilai": 80}],
            },
        ],
    }


INDICATORS_HEADER = """\
Katalog indikator kinerja dan target {nama} (skema: schema/indikator.schema.json)

Dibuat oleh `kinerja init`. Dua indikator CONTOH; ganti dengan indikator dan target dari
Perjanjian Kinerja, Renstra dan program kerja kantor Anda sebelum dipakai.
"""


def sop(office: Office, today: str) -> dict[str, Any]:
    """``docs/sop/pengumpulan-data-kinerja.yml``: the package's six-step workflow on the
    skeleton's lanes, every office-specific field marked CONTOH."""

    def step(
        no: int,
        text: str,
        lane: str,
        minutes: int,
        output: str,
        nxt: list[int],
        kind: str,
        key: str,
    ) -> dict[str, Any]:
        return {
            "no": no,
            "aktivitas": text,
            "pelaksana": lane,
            "kelengkapan": "dokumen",
            "waktu_menit": minutes,
            "output": output,
            "keterangan": "",
            "lanjut_ke": nxt,
            "jenis": kind,
            "langkah": key,
        }

    return {
        "id": "pengumpulan-data-kinerja",
        "identitas": {
            "instansi": [office.pemerintah.upper(), office.nama.upper()],
            "unit": "SUB BAGIAN PROGRAM DAN PELAPORAN",
            "nomor": "CONTOH/SOP/1",
            "nomor_ringkas": "CONTOH/SOP/1",
            "tanggal_pembuatan": today,
            "tanggal_revisi": [],
            "tanggal_efektif": today,
            "disahkan_oleh": {"jabatan": "KEPALA KANTOR", "nama": "Nama Kepala Kantor"},
            "nama": "Mekanisme Pengumpulan Data Kinerja",
        },
        "dasar_hukum": [
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 "
            "Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi "
            "Pemerintahan",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
            "Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata "
            "Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
        ],
        "kualifikasi_pelaksana": [
            "Memahami peraturan perundang-undangan yang terkait",
            "Memahami sasaran dan capaian program",
        ],
        "keterkaitan": ["Penyusunan evaluasi capaian kinerja setiap triwulan"],
        "peralatan": ["Data dan informasi pelaksanaan program", "Komputer dan jaringan"],
        "peringatan": "Jika tidak dilaksanakan sebagaimana mestinya, hasil evaluasi tidak "
        "mencerminkan kinerja yang sesungguhnya.",
        "pencatatan": [
            {"pelaksana": "Kepala Kantor", "catatan": "Tanda Tangan"},
            {"pelaksana": "Sekretaris", "catatan": "Paraf"},
            {"pelaksana": "Kepala Sub Bagian Umum dan Keuangan", "catatan": "Paraf"},
        ],
        "pencatatan_umum": "Setiap tahap terdokumentasi, dalam bentuk softcopy maupun hardcopy",
        "pelaksana": [
            {"id": "program", "nama": "Sub Bagian Program", "unit": ["program"]},
            {
                "id": "penyusun",
                "nama": "Penyusun Laporan",
                "unit": ["program"],
                "peran": ["penyusun"],
            },
            {"id": "subbag", "nama": "Sub Bagian Umum dan Keuangan", "unit": ["keuangan"]},
            {"id": "wilayah", "nama": "Kelompok Pengawasan", "unit": ["wilayah-a", "wilayah-b"]},
        ],
        "aktivitas": [
            step(
                1,
                "Memerintahkan staf menyampaikan format permintaan data kinerja",
                "program",
                5,
                "dokumen format data",
                [2],
                "mulai",
                "perintah",
            ),
            step(
                2,
                "Menyampaikan format permintaan data kinerja kepada sub bagian",
                "penyusun",
                5,
                "dokumen format data",
                [3],
                "proses",
                "kirim-subbag",
            ),
            step(
                3,
                "Menyampaikan format permintaan data kinerja kepada kelompok pengawasan",
                "penyusun",
                10,
                "dokumen format data",
                [4],
                "proses",
                "kirim-irban",
            ),
            step(
                4,
                "Menghimpun data kinerja kelompok pengawasan",
                "wilayah",
                480,
                "dokumen laporan",
                [5],
                "proses",
                "kumpul-irban",
            ),
            step(
                5,
                "Menghimpun data kinerja sub bagian",
                "subbag",
                480,
                "rekap dokumen",
                [6],
                "proses",
                "kumpul-subbag",
            ),
            step(
                6,
                "Menganalisis dan mengevaluasi data kinerja yang terkumpul sebagai bahan "
                "Laporan Kinerja",
                "program",
                480,
                "rekap capaian kinerja",
                [],
                "selesai",
                "analisis",
            ),
        ],
    }


SOP_HEADER = """\
SOP "Mekanisme Pengumpulan Data Kinerja" {nama} (skema: schema/sop.schema.json)

CONTOH UNTUK DISESUAIKAN. Dibuat oleh `kinerja init` dari alur kerja bawaan pelacak (enam
langkah: perintah, kirim ke sub bagian, kirim ke kelompok pengawasan, himpun, himpun, analisis).
Ganti identitas (nomor, tanggal, pengesah), dasar hukum, pelaksana dan teks aktivitas dengan SOP
kantor Anda yang disahkan, kata demi kata. Kunci `langkah` menghubungkan aktivitas dengan alur
kerja pelacak; pertahankan kuncinya bila teks aktivitas diganti.
"""
