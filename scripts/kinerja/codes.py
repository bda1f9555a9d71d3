"""The catalogue of finding codes: stable kebab-case ids with Indonesian messages and hints.

A code never changes meaning once released; wording may improve. Templates use ``str.format``
fields filled from the parameters the stage passes. ``docs`` lists every code (the data dictionary
page and ``kinerja validate --codes`` read this table).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from kinerja.findings import Finding, Position, Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True)
class Code:
    severity: Severity
    title: str
    message: str
    hint: str = ""


TEXT_UTF8_HINT = (
    "Simpan ulang berkas sebagai UTF-8: di Notepad pilih File > Simpan Sebagai > Pengodean UTF-8; "
    "atau salin isinya ke penyunting berkas di forge lalu simpan dari sana."
)
CSV_UTF8_HINT = (
    'Di Excel pilih File > Simpan Sebagai > jenis "CSV UTF-8 (dipisahkan koma) (*.csv)", '
    "lalu unggah ulang berkasnya."
)

CODES: dict[str, Code] = {
    # --- reading: files -------------------------------------------------------------------
    "file-too-large": Code(
        E,
        "Berkas terlalu besar",
        "Berkas berukuran {size_kb} KB, melebihi batas {limit_kb} KB.",
        "Pisahkan lampiran/bukti dari data: simpan dokumen sebagai tautan, bukan di dalam berkas.",
    ),
    "file-empty": Code(
        E,
        "Berkas kosong",
        "Berkas tidak berisi data.",
        "Isi berkas dengan templat dari perintah `kinerja template` atau dari situs (Kirim data).",
    ),
    "file-binary": Code(
        E,
        "Bukan berkas teks",
        "Berkas {kind} ini berisi data biner, bukan teks.",
        "Pastikan berkas yang diunggah benar; simpan ulang dari aplikasinya sebagai {kind}.",
    ),
    "file-symlink": Code(
        E,
        "Tautan simbolik",
        "Berkas ini adalah tautan simbolik (symlink) dan tidak dibaca.",
        "Simpan berkas data yang sebenarnya di lokasi ini, bukan tautan ke berkas lain.",
    ),
    "file-unreadable": Code(
        E,
        "Berkas tidak dapat dibaca",
        "Berkas tidak dapat dibuka.",
        "Periksa nama dan izin berkas.",
    ),
    "file-unknown-format": Code(
        E,
        "Format berkas tidak dikenal",
        "Akhiran berkas '{suffix}' tidak dikenal di folder data.",
        "Gunakan .yml, .csv atau .xlsx untuk data unit, .md untuk analisis.",
    ),
    "encoding-not-utf8": Code(
        E,
        "Pengodean bukan UTF-8",
        "Berkas {kind} ini tidak disimpan dalam pengodean UTF-8.",
        "{save_hint}",
    ),
    "encoding-utf16": Code(
        E,
        "Pengodean UTF-16",
        'Berkas {kind} ini disimpan sebagai UTF-16 ("Unicode Text"), bukan UTF-8.',
        "{save_hint}",
    ),
    # --- reading: YAML --------------------------------------------------------------------
    "yaml-syntax": Code(
        E,
        "Sintaks YAML salah",
        "Sintaks YAML tidak dapat dibaca: {problem}.",
        "Periksa indentasi (spasi, bukan tab), tanda titik dua setelah nama kolom, dan tanda kutip "
        "yang berpasangan pada baris ini atau baris sebelumnya.",
    ),
    "yaml-tab": Code(
        E,
        "Tab dalam YAML",
        "YAML tidak boleh memakai karakter tab untuk indentasi.",
        "Ganti tab dengan spasi (2 spasi per tingkat).",
    ),
    "yaml-alias": Code(
        E,
        "Alias YAML tidak diizinkan",
        "Alias YAML '*{name}' tidak diizinkan.",
        "Tulis nilainya secara lengkap; anchor (&) dan alias (*) tidak dipakai dalam data kinerja.",
    ),
    "yaml-anchor": Code(
        E,
        "Anchor YAML tidak diizinkan",
        "Anchor YAML '&{name}' tidak diizinkan.",
        "Hapus tanda '&{name}'; tulis setiap nilai secara lengkap.",
    ),
    "yaml-tag": Code(
        E,
        "Tag YAML tidak diizinkan",
        "Tag YAML '{tag}' tidak diizinkan.",
        "Hapus tag (diawali '!'); bila nilainya teks, beri tanda kutip.",
    ),
    "yaml-duplicate-key": Code(
        E,
        "Kunci ganda",
        "Kunci '{key}' muncul dua kali (pertama di baris {first}).",
        "Hapus salah satunya atau gabungkan isinya.",
    ),
    "yaml-complex-key": Code(
        E,
        "Kunci tidak sah",
        "Nama kolom harus berupa teks biasa.",
        "Tulis nama kolom sebagai teks diikuti titik dua, misalnya `unit: wilayah-1`.",
    ),
    "yaml-too-deep": Code(
        E,
        "Struktur terlalu dalam",
        "Struktur bersarang lebih dari {limit} tingkat.",
        "Data kinerja tidak memerlukan struktur sedalam ini; periksa indentasi.",
    ),
    "yaml-multi-document": Code(
        E,
        "Lebih dari satu dokumen",
        "Berkas berisi lebih dari satu dokumen YAML ('---').",
        "Satu berkas hanya untuk satu unit dan satu periode; hapus pemisah '---' yang kedua.",
    ),
    "markdown-front-matter": Code(
        E,
        "Front matter tidak ditutup",
        "Bagian pembuka '---' tidak ditutup dengan '---'.",
        "Tambahkan baris '---' setelah keterangan di awal berkas.",
    ),
    # --- reading: tables ------------------------------------------------------------------
    "csv-syntax": Code(
        E,
        "Sintaks CSV salah",
        "CSV tidak dapat dibaca: {problem}.",
        'Periksa tanda kutip (") yang tidak berpasangan mulai baris ini. ' + CSV_UTF8_HINT,
    ),
    "xlsx-invalid": Code(
        E,
        "Berkas Excel rusak",
        "Berkas tidak dapat dibaca sebagai Excel (.xlsx): {problem}.",
        'Buka berkas di Excel lalu simpan ulang sebagai "Buku Kerja Excel (*.xlsx)".',
    ),
    "xlsx-no-sheet": Code(
        E,
        "Lembar kerja tidak ditemukan",
        "Lembar kerja '{sheet}' tidak ada (yang ada: {sheets}).",
        "Ganti nama lembar yang berisi data menjadi '{sheet}'.",
    ),
    "xlsx-formula": Code(
        E,
        "Rumus Excel",
        "Sel berisi rumus ({formula}); hanya nilai yang diterima.",
        "Salin sel lalu Tempel Spesial > Nilai, agar yang dikirim adalah angkanya.",
    ),
    "table-too-many-rows": Code(
        E,
        "Terlalu banyak baris",
        "Tabel melebihi {limit} baris.",
        "Periksa apakah berkas yang benar yang diunggah.",
    ),
    "table-ragged-row": Code(
        E,
        "Baris kelebihan sel",
        "Baris ini berisi {cells} sel, padahal judul kolom hanya {expected}.",
        "Mungkin ada pemisah (; atau ,) di dalam teks: beri tanda kutip pada teks itu, "
        "atau hapus sel berlebih.",
    ),
    "table-unknown-section": Code(
        E,
        "Bagian tidak dikenal",
        "Nilai kolom 'bagian' '{value}' tidak dikenal.",
        "Gunakan 'info', 'realisasi' atau 'dokumen'.{suggestion_text}",
    ),
    "table-duplicate-info": Code(
        E,
        "Info ganda",
        "Baris info '{key}' muncul dua kali (pertama di baris {first}).",
        "Hapus salah satu baris.",
    ),
    "table-unused-cell": Code(
        E,
        "Sel tidak dipakai",
        "Kolom '{column}' tidak dipakai pada baris bagian '{section}'; isinya akan hilang.",
        "Pindahkan isinya ke kolom yang sesuai atau kosongkan sel ini.",
    ),
    "table-duplicate-column": Code(
        E, "Kolom ganda", "Judul kolom '{column}' muncul dua kali.", "Hapus salah satu kolom."
    ),
    "table-unknown-column": Code(
        E,
        "Kolom tidak dikenal",
        "Judul kolom '{column}' tidak dikenal.",
        "Gunakan judul kolom dari templat.{suggestion_text}",
    ),
    "table-missing-column": Code(
        E,
        "Kolom wajib tidak ada",
        "Kolom wajib '{column}' tidak ada pada baris judul.",
        "Baris pertama harus berisi judul kolom dari templat: bagian, kunci, nilai, ...",
    ),
    # --- schema ---------------------------------------------------------------------------
    "schema-required": Code(
        E,
        "Isian wajib kosong",
        "Isian wajib '{name}' ({title}) belum diisi.",
        "Tambahkan '{name}'. {description}",
    ),
    "schema-unknown-key": Code(
        E,
        "Isian tidak dikenal",
        "Isian '{name}' tidak dikenal di sini.",
        "{suggestion_text}Isian yang dikenal: {known}.",
    ),
    "schema-type": Code(
        E,
        "Jenis nilai salah",
        "Nilai {value} untuk '{title}' harus berupa {expected}.",
        "{type_hint}",
    ),
    "schema-enum": Code(
        E,
        "Pilihan tidak sah",
        "Nilai {value} untuk '{title}' tidak termasuk pilihan.",
        "Pilih salah satu: {choices}.{suggestion_text}",
    ),
    "schema-pattern": Code(
        E,
        "Format salah",
        "Nilai {value} untuk '{title}' tidak sesuai format.",
        "{description}",
    ),
    "schema-range": Code(
        E, "Di luar rentang", "Nilai {value} untuk '{title}' {problem}.", "{description}"
    ),
    "schema-length": Code(E, "Panjang tidak sesuai", "Isian '{title}' {problem}.", "{description}"),
    "schema-invalid": Code(
        E,
        "Tidak sesuai skema",
        "Isian '{title}' tidak sesuai ketentuan: {problem}.",
        "{description}",
    ),
    # --- cross-file rules -----------------------------------------------------------------
    "path-unexpected": Code(
        E,
        "Lokasi berkas tidak dikenal",
        "Berkas ini tidak berada di tempat yang dikenal pelacak.",
        "Data unit disimpan sebagai submissions/<periode>/<unit>.yml|.csv|.xlsx; permintaan "
        "sebagai submissions/<periode>/permintaan.yml; analisis sebagai "
        "submissions/<periode>/analisis.md.",
    ),
    "period-folder-invalid": Code(
        E,
        "Nama folder periode salah",
        "Folder '{folder}' bukan nama periode yang sah.",
        "Gunakan TTTT-BB untuk bulanan (mis. 2026-10) atau TTTT-qN untuk triwulanan (mis. 2026-q4).",
    ),
    "period-mismatch": Code(
        E,
        "Periode tidak cocok",
        "Periode '{value}' tidak sama dengan folder berkas ini ('{folder}').",
        "Pindahkan berkas ke folder submissions/{value}/ atau ubah periode menjadi '{folder}'.",
    ),
    "period-no-request": Code(
        E,
        "Periode belum diminta",
        "Periode {folder} belum memiliki permintaan data (permintaan.yml).",
        "Data hanya dapat dikirim setelah periode dibuka dengan permintaan.yml (langkah "
        "'perintah' SOP).",
    ),
    "unit-unknown": Code(
        E,
        "Unit tidak dikenal",
        "Unit '{value}' tidak ada di organisasi.yml.",
        "Unit yang ada: {known}.{suggestion_text}",
    ),
    "unit-mismatch": Code(
        E,
        "Unit tidak cocok dengan nama berkas",
        "Unit '{value}' tidak sama dengan nama berkas ('{stem}').",
        "Beri nama berkas sesuai unit pengirim: {value}{suffix}, atau perbaiki isian unit.",
    ),
    "unit-not-requested": Code(
        E,
        "Unit tidak diminta",
        "Unit '{value}' tidak termasuk penerima permintaan periode {period}.",
        "Periksa periode dan unit; penerima periode ini: {known}.",
    ),
    "submission-duplicate": Code(
        E,
        "Data ganda",
        "Unit '{unit}' mempunyai lebih dari satu berkas data pada periode {period}: {others}.",
        "Simpan satu berkas saja per unit per periode (.yml, .csv atau .xlsx).",
    ),
    "indicator-unknown": Code(
        E,
        "Indikator tidak dikenal",
        "Indikator '{value}' tidak ada di indikator.yml.",
        "{suggestion_text}Lihat daftar indikator di situs (halaman Indikator).",
    ),
    "indicator-not-requested": Code(
        E,
        "Indikator tidak diminta",
        "Indikator '{value}' tidak diminta dari unit {unit} pada periode {period}.",
        "Indikator yang diminta: {known}.",
    ),
    "indicator-duplicate": Code(
        E,
        "Indikator ganda",
        "Indikator '{value}' dilaporkan lebih dari sekali (pertama di baris {first}).",
        "Laporkan satu nilai per indikator; gabungkan catatannya.",
    ),
    "indicator-missing": Code(
        E,
        "Indikator belum dilaporkan",
        "Indikator yang diminta belum dilaporkan: {missing}.",
        "Tambahkan realisasi setiap indikator yang diminta (angka 0 bila memang nol); jelaskan "
        "pada 'catatan' atau 'kendala' bila angkanya belum final.",
    ),
    "number-out-of-range": Code(
        E,
        "Angka di luar rentang",
        "Nilai {value} untuk indikator '{indicator}' ({satuan}) di luar rentang {low} sampai {high}.",
        "Periksa angkanya (mis. persen ditulis 85.5, bukan 855 atau 0.855).",
    ),
    "number-not-integer": Code(
        E,
        "Bukan bilangan bulat",
        "Nilai {value} untuk indikator '{indicator}' harus bilangan bulat (satuan {satuan}).",
        "Jumlah {satuan} dihitung utuh; periksa apakah pemisah ribuan/desimal tertukar.",
    ),
    "document-number-duplicate": Code(
        E,
        "Nomor dokumen ganda",
        "Nomor dokumen '{value}' sudah dipakai di {other} pada periode ini.",
        "Setiap dokumen (LHP/LHE/TLHP) dicatat sekali; periksa nomornya.",
    ),
    "document-type-not-requested": Code(
        W,
        "Jenis dokumen tidak diminta",
        "Dokumen {value} tidak diminta dari unit {unit} pada periode {period}.",
        "Jenis dokumen yang diminta: {known}.",
    ),
    "date-invalid": Code(
        E,
        "Tanggal tidak ada",
        "Tanggal '{value}' tidak ada di kalender.",
        "Tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-10-05.",
    ),
    "date-implausible": Code(
        E,
        "Tanggal tidak wajar",
        "Tanggal '{value}' di luar rentang wajar ({low} sampai {high}).",
        "Periksa tahunnya.",
    ),
    "link-scheme": Code(
        E,
        "Tautan tidak aman",
        "Tautan '{value}' harus diawali http:// atau https://.",
        "Salin alamat lengkap dari peramban (mis. https://drive.example.go.id/...).",
    ),
    "evidence-path-outside": Code(
        E,
        "Lokasi bukti tidak sah",
        "Lokasi berkas bukti '{value}' keluar dari repositori atau tidak sah.",
        "Tulis lokasi relatif di dalam repositori, tanpa '..' dan tanpa '/' di awal, "
        "mis. bukti/2026-q4/lhp-45.pdf.",
    ),
    "evidence-missing": Code(
        W,
        "Berkas bukti tidak ada",
        "Berkas bukti '{value}' tidak ditemukan di repositori.",
        "Unggah berkasnya di lokasi itu atau perbaiki lokasinya.",
    ),
    "text-formula": Code(
        E,
        "Teks diawali tanda rumus",
        "Teks pada '{title}' diawali '{char}', yang dibaca Excel sebagai rumus.",
        "Hapus tanda '{char}' di awal teks (atau tambahkan spasi/kata sebelum tanda itu).",
    ),
    "text-html": Code(
        E,
        "Teks berisi kode HTML",
        "Teks pada '{title}' berisi kode HTML ({snippet}).",
        "Tulis teks biasa saja, tanpa tanda < dan > di sekitar kata.",
    ),
    "text-control": Code(
        E,
        "Karakter kendali",
        "Teks pada '{title}' berisi karakter kendali yang tidak terlihat ({char}).",
        "Ketik ulang teks itu atau salin sebagai teks biasa (mis. tempel ke Notepad dulu).",
    ),
    "text-multiline": Code(
        E,
        "Lebih dari satu baris",
        "Isian '{title}' hanya boleh satu baris, tetapi berisi baris baru.",
        "Tulis isian ini dalam satu baris; uraian panjang tempatnya di catatan, kendala atau "
        "rencana tindak lanjut.",
    ),
    "findings-truncated": Code(
        E,
        "Temuan dipotong",
        "Berkas ini mempunyai {hidden} temuan lain yang tidak ditampilkan.",
        "Perbaiki temuan di atas lalu periksa lagi; mungkin berkas yang diunggah keliru.",
    ),
    "sender-unknown": Code(
        E,
        "Pengirim tidak dikenal",
        "Pegawai '{value}' tidak ada di organisasi.yml.",
        "{suggestion_text}Gunakan id pegawai dari organisasi.yml.",
    ),
    "sender-not-member": Code(
        E,
        "Pengirim bukan anggota unit",
        "Pegawai '{value}' bukan anggota unit {unit}.",
        "Data unit dikirim oleh anggota unit itu sendiri; anggota {unit}: {known}.",
    ),
    "author-not-member": Code(
        E,
        "Pengusul bukan anggota unit",
        "Akun '{author}' bukan anggota unit {unit} dan bukan admin, sehingga tidak boleh mengubah "
        "berkas ini.",
        "Minta anggota unit {unit} yang mengirimkan, atau minta admin menambahkan akun Anda di "
        "organisasi.yml.",
    ),
    "request-deadline-order": Code(
        E,
        "Tenggat sebelum tanggal permintaan",
        "Tenggat {deadline} lebih awal dari tanggal permintaan {issued}.",
        "Periksa tanggal dan tenggat permintaan.",
    ),
    "request-recipient-duplicate": Code(
        E,
        "Penerima ganda",
        "Unit '{value}' tercantum lebih dari sekali sebagai penerima.",
        "Gabungkan permintaannya menjadi satu butir.",
    ),
    "reference-unknown": Code(
        E,
        "Rujukan tidak dikenal",
        "'{value}' pada '{title}' tidak dikenal ({what}).",
        "{suggestion_text}Periksa penulisan id-nya.",
    ),
    "id-duplicate": Code(
        E,
        "Id ganda",
        "Id '{value}' dipakai lebih dari sekali ({what}).",
        "Setiap id harus unik.",
    ),
    "target-period-mismatch": Code(
        E,
        "Periode target tidak cocok",
        "Target periode '{value}' bukan periode tahun {year} atau tidak sesuai frekuensi {frekuensi}.",
        "Gunakan periode tahun yang sama, mis. {year}-q1 untuk triwulan atau {year}-01 untuk bulan.",
    ),
    "sop-flow-unknown": Code(
        E,
        "Alur SOP tidak dikenal",
        "Aktivitas {no} menuju aktivitas {value} yang tidak ada.",
        "Periksa isian 'lanjut_ke'.",
    ),
    # --- any office (kinerja init, bands, lanes, workflow SOP) ------------------------------
    "bands-not-tiled": Code(
        E,
        "Predikat tidak bersambung",
        "Rentang predikat tidak bersambung: {detail}.",
        "Urutkan predikat dari 0 ke atas: predikat terendah min 0, maks setiap predikat sama "
        "dengan min predikat di atasnya, dan hanya predikat tertinggi tanpa maks.",
    ),
    "sop-lane-no-unit": Code(
        E,
        "Kolom pelaksana tanpa unit",
        "Kolom pelaksana '{value}' tidak menyebut unit dan bukan pihak luar.",
        "Isi 'unit' dengan id unit dari organisasi.yml, atau tulis 'pihak_luar: true' untuk "
        "pihak di luar kantor (mis. Perangkat Daerah).",
    ),
    "sop-workflow-ambiguous": Code(
        E,
        "SOP alur kerja tidak jelas",
        "{detail}",
        "Tulis id SOP yang menjalankan alur kerja periode di pengaturan.sop_alur_kerja pada "
        "organisasi.yml, mis. sop_alur_kerja: pengumpulan-data-kinerja.",
    ),
    "internal-error": Code(
        E,
        "Kesalahan internal",
        "Pemeriksaan berkas ini gagal karena kesalahan program ({problem}).",
        "Ini bukan kesalahan Anda: laporkan kepada admin beserta berkasnya.",
    ),
    "config-missing": Code(
        E,
        "Berkas konfigurasi tidak ada",
        "Berkas {value} tidak ditemukan.",
        "Setiap repositori pelacak memerlukan submissions/organisasi.yml dan "
        "submissions/indikator.yml. Jalankan `kinerja demo DIR` untuk contoh lengkap.",
    ),
    "config-invalid": Code(
        E,
        "Konfigurasi tidak sah",
        "Berkas {value} tidak sah, sehingga aturan lintas berkas tidak dapat diperiksa.",
        "Perbaiki dulu galat pada berkas {value}.",
    ),
    # --- owned paths: CODEOWNERS check and author checks (issue 11) ----------------------------
    "codeowners-stale": Code(
        E,
        "CODEOWNERS tidak mutakhir",
        "{file} {state}.",
        "Jalankan `kinerja codeowners` lalu commit hasilnya; berkas itu ditulis dari "
        "organisasi.yml dan tidak diubah manual.",
    ),
    "codeowners-unowned": Code(
        E,
        "Berkas tanpa pemilik",
        "{count} berkas tidak punya pemilik menurut {file} (dibaca seperti forge membacanya): "
        "{paths}.",
        "Tanpa pemilik, forge tidak meminta paraf siapa pun untuk berkas itu. Jalankan "
        "`kinerja codeowners` (aturan bawaan `*` untuk admin ada di awal berkas) dan pastikan "
        "admin dan setiap pemberi paraf punya akun forge (akun) di organisasi.yml; baris pola "
        "tanpa pemilik membuat berkas yang cocok tidak bertuan.",
    ),
    "codeowners-shadowed": Code(
        E,
        "CODEOWNERS lain didahulukan forge",
        "Forge membaca {other} lebih dahulu daripada {file}, sehingga aturan dari organisasi.yml "
        "tidak berlaku.",
        "Hapus {other}; CODEOWNERS hanya ditulis oleh `kinerja codeowners` di {file}.",
    ),
    "author-unknown-person": Code(
        E,
        "Pembuat commit tidak dikenal",
        "Commit {commit} ({role}: {name} <{email}>) tidak cocok dengan pegawai mana pun di "
        "organisasi.yml, sehingga tidak dapat dipastikan boleh mengubah berkas ini.",
        "Setel `git config user.email` ke e-mail Anda yang tercatat di organisasi.yml (atau "
        "alamat no-reply akun forge Anda), lalu buat ulang commit itu (mis. `git commit --amend "
        "--reset-author`); atau minta admin menambahkan e-mail Anda di organisasi.yml.",
    ),
    "author-commit-not-member": Code(
        E,
        "Pembuat commit bukan anggota unit",
        "Commit {commit} ({role}: {name}) mengubah berkas ini, tetapi {name} bukan anggota "
        "{unit} dan bukan admin.",
        "Berkas ini hanya boleh diubah oleh {unit}. Keluarkan commit itu dari pull request ini "
        "(mis. buat cabang baru tanpa commit tersebut) atau minta {unit} yang membuatnya.",
    ),
    "author-changes-unreadable": Code(
        E,
        "Perubahan pull request tidak terbaca",
        "Daftar berkas dan commit sejak {base} tidak dapat dibaca dari Git: {detail}.",
        "Ambil seluruh riwayat (`fetch-depth: 0` pada actions/checkout) dan periksa nama cabang "
        "dasar yang diberikan ke --changed-from.",
    ),
    # --- no status from nothing (issue 11): a path that holds no data is never a hand-in ---
    "file-gitlink": Code(
        E,
        "Entri submodule, bukan berkas",
        "Di lokasi ini tercatat entri submodule Git (gitlink), bukan berkas berisi data.",
        "Hapus entri itu (`git rm --cached <lokasi>`) lalu simpan berkas data yang sebenarnya di "
        "lokasi ini.",
    ),
    "file-not-regular": Code(
        E,
        "Bukan berkas biasa",
        "Di lokasi ini ada sesuatu yang bukan berkas biasa (folder, pipa atau perangkat).",
        "Simpan berkas data yang sebenarnya (.yml, .csv atau .xlsx) di lokasi ini.",
    ),
    "document-null": Code(
        E,
        "Berkas tanpa data",
        "Berkas hanya berisi nilai kosong ({value}), tidak ada data.",
        "Isi berkas dengan templat dari perintah `kinerja template` atau dari situs (Kirim data).",
    ),
    "submission-empty": Code(
        E,
        "Data kosong",
        "Berkas hanya berisi unit, periode dan pengirim: tidak ada realisasi maupun dokumen.",
        "Isi realisasi indikator dan dokumen yang diminta; untuk jenis dokumen yang memang tidak "
        "ada periode ini, tulis di 'dokumen_nihil' beserta alasannya.",
    ),
    "document-missing": Code(
        E,
        "Dokumen yang diminta belum dijawab",
        "Jenis dokumen yang diminta belum dicantumkan: {missing}.",
        "Cantumkan dokumennya di 'dokumen'; bila memang tidak ada pada periode ini, tulis di "
        "'dokumen_nihil' (jenis dan alasan), mis. `- jenis: {first}` dan `alasan: ...`.",
    ),
    "document-nihil-conflict": Code(
        E,
        "Dokumen nihil padahal ada",
        "Jenis dokumen {value} dinyatakan nihil, tetapi berkas ini juga mencantumkan dokumen {value}.",
        "Hapus butir {value} dari 'dokumen_nihil', atau hapus dokumennya bila memang tidak ada.",
    ),
    "document-nihil-duplicate": Code(
        E,
        "Dokumen nihil ganda",
        "Jenis dokumen {value} dinyatakan nihil lebih dari sekali.",
        "Tulis satu butir per jenis dokumen; gabungkan alasannya.",
    ),
    "history-shallow": Code(
        E,
        "Riwayat Git tidak lengkap",
        "Riwayat Git repositori ini tidak lengkap (shallow clone atau partial clone), sehingga "
        "status, waktu penyerahan, paraf dan pengesahan tidak dapat dihitung.",
        "Ambil riwayat lengkap: di GitHub Actions tulis `fetch-depth: 0` pada langkah "
        "actions/checkout; di komputer sendiri jalankan `git fetch --unshallow`.",
    ),
    "history-anchor": Code(
        E,
        "Jangkar riwayat tidak cocok",
        "{detail}",
        "Jangkar ditetapkan lewat variabel repositori KINERJA_JANGKAR (commit dari "
        "`kinerja init` atau `kinerja adopt`). Jangan mengubah variabel itu sebelum admin "
        "memeriksa mengapa cabang utama berubah.",
    ),
    "period-submission-deleted-after-signing": Code(
        E,
        "Data dihapus setelah disahkan",
        "Data unit {unit} ({berkas}) dihapus pada {when} oleh {who}, setelah periode ini disahkan.",
        "Data periode yang sudah disahkan tidak boleh dihapus; kembalikan berkasnya lewat pull "
        "request, atau buka ulang periode dengan persetujuan Inspektur.",
    ),
    # --- spreadsheets: the workbook template and what people type (excel-core) ------------------
    "xlsx-too-big": Code(
        E,
        "Buku kerja terlalu besar",
        "Buku kerja ditolak sebelum dibaca: {problem}.",
        "Gunakan templat Excel dari situs (Unduh templat Excel) dan hapus lembar serta baris yang "
        "tidak dipakai; satu berkas hanya untuk satu unit dan satu periode.",
    ),
    "xlsx-extra-sheet": Code(
        W,
        "Lembar tidak dibaca",
        "Lembar '{sheet}' tidak dibaca: data hanya dibaca dari lembar {known}.",
        "Pindahkan isinya ke lembar templat yang sesuai, atau hapus lembar '{sheet}'.",
    ),
    "xlsx-hidden-row": Code(
        W,
        "Baris tersembunyi ikut dibaca",
        "Baris {row} di lembar '{sheet}' disembunyikan, tetapi isinya ikut dikirim.",
        "Tampilkan baris itu (klik kanan nomor baris > Tampilkan/Unhide) dan periksa isinya; "
        "hapus isinya bila tidak ingin dikirim.",
    ),
    "xlsx-merged-cells": Code(
        E,
        "Sel digabung",
        "Sel {cells} di lembar '{sheet}' digabung (merge); isi sel gabungan hanya tersimpan di "
        "sel pertamanya, sehingga baris lain terbaca kosong.",
        "Pilih sel itu lalu Beranda > Gabung & Tengahkan > Pisahkan Sel (Unmerge Cells), "
        "kemudian isi setiap sel.",
    ),
    "xlsx-template-sheet-missing": Code(
        E,
        "Lembar templat hilang",
        "Lembar '{sheet}' dari templat tidak ada (yang ada: {sheets}).",
        "Unduh ulang templat Excel dari situs dan salin isian Anda ke sana.",
    ),
    "xlsx-template-header": Code(
        E,
        "Judul kolom templat berubah",
        "Baris judul lembar '{sheet}' tidak ditemukan atau kolom '{column}' tidak ada.",
        "Jangan mengubah judul kolom templat; unduh ulang templat bila perlu.",
    ),
    "percent-fraction": Code(
        E,
        "Persen ditulis sebagai pecahan",
        "Nilai {value} untuk indikator persen '{indicator}' tampak sebagai pecahan, padahal "
        "targetnya {target}: maksudnya {percent}%?",
        "{how}",
    ),
    # --- Laporan Kinerja: Renstra and sasaran in indikator.yml (branch laporan) -------------
    "renstra-period-invalid": Code(
        E,
        "Periode Renstra tidak sah",
        "Tahun akhir Renstra {last} lebih awal dari tahun awalnya {first}.",
        "Tulis tahun_akhir sama dengan atau sesudah tahun_awal, mis. tahun_awal: 2025 dan "
        "tahun_akhir: 2029.",
    ),
    "renstra-missing": Code(
        E,
        "Periode Renstra belum diisi",
        "Indikator ini memiliki target_renstra, tetapi berkas tidak memiliki bagian renstra.",
        "Tambahkan di bagian atas berkas: renstra: {{tahun_awal: 2025, tahun_akhir: 2029}}; "
        "atau hapus target_renstra.",
    ),
}


def _suggestion_text(params: dict[str, Any]) -> None:
    suggestion = params.get("suggestion")
    params["suggestion_text"] = f" Mungkin maksud Anda '{suggestion}'? " if suggestion else ""


def visible(text: str) -> str:
    """Invisible characters (zero-width, bidi controls, control codes) spelled out as <U+200B>,
    so that 'wilayah\u200b-1' does not look exactly like the valid 'wilayah-1' in a message."""
    return "".join(
        f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in text
    )


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def make(
    code: str,
    path: str,
    pos: Position | None = None,
    fieldname: str | None = None,
    **params: Any,
) -> Finding:
    """Build a finding from the catalogue; unknown codes are a programming error."""
    spec = CODES[code]
    values = _Defaults({k: visible(v) if isinstance(v, str) else v for k, v in params.items()})
    _suggestion_text(values)
    severity = params.pop("severity", None) or spec.severity
    message = spec.message.format_map(values).strip()
    hint = " ".join(spec.hint.format_map(values).split()) or None
    return Finding(
        code=code,
        severity=Severity(severity),
        path=path,
        message=message,
        line=pos.line if pos else None,
        column=pos.column if pos else None,
        field=fieldname,
        hint=hint,
        place=pos.place() if pos else None,
    )
