"""cleanarticle.integrations.scrapy: a real crawl (CrawlerProcess, in a subprocess) of pages
served on 127.0.0.1, and the pipeline's options on items built by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("scrapy", reason="the scrapy extra is not installed")

import scrapy
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.settings import Settings

import cleanarticle
from cleanarticle.integrations.scrapy import ArticlePipeline

from .cases import ROOT
from .dumps import story_page
from .test_fetch import RUSSIAN, koi8_page
from .webserver import Route, serve

EMPTY = b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"


def test_a_real_crawl_cleans_through_the_middleware_and_the_pipeline(tmp_path: Path) -> None:
    index = b"<html><body><a href='/a'>A</a> <a href='/ru'>RU</a> <a href='/empty'>E</a>"
    routes = {
        "/": Route(index),
        "/a": Route(story_page(1).encode()),
        "/ru": Route(koi8_page(), content_type="text/html; charset=koi8-r"),
        "/empty": Route(EMPTY),
    }
    feed, stats = tmp_path / "items.jsonl", tmp_path / "stats.json"
    # The crawl imports the cleanarticle this test runs (source or installed build).
    package_root = Path(cleanarticle.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_root), str(ROOT)])}
    script = ROOT / "tests" / "scrapy_crawl.py"
    with serve(routes) as site:
        done = subprocess.run(
            [sys.executable, str(script), site.url("/"), str(feed), str(stats)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    items = {item["url"]: item for item in map(json.loads, feed.read_text("utf-8").splitlines())}
    assert set(items) == {site.url(p) for p in ("/a", "/ru", "/empty")}
    story, russian, empty = items[site.url("/a")], items[site.url("/ru")], items[site.url("/empty")]
    # The pipeline: article fields under their JSON names, the html field gone.
    assert story["headline"] == "Tram network to grow 1"
    assert story["articleBody"].startswith("The city council voted")
    assert "Sign up for our newsletter" not in story["articleBody"]
    assert "html" not in story
    assert russian["articleBody"].startswith(RUSSIAN[:40])
    assert empty["error"]["type"] == "NoContentError" and "headline" not in empty
    # The middleware: the Article on the response, the server's charset used.
    assert story["middleware"] == {
        "headline": "Tram network to grow 1",
        "encoding": "utf-8",
        "error": None,
    }
    assert russian["middleware"]["encoding"] == "koi8-r"
    assert empty["middleware"]["error"] == "NoContentError"
    assert json.loads(stats.read_text("utf-8")) == {
        "cleanarticle/articles": 4,
        "cleanarticle/errors/NoContentError": 2,
    }


class Story(scrapy.Item):
    url = scrapy.Field()
    html = scrapy.Field()
    headline = scrapy.Field()
    articleBody = scrapy.Field()  # noqa: N815 - the JSON name


def test_declared_items_gain_only_their_fields_and_failures_drop() -> None:
    pipeline = ArticlePipeline(Settings())
    item = pipeline.process_item(Story(url="https://example.org/a", html=story_page(2)))
    assert dict(item) == {
        "url": "https://example.org/a",
        "headline": "Tram network to grow 2",
        "articleBody": item["articleBody"],
    }
    assert item["articleBody"].startswith("The city council voted")
    with pytest.raises(DropItem, match="NoContentError"):
        pipeline.process_item({"html": EMPTY.decode()})
    assert pipeline.process_item({"title": "no page here"}) == {"title": "no page here"}


def test_pipeline_settings_choose_fields_and_keep_html() -> None:
    settings = Settings(
        {
            "CLEANARTICLE_FIELDS": ["headline", "inLanguage"],
            "CLEANARTICLE_KEEP_HTML": True,
            "CLEANARTICLE_HTML_FIELD": "body",
        }
    )
    item = ArticlePipeline(settings).process_item({"body": story_page(3)})
    assert item == {"body": story_page(3), "headline": "Tram network to grow 3", "inLanguage": "en"}
    with pytest.raises(NotConfigured):
        ArticlePipeline(Settings({"CLEANARTICLE_ON_ERROR": "ignore"}))
