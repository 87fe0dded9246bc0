"""Which process keeps which core busy, moment by moment, during a build (not a test).

    cd bench/out/n1000/portal && SITE_URL=http://127.0.0.1:8000/portal-sop/ \\
      ../../../../.venv/bin/python ../../../timeline.py ../../../../.venv/bin/python -m mkdocs build -q -f site_config.yml

Runs the command and samples the CPU time of it and every process under it from /proc every
0.5 s; prints one row per sample with the cores each process used in that interval (1.00: one
core all the time). The build's own process, its forked workers (page workers, open data, loader)
and Pagefind each get a column, so a stretch where one process works and the others wait shows
at a glance (README.md, "Performance"). Linux only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
STEP = 0.5


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as file:
                found += [int(x) for x in file.read().split()]
    except OSError:
        pass
    return found


def cpu_seconds(pid: int) -> tuple[str, float] | None:
    try:
        with open(f"/proc/{pid}/stat") as file:
            stat = file.read()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return stat[stat.index("(") + 1 : stat.rindex(")")], (int(fields[11]) + int(fields[12])) / TICK


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("pakai: timeline.py PERINTAH [ARGUMEN…]")
    proc = subprocess.Popen(sys.argv[1:])
    start = time.time()
    names: dict[int, str] = {}
    last: dict[int, float] = {}
    rows: list[tuple[float, dict[int, float]]] = []
    while proc.poll() is None:
        now: dict[int, float] = {}
        stack = [proc.pid]
        while stack:
            pid = stack.pop()
            got = cpu_seconds(pid)
            if got is not None:
                names.setdefault(pid, got[0])
                now[pid] = got[1]
            stack += children(pid)
        rows.append((time.time() - start, {pid: now[pid] - last.get(pid, now[pid]) for pid in now}))
        last.update(now)
        time.sleep(STEP)
    pids = sorted(names)
    print("   t " + " ".join(f"{names[pid][:7]:>8}{pid % 1000:03d}" for pid in pids))
    for moment, used in rows:
        print(f"{moment:4.1f} " + " ".join(f"{used.get(pid, 0) / STEP:11.2f}" for pid in pids))


if __name__ == "__main__":
    main()
