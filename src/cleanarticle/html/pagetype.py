"""The page-type classifier: what kind of page this is (:class:`~cleanarticle.model.PageType`).

The page is described by about a hundred numbers (:func:`page_features`), all cheap to get from
what the engine has already read when the page is parsed:

* its URL: path words typical of each type (``/forum/``, ``/products/``, ``/docs/``,
  ``/category/``, ``/services/``...), in a folder or in the last segment, the path's depth, a
  date or a numeric id in it, the number of words of its last segment (an article's slug);
* its structured data: the JSON-LD ``@type`` values (``NewsArticle``, ``Product``,
  ``DiscussionForumPosting``, ``ItemList``, ``TechArticle``...), ``og:type``, a publication
  date, an author, a price in ``<meta>``;
* its elements, counted by :func:`~cleanarticle.dom.scan.scan_page` in its one pass (links,
  paragraphs, list items, ``<pre>``/``<code>``, forms, buttons, ``<article>``, ``<time>``,
  headings, ``<nav>``, ``<aside>``...), and the headings that are links (teaser cards);
* its visible text: its length, its share in long paragraphs (prose), and counts of words
  typical of shops ("cart", "quantity"), forums ("reply", "joined"), dates (month names),
  teasers ("more"), sales pages ("contact", "demo", "we", "our"), code, and of currency signs.

A multinomial logistic regression turns them into one score per type: the shipped model
(``pagetype_model.json``, trained by ``benchmarks/pagetype_train.py`` on the development sets
only) holds one weight per feature and type, so each decision can be read as the sum of its
features' contributions (:func:`explain_page_type`). The README's "Page types" gives its
accuracy (cross-validated by domain) and its cost a page.

The pipeline's hand-off (see :attr:`cleanarticle.draft.Draft.page_type`): the HTML path
classifies the page after parsing and before cleaning, unless the caller gave
``Options.page_type``, which wins; later stages read ``draft.page_type``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from cleanarticle.dom.parse import close_swallowing, parse_html, swallowing_element
from cleanarticle.dom.scan import scan_page
from cleanarticle.dom.strip import strip_non_content
from cleanarticle.fields.head import read_head
from cleanarticle.model import PageType

if TYPE_CHECKING:
    from cleanarticle.dom.scan import PageNodes
    from cleanarticle.fields.head import HeadMeta
    from cleanarticle.options import Options

__all__ = [
    "FEATURES",
    "MODEL_FORMAT",
    "PageTypeModel",
    "classify_page",
    "explain_page_type",
    "html_page_features",
    "load_model",
    "page_features",
    "page_type_of",
]

#: The format tag of the model file, checked when it is loaded.
MODEL_FORMAT: Final = "cleanarticle-pagetype-logreg/1"
MODEL_FILE: Final = "pagetype_model.json"

# -- URL words --------------------------------------------------------------------------------
# fmt: off
#: Path (and sub-domain) words typical of each kind of page, a few languages each.
URL_WORDS: Final[dict[str, frozenset[str]]] = {
    "article": frozenset({
        "story", "article", "post", "entry", "blog", "blogs", "artikel", "articulo", "artigo",
        "articolo", "noticia", "noticias", "nachrichten", "opinion", "column", "columns",
        "feature", "insights", "magazine", "journal",
    }),
    "forum": frozenset({
        "forum", "forums", "foro", "foros", "thread", "threads", "topic", "topics", "viewtopic",
        "showthread", "t", "questions", "question", "discussion", "discussions", "discuss",
        "community", "communities", "comments", "board", "boards", "r", "answers", "q",
    }),
    "product": frozenset({
        "product", "products", "produkt", "produkte", "produit", "produits", "producto",
        "productos", "prodotto", "prodotti", "p", "dp", "item", "sku", "buy", "listing", "app",
    }),
    "collection": frozenset({
        "c", "category", "categories", "collection", "collections", "catalog", "catalogue",
        "department", "departments", "shop", "store", "kategorie", "categorie", "categoria",
        "browse", "brand", "brands", "range", "sale", "gifts",
    }),
    "listing": frozenset({
        "news", "blog", "blogs", "articles", "archive", "archives", "tag", "tags", "page",
        "search", "jobs", "events", "latest", "issues", "podcasts", "videos", "results",
        "stories", "posts", "author", "authors", "newsroom", "press", "releases", "courses",
        "programs", "list", "shows", "directory", "resources", "episodes", "deals",
    }),
    "documentation": frozenset({
        "docs", "doc", "documentation", "reference", "api", "manual", "guide", "guides",
        "tutorial", "tutorials", "wiki", "kb", "handbook", "book", "developer", "developers",
        "sdk", "spec", "howto", "faq", "help", "support", "learn", "library", "lang",
    }),
    "service": frozenset({
        "services", "service", "solutions", "solution", "pricing", "plans", "about", "contact",
        "features", "platform", "consulting", "agency", "company", "enterprise", "business",
        "industries", "hire", "tuition", "admissions", "locations", "careers", "why",
        "leistungen", "dienstleistungen", "servicios", "prestations", "servizi",
    }),
}
# fmt: on
_URL_TOKEN = re.compile(r"[a-z]+|\d+")
_SLUG_SPLIT = re.compile(r"[-_+.]")
_DATE_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?")
_ID_SEGMENT = re.compile(r"(?:^|[-_.])\d{4,}(?:$|[-_.])|^[a-z]?\d{3,}[a-z]?$")
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cfm)$")
# fmt: off
#: Language and country codes that open a localised site's paths (``/en-us/``, ``/de/``).
_LOCALES: Final = frozenset({
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "fi", "pl", "cs", "sk",
    "hu", "ro", "bg", "el", "ru", "uk", "tr", "ar", "he", "ja", "zh", "ko", "hi", "id", "ms",
    "th", "vi", "us", "gb", "ca", "au", "in", "br", "mx", "at", "ch", "be", "ie", "nz", "jp",
    "cn", "kr", "tw", "hk", "sg", "za", "intl", "global", "ww",
})
# fmt: on
_LOCALE = re.compile(r"^([a-z]{2,6})(?:[-_][a-z]{2,4})?$")
_TRACKING = ("utm_", "srsltid", "gclid", "fbclid", "ref=", "mc_")

# -- structured data --------------------------------------------------------------------------
# fmt: off
#: JSON-LD / microdata types, grouped by the kind of page they declare.
LD_GROUPS: Final[dict[str, frozenset[str]]] = {
    "article": frozenset({
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
        "liveblogposting", "scholarlyarticle", "report", "review", "recipe", "medicalwebpage",
    }),
    "forum": frozenset({
        "discussionforumposting", "qapage", "question", "answer", "comment",
        "socialmediaposting",
    }),
    "product": frozenset({
        "product", "offer", "aggregateoffer", "productgroup", "individualproduct",
        "productmodel", "vehicle", "car", "book", "softwareapplication", "videogame",
    }),
    "list": frozenset({
        "itemlist", "collectionpage", "searchresultspage", "offercatalog", "listitem",
    }),
    "docs": frozenset({"techarticle", "apireference", "softwaresourcecode", "howto"}),
    "faq": frozenset({"faqpage"}),
    "org": frozenset({
        "organization", "localbusiness", "corporation", "professionalservice", "service",
        "educationalorganization", "collegeoruniversity", "medicalorganization",
        "financialservice", "legalservice", "store", "onlinestore", "webapplication",
    }),
    "event": frozenset({"event", "jobposting", "course"}),
    "breadcrumb": frozenset({"breadcrumblist"}),
    "person": frozenset({"person", "profilepage"}),
}
# fmt: on
_GROUP_OF: Final = {name: group for group, names in LD_GROUPS.items() for name in names}
_PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "datepublished")
_PRICE_KEYS = ("product:price:amount", "og:price:amount", "price", "product:price", "lowprice")

# -- elements ---------------------------------------------------------------------------------
#: The tags whose counts are features.
COUNTED_TAGS: Final = (
    "a", "p", "li", "pre", "code", "form", "input", "button", "select", "textarea",
    "article", "time", "h1", "h2", "h3", "h4", "table", "img", "section", "nav", "aside",
    "blockquote", "dl", "figure",
)  # fmt: skip
#: Headings that are links (teaser cards), the elements that declare a microdata type, and the
#: paragraphs: one query, one pass of Lexbor over the page.
_ONE_PASS = "h2 a, h3 a, h4 a, a h2, a h3, a h4, [itemtype], p"


@cache
def _tag_ids() -> dict[str, int]:
    maker = LexborHTMLParser("")
    return {name: maker.create_node(name).tag_id for name in COUNTED_TAGS}


# -- visible text -----------------------------------------------------------------------------
# fmt: off
#: Words counted in the page's visible text (lower case), by what they suggest. The text is cut
#: into words once, at white space (``split`` and a ``Counter``, both in C); each feature is
#: the count of its words, alone or followed by ``,`` ``.`` or ``:``.
TEXT_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "cart": (
        "cart", "basket", "bag", "checkout", "qty", "quantity", "shipping", "stock", "sku",
        "warenkorb", "panier", "carrito", "carrello", "winkelwagen", "koszyka", "carrinho",
        "varukorgen", "wishlist", "buy",
    ),
    "forum": (
        "reply", "replies", "replied", "quote", "joined", "posts", "member", "moderator",
        "upvote", "upvotes", "votes", "answered", "asked", "solved", "thread", "likes",
        "antworten", "beiträge", "répondre", "responder", "rispondi",
    ),
    "date": (
        "jan", "january", "feb", "february", "march", "apr", "april", "june", "july", "aug",
        "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
        "december", "ago", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
        "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "enero", "febrero",
        "marzo", "abril", "mayo", "junio", "julio", "agosto",
    ),
    "more": ("more", "read", "weiterlesen", "suite", "leer", "leggi", "all", "next", "previous"),
    "cta": (
        "contact", "started", "demo", "trial", "quote", "sales", "schedule", "testimonials",
        "clients", "customers", "trusted", "solutions", "services", "kontakt", "contactez",
        "contáctenos",
    ),
    "we": (
        "we", "our", "us", "wir", "unser", "unsere", "unseren", "nous", "notre", "nos",
        "nosotros", "nuestro", "nuestra", "nuestros", "noi", "nostro", "nostra",
    ),
    "you": ("you", "your", "ihr", "ihre", "sie", "vous", "votre", "vos", "tu", "tus", "usted"),
    "code": (
        "def", "function", "import", "return", "const", "var", "let", "class", "null", "true",
        "false", "int", "string", "self", "printf", "npm", "pip", "sudo",
    ),
}
# fmt: on
#: Characters counted in the text: currency signs (prices) and code punctuation.
TEXT_CHARS: Final[dict[str, tuple[str, ...]]] = {
    "price": ("$", "€", "£", "¥", "₹", "zł", "kč", "₽"),
    "braces": ("{", "}", ";", "=", "()"),
}
#: A paragraph at least this long is prose (a few sentences), not a label or a card's blurb.
LONG_PARAGRAPH_CHARS: Final = 200
#: At most this many characters of the visible text are read for the words.
TEXT_SAMPLE_CHARS: Final = 10_000


def _names() -> tuple[str, ...]:
    names = [f"url_{g}_{where}" for g in URL_WORDS for where in ("dir", "end")]
    names += ["url_root", "url_depth", "url_date", "url_id", "url_suffix", "url_slug_words"]
    names += ["url_query"]
    names += [f"ld_{g}" for g in LD_GROUPS]
    names += [f"md_{g}" for g in LD_GROUPS]
    names += ["ld_none", "og_article", "og_product", "og_website", "og_other"]
    names += ["meta_published", "meta_author", "meta_price"]
    names += [f"n_{t}" for t in COUNTED_TAGS]
    names += ["n_elements", "n_heading_links", "share_links", "share_items", "share_paras"]
    names += ["share_heading_links", "text_chars", "text_per_element", "text_per_heading"]
    names += ["text_per_para", "text_per_link", "n_long_paras", "share_long_paras"]
    names += [f"text_{k}" for k in TEXT_WORDS]
    names += [f"text_{k}" for k in TEXT_CHARS]
    return tuple(names)


#: The features, in the order of the model's weights.
FEATURES: Final[tuple[str, ...]] = _names()


def _log(value: float) -> float:
    return math.log1p(value)


def _words(segment: str) -> set[str]:
    """The words of a path segment; a one-letter word (``/t/``, ``/p/``) only as the whole
    segment, not as a letter of a slug."""
    words = set(_URL_TOKEN.findall(segment))
    return {w for w in words if len(w) > 1 or w == segment}


def _url_features(url: str | None, out: dict[str, float]) -> None:
    if not url:
        return
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = (parts.hostname or "").lower()
    except ValueError:
        return
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    locale = _LOCALE.match(segments[0]) if segments else None
    if locale is not None and locale.group(1) in _LOCALES:
        segments = segments[1:]  # /en-us/...: a locale says nothing of the page
    last = segments[-1] if segments else ""
    folders = {t for s in segments[:-1] for t in _words(s)}
    folders.update(host.split(".")[:-2])  # forum.example.com, docs.example.com
    ending = _words(_PAGE_SUFFIX.sub("", last))
    for group, words in URL_WORDS.items():
        if folders & words:
            out[f"url_{group}_dir"] = 1.0
        if ending & words:
            out[f"url_{group}_end"] = 1.0
    out["url_root"] = float(not segments)
    out["url_depth"] = float(min(len(segments), 6))
    out["url_date"] = float(bool(_DATE_PATH.search(path)))
    out["url_id"] = float(any(_ID_SEGMENT.search(s) for s in segments))
    out["url_suffix"] = float(bool(_PAGE_SUFFIX.search(last)))
    slug = [w for w in _SLUG_SPLIT.split(_PAGE_SUFFIX.sub("", last)) if w.isalpha()]
    out["url_slug_words"] = float(min(len(slug), 12))
    query = parts.query.lower()
    out["url_query"] = float(bool(query) and not query.startswith(_TRACKING))


def _head_features(head: HeadMeta, out: dict[str, float]) -> None:
    types = set(head.ld.types)
    for group, names in LD_GROUPS.items():
        if types & names:
            out[f"ld_{group}"] = 1.0
    out["ld_none"] = float(not types)
    og = head.meta.get("og:type", "").strip().lower()
    if og:
        kind = og.split(".", 1)[0].split(":", 1)[0]
        key = f"og_{kind}" if kind in ("article", "product", "website") else "og_other"
        out[key] = 1.0
    meta = head.meta
    published = head.ld.date_published or any(k in meta for k in _PUBLISHED_KEYS)
    out["meta_published"] = float(bool(published))
    out["meta_author"] = float(bool(head.ld.authors or head.meta_authors))
    out["meta_price"] = float(any(k in meta for k in _PRICE_KEYS))


def _microdata_features(itemtypes: list[str], out: dict[str, float]) -> None:
    """How many elements declare a microdata type of each group (their ``itemtype``)."""
    found: dict[str, int] = {}
    for value in itemtypes:
        for url in value.lower().split()[:3]:
            name = url.rstrip("/").rsplit("/", 1)[-1]
            group = _GROUP_OF.get(name)
            if group is not None:
                found[group] = found.get(group, 0) + 1
    for group, count in found.items():
        out[f"md_{group}"] = _log(count)


def page_features(
    url: str | None, head: HeadMeta, found: PageNodes, tree: LexborHTMLParser
) -> dict[str, float]:
    """The features of a parsed page, by name (see :data:`FEATURES`; absent ones are 0).

    ``url``: the page's address (or its canonical one); ``head``: its metadata
    (:func:`~cleanarticle.fields.head.read_head`); ``found``: its
    :func:`~cleanarticle.dom.scan.scan_page`; ``tree``: the page, best once its scripts and
    styles are gone (``strip_non_content``), whose text is read.
    """
    out: dict[str, float] = {}
    _url_features(url, out)
    _head_features(head, out)
    counts = found.tag_counts
    elements = sum(counts.values()) or 1
    ids = _tag_ids()
    for name in COUNTED_TAGS:
        out[f"n_{name}"] = _log(counts.get(ids[name], 0))
    out["n_elements"] = _log(elements)
    links, items = counts.get(ids["a"], 0), counts.get(ids["li"], 0)
    out["share_links"] = links / elements
    out["share_items"] = items / elements
    out["share_paras"] = counts.get(ids["p"], 0) / elements
    body = tree.body
    if body is None:
        return out
    heading_links = long_paras = long_chars = 0
    typed: list[str] = []
    for node in body.css(_ONE_PASS):
        if node.tag == "p":  # prose: paragraphs of a few sentences
            length = len(node.text())
            if length >= LONG_PARAGRAPH_CHARS:
                long_paras += 1
                long_chars += length
        elif "itemtype" in node.attributes:
            typed.append(node.attributes.get("itemtype") or "")
        else:
            heading_links += 1
    headings = sum(counts.get(ids[h], 0) for h in ("h2", "h3", "h4"))
    out["n_heading_links"] = _log(heading_links)
    out["share_heading_links"] = min(1.0, heading_links / headings) if headings else 0.0
    _microdata_features(typed, out)
    text = body.text(separator="\n")
    chars = len(text)
    out["text_chars"] = _log(chars)
    out["text_per_element"] = _log(chars / elements)
    out["text_per_heading"] = _log(chars / (headings + 1))
    out["text_per_para"] = _log(chars / (counts.get(ids["p"], 0) + 1))
    out["text_per_link"] = _log(chars / (links + 1))
    out["n_long_paras"] = _log(long_paras)
    out["share_long_paras"] = min(1.0, long_chars / chars) if chars else 0.0
    sample = text[:TEXT_SAMPLE_CHARS].lower()
    words = Counter(sample.split())  # (in C; a word keeps the punctuation after it)
    for key, vocabulary in TEXT_WORDS.items():
        hits = sum(words[w] + words[w + ","] + words[w + "."] + words[w + ":"] for w in vocabulary)
        out[f"text_{key}"] = _log(hits)
    for key, marks in TEXT_CHARS.items():
        out[f"text_{key}"] = _log(sum(sample.count(m) for m in marks))
    return out


# -- the model --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageTypeModel:
    """A multinomial logistic regression over :data:`FEATURES`: one weight per feature and
    type (the features' standardisation folded in), and one intercept per type."""

    classes: tuple[str, ...]
    features: tuple[str, ...]
    weights: tuple[tuple[float, ...], ...]  # [class][feature]
    intercepts: tuple[float, ...]
    #: Each feature's weights, one per class (the weights by column, for :meth:`scores`).
    columns: dict[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        columns = {
            name: tuple(row[j] for row in self.weights) for j, name in enumerate(self.features)
        }
        object.__setattr__(self, "columns", columns)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageTypeModel:
        """Read the model file's content.

        Raises:
            ValueError: the data is not a model of :data:`MODEL_FORMAT` over :data:`FEATURES`
                and the seven page types.
        """
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a page-type model of format {MODEL_FORMAT!r}")
        classes = tuple(str(c) for c in data["classes"])
        features = tuple(str(f) for f in data["features"])
        weights = tuple(tuple(float(w) for w in row) for row in data["weights"])
        intercepts = tuple(float(b) for b in data["intercepts"])
        if set(classes) != {t.value for t in PageType} or len(classes) != len(PageType):
            raise ValueError(f"the model's classes {classes} are not the page types")
        if features != FEATURES:
            raise ValueError("the model's features are not this version's FEATURES")
        if len(weights) != len(classes) or any(len(r) != len(features) for r in weights):
            raise ValueError("the model's weights do not match its classes and features")
        if len(intercepts) != len(classes):
            raise ValueError("the model's intercepts do not match its classes")
        return cls(classes, features, weights, intercepts)

    def scores(self, features: dict[str, float]) -> dict[str, float]:
        """Each type's score (its log-odds up to a constant) for a page's features."""
        totals = list(self.intercepts)
        columns = self.columns
        for name, value in features.items():
            column = columns.get(name) if value else None
            if column is not None:
                totals = [t + w * value for t, w in zip(totals, column, strict=True)]
        return dict(zip(self.classes, totals, strict=True))

    def predict(self, features: dict[str, float]) -> PageType:
        """The type with the highest score (the first in :attr:`classes` on a tie)."""
        scores = self.scores(features)
        return PageType(max(self.classes, key=scores.__getitem__))

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """The model's probability of each type."""
        scores = self.scores(features)
        top = max(scores.values())
        exps = {cls: math.exp(s - top) for cls, s in scores.items()}
        total = sum(exps.values())
        return {cls: e / total for cls, e in exps.items()}


@cache
def load_model() -> PageTypeModel:
    """The model shipped in the package (read once).

    Raises:
        ValueError: the file is not a model for this version (a packaging error).
    """
    raw = (resources.files("cleanarticle.html") / MODEL_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return PageTypeModel.from_dict(data)


def classify_page(
    url: str | None, head: HeadMeta, found: PageNodes, tree: LexborHTMLParser
) -> PageType:
    """The page's type, from :func:`page_features` and the shipped model."""
    return load_model().predict(page_features(url, head, found, tree))


def explain_page_type(features: dict[str, float], top: int = 8) -> list[tuple[str, float]]:
    """The features that pushed the predicted type the most, with their contributions
    (weight times value, the type's mean contribution over all types subtracted)."""
    model = load_model()
    winner = model.predict(features).value
    row = model.classes.index(winner)
    n = len(model.classes)
    contributions: list[tuple[str, float]] = []
    for j, name in enumerate(model.features):
        value = features.get(name, 0.0)
        if not value:
            continue
        mean = sum(model.weights[i][j] for i in range(n)) / n
        contributions.append((name, (model.weights[row][j] - mean) * value))
    contributions.sort(key=lambda item: -abs(item[1]))
    return contributions[:top]


# -- the hand-off to the pipeline -------------------------------------------------------------


def page_type_of(
    options: Options, url: str | None, head: HeadMeta, found: PageNodes, tree: LexborHTMLParser
) -> PageType:
    """The caller's page type (``Options.page_type``), else the classifier's, which reads the
    page parsed, its metadata read and its scripts and styles gone, before any cleaning."""
    if options.page_type is not None:
        return PageType(options.page_type)
    return classify_page(url or head.canonical or head.og_url, head, found, tree)


def html_page_features(text: str, url: str | None = None) -> dict[str, float]:
    """The page-type features of an HTML page, as :func:`~cleanarticle.html.route.extract_html`
    reads them (for ``benchmarks/pagetype_train.py``, which trains the model on them)."""
    tree = parse_html(text)
    swallowed = swallowing_element(tree)
    repaired = close_swallowing(text, swallowed) if swallowed is not None else None
    if repaired is not None:  # a damaged page, repaired as extract_html repairs it
        tree = parse_html(repaired)
    found = scan_page(tree)
    head = read_head(tree, url, found)
    strip_non_content(tree, found.non_content)
    return page_features(url or head.canonical or head.og_url, head, found, tree)
