"""The annotated copy of ``cleanarticle explain --html``, opened in a real browser (headless
Chromium): no request leaves it, no handler runs, nothing navigates away, whatever the page
held; and with its Content-Security-Policy taken out, still no handler and no refresh (the
copy holds none: what the browser parses is what was checked).

Skipped where Chromium (Debian's ``chromium`` package) or ``websocket-client`` is missing.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from cleanarticle import CleanArticleError
from cleanarticle.explain import explain, render_html

from .browser import Browser, find_chromium
from .test_security import EXPLAIN_VECTORS

pytest.importorskip("websocket", reason="websocket-client is not installed")
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
PARA = (
    "<p>The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to open the work to local firms.</p>"
)
#: What the copy must not hold once parsed by the browser.
LIVE = (
    "script, iframe, frame, object, embed, base, "
    "meta[http-equiv]:not([http-equiv='Content-Security-Policy']), [onerror], [onload], "
    "[onclick], [onmouseover], [onfocus], [ontoggle], [onbegin], [onanimationstart]"
)


class _Hits(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"x")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A server on this machine that every resource of the hostile pages points at: any
    request a copy makes is counted here, whatever the browser reports."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hits)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as running:
        yield running


def _pages(base: str) -> dict[str, str]:
    """Hostile pages: resources of every kind, handlers, refreshes, and the parser
    differentials that turned the old copy live (nested ``<svg><style>``, MathML)."""
    refresh = f"<meta http-equiv=refresh content='0;url={base}/refresh'>"
    pages = {
        "vectors": EXPLAIN_VECTORS.replace("alert(", "fetch('" + base + "/handler?'+"),
        "resources": (
            f"<link rel=stylesheet href='{base}/css'><link rel=prefetch href='{base}/prefetch'>"
            f"<link rel=icon href='{base}/icon'><style>@import url({base}/import);"
            f"body{{background:url({base}/bg)}}@font-face{{font-family:x;src:url({base}/font)}}"
            f"p{{font-family:x}}</style><base href='{base}/base/'>{refresh}"
            f"<img src='{base}/img' srcset='{base}/srcset 2x'><img src=relative.png>"
            f"<picture><source srcset='{base}/source'><img src='{base}/pic'></picture>"
            f"<video poster='{base}/poster' src='{base}/video' autoplay></video>"
            f"<audio src='{base}/audio' autoplay></audio><iframe src='{base}/iframe'></iframe>"
            f"<object data='{base}/object'></object><embed src='{base}/embed'>"
            f"<script src='{base}/script'></script><svg><image href='{base}/svgimage'/>"
            f"<use href='{base}/use#x'/></svg><div style='background:url({base}/style)'>s</div>"
            f"<input type=image src='{base}/input'><body background='{base}/bodybg'>"
            f"<form action='{base}/form'><input autofocus onfocus=\"fetch('{base}/focus')\">"
            "</form>"
        ),
        "svg-style-twice": (
            f"<svg><style><svg><style><img src=x onerror=\"fetch('{base}/mx1')\">{refresh}"
        ),
        "svg-style-twice-closed": (
            f"<svg><style><svg><style></style></svg><img src=x onerror=\"fetch('{base}/mx2')\">"
            f"{refresh}</style></svg>"
        ),
        "math-mglyph-style": (
            f"<math><mtext><table><mglyph><style><img src=x onerror=\"fetch('{base}/mx3')\">"
            f"{refresh}</style></mglyph></table></mtext></math>"
        ),
        "noscript-title": (
            f"<noscript><p title=\"</noscript><img src=x onerror=fetch('{base}/mx4')>\">n</p>"
            "</noscript>"
        ),
        "comment-breakout": f"<!--><img src=x onerror=\"fetch('{base}/mx5')\">--><p>c</p>",
        "svg-cdata": (f"<svg><![CDATA[</svg><img src=x onerror=\"fetch('{base}/mx6')\">]]></svg>"),
        "textarea-title": (
            f"<textarea></textarea><img src=x onerror=\"fetch('{base}/mx7')\"></textarea>"
            f"<title><img src=x onerror=\"fetch('{base}/mx8')\"></title>"
        ),
    }
    out = {
        name: f"<!DOCTYPE html><html><head><title>t</title></head><body onload=\"fetch('{base}/"
        f"onload')\"><article><h1>A headline</h1>{PARA * 3}{body}</article></body></html>"
        for name, body in pages.items()
    }
    for case in tomllib.loads((CASES / "cases.toml").read_text(encoding="utf-8"))["case"]:
        path = CASES / "cases" / case["file"]
        if path.suffix in (".html", ".htm"):
            out[f"corpus-{path.stem}"] = path.read_bytes().decode("utf-8", "replace")
    return out


def _copies(tmp_path: Path, base: str) -> Iterator[tuple[str, Path, Path]]:
    """Each hostile page's copy, and the same copy without its Content-Security-Policy."""
    for name, page in _pages(base).items():
        try:
            copy = render_html(explain(page), name)
        except CleanArticleError as exc:  # (an input error: nothing to explain)
            pytest.fail(f"{name}: {exc}")
        with_csp = tmp_path / f"{name}.html"
        with_csp.write_text(copy, encoding="utf-8")
        head = copy.index('<meta http-equiv="Content-Security-Policy"')
        without = copy[:head] + copy[copy.index(">", head) + 1 :]
        without_csp = tmp_path / f"{name}-no-csp.html"
        without_csp.write_text(without, encoding="utf-8")
        yield name, with_csp, without_csp


def test_explain_copies_of_hostile_pages_send_no_request_and_run_nothing(
    tmp_path: Path, server: str, browser: Browser
) -> None:
    _Hits.hits.clear()
    for name, with_csp, without_csp in _copies(tmp_path, server):
        visit = browser.visit(with_csp, LIVE)
        assert visit.requests == [], (name, visit.requests)
        assert visit.dialogs == [], (name, visit.dialogs)
        assert visit.navigations == [], (name, visit.navigations)
        assert visit.found == 0, (name, "live elements", visit.found)
        assert _Hits.hits == [], (name, _Hits.hits)
        # Without the policy the page's images may load (not its scripts: there are none),
        # but no handler may run and nothing may navigate: the copy itself holds none.
        bare = browser.visit(without_csp, LIVE)
        assert bare.dialogs == [], (name, bare.dialogs)
        assert bare.navigations == [], (name, bare.navigations)
        assert bare.found == 0, (name, "live elements without the policy", bare.found)
        handlers = [hit for hit in _Hits.hits if not hit.startswith(_RESOURCES)]
        assert handlers == [], (name, handlers)
        _Hits.hits.clear()


#: Paths a copy without its policy may still fetch: images, media, styles (not handlers).
_RESOURCES = (
    "/img",
    "/srcset",
    "/source",
    "/pic",
    "/poster",
    "/video",
    "/audio",
    "/svgimage",
    "/use",
    "/style",
    "/input",
    "/bodybg",
    "/bg",
    "/font",
    "/import",
)
