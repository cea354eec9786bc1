"""A small web server on 127.0.0.1 for the tests that fetch pages (never any other address).

Each route answers with a status, headers and a body, optionally after a pause or in slow
pieces; the server records every request (path, headers, time), so a test can check the
``User-Agent`` sent and the spacing of requests to one host. It runs in a daemon thread and
is shut down by the context manager::

    with serve({"/a": Route(body=b"<p>...</p>")}) as site:
        fetch(site.url("/a"))
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between pieces of the body (sent 100 bytes at a time)
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


@dataclass
class Request:
    """A request the server received."""

    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived


class Site:
    """The running server: its routes, its address and the requests it received."""

    def __init__(self, server: ThreadingHTTPServer, routes: dict[str, Route]) -> None:
        self.server = server
        self.routes = routes
        self.requests: list[Request] = []
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """The URL of ``path`` (``host`` may be ``localhost``: a second host name for the
        same server)."""
        return f"http://{host}:{self.port}{path}"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with site.lock:
                site.requests.append(Request(self.path, dict(self.headers), time.monotonic()))
            route = site.routes.get(self.path.split("?", 1)[0])
            if route is None:
                route = Route(b"<p>not here</p>", status=404)
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            if route.content_type is not None:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.length and "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                if route.drip:
                    for start in range(0, len(route.body), 100):
                        self.wfile.write(route.body[start : start + 100])
                        self.wfile.flush()
                        time.sleep(route.drip)
                else:
                    self.wfile.write(route.body)
            except OSError:  # the client gave up (a size or time limit)
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet

    return Handler


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    """Serve ``routes`` on 127.0.0.1 (a free port) for the duration of the ``with``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    site = Site(server, routes)
    server.RequestHandlerClass = _handler(site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
