"""A small synchronous client for ``pagefind --service``, Pagefind's indexing process.

Why not the ``pagefind`` package's own ``PagefindIndex``: its reader sleeps 0.1 s before
reading each response, so a build that hands Pagefind its pages one by one, as they are
rendered, waits 0.1 s per page (1,000 SOP pages: 105 s, where indexing itself takes 5 s).
The protocol is small: each request is base64 of a JSON ``{message_id, payload}`` followed
by a comma on the binary's stdin; each response comes back the same way on its stdout. The
payload types are the package's (``pagefind.service.types``); the binary is found the way
the package finds it (``pagefind.service.get_executable``: ``pagefind[bin]``, pinned).

Two threads keep the caller from ever blocking on Pagefind for long:

* a writer drains a bounded queue into the binary's stdin, so a page is handed over in
  microseconds and Pagefind indexes it on the other core while the next page renders; the
  bound (back-pressure) keeps memory flat when Pagefind falls behind;
* a reader takes every response off the binary's stdout (a full pipe would stall Pagefind)
  and keeps the ones somebody waits for, and every error.

No MkDocs import; errors are `PagefindError` with Pagefind's own message.
"""

from __future__ import annotations

import base64
import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, cast

# Pages waiting for the writer; ~64 SOP pages of ~80 KB (base64) each.
QUEUE_PAGES = 64
_STOP = object()
# When the build renders pages on one core, Pagefind at a lower priority takes the idle core
# and never the build's (on 2 cores, equal priority made such a build 25 % slower). When the
# build keeps both cores busy (its flowchart worker, drawing.py), a lower priority only piles
# Pagefind's work up until the pages are done: 10,000 SOPs waited 44 s for it instead of 26 s.
_LOWER_PRIORITY = ("nice", "-n", "10") if shutil.which("nice") else ()


class PagefindError(Exception):
    """Pagefind could not start, refused a request, or did not answer in time."""


def executable() -> Path:
    from pagefind.service import get_executable  # the pinned pagefind[bin] binary, or PAGEFIND_BINARY_PATH

    found = get_executable()
    if found is None:
        raise PagefindError("program Pagefind tidak ditemukan (pasang dependensi: make site)")
    return Path(found)


