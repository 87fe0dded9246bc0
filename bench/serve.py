"""Benchmark: how long a staff member waits in `make serve` after saving.

    .venv/bin/python bench/serve.py 1000            # N SOPs (bench/generate.py's portal)

Generates the N-SOP portal (`generate.py`, seeded) under ``bench/out/n<N>/``, starts the command
`make serve` runs (read from `make -n serve`, run in that portal with its own port), waits for
the first build, then:

1. saves one SOP (a step's text gets a new marker) and polls its page, then its agency page,
   until each shows the marker: the quick update of `site/incremental.py`; bar ≤ 1.5 s
   (ARCHITECTURE.md, "Quality bars");
2. saves it again (a second quick update, after the first);
3. saves the agency's `_instansi.yml` (a new name) and polls the agency page: a whole rebuild.

Times run from the moment the file is written to the first response that shows the change
(the server holds requests while it rebuilds, so a response is the new site). Timings belong
here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def serve_command() -> list[str]:
    """What `make serve` runs, as a command for another project folder (its venv's absolute path)."""
    printed = subprocess.run(["make", "-s", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = [row for row in printed.splitlines() if row.rstrip().split(" ")[-1:] != [""] and " serve" in row][-1]
    words = shlex.split(line)
    return [str(ROOT / w) if w.startswith(".venv/") else w for w in words]


def with_address(command: list[str], port: int) -> list[str]:
    """The serve command on its own port: `sop-portal serve --alamat`, `mkdocs serve -a`."""
    flag = "--alamat" if Path(command[0]).name == "sop-portal" else "-a"
    if flag in command:  # the Makefile's own address (8000) is replaced, not repeated
        at = command.index(flag)
        command = command[:at] + command[at + 2 :]
    return [*command, flag, f"127.0.0.1:{port}"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, since: float, limit: float = 600.0) -> float:
    """Seconds from `since` until the page at `url` contains `text`."""
    while time.perf_counter() - since < limit:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - since
        time.sleep(0.02)
    raise TimeoutError(f"{url} never showed {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description="make serve: save → fresh page")
    parser.add_argument("n", type=int, nargs="?", default=1000)
    args = parser.parse_args()
    work = OUT / f"n{args.n}"
    facts = generate(args.n, work)
    project = work / "portal"
    sop = next(p for p in sorted((project / "sops").glob("*/*.yml")) if not p.name.startswith("_"))
    agency = sop.parent
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = with_address(serve_command(), port)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base)
    log_path = work / "serve.log"
    print(f"N = {args.n:,}: {shlex.join(command)} (log: {log_path})", flush=True)
    original_sop, original_agency = sop.read_text(encoding="utf-8"), (agency / "_instansi.yml").read_text(encoding="utf-8")
    with log_path.open("wb") as log:
        start = time.perf_counter()
        server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            first = wait_for(base, "<html", start)
            print(f"  first build, until the home page answers: {first:.1f} s", flush=True)
            page = f"{base}sop/{agency.name}/{sop.stem}/"
            agency_page = f"{base}instansi/{agency.name}/"
            results = []
            for round_ in (1, 2):
                time.sleep(1.0)  # the watcher's last poll is behind us
                marker = f"Penanda{round_}x{int(time.time())}"
                assert "kegiatan: " in original_sop
                saved = time.perf_counter()
                sop.write_text(original_sop.replace("kegiatan: ", f"kegiatan: {marker} ", 1), encoding="utf-8")
                own = wait_for(page, marker, saved)
                listed = wait_for(agency_page, "<html", saved)
                results.append((round_, own, listed))
                print(f"  SOP saved (#{round_}): its page fresh after {own:.2f} s (bar ≤ 1.5 s: {'OK' if own <= 1.5 else 'TIDAK'}); agency page answers after {listed:.2f} s", flush=True)
            time.sleep(1.0)
            name = f"Badan Uji {int(time.time())}"
            saved = time.perf_counter()
            lines = original_agency.splitlines()
            renamed = "\n".join(f"nama: {name}" if line.startswith("nama:") else line for line in lines) + "\n"
            (agency / "_instansi.yml").write_text(renamed, encoding="utf-8")
            whole = wait_for(agency_page, name, saved)
            print(f"  _instansi.yml saved: whole rebuild, agency page fresh after {whole:.1f} s", flush=True)
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            sop.write_text(original_sop, encoding="utf-8")
            (agency / "_instansi.yml").write_text(original_agency, encoding="utf-8")
    quick = [line for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines() if "Pratinjau cepat" in line]
    print("\n".join(f"  log: {line.strip()[:200]}" for line in quick))
    del facts


if __name__ == "__main__":
    main()
