"""cleanarticle in a Scrapy project: a downloader middleware and an item pipeline.

Either one, or both, in ``settings.py``::

    DOWNLOADER_MIDDLEWARES = {
        # response.meta["article"] for requests made with meta={"cleanarticle": True}
        "cleanarticle.integrations.scrapy.ArticleMiddleware": 540,
    }
    ITEM_PIPELINES = {
        # items with an "html" field gain the article's fields
        "cleanarticle.integrations.scrapy.ArticlePipeline": 300,
    }
    CLEANARTICLE_TIMEOUT = 5  # seconds a page may take (default: no bound)

:class:`ArticleMiddleware` cleans the responses of the requests that ask for it with
``meta={"cleanarticle": True}`` (every HTML response with ``CLEANARTICLE_ALL_RESPONSES =
True``); the callback finds the :class:`~cleanarticle.Article` in ``response.meta["article"]``,
or ``None`` and the error in ``response.meta["article_error"]``. Its priority, 540, puts it
after the redirect, decompression and retry middlewares: it sees the final, decoded response.

:class:`ArticlePipeline` cleans the ``html`` field of each item (items without one pass
unchanged) and sets the article's fields under their JSON names (``headline``,
``articleBody``, ``datePublished``, ...; ``CLEANARTICLE_FIELDS`` chooses them). A page that
fails is dropped (``DropItem``, which Scrapy logs and counts), or kept with an ``error``
field with ``CLEANARTICLE_ON_ERROR = "keep"``.

Settings (all optional):

==============================  ==========  ================================================
``CLEANARTICLE_RULES``          ``None``    a profile file or folder adding to the built-in
                                            rules (as ``extract(rules=...)``)
``CLEANARTICLE_INPUT_FORMAT``   ``"auto"``  ``"html"``, ``"text"`` or ``"auto"``
``CLEANARTICLE_TIMEOUT``        ``None``    seconds one page may take (``Options.timeout``)
``CLEANARTICLE_ALL_RESPONSES``  ``False``   middleware: clean every HTML response
``CLEANARTICLE_HTML_FIELD``     ``"html"``  pipeline: the item field holding the page
``CLEANARTICLE_URL_FIELD``      ``"url"``   pipeline: the item field holding its URL
``CLEANARTICLE_KEEP_HTML``      ``False``   pipeline: keep the html field in the item
``CLEANARTICLE_FIELDS``         every key   pipeline: the JSON keys of ``Article.to_dict()``
                                            to set (e.g. ``["headline", "articleBody"]``)
``CLEANARTICLE_ON_ERROR``       ``"drop"``  pipeline: ``"drop"`` the item, or ``"keep"`` it
                                            with ``error: {"type", "message"}``
==============================  ==========  ================================================

Items that are dicts gain every field; declared items (``scrapy.Item``, dataclasses, attrs)
gain only the fields they declare. Both components count what they do in Scrapy's stats
(``cleanarticle/articles``, ``cleanarticle/errors/<ErrorType>``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Self

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import TextResponse

from cleanarticle.api import InputFormat, extract
from cleanarticle.errors import CleanArticleError
from cleanarticle.options import DEFAULTS, Options
from cleanarticle.rules import RuleSet, load_rules

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

    from cleanarticle.model import Article

__all__ = ["META_ARTICLE", "META_ERROR", "META_KEY", "ArticleMiddleware", "ArticlePipeline"]

#: The request meta key that asks the middleware to clean the response.
META_KEY = "cleanarticle"
#: Where the middleware puts the Article (``None`` when the page failed) and the error.
META_ARTICLE = "article"
META_ERROR = "article_error"
_FORMATS = ("auto", "html", "text")


class _Engine:
    """What both components share: the rules, the options, the stats."""

    def __init__(self, settings: BaseSettings, stats: StatsCollector | None) -> None:
        rules = settings.get("CLEANARTICLE_RULES")
        self.rules: RuleSet = load_rules(rules or None)  # RulesError: the crawl does not start
        fmt = settings.get("CLEANARTICLE_INPUT_FORMAT", "auto")
        if fmt not in _FORMATS:
            raise NotConfigured(f"CLEANARTICLE_INPUT_FORMAT must be one of {_FORMATS}")
        self.input_format: InputFormat = fmt
        timeout = settings.getfloat("CLEANARTICLE_TIMEOUT", 0.0)
        self.options: Options = DEFAULTS.with_(timeout=timeout or None)
        self.stats = stats

    def clean(
        self, data: bytes | str, url: str | None, encoding: str | None = None
    ) -> Article | CleanArticleError:
        """The article of a page, or the error that stopped it (counted in the stats)."""
        try:
            article = extract(
                data,
                url=url,
                encoding=encoding,
                input_format=self.input_format,
                rules=self.rules,
                options=self.options,
            )
        except CleanArticleError as exc:
            if self.stats is not None:
                self.stats.inc_value(f"cleanarticle/errors/{type(exc).__name__}")
            return exc
        if self.stats is not None:
            self.stats.inc_value("cleanarticle/articles")
        return article


class ArticleMiddleware:
    """Downloader middleware: cleans the responses asked for (``meta={"cleanarticle":
    True}``, or every HTML response with ``CLEANARTICLE_ALL_RESPONSES``) and puts the Article
    in ``response.meta["article"]`` (``None`` on failure, the error in
    ``response.meta["article_error"]``). Other responses pass untouched."""

    def __init__(self, settings: BaseSettings, stats: StatsCollector | None = None) -> None:
        self.engine = _Engine(settings, stats)
        self.all_responses = settings.getbool("CLEANARTICLE_ALL_RESPONSES", False)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from the crawler's settings (Scrapy calls this)."""
        return cls(crawler.settings, crawler.stats)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        """Clean the response if it was asked for; always return it."""
        wanted = request.meta.get(META_KEY, self.all_responses)
        if not wanted or not isinstance(response, TextResponse) or response.status >= 300:
            return response
        result = self.engine.clean(response.body, response.url, response.encoding)
        if isinstance(result, CleanArticleError):
            request.meta[META_ARTICLE] = None
            request.meta[META_ERROR] = result
        else:
            request.meta[META_ARTICLE] = result
            request.meta.pop(META_ERROR, None)
        return response


