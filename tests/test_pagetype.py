"""The page-type classifier: its features, its decisions on small pages of each type, the
shipped model, and the hand-off to the pipeline (``Options.page_type``, ``Article.page_type``)."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources
from types import ModuleType

import pytest

from cleanarticle import Article, InputError, Options, PageType, extract
from cleanarticle.api import extract_draft
from cleanarticle.errors import PageTypeSkipped
from cleanarticle.html.pagetype import (
    FEATURES,
    MODEL_FILE,
    MODEL_FORMAT,
    PageTypeModel,
    explain_page_type,
    html_page_features,
    load_model,
)

from .cases import ROOT

PARA = (
    "The council voted on Tuesday to extend the tram network to the northern districts, a "
    "project that has been discussed for more than a decade and that residents say will "
    "change how they travel to work every day. "
)


def _page(body: str, *, head: str = "", title: str = "Page") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def _ld(obj: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


ARTICLE = _page(
    "<header><nav><a href='/'>Home</a><a href='/news'>News</a></nav></header>"
    "<article><h1>Tram network to grow</h1><p class='byline'>By Anna Price</p>"
    "<time datetime='2024-05-02'>May 2, 2024</time>"
    + "".join(f"<p>{PARA * 2}</p>" for _ in range(6))
    + "</article><footer><p>© 2024 The Daily</p></footer>",
    head=_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Tram network to grow",
            "datePublished": "2024-05-02",
            "author": {"@type": "Person", "name": "Anna Price"},
        }
    )
    + '<meta property="og:type" content="article">'
    + '<meta property="article:published_time" content="2024-05-02">',
    title="Tram network to grow",
)

PRODUCT = _page(
    "<nav><a href='/'>Shop</a><a href='/c/kettles'>Kettles</a></nav>"
    "<main><h1>Electric kettle 1.7 l</h1><p class='price'>$49.99</p>"
    "<form action='/cart'><label>Quantity</label><input name='qty' value='1'>"
    "<select name='colour'><option>White</option><option>Black</option></select>"
    "<button type='submit'>Add to cart</button></form>"
    "<h2>Description</h2><p>A quiet kettle with a stainless-steel body and a 1.7 litre "
    "capacity, which boils water in three minutes.</p>"
    "<h2>Specifications</h2><table><tr><th>Power</th><td>2200 W</td></tr>"
    "<tr><th>Weight</th><td>1.1 kg</td></tr></table>"
    "<p>Free shipping on orders over $50. In stock.</p></main>",
    head=_ld(
        {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": "Electric kettle 1.7 l",
            "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "USD"},
        }
    )
    + '<meta property="og:type" content="product">'
    + '<meta property="product:price:amount" content="49.99">',
    title="Electric kettle 1.7 l",
)


def _post(n: int) -> str:
    return (
        f"<article class='post' id='post-{n}'><div class='author'><a href='/u/user{n}'>"
        f"user{n}</a><span>Joined: Mar 2019</span><span>Posts: {n * 17}</span></div>"
        f"<time datetime='2024-05-0{n}'>May {n}, 2024</time>"
        f"<div class='message'><p>I had the same problem with the driver after the update; "
        f"rolling back to the previous version fixed it for me (post {n}).</p></div>"
        f"<a href='#reply'>Reply</a> <a href='#quote'>Quote</a></article>"
    )


FORUM = _page(
    "<nav><a href='/'>Forums</a><a href='/forum/hardware'>Hardware</a></nav>"
    "<h1>Sound stopped working after the update</h1>"
    + "".join(_post(n) for n in range(1, 9))
    + "<form><textarea name='message'></textarea><button>Post reply</button></form>",
    head=_ld(
        {
            "@context": "https://schema.org",
            "@type": "DiscussionForumPosting",
            "headline": "Sound stopped working after the update",
        }
    ),
    title="Sound stopped working after the update",
)

DOCS = _page(
    "<nav class='sidebar'><ul>"
    + "".join(f"<li><a href='/docs/api/{n}'>Section {n}</a></li>" for n in range(25))
    + "</ul></nav><main><h1>Reading files</h1><p>Use <code>open()</code> to read a file; "
    "the <code>encoding</code> argument names its charset.</p>"
    "<pre><code>with open('data.txt', encoding='utf-8') as fh:\n    text = fh.read()</code></pre>"
    "<h2>Parameters</h2><dl><dt><code>path</code></dt><dd>The file to read.</dd>"
    "<dt><code>mode</code></dt><dd>How to open it.</dd></dl>"
    "<pre><code>$ python read.py data.txt</code></pre>"
    "<h2>Errors</h2><p>A missing file raises <code>FileNotFoundError</code>.</p>"
    "<pre><code>try:\n    open(path)\nexcept FileNotFoundError:\n    pass</code></pre></main>",
    title="Reading files - Library reference",
)


def _card(n: int) -> str:
    return (
        f"<li class='product-card' itemscope itemtype='https://schema.org/Product'>"
        f"<a href='/products/mug-{n}'><img src='/img/{n}.jpg' "
        f"alt='Mug {n}'><h3>Stoneware mug {n}</h3></a><span class='price'>${10 + n}.00</span>"
        f"<button>Add to cart</button></li>"
    )


COLLECTION = _page(
    "<nav><a href='/'>Home</a><a href='/c/kitchen'>Kitchen</a></nav>"
    "<h1>Mugs</h1><p>24 products</p><form><select name='sort'><option>Price</option>"
    "</select></form><ul class='grid'>" + "".join(_card(n) for n in range(24)) + "</ul>",
    title="Mugs | Shop",
)


def _teaser(n: int) -> str:
    return (
        f"<div class='teaser'><h2><a href='/news/story-{n}'>Headline of story number {n} "
        f"about the city</a></h2><time>May {n + 1}, 2024</time><p>A short summary of the "
        f"story {n}.</p><a href='/news/story-{n}'>Read more</a></div>"
    )


LISTING = _page(
    "<nav><a href='/'>Home</a><a href='/news'>News</a></nav><h1>Latest news</h1>"
    + "".join(_teaser(n) for n in range(15))
    + "<nav class='pagination'><a href='?page=2'>Next page</a></nav>",
    title="News",
)

SERVICE = _page(
    "<header><nav><a href='/services'>Services</a><a href='/pricing'>Pricing</a>"
    "<a href='/contact'>Contact us</a></nav></header>"
    "<section class='hero'><h1>Accounting for growing businesses</h1>"
    "<p>We keep your books so you can run your company.</p>"
    "<a class='button' href='/contact'>Get started</a> <a href='/demo'>Book a demo</a></section>"
    "<section><h2>Our services</h2><h3>Bookkeeping</h3><p>Monthly books, closed on time.</p>"
    "<h3>Payroll</h3><p>Every employee paid on time.</p><h3>Tax</h3><p>Returns filed.</p>"
    "</section><section><h2>Trusted by 500 companies</h2><p>Testimonials from our clients."
    "</p></section><form><input name='email'><button>Request a quote</button></form>",
    head=_ld({"@context": "https://schema.org", "@type": "ProfessionalService", "name": "Acme"}),
    title="Acme Accounting",
)

PAGES = {
    PageType.ARTICLE: (ARTICLE, "https://daily.example/2024/05/02/tram-network-to-grow-north"),
    PageType.PRODUCT: (PRODUCT, "https://shop.example/products/electric-kettle-1-7-l"),
    PageType.FORUM: (FORUM, "https://forum.example/t/sound-stopped-working/4412"),
    PageType.DOCUMENTATION: (DOCS, "https://lib.example/docs/api/reading-files"),
    PageType.COLLECTION: (COLLECTION, "https://shop.example/collections/mugs"),
    PageType.LISTING: (LISTING, "https://daily.example/news"),
    PageType.SERVICE: (SERVICE, "https://acme.example/"),
}


# -- features ---------------------------------------------------------------------------------


def test_url_features_read_words_depth_and_slug() -> None:
    forum = html_page_features(_page("<p>x</p>"), "https://example.org/forum/t/my-question/123")
    assert forum["url_forum_dir"] == 1.0
    assert forum["url_id"] == 1.0
    article = html_page_features(
        _page("<p>x</p>"), "https://example.org/2024/05/how-the-tram-network-will-grow"
    )
    assert article["url_date"] == 1.0
    assert article["url_slug_words"] == 6.0
    assert article.get("url_forum_dir", 0.0) == 0.0
    home = html_page_features(_page("<p>x</p>"), "https://example.org/en-us/")
    assert home["url_root"] == 1.0  # a locale folder alone is the home page
    docs = html_page_features(_page("<p>x</p>"), "https://docs.example.org/start")
    assert docs["url_documentation_dir"] == 1.0  # a sub-domain is read like a folder


def test_structured_data_features() -> None:
    product = html_page_features(PRODUCT, None)
    assert product["ld_product"] == 1.0
    assert product["og_product"] == 1.0
    assert product["meta_price"] == 1.0
    assert product.get("ld_article", 0.0) == 0.0
    article = html_page_features(ARTICLE, None)
    assert (article["ld_article"], article["og_article"]) == (1.0, 1.0)
    assert (article["meta_published"], article["meta_author"]) == (1.0, 1.0)
    assert html_page_features(_page("<p>x</p>"), None)["ld_none"] == 1.0
    microdata = html_page_features(
        _page("<div itemscope itemtype='https://schema.org/Product'><h1>Kettle</h1></div>"), None
    )
    assert microdata["md_product"] > 0.0
    assert microdata["ld_none"] == 1.0  # microdata is not JSON-LD


def test_element_and_text_features() -> None:
    docs = html_page_features(DOCS, None)
    assert docs["n_pre"] > 1.0  # log1p(3)
    assert docs["text_braces"] > 0.0  # "()", "="
    forum = html_page_features(FORUM, None)
    assert forum["n_article"] > 2.0  # eight posts
    assert forum["text_forum"] > forum.get("text_cart", 0.0)
    collection = html_page_features(COLLECTION, None)
    assert collection["text_price"] > 3.0  # 24 prices
    assert collection["n_heading_links"] > 0.0  # headings inside the cards' links
    product = html_page_features(PRODUCT, None)
    assert product["text_cart"] > 0.0
    assert product["n_form"] > 0.0


def test_every_feature_is_named_in_features() -> None:
    for html, url in PAGES.values():
        assert set(html_page_features(html, url)) <= set(FEATURES)


# -- the classifier on one small page of each type ----------------------------------------------


@pytest.mark.parametrize("expected", list(PAGES), ids=lambda t: t.value)
def test_each_type_is_recognised(expected: PageType) -> None:
    html, url = PAGES[expected]
    features = html_page_features(html, url)
    assert load_model().predict(features) is expected, explain_page_type(features)


def test_extract_sets_the_page_type() -> None:
    for expected in (PageType.ARTICLE, PageType.PRODUCT, PageType.FORUM, PageType.DOCUMENTATION):
        html, url = PAGES[expected]
        assert extract(html, url=url).page_type == expected.value


def test_structured_data_decides_without_a_url() -> None:
    assert extract(PRODUCT).page_type == "product"
    assert extract(FORUM).page_type == "forum"
    assert extract(ARTICLE).page_type == "article"


def test_the_json_key_is_page_type() -> None:
    data = extract(PRODUCT, url=PAGES[PageType.PRODUCT][1]).to_dict()
    assert data["pageType"] == "product"
    assert Article.from_dict(data).page_type == "product"


def test_the_callers_page_type_wins() -> None:
    html, url = PAGES[PageType.PRODUCT]
    article, draft = extract_draft(html, url=url, options=Options(page_type="forum"))
    assert article.page_type == "forum"
    assert draft.page_type is PageType.FORUM


def test_an_unknown_page_type_option_is_an_input_error() -> None:
    with pytest.raises(InputError, match="page_type"):
        extract(ARTICLE, options=Options(page_type="blog"))


def test_a_text_capture_is_read_as_an_article() -> None:
    text = "Tram network to grow\n\nBy Anna Price\n\n" + "\n\n".join([PARA * 2] * 4)
    assert extract(text, input_format="text").page_type == "article"
    forced = extract(text, input_format="text", options=Options(page_type="listing"))
    assert forced.page_type == "listing"


def test_unwanted_types_stop_the_extraction_with_their_type() -> None:
    html, url = PAGES[PageType.PRODUCT]
    wanted = frozenset({PageType.ARTICLE, PageType.FORUM})
    with pytest.raises(PageTypeSkipped) as caught:
        extract_draft(html, url=url, page_types=wanted)
    assert caught.value.page_type == "product"
    assert "article or forum" in str(caught.value)
    article, _ = extract_draft(*PAGES[PageType.ARTICLE][:1], page_types=wanted)
    assert article.page_type == "article"


def test_the_classification_is_deterministic() -> None:
    html, url = PAGES[PageType.LISTING]
    scores = {json.dumps(load_model().scores(html_page_features(html, url))) for _ in range(3)}
    assert len(scores) == 1


def test_explain_names_the_features_behind_a_decision() -> None:
    reasons = dict(explain_page_type(html_page_features(PRODUCT, None)))
    assert {"ld_product", "og_product", "meta_price"} & set(reasons)
    assert all(isinstance(v, float) for v in reasons.values())


# -- the shipped model --------------------------------------------------------------------------


def _training_script() -> ModuleType:
    path = ROOT / "benchmarks" / "pagetype_train.py"
    spec = importlib.util.spec_from_file_location("pagetype_train", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_model_loads_and_covers_every_type_and_feature() -> None:
    model = load_model()
    assert set(model.classes) == {t.value for t in PageType}
    assert model.features == FEATURES
    raw = json.loads(
        (resources.files("cleanarticle.html") / MODEL_FILE).read_text(encoding="utf-8")
    )
    assert raw["format"] == MODEL_FORMAT
    probabilities = model.probabilities({})
    assert abs(sum(probabilities.values()) - 1.0) < 1e-9


def test_the_shipped_model_has_the_training_scripts_format() -> None:
    script = _training_script()
    raw = json.loads(
        (resources.files("cleanarticle.html") / MODEL_FILE).read_text(encoding="utf-8")
    )
    model = PageTypeModel.from_dict(raw)
    assert script.model_to_dict(model, raw["c"]) == raw  # what --write writes, exactly


def test_the_training_script_fits_a_model_the_package_reads() -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (the bench extra) is not installed")
    script = _training_script()
    rows = [(t.value, {FEATURES[i]: 1.0, FEATURES[-1]: float(i)}) for i, t in enumerate(PageType)]
    x = [[features.get(f, 0.0) for f in FEATURES] for _, features in rows * 3]
    y = [label for label, _ in rows * 3]
    model = script.fit(x, y, 10.0)
    loaded = PageTypeModel.from_dict(json.loads(json.dumps(script.model_to_dict(model, 10.0))))
    assert loaded == model
    assert [loaded.predict(f).value for _, f in rows] == [t.value for t in PageType]


def test_a_model_for_other_features_is_refused() -> None:
    raw = json.loads(
        (resources.files("cleanarticle.html") / MODEL_FILE).read_text(encoding="utf-8")
    )
    with pytest.raises(ValueError, match="features"):
        PageTypeModel.from_dict({**raw, "features": raw["features"][:-1]})
    with pytest.raises(ValueError, match="format"):
        PageTypeModel.from_dict({**raw, "format": "other/1"})
