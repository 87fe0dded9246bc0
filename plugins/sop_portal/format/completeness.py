"""Peringatan about what a SOP leaves out: things that publish, but that a reader will miss.

None of these stops a build (a signed form is published as signed, ARCHITECTURE.md, "Errors and peringatan"); each is a
`peringatan`, so `sop-portal check` prints it in yellow (``::warning`` on GitHub), the build
logs it and the preview shows it:

* a waktu the Jumlah waktu cannot count (``1 jam 30``, ``Sebelum periode revisi``): the
  total on the page is then partial, and the author may have meant a countable time;
* an SOP in force (`status: berlaku`) without a nomor, without any date, or without the
  official who signed it (`disahkan_oleh`): the identity block of the form is incomplete.
  Drafts are left alone; they are not signed yet. (`identity` works on the loaded model:
  `sop-portal check` and the build call it next to `relations.resolve`.)
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import ContentError, ErrorSink, quote
from .model import Sop
from .waktu import UNITS, uncounted
from .yamlcore import YNode

CONTOH_WAKTU = '"15 menit", "1 jam 30 menit", "2 hari", "5-10 menit", "1 x 24 jam"'


def waktu(sink: ErrorSink, node: YNode | None, path: str, text: str | None) -> None:
    """A peringatan for a step's waktu that the Jumlah waktu leaves out (the same rule as the total)."""
    if not uncounted(text):
        return
    sink.add(
        node.pos if node is not None else None,
        path,
        f"waktu {quote(text)} tidak dapat dihitung, jadi tidak masuk Jumlah waktu (jumlahnya menjadi tidak lengkap). "
        f"Tulis angka dengan satuannya, misalnya {CONTOH_WAKTU}; satuan yang dikenal: {', '.join(UNITS)}.",
        "peringatan",
    )


def identity(sops: Iterable[Sop]) -> list[ContentError]:
    """Peringatan for each SOP in force without nomor, without any date or without its signer.

    Reported at the top of the file: a key that is not written has no line of its own. Kept out
    of the loader (which checks what is written) so that `check`, the build log and the
    preview report them alike, from the model.
    """
    found = []
    for sop in sops:
        if sop.status != "berlaku":
            continue

        def warn(path: str, message: str, sop: Sop = sop) -> None:
            found.append(ContentError(sop.source, 1, 1, path, message, "peringatan"))

        if not sop.nomor:
            warn("nomor", 'SOP berlaku tanpa nomor; tulis nomornya seperti di formulir yang disahkan, misalnya nomor: "800/123/BKPSDM/2024".')
        if not (sop.tanggal_pembuatan or sop.tanggal_revisi or sop.tanggal_efektif):
            warn(
                "tanggal_efektif",
                "SOP berlaku tanpa tanggal; tulis sedikitnya tanggal_efektif (tanggal mulai berlaku), misalnya tanggal_efektif: 2024-01-15.",
            )
        signer = sop.disahkan_oleh
        if signer is None or not (signer.nama or signer.jabatan):
            warn(
                "disahkan_oleh",
                "SOP berlaku tanpa pengesah; tulis disahkan_oleh dengan jabatan dan nama pejabat yang menandatangani, "
                "misalnya disahkan_oleh: {jabatan: Kepala Dinas, nama: ...}.",
            )
    return found
