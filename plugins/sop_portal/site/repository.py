"""Links from a page back to the portal's git repository: "Ubah di GitHub", "Laporkan ketidaksesuaian".

Only when the portal names its repository (`repo_url` in site_config.yml).
Staff fix an SOP in GitHub's web editor straight from its page; a citizen who
finds that practice differs from the published procedure opens a pre-filled
issue (the form `.github/ISSUE_TEMPLATE/ketidaksesuaian.yml`), naming the SOP
and, if they pick one, the step. GitHub pre-fills an issue form from query
parameters named after the form's field ids, so the field ids below and in the
form must match (a test checks both).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

ISSUE_TEMPLATE = "ketidaksesuaian.yml"
# Field ids of the issue form that the portal pre-fills.
FIELD_SOP = "sop"
FIELD_HALAMAN = "halaman"
FIELD_LANGKAH = "langkah"
DEFAULT_BRANCH = "main"
MKDOCS_GITHUB_DEFAULT = "edit/master/docs"


@dataclass(frozen=True)
class Repository:
    url: str  # e.g. https://github.com/pemda/portal-sop (no trailing slash)
    edit_prefix: str  # e.g. "edit/main/": where a file path is appended to edit it

    @classmethod
    def from_config(cls, repo_url: str | None, edit_uri: str | None = None) -> Repository | None:
        """None without a repo_url. The branch comes from an edit_uri set by the admin
        ("edit/<branch>/…"). MkDocs fills in "edit/master/docs/" for any GitHub repo_url when
        edit_uri is not set; that guess is not the admin's word, so it means the default branch."""
        if not repo_url:
            return None
        prefix = f"edit/{DEFAULT_BRANCH}/"
        if edit_uri and edit_uri.strip("/") != MKDOCS_GITHUB_DEFAULT:
            parts = [p for p in edit_uri.strip("/").split("/") if p]
            if len(parts) >= 2 and parts[0] in ("edit", "blob"):
                prefix = f"edit/{parts[1]}/"
        return cls(repo_url.rstrip("/"), prefix)

    def edit_url(self, source: str) -> str:
        """Where to edit a file given relative to the repository root (the SOP's `source`)."""
        return f"{self.url}/{self.edit_prefix}{source.lstrip('/')}"

    @property
    def new_issue_url(self) -> str:
        return f"{self.url}/issues/new"

    def report_fields(self, *, judul: str, sop: str, halaman: str, langkah: str = "") -> dict[str, str]:
        """The query parameters of a pre-filled report (also the hidden fields of the report form)."""
        fields = {
            "template": ISSUE_TEMPLATE,
            "title": f"Ketidaksesuaian: {judul}",
            FIELD_SOP: sop,
            FIELD_HALAMAN: halaman,
        }
        if langkah:
            fields[FIELD_LANGKAH] = langkah
        return fields

    def report_url(self, **kwargs: str) -> str:
        return f"{self.new_issue_url}?{urlencode(self.report_fields(**kwargs))}"
