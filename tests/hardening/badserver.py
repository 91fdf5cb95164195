"""A hostile HTTP server on 127.0.0.1 (never an external host): slow, failing, looping, gzip-bombing pages."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = (
    "<html><head><title>Acme Robotics signs with Example Hi-Tech Zone</title></head><body><article>"
    "<p>On August 20, 2020, Acme Robotics Co., Ltd. signed an agreement with the Example Hi-Tech Zone to invest "
    "RMB 2 billion in a new robot factory, the zone said on Thursday.</p>"
    "<p>The plant will employ 800 people when it opens in 2022, according to the company.</p></article></body></html>"
)
MALFORMED_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</ti'


@cache
def gzip_bomb(expanded_mb: int = 64) -> bytes:
    """A small gzip body that expands to ``expanded_mb`` MB of zeros."""
    return gzip.compress(b"\0" * (expanded_mb * 1024 * 1024), compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE.encode())
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE.encode())
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/broken":
            self._send(500, b"oops")
        elif path.startswith("/loop"):
            n = int(path.removeprefix("/loop") or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{(n + 1) % 2}")
            self.end_headers()
        elif path == "/bomb":
            self._send(200, gzip_bomb(), "text/plain; charset=utf-8", Content_Encoding="gzip")
        elif path == "/bad-feed":
            self._send(200, MALFORMED_RSS, "application/rss+xml")
        elif path == "/empty":
            self._send(200, b"")
        elif path == "/binary":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "text/html")
        else:
            self._send(404, b"")


@contextmanager
def hostile_server() -> Iterator[str]:
    """Serve :class:`Handler` on a free port of 127.0.0.1; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
