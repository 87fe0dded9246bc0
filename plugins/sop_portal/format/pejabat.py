"""A signatory (pejabat): `disahkan_oleh` and `kepala` of SOP files, `pihak_pertama` and
`pihak_kedua` of performance documents. One reader, so a NIP means the same everywhere."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import quote
from .fields import FieldReader
from .model import Pejabat
from .yamlcore import YNode, YScalar

PEJABAT_KEYS = ("jabatan", "nama", "nip")
NIP = re.compile(r"^\d{18}$")


def read_pejabat(reader: FieldReader, node: YNode | None, path: str, required: Iterable[str] = ()) -> Pejabat | None:
    """A signatory, or None when absent (also when written empty). A NIP is 18 digits, spaces
    allowed and dropped; a wrong one is an error and is not kept."""
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return None
    mapping = reader.mapping(node, path, PEJABAT_KEYS, required=required, what="pemetaan dengan jabatan, nama dan nip")
    if mapping is None:
        return None
    nip_node = mapping.get("nip")
    nip = reader.text(nip_node, f"{path}.nip")
    if nip is not None:
        digits = nip.replace(" ", "")
        if not NIP.match(digits):
            reader.error(
                nip_node,
                f"{path}.nip",
                f"NIP {quote(nip)} tidak valid; NIP terdiri dari 18 angka (spasi boleh), "
                'tulis di antara tanda kutip, misalnya nip: "196005241981031005".',
            )
            nip = None
        else:
            nip = digits
    return Pejabat(
        jabatan=reader.text(mapping.get("jabatan"), f"{path}.jabatan"),
        nama=reader.text(mapping.get("nama"), f"{path}.nama"),
        nip=nip,
    )
