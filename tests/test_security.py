"""Security: no file or network access while cleaning a page, and nothing that can run in
any output (JSON, Markdown rendered by a real CommonMark renderer, text, the annotated HTML
copy of ``cleanarticle explain --html``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import cleanarticle
from cleanarticle import Article, CleanArticleError, InternalError
from cleanarticle.explain import explain, render_html

from .strategies import articles, html_docs

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARA = (
    "<p>The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to open the work to local firms.</p>"
)

# -- no file or network access ---------------------------------------------------------------

#: Audit events (PEP 578) that reach outside the process: files, sockets, URLs, programs.
_OUTSIDE = re.compile(
    r"^(open|os\.(listdir|scandir|exec\w*|posix_spawn\w*|system|startfile)|socket\.\w+|"
    r"urllib\.\w+|http\.client\.\w+|subprocess\.Popen|ftplib\.\w+|smtplib\.\w+|webbrowser\.\w+)$"
)
_recording: list[list[tuple[str, tuple[Any, ...]]]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recording and _OUTSIDE.match(event):
        _recording[-1].append((event, args))


sys.addaudithook(_audit)  # cannot be removed: it records only inside _outside_access()


@contextmanager
def _outside_access() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Record every file, socket, URL or process access made inside the block."""
    events: list[tuple[str, tuple[Any, ...]]] = []
    _recording.append(events)
    try:
        yield events
    finally:
        _recording.pop()


def _hostile_pages(secret: Path) -> dict[str, str]:
    uri = secret.as_uri()
    return {
        "xxe": (
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "{uri}">'
            '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
            f"<html><body><p>&xxe;</p>{PARA * 3}</body></html>"
        ),
        "external-dtd": (
            f'<!DOCTYPE html SYSTEM "http://127.0.0.1:9/x.dtd"><html><body>{PARA * 3}</body></html>'
        ),
        "xinclude": (
            '<html xmlns:xi="http://www.w3.org/2001/XInclude"><body>'
            f'<xi:include href="{uri}" parse="text"/>{PARA * 3}</body></html>'
        ),
        "xslt": (
            f'<?xml-stylesheet type="text/xsl" href="{uri}"?><html><body>{PARA * 3}</body></html>'
        ),
        "resources": (
            f"<html><head><base href='{uri}'><link rel=stylesheet href='{uri}'>"
            f"<link rel=import href='http://127.0.0.1:9/'><meta http-equiv=refresh content='0;{uri}'>"
            f"</head><body><img src='{uri}'><iframe src='{uri}'></iframe><object data='{uri}'>"
            f"</object><svg><image href='{uri}'/><use href='{uri}#x'/></svg>{PARA * 3}"
            f"<script src='http://127.0.0.1:9/x.js'></script></body></html>"
        ),
        "charset": f"<meta charset='koi8-r'><meta charset='../../etc/passwd'>{PARA * 3}",
        "json-ld": (
            '<script type="application/ld+json">{"@context": "http://127.0.0.1:9/ctx", '
            f'"@type": "NewsArticle", "image": "{uri}", "headline": "H"}}</script>{PARA * 3}'
        ),
    }


def test_no_file_or_network_access_while_cleaning(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE", encoding="utf-8")
    pages = _hostile_pages(secret)
    for page in pages.values():  # once outside the recording: lazy imports, codecs
        warm = cleanarticle.extract(page)
        warm.to_markdown()
    for name, page in pages.items():
        with _outside_access() as events:
            article = cleanarticle.extract(page)
            out = article.to_json() + article.to_markdown() + article.to_text()
        assert not events, f"{name}: {events}"
        assert "TOPSECRETVALUE" not in out, name
        for url in (article.main_image, article.canonical_url, *(i.url for i in article.images)):
            assert url is None or url.startswith(("http://", "https://")), (name, url)


# -- nothing that can run in any output ------------------------------------------------------

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "<javascript:alert(1)>",
    "```\n<script>alert(1)</script>\n```",
    "````\n<img src=x onerror=alert(1)>",
    "<!-- --><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<details open ontoggle=alert(1)>",
    "\\<script>alert(1)</script>",
    "| a | <b onmouseover=alert(1)>b</b> |",
]
_texts = st.one_of(
    st.text(max_size=60),
    st.sampled_from(VECTORS),
    st.lists(st.sampled_from([*VECTORS, "\n", " ", "`", "\\", "*", "#", "> ", "1. ", "- "])).map(
        "".join
    ),
)


def _dangerous(html: str) -> list[str]:
    """What in an HTML document could run: script-like elements, event handlers, script
    URLs (as a browser reads them: controls and white space ignored)."""
    tree = LexborHTMLParser(html)
    found = [f"<{n.tag}>" for n in tree.css("script, iframe, object, embed, base, template")]
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        for key, value in node.attributes.items():
            folded = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if key.lower().startswith("on") or "javascript:" in folded or "vbscript:" in folded:
                found.append(f"{node.tag}[{key}={value!r}]")
    return found


