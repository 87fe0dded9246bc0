"""Generate a realistic synthetic portal, and the same content as plain Markdown, for the benchmark.

    python bench/generate.py N OUT_DIR [--seed 2024]

writes three projects under OUT_DIR that hold the *same* SOPs:

* ``portal/``  the Portal SOP project: the repo's ``site_config.yml``, ``theme/``, ``content/``
  and seed ``sops/`` (the hand-written pages link to them), plus ``sops/<instansi>/*.yml``;
* ``mkdocs/``  plain mkdocs-material: one Markdown page per SOP (identity list + a Markdown
  table of the steps), one index page per agency, a home page; ``mkdocs.yml`` with the
  material theme and its default search plugin;
* ``hugo/``    the same Markdown for Hugo with a bare template (``layouts/_default``).

The SOPs are what agencies really write (see /work/shared/reference/sop-ap-format.md):
N SOPs across about N/40 agencies, 8–25 steps, 3–7 lanes, decisions that loop back or skip
forward, joint steps, waktu in mixed units (and the odd free text), kegiatan of 8–20 words.
The first SOP of the first agency has exactly 15 steps: the page whose weight is measured.
The RNG is seeded, so the same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOPS_PER_AGENCY = 40
PAGE_WEIGHT_STEPS = 15

# ---------------------------------------------------------------------------------------------
# Word pools. Indonesian administrative language, in the shapes real SOP AP forms use.
# ---------------------------------------------------------------------------------------------

PERANGKAT = [
    ("Dinas Kesehatan", "Dinkes"), ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"), ("Dinas Sosial", "Dinsos"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"), ("Dinas Perhubungan", "Dishub"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"), ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"), ("Inspektorat", "Inspektorat"),
    ("Dinas Lingkungan Hidup", "DLH"), ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Dinas Tenaga Kerja", "Disnaker"), ("Dinas Pertanian dan Ketahanan Pangan", "Distan"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"), ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim"), ("Sekretariat DPRD", "Setwan"),
]  # fmt: skip
DAERAH = [
    "Kota Tangerang", "Kabupaten Pesisir Selatan", "Kota Padang", "Kabupaten Bogor", "Kota Surabaya",
    "Kabupaten Sleman", "Kota Makassar", "Kabupaten Banyumas", "Kota Pontianak", "Kabupaten Gowa",
    "Kota Kupang", "Kabupaten Jayapura", "Kota Ambon", "Kabupaten Lombok Timur", "Kota Palembang",
    "Kabupaten Aceh Besar", "Kota Manado", "Kabupaten Kutai Kartanegara", "Kota Denpasar", "Kabupaten Garut",
]  # fmt: skip
PROSES = [
    "Penyusunan", "Pelayanan", "Penerbitan", "Verifikasi", "Pengelolaan", "Pelaksanaan", "Penanganan",
    "Pengajuan", "Pemrosesan", "Evaluasi", "Pembinaan", "Pengawasan", "Pendataan", "Penetapan", "Pelaporan",
]  # fmt: skip
OBJEK = [
    "Laporan Kinerja Instansi Pemerintah", "Perjanjian Kinerja", "Rencana Kerja Tahunan", "Izin Usaha Mikro",
    "Surat Keterangan Pindah", "Kartu Identitas Anak", "Pengaduan Masyarakat", "Cuti Pegawai Negeri Sipil",
    "Kenaikan Pangkat Reguler", "Bantuan Sosial Tunai", "Persetujuan Bangunan Gedung", "Surat Perintah Perjalanan Dinas",
    "Barang Milik Daerah", "Dokumen Pelaksanaan Anggaran", "Rekomendasi Teknis", "Data Kependudukan",
    "Permohonan Informasi Publik", "Usulan Pensiun", "Laporan Keuangan", "Tindak Lanjut Hasil Pemeriksaan",
    "Penilaian Prestasi Kerja", "Surat Masuk dan Surat Keluar", "Kegiatan Sosialisasi", "Rapat Koordinasi",
]  # fmt: skip
LANES = [
    "Pemohon", "Petugas Loket", "Pelaksana", "Pengadministrasi Umum", "Analis Kebijakan", "Verifikator",
    "Kasubag Umum dan Kepegawaian", "Kasubag Perencanaan", "Kasubag Keuangan", "Kepala Seksi", "Kepala Bidang",
    "Sekretaris", "Kepala Dinas", "Bendahara Pengeluaran", "Operator Sistem",
]  # fmt: skip
KATA_KERJA = [
    "Menerima", "Memeriksa", "Memverifikasi", "Mengumpulkan", "Menyusun", "Mengoreksi", "Menandatangani",
    "Menyampaikan", "Mengarsipkan", "Merekapitulasi", "Menelaah", "Mendisposisikan", "Mengunggah", "Mencetak",
    "Menginput", "Mengolah", "Menyerahkan", "Membahas", "Menetapkan", "Mengirimkan",
]  # fmt: skip
BENDA = [
    "berkas permohonan", "data realisasi kinerja fisik dan keuangan", "dokumen persyaratan administrasi",
    "konsep surat keputusan", "nota dinas", "lembar disposisi", "laporan hasil pemeriksaan", "draf perjanjian kinerja",
    "rekapitulasi data", "surat pengantar", "formulir isian", "daftar hadir rapat", "bukti pembayaran retribusi",
    "hasil analisis teknis", "salinan kartu keluarga", "rencana aksi", "notulen rapat koordinasi",
]  # fmt: skip
PELENGKAP = [
    "dari setiap bidang dan sekretariat", "sesuai ketentuan peraturan perundang-undangan yang berlaku",
    "untuk dikoreksi oleh pejabat yang berwenang", "melalui aplikasi layanan daring", "ke dalam buku agenda",
    "beserta lampirannya", "secara lengkap dan benar", "kepada pimpinan untuk mendapat persetujuan",
    "sebagai bahan penyusunan laporan", "dengan memperhatikan standar pelayanan", "paling lambat akhir bulan berjalan",
    "dan memberikan paraf pada lembar kontrol", "untuk ditindaklanjuti", "di ruang pelayanan terpadu",
]  # fmt: skip
OUTPUT = ["Berkas", "Data", "Dokumen", "Surat", "Nota Dinas", "Laporan", "Disposisi", "SK", "Buku", "Notulen"]
KELENGKAPAN = [
    "Formulir permohonan", "Data Laporan PPTK dan LPJ kegiatan 1 tahun", "KTP dan KK", "Dokumen perencanaan",
    "Surat pengantar dari kelurahan", "Daftar periksa verifikasi", "Nota dinas dan lampiran", "Buku agenda",
    "Konsep surat", "Berkas lengkap", "Data kinerja", "Aplikasi SIMPEG",
]  # fmt: skip
WAKTU = [
    "15 menit", "30 menit", "5-10 menit", "1 jam", "2 jam", "1 – 3 jam", "1 hari", "2 hari", "0,5 hari",
    "3 hari kerja", "1 x 24 jam", "1 minggu", "10", "45", "1 s.d. 3 hari", "Sebelum akhir bulan berjalan", "-",
]  # fmt: skip
DASAR = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan",
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan",
    "Peraturan Menteri PAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja",
    "Peraturan Daerah Nomor 2 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
    "Peraturan Bupati Nomor 45 Tahun 2021 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi",
]  # fmt: skip
KUALIFIKASI = [
    "Memahami tata cara penyusunan dokumen perencanaan", "Memiliki kemampuan pengolahan data sederhana",
    "Mampu mengoperasikan komputer", "Memahami peraturan perundang-undangan terkait", "Teliti dan komunikatif",
]  # fmt: skip
PERALATAN = ["ATK", "Komputer/Printer", "Jaringan internet", "Telepon", "Map berkas", "Aplikasi layanan", "Scanner"]
PERINGATAN = [
    "Keterlambatan penyampaian berkas mengakibatkan tertundanya pelayanan",
    "Pemeriksaan kelengkapan berkas harus teliti",
    "Apabila SOP tidak dilaksanakan, kinerja instansi tidak dapat diukur",
    "Data yang tidak valid dikembalikan kepada pemohon",
]  # fmt: skip
PENCATATAN = [
    "Penyimpanan dokumentasi secara manual dalam arsip dan data elektronik dalam bentuk softcopy",
    "Buku agenda surat masuk", "Register pelayanan", "Arsip digital pada aplikasi",
]  # fmt: skip
NAMA_ORANG = ["Drs. H. Akhmad Lutfi", "Dr. Siti Rahmawati, M.Si", "Ir. Bambang Sutrisno", "Hj. Nurhayati, S.E.", "Yusuf Maulana, S.STP, M.AP"]


@dataclass
class Agency:
    id: str
    nama: str
    singkatan: str
    pemerintah: str


def slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def agencies(count: int, rng: random.Random) -> list[Agency]:
    result, seen = [], set()
    pairs = [(p, d) for d in DAERAH for p in PERANGKAT]
    rng.shuffle(pairs)
    for i in range(count):
        (nama, singkatan), daerah = pairs[i % len(pairs)]
        ident = slug(f"{singkatan} {daerah}")
        if ident in seen:  # more agencies than pairs: number the repeats
            ident = f"{ident}-{i}"
        seen.add(ident)
        result.append(Agency(ident, f"{nama} {daerah}", singkatan, f"Pemerintah {daerah}"))
    return result


def kegiatan(rng: random.Random) -> str:
    """8–20 words: verb, object, then whole complements, like real Kegiatan/Aktivitas cells."""
    words = [rng.choice(KATA_KERJA), *rng.choice(BENDA).split()]
    target = rng.randint(8, 20)
    for phrase in rng.sample(PELENGKAP, len(PELENGKAP)):
        extra = phrase.split()
        if len(words) + len(extra) <= target or len(words) < 8:
            words += extra
        if len(words) >= target:
            break
    return " ".join(words[:20])


def steps(count: int, lanes: list[str], rng: random.Random) -> list[dict]:
    """A flow that passes `sop-portal check`: decisions loop back or skip forward, never adjacent."""
    order = lanes[:] + [rng.choice(lanes) for _ in range(count - len(lanes))]  # every lane used
    rng.shuffle(order)
    result: list[dict] = []
    decision_at: set[int] = set()
    for i in range(2, count - 2):
        if rng.random() < 0.15 and not ({i - 1, i - 2} & decision_at):
            decision_at.add(i)
    for i in range(count):
        step: dict = {"kegiatan": kegiatan(rng)}
        lane = order[i]
        if 0 < i < count - 1 and rng.random() < 0.06:  # a joint activity across two lanes
            other = rng.choice([x for x in lanes if x != lane])
            step["pelaksana"] = [lane, other]
        else:
            step["pelaksana"] = lane
        if rng.random() < 0.8:
            step["kelengkapan"] = rng.choice(KELENGKAPAN)
        step["waktu"] = rng.choice(WAKTU)
        step["output"] = rng.choice(OUTPUT)
        if i in decision_at:
            step["teks"] = "Sesuai?"
            if rng.random() < 0.6:  # "Tidak" returns to an earlier step
                back = rng.randint(max(1, i - 4), i - 1)
                step["cabang"] = {"Ya": i + 2, "Tidak": back + 1}
            else:  # "Ya" skips the next step (e.g. no correction needed)
                step["cabang"] = {"Ya": i + 3, "Tidak": i + 2}
        if rng.random() < 0.1:
            step["keterangan"] = "Dapat dilakukan melalui aplikasi"
        result.append(step)
    return result


def sop_data(agency: Agency, index: int, n_steps: int, names: list[str], rng: random.Random) -> dict:
    lanes = rng.sample(LANES, rng.randint(3, 7))
    made = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
    effective = made + dt.timedelta(days=rng.randint(1, 30))
    revised = effective + dt.timedelta(days=rng.randint(100, 900)) if rng.random() < 0.3 else None
    data: dict = {
        "nomor": f"{rng.randint(0, 900):03d}/{rng.randint(1, 999)}-{agency.singkatan.replace(' ', '')}/{made.year}",
        "nama": names[index],
        "unit": rng.choice(["Sekretariat", "Bidang Pelayanan", "Sub Bagian Perencanaan", "Bidang Pengendalian"]),
        "status": "dicabut" if rng.random() < 0.03 else "berlaku",
        "tanggal_pembuatan": made,
        "tanggal_revisi": revised,
        "tanggal_efektif": effective,
        "disahkan_oleh": {
            "jabatan": f"Kepala {agency.singkatan}",
            "nama": rng.choice(NAMA_ORANG),
            "nip": "".join(str(rng.randint(0, 9)) for _ in range(18)),
        },
        "dasar_hukum": rng.sample(DASAR, rng.randint(2, 5)),
        "kualifikasi_pelaksana": rng.sample(KUALIFIKASI, rng.randint(1, 3)),
        "keterkaitan": [f"SOP {n}" for n in rng.sample(names, min(len(names), rng.randint(0, 3))) if n != names[index]],
        "peralatan": rng.sample(PERALATAN, rng.randint(2, 4)),
        "peringatan": rng.sample(PERINGATAN, rng.randint(1, 2)),
        "pencatatan": rng.sample(PENCATATAN, 1),
        "pelaksana": lanes,
        "langkah": steps(n_steps, lanes, rng),
    }
    if revised:
        data["riwayat"] = [{"tanggal": revised, "catatan": "Penyesuaian dengan peraturan terbaru"}]
    return data


def sop_names(count: int, rng: random.Random) -> list[str]:
    pairs = [f"{p} {o}" for p in PROSES for o in OBJEK]
    rng.shuffle(pairs)
    return [pairs[i] if i < len(pairs) else f"{pairs[i % len(pairs)]} Tahap {i // len(pairs) + 1}" for i in range(count)]


def dump_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


# ---------------------------------------------------------------------------------------------
# The same SOP as plain Markdown (for plain mkdocs-material and Hugo).
# ---------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def sop_markdown(agency: Agency, data: dict) -> str:
    steps_ = data["langkah"]
    lines = ["---", f'title: "{data["nama"]}"', "---", "", f"# {data['nama']}", ""]
    identity = [
        ("Instansi", agency.nama), ("Unit", data["unit"]), ("Nomor SOP", data["nomor"]),
        ("Tanggal Pembuatan", str(data["tanggal_pembuatan"])), ("Tanggal Revisi", str(data["tanggal_revisi"] or "-")),
        ("Tanggal Efektif", str(data["tanggal_efektif"])), ("Status", data["status"]),
        ("Disahkan oleh", f"{data['disahkan_oleh']['jabatan']}, {data['disahkan_oleh']['nama']}"),
    ]  # fmt: skip
    lines += [f"- **{k}**: {v}" for k, v in identity] + [""]
    for title, key in (
        ("Dasar Hukum", "dasar_hukum"), ("Kualifikasi Pelaksana", "kualifikasi_pelaksana"),
        ("Keterkaitan", "keterkaitan"), ("Peralatan/Perlengkapan", "peralatan"),
        ("Peringatan", "peringatan"), ("Pencatatan dan Pendataan", "pencatatan"),
    ):  # fmt: skip
        if data[key]:
            lines += [f"## {title}", "", *[f"{n}. {item}" for n, item in enumerate(data[key], 1)], ""]
    lines += ["## Prosedur", "", "| No | Kegiatan | Pelaksana | Kelengkapan | Waktu | Output | Keterangan |", "|---|---|---|---|---|---|---|"]
    for n, step in enumerate(steps_, 1):
        lanes = step["pelaksana"] if isinstance(step["pelaksana"], list) else [step["pelaksana"]]
        note = step.get("keterangan", "")
        if "cabang" in step:
            note = "; ".join(f"Jika {label} → langkah {target}" for label, target in step["cabang"].items())
        cells = [str(n), step["kegiatan"], ", ".join(lanes), step.get("kelengkapan", ""), step["waktu"], step["output"], note]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def agency_markdown(agency: Agency, sops: list[tuple[str, dict]], link) -> str:
    lines = ["---", f'title: "{agency.nama}"', "---", "", f"# {agency.nama}", "", agency.pemerintah, ""]
    lines += ["| Nomor | Nama SOP | Tanggal Efektif |", "|---|---|---|"]
    lines += [f"| {d['nomor']} | [{d['nama']}]({link(s)}) | {d['tanggal_efektif']} |" for s, d in sops]
    return "\n".join(lines) + "\n"


MKDOCS_YML = """\
site_name: Portal SOP (mkdocs-material biasa)
site_url: http://127.0.0.1:8000/portal-sop/
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: id
  font: false
