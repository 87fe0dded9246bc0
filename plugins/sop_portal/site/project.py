"""The portal project: where its folders are and how it is configured, read from site_config.yml
the same way by the build (the plugin) and by `sop-portal` (the CLI).

The plugin gets its options from MkDocs, which validates them with `config.SopPortalConfig`;
`load_project` reads the same file for the CLI with MkDocs' own YAML loader and validates the
same options with the same class, so `sop-portal check` looks where the build looks (`sops_dir`,
`docs_dir`) and refuses what the build would refuse, with file, line, option and an Indonesian
message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from .config import SopPortalConfig

CONFIG_NAME = "site_config.yml"
PLUGIN_NAME = "sop-portal"
# Without a site_config.yml (a bare folder of SOPs), the portal's own layout.
DEFAULT_DOCS_DIR = "content"


@dataclass(frozen=True)
class Project:
    root: Path  # the folder holding site_config.yml; content paths are relative to it
    config_file: Path
    docs_dir: Path
    options: SopPortalConfig  # validated

    @property
    def sops_dir(self) -> Path:
        return self.root / self.options.sops_dir

    @property
    def publish_draft(self) -> bool:
        return bool(self.options.publish_draft)

    @property
    def review_months(self) -> int:
        return int(self.options.review_months)

    @property
    def pemerintah(self) -> str:
        return str(self.options.pemerintah)

    @property
    def today(self) -> dt.date:
        """The configured `today` (reproducible builds), else the real date."""
        fixed = self.options.today
        return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


class ProjectError(Exception):
    """site_config.yml cannot be used; `messages` are located and Indonesian."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def find_root(start: Path | None = None) -> Path:
    """The nearest folder from `start` (default: here) upwards that holds site_config.yml, else here."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).exists():
            return folder
    return Path.cwd().resolve()


def from_mkdocs(config: MkDocsConfig, options: SopPortalConfig) -> Project:
    """The project of a build: MkDocs has read the file and validated the plugin's options."""
    config_file = Path(config.config_file_path) if config.config_file_path else Path.cwd() / CONFIG_NAME
    return Project(config_file.parent, config_file, Path(config.docs_dir), options)


def load_project(root: Path) -> Project:
    """The project at `root` for the CLI; raises ProjectError when site_config.yml is unusable."""
    config_file = root / CONFIG_NAME
    if not config_file.exists():
        return Project(root, config_file, root / DEFAULT_DOCS_DIR, _validated({}, "", config_file))
    text = config_file.read_text(encoding="utf-8")
    try:
        raw = yaml_load(text)
    except ConfigurationError as exc:
        raise ProjectError([f"{CONFIG_NAME}: tidak dapat dibaca sebagai YAML: {exc}"]) from None
    if not isinstance(raw, dict):
        raise ProjectError([f"{CONFIG_NAME}: isinya harus pemetaan (kunci: nilai), misalnya site_name: Portal SOP."])
    docs = raw.get("docs_dir", "docs")
    if not isinstance(docs, str):
        raise ProjectError([f"{_where(text, 'docs_dir', None)}: docs_dir: seharusnya nama folder, misalnya content."])
    return Project(root, config_file, root / docs, _validated(_plugin_options(raw), text, config_file))


def _plugin_options(raw: dict[str, Any]) -> dict[str, Any]:
    """The options written under `plugins: - sop-portal:` (a list entry or a mapping key)."""
    plugins = raw.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins
    )  # fmt: skip
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return {}


def _validated(options: dict[str, Any], text: str, config_file: Path) -> SopPortalConfig:
    config = SopPortalConfig(config_file_path=str(config_file))
    config.load_dict(options)
    failed, warnings = config.validate()
    problems = [(key, str(error)) for key, error in failed] + list(warnings)
    if problems:
        raise ProjectError([f"{_where(text, key, PLUGIN_NAME)}: plugins.{PLUGIN_NAME}.{key}: {message}" for key, message in problems])
    return config


def _where(text: str, key: str, under: str | None) -> str:
    """`site_config.yml:<line>` of `key` (inside the `under` plugin's block when given)."""
    lines = text.splitlines()
    start = 0
    if under is not None:
        start = next((n for n, line in enumerate(lines) if re.match(rf"^\s*(-\s*)?{re.escape(under)}\s*:", line)), -1)
        if start < 0:
            return CONFIG_NAME
    for n in range(start, len(lines)):
        if re.match(rf"^\s*{re.escape(key)}\s*:", lines[n]):
            return f"{CONFIG_NAME}:{n + 1}"
    return f"{CONFIG_NAME}:{start + 1}" if under is not None else CONFIG_NAME
