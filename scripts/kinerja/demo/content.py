"""Indonesian example text: audited objects, report titles, obstacles, follow-up plans.

All of it is invented example data (*data contoh*). The audited objects are the kinds of
perangkat daerah, kecamatan and nagari a kabupaten in West Sumatra has; the sentences are the
kind Irban and Subbag staff write in a Laporan Kinerja. Nothing here names a real finding.
"""

from __future__ import annotations

import random

OPD = (
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Kesehatan",
    "Rumah Sakit Umum Daerah",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan Rakyat dan Kawasan Permukiman",
    "Dinas Perhubungan",
    "Dinas Sosial",
    "Dinas Pertanian",
    "Dinas Kelautan dan Perikanan",
    "Dinas Pariwisata, Pemuda dan Olahraga",
    "Dinas Pemberdayaan Masyarakat dan Nagari",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Lingkungan Hidup",
    "Dinas Koperasi, Usaha Kecil dan Menengah",
    "Dinas Perdagangan",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Komunikasi dan Informatika",
    "Dinas Perpustakaan dan Kearsipan",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Penanggulangan Bencana Daerah",
    "Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
)
KECAMATAN = (
    "Koto XI Tarusan",
    "Bayang",
    "IV Jurai",
    "Batang Kapas",
    "Sutera",
    "Lengayang",
    "Ranah Pesisir",
    "Linggo Sari Baganti",
    "Pancung Soal",
    "Basa Ampek Balai Tapan",
    "Lunang",
    "Silaut",
)
NAGARI = (
    "Painan",
    "Salido",
    "Kambang",
    "Surantih",
    "Air Haji",
    "Indrapura",
    "Tapan",
    "Lumpo",
    "Tarusan",
    "Pasar Baru",
    "Ampiang Parak",
    "Balai Selasa",
)

LHP_TOPICS = (
    "Pengelolaan Keuangan",
    "Pengelolaan Barang Milik Daerah",
    "Pengadaan Barang/Jasa",
    "Pelaksanaan Program Prioritas Daerah",
    "Pengelolaan Belanja Hibah dan Bantuan Sosial",
    "Pengelolaan Pendapatan Daerah",
    "Pengelolaan Belanja Perjalanan Dinas",
)
LHE_TITLES = (
    "Evaluasi Akuntabilitas Kinerja Instansi Pemerintah (AKIP) pada {objek}",
    "Evaluasi Penyelenggaraan Sistem Pengendalian Intern Pemerintah (SPIP) pada {objek}",
    "Evaluasi Pelaksanaan Reformasi Birokrasi pada {objek}",
    "Evaluasi Penerapan Manajemen Risiko pada {objek}",
    "Evaluasi Pembangunan Zona Integritas pada {objek}",
)
TLHP_TITLES = (
    "Pemantauan Tindak Lanjut Hasil Pemeriksaan pada {objek}",
    "Pemantauan Tindak Lanjut Rekomendasi Hasil Pemeriksaan BPK dan Inspektorat pada {objek}",
    "Pemutakhiran Data Tindak Lanjut Hasil Pengawasan pada {objek}",
)

