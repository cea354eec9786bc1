"""A real Scrapy crawl with cleanarticle's middleware and pipeline, for test_scrapy.

Run as ``python tests/scrapy_crawl.py START_URL FEED.jsonl STATS.json``: Twisted's reactor
can start only once per process, so the test runs each crawl in a process of its own. The
spider follows the links of the start page, asks the middleware to clean each page
(``meta={"cleanarticle": True}``), and yields an item with the page's ``html`` for the
pipeline, plus what the middleware attached to the response.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

SETTINGS: dict[str, Any] = {
    "DOWNLOADER_MIDDLEWARES": {"cleanarticle.integrations.scrapy.ArticleMiddleware": 540},
    "ITEM_PIPELINES": {"cleanarticle.integrations.scrapy.ArticlePipeline": 300},
    "CLEANARTICLE_ON_ERROR": "keep",
    "CLEANARTICLE_TIMEOUT": 10,
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
}


class NewsSpider(Spider):
    """Follows the start page's links; one item per page."""

    name = "news"

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, self.parse_page, meta={"cleanarticle": True})

    def parse_page(self, response: Response) -> Iterator[dict[str, Any]]:
        article = response.meta.get("article")
        error = response.meta.get("article_error")
        yield {
            "url": response.url,
            "html": response.text,
            "middleware": {
                "headline": article.headline if article is not None else None,
                "encoding": article.encoding if article is not None else None,
                "error": type(error).__name__ if error is not None else None,
            },
        }


def main(start: str, feed: str, stats_path: str) -> None:
    process = CrawlerProcess({**SETTINGS, "FEEDS": {feed: {"format": "jsonlines"}}})
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, start_urls=[start])
    process.start()
    assert crawler.stats is not None
    stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("cleanarticle/")}
    Path(stats_path).write_text(json.dumps(stats), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