# Material's default search, as a plain site has it (a site without `plugins:` gets it implicitly).
plugins:
  - search
markdown_extensions:
  - tables
  - attr_list
"""

HUGO_TOML = """\
baseURL = "http://127.0.0.1:8000/portal-sop/"
languageCode = "id"
title = "Portal SOP (Hugo)"
disableKinds = ["taxonomy", "term", "RSS"]
"""

HUGO_BASEOF = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'
HUGO_LIST = '{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(n: int, out: Path, seed: int = 2024) -> dict:
    """Write the three projects; return facts the runner needs (the 15-step SOP's URL)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    portal, plain, hugo = out / "portal", out / "mkdocs", out / "hugo"
    # The portal project: the repo's config, theme and hand-written pages.
    portal.mkdir(parents=True)
    shutil.copy(ROOT / "site_config.yml", portal / "site_config.yml")
    shutil.copytree(ROOT / "theme", portal / "theme")
    # The repo's own pages, seed SOPs and performance documents come along: the hand-written
    # pages link to them, and a real portal has such pages too (3 SOPs more than N: noise).
    shutil.copytree(ROOT / "content", portal / "content")
    shutil.copytree(ROOT / "sops", portal / "sops")
    write(plain / "mkdocs.yml", MKDOCS_YML)
    write(hugo / "hugo.toml", HUGO_TOML)
    write(hugo / "layouts/_default/baseof.html", HUGO_BASEOF)
    write(hugo / "layouts/_default/single.html", HUGO_SINGLE)
    write(hugo / "layouts/_default/list.html", HUGO_LIST)
    write(hugo / "layouts/index.html", HUGO_LIST)

    groups = agencies(max(1, round(n / SOPS_PER_AGENCY)), rng)
    names = sop_names(n, rng)
    per_agency: dict[str, list[tuple[str, dict]]] = {a.id: [] for a in groups}
    weight_page = ""
    for i in range(n):
        agency = groups[i % len(groups)]
        n_steps = PAGE_WEIGHT_STEPS if i == 0 else rng.randint(8, 25)
        data = sop_data(agency, i, n_steps, names, rng)
        name = slug(data["nama"])
        per_agency[agency.id].append((name, data))
        write(portal / "sops" / agency.id / f"{name}.yml", dump_yaml(data))
        md = sop_markdown(agency, data)
        write(plain / "docs" / agency.id / f"{name}.md", md)
        write(hugo / "content" / agency.id / f"{name}.md", md)
        if i == 0:
            weight_page = f"sop/{agency.id}/{name}/"
    nav = ["nav:", "  - Beranda: index.md"] + [f"  - {a.singkatan} {a.pemerintah[len('Pemerintah '):]}: {a.id}/index.md" for a in groups]
    with (plain / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("# Sections and agencies only, as the portal's nav (a nav of every page would be O(N²)).\n")
        f.write("\n".join(nav) + "\n")
    home = ["---", "title: Beranda", "---", "", "# Portal SOP", "", f"{n} SOP dari {len(groups)} instansi.", ""]
    write(plain / "docs/index.md", "\n".join(home + [f"- [{a.nama}]({a.id}/index.md)" for a in groups]) + "\n")
    write(hugo / "content/_index.md", "\n".join(home) + "\n")
    for agency in groups:
        data = {"nama": agency.nama, "singkatan": agency.singkatan, "pemerintah": agency.pemerintah}
        write(portal / "sops" / agency.id / "_instansi.yml", dump_yaml(data))
        sops = per_agency[agency.id]
        write(plain / "docs" / agency.id / "index.md", agency_markdown(agency, sops, lambda s: f"{s}.md"))
        # Hugo's list template links the section's pages itself; the table is the same text.
        write(hugo / "content" / agency.id / "_index.md", agency_markdown(agency, sops, lambda s: f"{s}/"))
    return {"n": n, "agencies": len(groups), "weight_page": weight_page, "weight_page_plain": weight_page[len("sop/"):]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of SOPs")
    parser.add_argument("out", type=Path, help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    facts = generate(args.n, args.out, args.seed)
    print(f"{facts['n']} SOP dari {facts['agencies']} instansi di {args.out}; halaman 15 langkah: {facts['weight_page']}")


if __name__ == "__main__":
    main()