KENDALA = (
    "Jumlah auditor terbatas sementara beberapa penugasan PKPT berjalan bersamaan dengan "
    "pemeriksaan khusus atas permintaan Bupati.",
    "Dokumen pertanggungjawaban dari objek pemeriksaan terlambat diserahkan sehingga pemeriksaan "
    "lapangan diperpanjang.",
    "Sebagian auditor mengikuti diklat sertifikasi jabatan fungsional pada periode ini.",
    "Penyusunan konsep LHP menunggu tanggapan tertulis dari kepala perangkat daerah.",
    "Akses jaringan ke aplikasi pelaporan di beberapa kecamatan tidak stabil.",
    "Pejabat pengelola keuangan pada objek pemeriksaan berganti sehingga klarifikasi tertunda.",
    "Jadwal pemeriksaan bergeser karena bertepatan dengan kegiatan pemeriksaan BPK Perwakilan.",
    "Data tindak lanjut dari perangkat daerah belum dimutakhirkan tepat waktu.",
    "Anggaran perjalanan dinas untuk pemeriksaan ke nagari terpencil terbatas.",
    "Beberapa rekomendasi memerlukan penyetoran ke kas daerah yang masih diangsur.",
)
RENCANA = (
    "Menyusun ulang jadwal penugasan triwulan berikutnya bersama Irban lain agar beban merata.",
    "Menyurati kepala perangkat daerah agar dokumen diserahkan paling lambat lima hari kerja "
    "setelah permintaan.",
    "Melaksanakan pemutakhiran data tindak lanjut bersama perangkat daerah setiap bulan.",
    "Mengusulkan tambahan anggaran perjalanan dinas pada perubahan anggaran.",
    "Memprioritaskan penyelesaian konsep LHP yang tertunda pada awal periode berikutnya.",
    "Mengadakan pertemuan pembahasan tindak lanjut dengan perangkat daerah yang rekomendasinya "
    "belum selesai.",
    "Mendampingi objek pemeriksaan dalam menyusun rencana aksi tindak lanjut.",
    "Memanfaatkan reviu berjenjang agar konsep laporan selesai lebih cepat.",
)
CATATAN_REALISASI = (
    "Sesuai register {register}.",
    "Termasuk satu penugasan yang tertunda dari periode sebelumnya.",
    "Angka sementara, menunggu verifikasi Subbag Analisis dan Evaluasi.",
    "Dihitung dari dokumen yang telah ditandatangani.",
    "Data per akhir periode.",
)
REKOMENDASI = (
    "Irban yang realisasinya di bawah target menyusun jadwal percepatan dan melaporkannya pada "
    "rapat koordinasi bulan berikutnya.",
    "Subbag Analisis dan Evaluasi memutakhirkan data tindak lanjut bersama perangkat daerah "
    "sebelum akhir periode.",
    "Permintaan data periode berikutnya diterbitkan pada hari kerja pertama setelah periode "
    "berakhir agar tenggat dapat dipenuhi.",
    "Unit yang terlambat menyampaikan data diingatkan melalui lembar disposisi Sekretaris.",
    "Penugasan yang tertunda diprioritaskan pada awal periode berikutnya.",
)


def objects_for(unit_index: int, rng: random.Random, count: int = 8) -> list[str]:
    """The audited objects of one Irban's wilayah: a few perangkat daerah and kecamatan."""
    pool = [*OPD, *(f"Kecamatan {k}" for k in KECAMATAN)]
    local = random.Random(unit_index)  # noqa: S311 - example data, not security
    picked = local.sample(pool, min(count, len(pool)))
    rng.shuffle(picked)
    return picked


def document_title(kind: str, objek: str, rng: random.Random) -> tuple[str, str]:
    """A realistic (title, audited object) for a document of ``kind``; may change the object."""
    if kind == "LHP":
        roll = rng.random()
        if roll < 0.15:
            nagari = rng.choice(NAGARI)
            return (
                f"Audit atas Pengelolaan Dana Desa pada Pemerintah Nagari {nagari}",
                f"Pemerintah Nagari {nagari}",
            )
        if objek.startswith("Dinas Pendidikan") and roll < 0.6:
            return f"Audit Kinerja atas Pengelolaan Dana BOS pada {objek}", objek
        if roll < 0.35:
            return f"Pemeriksaan Reguler pada {objek}", objek
        return f"Audit Kinerja atas {rng.choice(LHP_TOPICS)} pada {objek}", objek
    if kind == "LHE":
        return rng.choice(LHE_TITLES).format(objek=objek), objek
    return rng.choice(TLHP_TITLES).format(objek=objek), objek


def sentences(bank: tuple[str, ...], rng: random.Random, count: int) -> str:
    return " ".join(rng.sample(bank, min(count, len(bank))))


#: The reason a unit gives for a requested document type it has none of this period.
NIHIL_ALASAN = "Tidak ada {jenis} yang diterbitkan pada periode ini sesuai jadwal PKPT."
#: Causes the demo's analysis gives for an indicator on or above target (Laporan Kinerja quotes).
PENYEBAB_BERHASIL = (
    "Target tercapai karena penugasan dijadwalkan sejak awal periode dan tim pemeriksa lengkap.",
    "Capaian didukung koordinasi rutin dengan perangkat daerah yang diperiksa.",
    "Pemanfaatan aplikasi pemantauan tindak lanjut mempercepat penyelesaian pekerjaan.",
)
#: Causes given for an indicator below target, with the follow-up the office plans.
PENYEBAB_KURANG = (
    "Capaian belum memenuhi target karena sebagian auditor ditugaskan pada pemeriksaan khusus; "
    "penugasan periode berikutnya dijadwalkan ulang.",
    "Beberapa perangkat daerah terlambat menyerahkan dokumen; surat permintaan dokumen akan "
    "dikirim lebih awal.",
    "Keterbatasan anggaran perjalanan dinas menunda pemeriksaan lapangan; kegiatan digeser ke "
    "periode berikutnya.",
)
