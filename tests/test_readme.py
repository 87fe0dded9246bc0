"""The README's part for admins and staff is true: its commands exist with the options it shows.

Every `sop-portal …` line in a code block of the Indonesian part names a real command and only
options that command has; every `make` target it names exists in the Makefile; the part comes
first and the developers' part is in English after it.
"""

from __future__ import annotations

import re
import shlex

from click.testing import CliRunner
from conftest import ROOT

from sop_portal.cli import main as cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
ADMIN = README.split("## Untuk admin portal dan pegawai instansi", 1)[1].split("## For developers", 1)[0]


def test_the_indonesian_part_comes_first_and_the_developers_part_after():
    assert README.index("## Untuk admin portal dan pegawai instansi") < README.index("## For developers")
    for heading in ("### Yang diperlukan", "### Memulai portal sendiri", "### Menambah instansi dan SOP",
                    "### Menerbitkan ke GitHub Pages", "### Bila pembangunan gagal"):  # fmt: skip
        assert heading in ADMIN, heading


def test_every_sop_portal_command_of_the_admin_part_exists_with_its_options():
    blocks = "\n".join(re.findall(r"^ *```sh\n(.*?)^ *```", ADMIN, re.M | re.S))
    lines = [line.split(" #", 1)[0].strip() for line in re.findall(r"^.*\.venv/bin/sop-portal .*$", blocks, re.M)]
    commands = [line[line.index(".venv/bin/sop-portal") :] for line in lines]
    assert len(commands) >= 5, commands
    seen = set()
    for command in commands:
        words = shlex.split(command)[1:]
        name = words[0]
        helped = CliRunner().invoke(cli.main, [name, "--help"], prog_name="sop-portal")
        assert helped.exit_code == 0, (command, helped.output)
        for option in (w.split("=")[0] for w in words if w.startswith("--")):
            assert option in helped.output, (command, option)
        seen.add(name)
    assert {"mulai", "new-instansi", "new", "import", "check"} <= seen


def test_every_make_target_of_the_admin_part_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"`make (\w+)", ADMIN))
    assert {"site", "serve", "check", "test"} <= targets
    for target in targets:
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "ALAMAT ?=" in makefile  # make serve ALAMAT=…
