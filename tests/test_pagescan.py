"""The one pass made when a page is parsed finds what the separate queries found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from cleanarticle.dom.scan import PAGE_SELECTOR, scan_page, within
from cleanarticle.dom.strip import strip_layout
from cleanarticle.dom.tags import NON_CONTENT_TAGS
from cleanarticle.draft import Draft

_PIECES = [
    '<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
    '<script type="APPLICATION/LD+JSON">{}</script>',
    '<script type="application/ld+json; charset=utf-8">{}</script>',
    "<script>var x = 1;</script>",
    '<meta name="author" content="Ann Lee">',
    '<meta property="og:title" value="A headline">',
    '<meta charset="utf-8">',
    '<link rel="stylesheet" href="/a.css">',
    '<link rel="alternate  Canonical" href="https://example.com/a">',
    '<link rel="canonicalx" href="https://example.com/b">',
    '<link rel="canonical">',
    "<h1>Headline</h1>",
    "<h2>Sub</h2>",
    "<nav><a href='/'>Home</a><header>Menu</header></nav>",
    "<footer>Footer <aside>inner</aside></footer>",
    "<header><h1>Own header</h1></header>",
    "<aside>More</aside>",
    "<p>Text <button>Share</button> <svg><path d=''></path></svg></p>",
    "<noscript><img src='x.gif'></noscript>",
    "<form><input name='q'><select><option>a</option></select><textarea></textarea></form>",
    "<div><iframe src='x'></iframe><canvas></canvas><object></object><embed></div>",
    "<template><nav>In a template</nav><script>1</script></template>",
    "<math><mi>x</mi></math><table><tr><td><h2>In a cell</h2></td></tr></table>",
    "<svg><nav>x</nav><header>y</header><style>z</style><script>1</script><a>q</a></svg>",
]


def _ids(nodes: object) -> list[int]:
    return [n.mem_id for n in nodes]  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_the_one_pass_finds_what_each_query_finds(pieces: list[str]) -> None:
    html = f"<html><head>{''.join(pieces[:3])}</head><body>{''.join(pieces[3:])}</body></html>"
    tree = LexborHTMLParser(html)
    found = scan_page(tree)
    assert _ids(found.jsonld) == _ids(tree.css('script[type="application/ld+json" i]'))
    metas = tree.css("meta[content], meta[value]")
    assert found.metas == [m.attributes for m in metas]
    canonical = tree.css_first('link[rel~="canonical" i][href]')
    assert (found.canonical is None) == (canonical is None)
    if canonical is not None and found.canonical is not None:
        assert found.canonical.mem_id == canonical.mem_id
    assert _ids(found.headings) == _ids(tree.css("h1, h2"))
    assert _ids(found.non_content) == _ids(tree.css(", ".join(NON_CONTENT_TAGS)))
    assert _ids(found.layout) == _ids(tree.css("nav, footer, aside"))
    assert _ids(found.headers) == _ids(tree.css("header"))
    everything = [*found.non_content, *found.headings, *found.layout, *found.headers]
    assert sorted(_ids(everything)) == sorted(_ids(tree.css(PAGE_SELECTOR)))


def test_a_removed_node_is_no_longer_within_the_page() -> None:
    # The page scan holds nodes across removals: a node removed with its ancestor must read
    # as gone (selectolax unlinks removed nodes, it does not free them while the tree lives).
    tree = LexborHTMLParser("<body><div id='promo'><nav><a>Home</a></nav></div><p>x</p></body>")
    body = tree.body
    assert body is not None
    nav = scan_page(tree).layout[0]
    assert within(nav, body)
    promo = tree.css_first("#promo")
    assert promo is not None
    promo.decompose()
    assert not within(nav, body)
    assert nav.tag == "nav"  # still safe to read


def test_layout_removed_with_chrome_before_strip_layout_is_not_recorded_twice() -> None:
    tree = LexborHTMLParser(
        "<body><div class='promo'><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "</div><footer>Contact us</footer><p>Story text.</p></body>"
    )
    found = scan_page(tree)
    promo = tree.css_first(".promo")
    assert promo is not None
    promo.decompose()  # as a chrome rule would
    draft = Draft()
    strip_layout(tree, draft, found)
    assert [r.text for r in draft.removed] == ["Contact us"]
    assert tree.css("nav, footer") == []
