"""What every published file shares: absolute URLs from `site_url`, CSV that spreadsheets open."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from .unsafe import spreadsheet_csv


def site_base(site_url: str | None) -> str:
    """`https://contoh.go.id/portal` -> `https://contoh.go.id/portal/`; no site_url -> '' (relative)."""
    return site_url.rstrip("/") + "/" if site_url else ""


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with CRLF line ends and a UTF-8 byte order mark: without the mark, Excel (what most
    readers open it with) decodes the file as ANSI and garbles every non-ASCII character. Cells a
    spreadsheet would run (a formula) are neutralised (`unsafe.spreadsheet_safe`)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = spreadsheet_csv(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