class PagefindService:
    """One running ``pagefind --service``; use as a context manager or call `close`."""

    def __init__(self, *, timeout: float, lower_priority: bool = True) -> None:
        self.timeout = timeout
        self._next_id = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._awaited: set[int] = set()
        self._errors: list[str] = []
        self._changed = threading.Condition()
        self._outbox: queue.Queue[object] = queue.Queue(maxsize=QUEUE_PAGES)
        self._sent = 0  # requests whose answer is not needed one by one (pages)
        self._answered = 0
        try:
            self._process = subprocess.Popen(
                [*(_LOWER_PRIORITY if lower_priority else ()), str(executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise PagefindError(f"Pagefind tidak dapat dijalankan: {error}") from None
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._writer = threading.Thread(target=self._write, name="pagefind-writer", daemon=True)
        self._reader.start()
        self._writer.start()

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests --------------------------------------------------------------------------

    def new_index(self, config: dict[str, Any]) -> int:
        answer = self._ask({"type": "NewIndex", "config": config})
        return int(answer["index_id"])

    def add_file(self, index_id: int, file_path: str, contents: str) -> None:
        """Queue one page; its answer is only counted (errors are kept for `wait_for_pages`)."""
        self._send({"type": "AddFile", "index_id": index_id, "file_path": file_path, "file_contents": contents}, awaited=False)

    def wait_for_pages(self) -> None:
        """Block until Pagefind has answered every queued page; raise its first error."""
        self._wait(lambda: self._answered >= self._sent or self._dead(), "mengindeks halaman")
        if self._errors:
            raise PagefindError(self._errors[0])
        if self._answered < self._sent:
            raise PagefindError("Pagefind berhenti sebelum selesai mengindeks")

    def get_files(self, index_id: int) -> list[tuple[str, bytes]]:
        """The index's files, (path inside the bundle, bytes), for the caller to write.

        Not ``WriteFiles``: Pagefind 1.5 answers it before its file writes have landed (tokio
        files dropped without a flush) and exits when its stdin closes, so a build that read
        the bundle, or ended Pagefind, right after the answer found an empty
        ``pagefind-entry.json`` (seen once in a benchmark run on a busy machine). Files that
        Python writes itself are complete when this returns.
        """
        answer = self._ask({"type": "GetFiles", "index_id": index_id})
        return [(f["path"], base64.b64decode(f["content"])) for f in answer["files"]]

    def close(self) -> None:
        """End the process (also after an error or from a failed build); safe to call twice."""
        if self._process.poll() is None:
            self._outbox.put(_STOP)
            self._writer.join(timeout=5)
            try:
                self._process.stdin.close()  # type: ignore[union-attr]
            except OSError:
                pass
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join(timeout=5)

    # -- plumbing --------------------------------------------------------------------------

    def _send(self, payload: dict[str, Any], *, awaited: bool) -> int:
        self._next_id += 1
        message_id = self._next_id
        message = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","
        with self._changed:
            if awaited:
                self._awaited.add(message_id)
            else:
                self._sent += 1
        while True:  # a put that can notice a dead process instead of waiting forever
            try:
                self._outbox.put(message, timeout=1)
                return message_id
            except queue.Full:
                if self._dead():
                    raise PagefindError("Pagefind berhenti di tengah pengindeksan") from None

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        message_id = self._send(payload, awaited=True)
        self._wait(lambda: message_id in self._answers or self._dead(), f"menjawab {payload['type']}")
        answer = self._answers.pop(message_id, None)
        if answer is None:
            raise PagefindError(self._errors[0] if self._errors else f"Pagefind berhenti sebelum menjawab {payload['type']}")
        if answer.get("type") == "Error":
            raise PagefindError(str(answer.get("message")))
        return answer

    def _wait(self, done, doing: str) -> None:
        deadline = time.monotonic() + self.timeout
        with self._changed:
            while not done():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PagefindError(f"Pagefind tidak selesai {doing} dalam {self.timeout:.0f} detik")
                self._changed.wait(timeout=min(left, 1.0))

    def _dead(self) -> bool:
        return self._process.poll() is not None or not self._reader.is_alive()

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        while (message := self._outbox.get()) is not _STOP:
            try:
                stdin.write(cast(bytes, message))
                if self._outbox.empty():
                    stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                with self._changed:
                    self._errors.append("Pagefind menutup saluran masukannya")
                    self._changed.notify_all()
                return

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        # The pieces of a message not yet ended by a comma, joined once it ends: the index's
        # files come back as one message of tens of MB, which `pending += chunk` would copy
        # over and over.
        pieces: list[bytes] = []
        while chunk := stdout.read1(1 << 16):  # type: ignore[attr-defined]
            if b"," not in chunk:
                pieces.append(chunk)
                continue
            first, *messages, rest = chunk.split(b",")
            messages.insert(0, b"".join([*pieces, first]))
            pieces = [rest] if rest else []
            with self._changed:
                for message in messages:
                    self._take(json.loads(base64.b64decode(message)))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()  # end of output: whoever waits must see the process gone

    def _take(self, response: dict[str, Any]) -> None:
        payload = response.get("payload") or {}
        message_id = response.get("message_id")
        if message_id is None and payload.get("original_message"):
            # A request Pagefind could not parse comes back without its id, but with the request.
            message_id = json.loads(payload["original_message"]).get("message_id")
        if message_id in self._awaited:
            self._awaited.discard(message_id)
            self._answers[message_id] = payload
            return
        self._answered += 1
        if payload.get("type") == "Error":
            self._errors.append(str(payload.get("message")))