class ArticlePipeline:
    """Item pipeline: cleans the item's ``html`` field into article fields (see the module
    docstring for the settings)."""

    def __init__(self, settings: BaseSettings, stats: StatsCollector | None = None) -> None:
        self.engine = _Engine(settings, stats)
        self.html_field: str = settings.get("CLEANARTICLE_HTML_FIELD", "html")
        self.url_field: str = settings.get("CLEANARTICLE_URL_FIELD", "url")
        self.keep_html = settings.getbool("CLEANARTICLE_KEEP_HTML", False)
        fields = settings.getlist("CLEANARTICLE_FIELDS")
        self.fields: frozenset[str] | None = frozenset(fields) if fields else None
        on_error = settings.get("CLEANARTICLE_ON_ERROR", "drop")
        if on_error not in ("drop", "keep"):
            raise NotConfigured('CLEANARTICLE_ON_ERROR must be "drop" or "keep"')
        self.on_error: Literal["drop", "keep"] = on_error

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from the crawler's settings (Scrapy calls this)."""
        return cls(crawler.settings, crawler.stats)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        """Add the article's fields to an item with an html field; return the item.

        Raises:
            DropItem: the page failed (unless ``CLEANARTICLE_ON_ERROR = "keep"``).
        """
        adapter = ItemAdapter(item)
        html = adapter.get(self.html_field)
        if not isinstance(html, (str, bytes)):
            return item
        url = adapter.get(self.url_field)
        result = self.engine.clean(html, url if isinstance(url, str) else None)
        declared = ItemAdapter.get_field_names_from_class(type(item))
        allowed = None if declared is None else set(declared)
        if isinstance(result, CleanArticleError):
            reason = f"{type(result).__name__}: {result}"
            if self.on_error == "drop":
                raise DropItem(f"cleanarticle: {reason}")
            values: dict[str, Any] = {
                "error": {"type": type(result).__name__, "message": str(result)}
            }
        else:
            values = result.to_dict()
            if self.fields is not None:
                values = {k: v for k, v in values.items() if k in self.fields}
        for key, value in values.items():
            if allowed is None or key in allowed:
                adapter[key] = value
        if not self.keep_html and self.html_field not in values:
            del adapter[self.html_field]
        return item
