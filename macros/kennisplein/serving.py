"""Serve a built site folder over HTTP on loopback, for browser tests and `make bench`.

Uncompressed by default. With `compress`, text (HTML, CSS, JavaScript, JSON, SVG, XML) goes
out gzipped to a browser that accepts it, as GitHub Pages and most hosts send it
(`make bench-lighthouse` measures both ways)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"})


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, compress: Callable[[], bool], **kwargs) -> None:
        self.compress = compress
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        file = self._compressible()
        if file is None:
            return super().send_head()
        body = gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _compressible(self) -> Path | None:
        """The file to send gzipped, or None (not asked for, not text, or not a plain file:
        the standard handler answers, with its redirects and errors)."""
        if not self.compress() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the handler redirects to the address with a slash
            path = path / "index.html"
        return path if path.suffix in COMPRESSED and path.is_file() else None

    def send_error(self, code, message=None, explain=None) -> None:
        # Like GitHub Pages and most hosts: an unknown address gets the site's own 404.html.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that leaves a page while a file is still coming closes the connection: that
        # is how browsing goes, not an error to print.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path, compress: bool | Callable[[], bool] = False) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL ending in '/'.
    `compress`: gzip text, or a function asked at every request (to switch while serving)."""
    handler = functools.partial(_QuietHandler, directory=str(directory),
                                compress=compress if callable(compress) else (lambda: compress))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