def _markdown_html(markdown: str) -> str:
    """Markdown as a permissive CommonMark renderer makes it: raw HTML allowed, every link
    scheme accepted (so the test relies on the escaping, not on the renderer's filter)."""
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    md = markdown_it.MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True
    return str(md.render(markdown))


def _article_with(text: str) -> Article:
    from cleanarticle import Block, BlockKind, ListItem, Section

    blocks = [
        Block(kind=BlockKind.PARAGRAPH, text=text),
        Block(kind=BlockKind.QUOTE, text=text),
        Block(kind=BlockKind.CODE, text=text),
        Block(kind=BlockKind.LIST, items=[ListItem(text, 0), ListItem(text, 1)]),
        Block(kind=BlockKind.TABLE, rows=[[text, text], [text]]),
    ]
    return Article(headline=text, byline=text, publisher=text, sections=[Section(text, blocks, 2)])


@pytest.mark.parametrize("vector", VECTORS)
def test_markdown_of_hostile_text_renders_nothing_that_runs(vector: str) -> None:
    article = _article_with(vector)
    assert _dangerous(_markdown_html(article.to_markdown())) == []


@FAST
@given(_texts)
def test_markdown_of_any_text_renders_nothing_that_runs(text: str) -> None:
    assert _dangerous(_markdown_html(_article_with(text).to_markdown())) == []


@FAST
@given(articles)
def test_json_output_holds_no_markup(article: Article) -> None:
    out = article.to_json()
    assert not set("<>&") & set(out)
    assert Article.from_json(out) == article


@FAST
@given(html_docs(), st.sampled_from(VECTORS))
def test_pages_with_hostile_markup_give_outputs_where_nothing_runs(doc: str, vector: str) -> None:
    page = doc.replace("</p>", vector + "</p>", 1) + PARA * 2
    try:
        article = cleanarticle.extract(page)
    except InternalError:
        raise
    except CleanArticleError:
        return
    assert _dangerous(_markdown_html(article.to_markdown())) == []
    assert not set("<>&") & set(article.to_json())
    for url in (article.main_image, article.canonical_url, *(i.url for i in article.images)):
        assert url is None or url.startswith(("http://", "https://"))


# -- the annotated copy of `cleanarticle explain --html` ----------------------------------------

EXPLAIN_VECTORS = (
    "<template shadowrootmode='open'><script>alert(1)</script><b onclick='alert(2)'>t</b>"
    "</template>"
    "<svg><script>alert(3)</script><a xlink:href='javascript:alert(4)'><text>x</text></a>"
    "<animate attributeName='href' values='0;javascript:alert(5)'/></svg>"
    "<a href='java&#9;script:alert(6)'>tab</a><a href='&#1;javascript:alert(7)'>control</a>"
    "<a href=' JaVaScRiPt:alert(8)'>case</a><form action='javascript:alert(9)'>"
    "<button formaction='vbscript:msgbox(10)'>b</button></form>"
    "<noscript><p title='</noscript><img src=x onerror=alert(11)>'>n</p></noscript>"
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(12)></style></mglyph>"
    "</table></mtext></math><iframe srcdoc='<script>alert(13)</script>'></iframe>"
    "<object data='javascript:alert(14)'></object><embed src='javascript:alert(15)'>"
    "<base href='javascript:alert(16)//'><meta http-equiv='refresh' content='0;javascript:1'>"
)


def test_the_explain_copy_runs_nothing() -> None:
    page = (
        "<!DOCTYPE html><html><head><meta charset='windows-1252'><title>t</title></head>"
        f"<body onload='alert(0)'><article>{PARA * 3}{EXPLAIN_VECTORS}</article></body></html>"
    )
    out = render_html(explain(page), "hostile")
    assert _dangerous(out) == []
    head = LexborHTMLParser(out).head
    assert head is not None
    first = head.child
    assert first is not None
    assert first.tag == "meta"  # before anything of the page
    assert first.attributes.get("http-equiv") == "Content-Security-Policy"
    assert "default-src 'none'" in (first.attributes.get("content") or "")  # nothing loads
    assert out.index("Content-Security-Policy") < out.index('<meta charset="utf-8">')
    assert "windows-1252" not in out.lower()  # the page's own charset is not written


def test_the_explain_copy_of_a_text_capture_runs_nothing() -> None:
    capture = "A headline\n\n" + "\n\n".join(VECTORS) + "\n\n" + "A sentence of prose. " * 20
    out = render_html(explain(capture, input_format="text"), "<script>alert(1)</script>")
    assert _dangerous(out) == []
    assert "Content-Security-Policy" in out
