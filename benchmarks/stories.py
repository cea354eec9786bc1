"""Stories benchmark: does ``cleanarticle stories`` find the copies of each story, and the original?

    python benchmarks/stories.py [DATASETS_DIR] [--workdir DIR] [--sizes 10000,100000]
                                 [--seed N] [--workers N] [--skip-scale] [--skip-dask]

It builds a dump at run time (nothing is committed) from the development pages of
DATASETS_DIR (default ``../shared/datasets``: ScrapingHub, the trafilatura set, WCXB's
article pages). Each page is cleaned; near-duplicate pages are dropped (an exact measure, not
the fingerprint: any two pages sharing a fifth of the shorter one's 4-word shingles), and
each kept page with a body of 80 words or more is a **story**. A story is written as:

- the **publisher's page** (the dataset page itself), in 85% of the stories;
- **full copies** (0 to 3): the story's paragraphs, headline, publisher and byline inside an
  aggregator's template, as the aggregators' chrome is built (``../shared/aggregators/``
  and the project's fixtures): MSN (HTML: "© Provided by" captions inside paragraphs, a
  promo block between "____" rules, Taboola and "More in" rails), Yahoo (HTML: provider
  label, share buttons, off-topic links as paragraphs, a stream rail with providers),
  inkl (a text capture: the sign-up header, the publisher twice, the sign-up wall, rails),
  and a republication on another site ("This article originally appeared on X");
- **partial copies** (40% of the stories): the first one to three paragraphs (at least 60
  words, at most 60% of the story: a teaser, not a caption) as a NewsBreak
  text capture ("Read full article on original website", a related rail), a Yahoo teaser
  ("Read More" button out) or a page ending "Read the full story at X";
- **edited copies** (30%): a new headline, one paragraph dropped, one changed, one added,
  in one of the templates.

Every page of the dump goes through ``cleanarticle batch`` (2 workers), then ``cleanarticle
stories`` over its output. Reported: pairwise precision and recall of "same story" over
the article records; how often the original is found (stories with the publisher's page in
the dump and at least one copy: the publisher's page is the original, and every copy of
the story put with it names it in ``copyOf``); the copy kinds found. Then, for each of
``--sizes``, a dump of that many records made from the batch output (each replica's words
changed, so that every replica's stories are new stories with the same copies) is grouped
on one core (``taskset -c 0`` where present): records per second and peak memory (VmHWM),
and precision and recall again; ``--dask`` (a local cluster of 2 workers) must give the
same story keys as the local run on the first size.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from cleanarticle import Article, BlockKind, CleanArticleError, extract  # noqa: E402
from cleanarticle.bench.datasets import (  # noqa: E402
    Page,
    default_datasets,
    load_scrapinghub,
    load_trafilatura,
    load_wcxb,
)
from cleanarticle.input.decode import decode  # noqa: E402
from cleanarticle.stories.fingerprint import fingerprint_text  # noqa: E402
from cleanarticle.urls import base_domain  # noqa: E402

ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
}
MIN_WORDS = 80
NEAR_DUPLICATE = 0.2  # shared share of the shorter page's shingles that drops a page
_WORD = re.compile(r"\w+")

RUN = """
import json, sys, time
from cleanarticle.stories.run import run_stories
args = json.loads(sys.argv[1])
cpu = time.process_time()
summary = run_stories(args["inputs"], args["output"], overwrite=True, dask=args.get("dask"),
                      workers=args.get("workers"))
with open("/proc/self/status") as fh:
    peak = next(int(l.split()[1]) * 1024 for l in fh if l.startswith("VmHWM:"))
print(json.dumps({"records": summary.records, "seconds": summary.seconds, "peak": peak,
                  "cpu": time.process_time() - cpu,
                  "table": summary.table_bytes, "stories": summary.stories,
                  "copies": summary.copies, "kinds": summary.kinds}))
"""


# -- the stories ------------------------------------------------------------------------


@dataclass
class Story:
    """A story: the publisher's page, and what its copies are made of."""

    key: str
    page: Page
    article: Article
    blocks: list[tuple[str, Any]]  # ("p", text) / ("h", heading) / ("ul", [items])
    publisher: str
    records: list[tuple[str, str]] = field(default_factory=list)  # (record id, kind)


def _pages(datasets: Path) -> Iterator[Page]:
    for name, loader in (
        ("scrapinghub", load_scrapinghub),
        ("trafilatura", load_trafilatura),
        ("wcxb", load_wcxb),
    ):
        folder = datasets / name
        if not folder.is_dir():
            continue
        for page in loader(folder):
            if name == "wcxb" and page.meta.get("page_type") != "article":
                continue
            page.id = f"{name}-{page.id}"
            yield page


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


def _distinct(candidates: list[tuple[Page, Article]]) -> list[tuple[Page, Article]]:
    """The pages without near-duplicates of an earlier one (exact shingle overlap through
    an inverted index; shingles in more than 20 pages are not indexed)."""
    sets = [_shingles(article.text) for _, article in candidates]
    index: dict[str, list[int]] = defaultdict(list)
    for i, shingles in enumerate(sets):
        for shingle in shingles:
            index[shingle].append(i)
    dropped: set[int] = set()
    for i, shingles in enumerate(sets):
        if i in dropped:
            continue
        shared: Counter[int] = Counter()
        for shingle in shingles:
            postings = index[shingle]
            if len(postings) <= 20:
                shared.update(j for j in postings if j > i)
        for j, count in shared.items():
            if count >= NEAR_DUPLICATE * min(len(shingles), len(sets[j])):
                dropped.add(j)
    return [c for i, c in enumerate(candidates) if i not in dropped]


def _blocks(article: Article) -> list[tuple[str, Any]]:
    blocks: list[tuple[str, Any]] = []
    for section in article.sections:
        if section.heading:
            blocks.append(("h", section.heading))
        for block in section.blocks:
            if block.kind is BlockKind.LIST:
                blocks.append(("ul", [item.text for item in block.items]))
            elif block.kind is BlockKind.TABLE:
                blocks.extend(("p", " ".join(row)) for row in block.rows if row)
            elif block.text:
                blocks.append(("p", block.text))
    return blocks


def _site(url: str | None) -> str:
    """The name an aggregator prints for a page that does not name its publisher: its
    site, "Ekd" for www.ekd.de (the registrable label)."""
    host = re.sub(r"^https?://", "", url or "").split("/")[0].split(":")[0]
    label = base_domain(host).split(".")[0] if host else ""
    return label.capitalize() or "Unknown"


def load_stories(datasets: Path) -> tuple[list[Story], list[tuple[Page, Article | None]]]:
    """Every dataset page cleaned; the distinct ones, as stories (80 words or more) and as
    pages without copies (the rest)."""
    cleaned: list[tuple[Page, Article]] = []
    failed: list[tuple[Page, Article | None]] = []
    for page in _pages(datasets):
        try:
            article = extract(page.data, url=page.url)
        except CleanArticleError:
            failed.append((page, None))
            continue
        cleaned.append((page, article))
    distinct = _distinct(cleaned)
    stories, others = [], list(failed)
    for page, article in distinct:
        blocks = _blocks(article)
        paragraphs = sum(kind == "p" for kind, _ in blocks)
        if article.word_count >= MIN_WORDS and paragraphs >= 2:
            publisher = article.publisher or _site(page.url)
            stories.append(Story(page.id, page, article, blocks, publisher))
        else:
            others.append((page, article))
    return stories, others


# -- aggregator templates ---------------------------------------------------------------

E = html.escape


def _html_blocks(blocks: list[tuple[str, Any]], p_class: str = "") -> str:
    attr = f' class="{p_class}"' if p_class else ""
    out = []
    for kind, value in blocks:
        if kind == "h":
            out.append(f"<h2>{E(value)}</h2>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{E(i)}</li>" for i in value) + "</ul>")
        else:
            out.append(f"<p{attr}>{E(value)}</p>")
    return "\n".join(out)


def _text_blocks(blocks: list[tuple[str, Any]]) -> str:
    out = []
    for kind, value in blocks:
        if kind == "ul":
            out.append("\n\n".join(f"  • {item}" for item in value))
        else:
            out.append(value)
    return "\n\n".join(out)


def _slug(text: str) -> str:
    return "-".join(_WORD.findall(text.lower())[:8]) or "story"


def _byline(story: Story) -> str:
    return ", ".join(story.article.authors[:2])


def msn(story: Story, blocks: list[tuple[str, Any]], headline: str, rid: str) -> tuple[str, str]:
    pub = E(story.publisher)
    body = list(blocks)
    promo = (
        "<p>__________</p><p><strong>More on this story:</strong></p><ul>"
        '<li><a href="https://www.msn.com/en-us/news/a1">Officials respond to the report</a></li>'
        '</ul><p><a href="https://aka.ms/msnapp">Download the Microsoft Start app for full '
        "coverage</a></p><p>__________</p>"
    )
    inner = _html_blocks(body[:3]) + (promo if len(body) > 4 else "") + _html_blocks(body[3:])
    caption = (
        '<p><span class="storyimage" data-aop="image"><span class="image"><img alt="" '
        'src="https://img-s-msn-com.akamaized.net/a.img"></span><span class="caption truncate">'
        f'<span class="attribution">© Provided by {pub}</span> A photograph from the scene.'
        "</span></span></p>"
    )
    author = _byline(story)
    page = f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
<title>{E(headline)}</title><meta property="og:site_name" content="MSN">
<meta property="og:title" content="{E(headline)}"></head>
<body><div id="topnav"><ul><li><a href="https://www.msn.com/en-us">Home</a></li>
<li><a href="https://www.msn.com/en-us/news">News</a></li></ul></div>
<div id="maincontent"><div id="precontent">
<div class="widead" aria-label="advertisement"><a class="adchoices" href="#"><span>AdChoices</span></a></div>
<header class="collection-headline"><h1 itemprop="headline">{E(headline)}</h1></header>
<section class="Modelinfo"><div class="authorinfo-bsb">
<div class="sourcename-txt truncate"><a href="#" title="{pub}">{pub}</a></div>
<div class="authorinfo-txt"><span class="authorname-txt"><span class="truncate">{E(author)}</span></span></div>
<div class="sharingtb"><div class="stb-bsb" data-aop="sharingtoolbar_social">
<a class="stb-btn" href="#"><span class="stb-text">SHARE</span></a>
<a class="stb-btn" href="#"><span class="stb-text">TWEET</span></a></div></div></div></section></div>
<main id="main" role="main"><article class="articlecontent" data-aop="article">
<section class="articlebody" itemprop="articleBody" data-aop="articlebody">
{caption}
{inner}
</section></article>
<div class="back-msn-home"><a href="https://www.msn.com/en-us"><span>Go to MSN Home</span></a></div>
<div id="taboola-below-article-thumbnails" class="trc_related_container">
<div class="trc_rbox_header"><span>MORE FOR YOU</span><span>by Taboola</span><span>Sponsored Links</span></div>
<div class="trc_rbox"><a href="https://promo.example/1"><span>This one trick lowers your heating bill</span></a></div></div>
<div class="morefromcategory"><h2><span>More in News</span></h2><ul>
<li><a href="https://www.msn.com/en-us/news/a2"><h4>County approves new landfill site</h4><span>Associated Press</span></a></li></ul></div>
</main></div><div id="foot"><a href="#">© 2026 Microsoft</a> <a href="#">Privacy</a></div></body></html>"""
    return page, f"https://www.msn.com/en-us/news/other/{_slug(headline)}/ar-{rid}"


def yahoo(
    story: Story, blocks: list[tuple[str, Any]], headline: str, rid: str, teaser: bool = False
) -> tuple[str, str]:
    pub = E(story.publisher)
    parts = list(blocks)
    body = _html_blocks(parts[:2], "canvas-text")
    if len(parts) > 2:
        body += (
            '\n<p class="canvas-text"><a href="https://news.yahoo.com/x9.html">Storms cut power '
            "to thousands across the region</a></p>\n"
        )
        body += _html_blocks(parts[2:], "canvas-text")
    more = ""
    if teaser:
        more = (
            '<div class="read-more"><a class="read-more-button" target="_blank" '
            f'href="{E(story.page.url or "https://example.com/")}">Read More</a></div>'
        )
    author = _byline(story)
    page = f"""<!DOCTYPE html><html id="atomic" lang="en-US"><head><meta charset="utf-8">
<title>{E(headline)}</title><meta property="og:site_name" content="Yahoo News">
<meta property="og:title" content="{E(headline)}"><meta property="al:ios:app_name" content="Yahoo"></head>
<body><div id="tgtm-UH-0-Header"><ul id="skip-nav"><li><a href="#Main">Skip to Main Content</a></li>
<li><a href="#YDC-Stream">Skip to Related Content</a></li></ul>
<a href="https://www.yahoo.com/">Yahoo</a> <a href="https://mail.yahoo.com/">Mail</a> <a href="https://news.yahoo.com/">News</a></div>
<div id="YDC-Col1" class="YDC-Col1"><div id="Main" role="content">
<header class="caas-header"><h1>{E(headline)}</h1></header>
<div class="caas-attr"><div class="auth-prov-soc"><span class="caas-attr-item-author">{E(author)}</span>
<span class="provider"><span class="provider-name">{pub}</span></span></div></div>
<div class="caas-share-buttons canvas-share-buttons"><button data-sharetype="facebook"><span>Share</span></button>
<button data-sharetype="tumblr"><span>Reblog</span></button></div>
<article class="canvas-body caas-body">
{body}
{more}
</article></div></div>
<div id="YDC-Stream"><ul>
<li class="js-stream-content"><div><h3><a href="https://news.yahoo.com/x1.html">Farmers plant less wheat as aquifer drops</a></h3>
<div>Associated Press</div><div>3 hours ago</div><p>Growers are leaving more fields fallow this year.</p></div></li>
<li class="js-stream-content"><div><h3><a href="https://ad.example/y3">The garden hose that never kinks</a></h3><div>Sponsored</div></div></li>
</ul></div><div id="tgtm-Footer"><a href="#">Terms</a> <a href="#">Privacy</a></div></body></html>"""
    return page, f"https://news.yahoo.com/{_slug(headline)}-{rid}.html"


def inkl(story: Story, blocks: list[tuple[str, Any]], headline: str, rid: str) -> tuple[str, str]:
    section = story.article.section or "News"
    head = [
        "Get all your news in one place.",
        "100’s of premium titles.",
        "One app.",
        "Start reading",
        story.publisher,
        story.publisher,
        section,
    ]
    if story.article.authors:
        head.append(_byline(story))
    text = "\n".join(head) + "\n\n" + headline + "\n\n" + _text_blocks(blocks) + "\n\n"
    text += (
        "Sign up to read this article\nRead news from 100’s of titles, curated specifically "
        "for you.\nAlready a member? Sign in here\nRelated Stories\nTop stories on inkl right "
        "now\nOur Picks\nFourteen days free\nDownload the app\nOne app. One membership.\n"
        "100+ trusted global sources.\n"
    )
    return text, f"https://www.inkl.com/news/{_slug(headline)}-{rid}"


def republished(
    story: Story, blocks: list[tuple[str, Any]], headline: str, rid: str
) -> tuple[str, str]:
    site = "The Daily Ledger"
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{E(headline)} | {site}</title><meta property="og:site_name" content="{site}">
<meta property="og:title" content="{E(headline)}"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/opinion">Opinion</a></nav></header>
<main><article><h1>{E(headline)}</h1>
<p class="byline">By {E(_byline(story) or "Staff")}</p>
<div class="article-body">
<p><em>This article originally appeared on {E(story.publisher)}.</em></p>
{_html_blocks(blocks)}
</div></article>
<aside class="related"><h3>Related Articles</h3><ul><li><a href="/a/1">City budget passes after long debate</a></li>
<li><a href="/a/2">New bike lanes open downtown</a></li></ul></aside></main>
<footer><p>Sign up for our free newsletter</p><p>© 2026 {site}</p></footer></body></html>"""
    return page, f"https://dailyledger.example/news/{_slug(headline)}-{rid}"


def newsbreak(
    story: Story, blocks: list[tuple[str, Any]], headline: str, rid: str
) -> tuple[str, str]:
    text = f"Open in App\n{story.publisher}\nFollow\nMar 3, 2026\n\n{headline}\n\n"
    text += _text_blocks(blocks) + "\n\nRead full article on original website\nRelated\n"
    text += (
        "Schools test drinking fountains after lead scare\nDistricts in three states have shut "
        "off fountains after tests found lead.\nTrending\nMayor unveils plan for free summer buses\n"
    )
    return text, f"https://www.newsbreak.com/news/{rid}-{_slug(headline)}"


def read_full_story(
    story: Story, blocks: list[tuple[str, Any]], headline: str, rid: str
) -> tuple[str, str]:
    site = "Morning Digest"
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{E(headline)} - {site}</title><meta property="og:site_name" content="{site}"></head>
<body><header><a href="/">{site}</a></header><main><article><h1>{E(headline)}</h1>
<div class="entry-content">{_html_blocks(blocks)}
<p><a href="{E(story.page.url or "https://example.com/")}">Read the full story at {E(story.publisher)}</a></p>
</div></article><aside><h3>Trending</h3><ul><li><a href="/t/1">Five things to know today</a></li></ul></aside>
</main><footer>© 2026 {site}</footer></body></html>"""
    return page, f"https://morningdigest.example/{_slug(headline)}-{rid}"


FULL = {"msn": msn, "yahoo": yahoo, "inkl": inkl, "republished": republished}
PARTIAL = ("newsbreak", "yahoo-teaser", "read-full")


def _edit(story: Story, rng: random.Random) -> tuple[list[tuple[str, Any]], str]:
    """The story's blocks with one paragraph dropped, one changed and one added, and a new
    headline."""
    blocks = list(story.blocks)
    paragraphs = [i for i, (kind, _) in enumerate(blocks) if kind == "p"]
    if len(paragraphs) >= 4:
        del blocks[paragraphs[-2]]
        paragraphs = [i for i, (kind, _) in enumerate(blocks) if kind == "p"]
    target = paragraphs[len(paragraphs) // 2]
    words = blocks[target][1].split()
    keep = words[: max(3, len(words) * 2 // 3)]
    title = story.article.headline or story.publisher
    blocks[target] = (
        "p",
        " ".join(keep)
        + f" Officials declined to say more about {title.lower()}, citing the review.",
    )
    blocks.insert(
        min(len(blocks), paragraphs[0] + 1),
        (
            "p",
            f"Update: this story about {title.lower()} has been changed since it was first "
            f"published by {story.publisher}, with new comments added.",
        ),
    )
    headline = f"{title}: what we know now" if rng.random() < 0.5 else f"Updated: {title}"
    return blocks, headline


def make_copies(story: Story, rng: random.Random) -> list[dict[str, Any]]:
    """The pages of a story's dump: publisher's page (maybe), full, partial, edited copies."""
    pages: list[dict[str, Any]] = []
    headline = story.article.headline or story.publisher
    n = 0

    def add(kind: str, made: tuple[str, str]) -> None:
        nonlocal n
        rid = f"{story.key}~{n}"
        n += 1
        pages.append({"id": rid, "html": made[0], "url": made[1]})
        story.records.append((rid, kind))

    if rng.random() < 0.85:
        rid = f"{story.key}~pub"
        pages.append({"id": rid, "html": _text(story.page.data), "url": story.page.url})
        story.records.append((rid, "publisher"))
    copies = rng.choice((0, 0, 1, 1, 2, 3)) if story.records else rng.choice((1, 2, 3))
    for name in rng.sample(sorted(FULL), copies):
        add("full", FULL[name](story, story.blocks, headline, _rid(story, name)))
    first = _teaser(story.blocks, rng.randint(1, 3))
    if rng.random() < 0.4 and first is not None:
        style = rng.choice(PARTIAL)
        rid = _rid(story, style)
        if style == "newsbreak":
            add("partial", newsbreak(story, first, headline, rid))
        elif style == "yahoo-teaser":
            add("partial", yahoo(story, first, headline, rid, teaser=True))
        else:
            add("partial", read_full_story(story, first, headline, rid))
    if rng.random() < 0.3:
        blocks, new_headline = _edit(story, rng)
        name = rng.choice(sorted(FULL))
        add("edited", FULL[name](story, blocks, new_headline, _rid(story, "edited")))
    return pages


def _teaser(blocks: list[tuple[str, Any]], paragraphs: int) -> list[tuple[str, Any]] | None:
    """The first blocks of a story, as a teaser shows them: at least ``paragraphs``
    paragraphs and 60 words, at most 60% of the story's words (None when impossible)."""
    total = sum(len(_WORD.findall(_plain(b))) for b in blocks)
    words = seen = 0
    for end, block in enumerate(blocks, 1):
        words += len(_WORD.findall(_plain(block)))
        seen += block[0] == "p"
        if seen >= paragraphs and words >= 60:
            return blocks[:end] if words <= 0.6 * total else None
    return None


def _plain(block: tuple[str, Any]) -> str:
    return " ".join(block[1]) if block[0] == "ul" else str(block[1])


def _rid(story: Story, name: str) -> str:
    return hashlib.blake2b(f"{story.key}/{name}".encode(), digest_size=6).hexdigest()


def _text(data: bytes) -> str:
    """A page as text, decoded as the engine decodes it (the dump is JSONL)."""
    return decode(data)[0]


# -- running and scoring ----------------------------------------------------------------


def run_batch(pages_path: Path, out: Path, workers: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cleanarticle.cli",
            "batch",
            str(pages_path),
            "--output",
            str(out),
            "--workers",
            str(workers),
            "--overwrite",
            "--quiet",
            "--no-progress",
        ],
        check=True,
        env=ENV,
    )
    return time.perf_counter() - start


def run_stories(
    inputs: list[str], out: Path, *, dask: str | None = None, one_core: bool = True
) -> dict[str, Any]:
    command = [
        sys.executable,
        "-c",
        RUN,
        json.dumps({"inputs": inputs, "output": str(out), "dask": dask, "workers": 2}),
    ]
    if one_core and dask is None and shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    result = subprocess.run(command, check=True, env=ENV, capture_output=True, text=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def read_story_fields(path: Path) -> list[dict[str, Any]]:
    """Per output record: id, source, error?, storyId, copyOf, copyKind (the body skipped)."""
    out = []
    with path.open("rb") as fh:
        for line in fh:
            tail = line[line.rfind(b',"storyId":') :] if b',"storyId":' in line else b""
            cut = line.find(b'"headline":')
            head = (
                json.loads(line[:cut].rstrip().rstrip(b",") + b"}") if cut > 0 else json.loads(line)
            )
            record = {"id": head.get("id"), "source": head.get("source"), "error": "error" in head}
            if tail:
                record.update(json.loads(b"{" + tail[1:]))
            out.append(record)
    return out


def score(records: list[dict[str, Any]], truth: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Pairwise precision / recall of "same story", originals found, copy kinds."""
    articles = [r for r in records if not r["error"] and r["id"] in truth]
    cells: Counter[tuple[str, str]] = Counter()
    predicted: Counter[str] = Counter()
    actual: Counter[str] = Counter()
    for r in articles:
        story = truth[r["id"]][0]
        cells[(r["storyId"], story)] += 1
        predicted[r["storyId"]] += 1
        actual[story] += 1

    def pairs(counter: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp, pp, ap = pairs(cells), pairs(predicted), pairs(actual)
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in articles:
        by_story[truth[r["id"]][0]].append(r)
    found = eligible = 0
    for members in by_story.values():
        publisher = [r for r in members if truth[r["id"]][1] == "publisher"]
        copies = [r for r in members if truth[r["id"]][1] != "publisher"]
        if not publisher or not copies:
            continue
        eligible += 1
        pub = publisher[0]
        linked = [c for c in copies if c["storyId"] == pub["storyId"]]
        if pub["copyOf"] is None and linked and all(c["copyOf"] == pub["source"] for c in linked):
            found += 1
    kinds: Counter[tuple[str, str]] = Counter()
    for members in by_story.values():
        for r in members:
            kind = truth[r["id"]][1]
            if kind != "publisher" and r["copyOf"] is not None:
                kinds[(kind, r["copyKind"])] += 1
    right = sum(n for (k, p), n in kinds.items() if k == p)
    return {
        "articles": len(articles),
        "errors": sum(1 for r in records if r["error"]),
        "precision": tp / pp if pp else 1.0,
        "recall": tp / ap if ap else 1.0,
        "true_pairs": ap,
        "predicted_pairs": pp,
        "original_found": found / eligible if eligible else 1.0,
        "original_eligible": eligible,
        "kinds_right": right / max(1, sum(kinds.values())),
        "kinds": {f"{k}->{p}": n for (k, p), n in sorted(kinds.items())},
    }


# -- scale dumps ------------------------------------------------------------------------


_REPLICAS: dict[int, dict[int, int]] = {}
_ASCII: dict[int, dict[int, int]] = {}  # the ASCII part: str.translate's fast path


def _replica_text(text: str, replica: int) -> str:
    """The text with every letter moved ``replica`` places within its alphabet (ASCII
    letters within a-z, other letters within their block of 64 code points, CJK ideographs
    and kana within their ranges): every word changes, the text's shape does not."""
    if not replica:
        return text
    table = _REPLICAS.get(replica)
    if table is None:
        table = {}
        for first, last in ((ord("a"), ord("z")), (ord("A"), ord("Z"))):
            size = last - first + 1
            for c in range(first, last + 1):
                table[c] = first + (c - first + replica) % size
        for c in range(0xC0, 0x3000):
            if chr(c).isalpha():
                moved = (c & ~63) + ((c & 63) + replica) % 64
                table[c] = moved if chr(moved).isalpha() else c
        for first, last in ((0x3041, 0x3096), (0x30A1, 0x30FA), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3)):
            size = last - first + 1
            for c in range(first, last + 1):
                table[c] = first + (c - first + replica * 7) % size
        _REPLICAS[replica] = table
        _ASCII[replica] = {c: table[c] for c in range(128) if c in table}
    return text.translate(_ASCII[replica] if text.isascii() else table)


def _json(value: str) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def scale_dump(
    batch_out: Path, size: int, out: Path, truth: dict[str, tuple[str, str]]
) -> list[tuple[str, str, str] | None]:
    """A dump of ``size`` records from the batch output: the records, then replicas of them
    whose bodies have every letter moved (so new stories with the same copies), sources and
    ids marked and fingerprints recomputed (the values replaced in the record's bytes).
    Returns the truth of each line: (id, story, kind), or None."""
    bases = []
    for line in batch_out.read_bytes().splitlines():
        record = json.loads(line)
        bases.append(
            (
                line,
                record["source"],
                record.get("id"),
                record.get("articleBody"),
                record.get("fingerprint"),
            )
        )
    lines_truth: list[tuple[str, str, str] | None] = []
    replica = 0
    with out.open("wb") as fh:
        while len(lines_truth) < size:
            for base, source, rid, body, fp in bases:
                if len(lines_truth) >= size:
                    break
                line = base
                if replica:
                    tag = f"@{replica}"
                    line = line.replace(
                        b'"source":' + _json(source), b'"source":' + _json(source + tag), 1
                    )
                    if rid is not None:
                        line = line.replace(b'"id":' + _json(rid), b'"id":' + _json(rid + tag), 1)
                    if body is not None and fp is not None:
                        moved = _replica_text(body, replica)
                        line = line.replace(
                            b'"articleBody":' + _json(body), b'"articleBody":' + _json(moved), 1
                        )
                        line = line.replace(
                            b'"fingerprint":' + _json(fp),
                            b'"fingerprint":' + _json(fingerprint_text(moved) or ""),
                            1,
                        )
                if rid is not None and rid in truth:
                    story, kind = truth[rid]
                    key = f"{rid}@{replica}" if replica else rid
                    lines_truth.append((key, f"{story}@{replica}", kind))
                else:
                    lines_truth.append(None)
                fh.write(line + b"\n")
            replica += 1
    return lines_truth


def build_dump(datasets: Path, work: Path, seed: int) -> dict[str, tuple[str, str]]:
    """Write ``pages.jsonl`` (the dump's pages) in ``work``; the truth of each page id:
    (story, kind)."""
    rng = random.Random(seed)
    started = time.perf_counter()
    stories, others = load_stories(datasets)
    print(
        f"pages: {len(stories)} stories (distinct, {MIN_WORDS}+ words), {len(others)} other "
        f"pages ({time.perf_counter() - started:.0f} s to clean them)",
        flush=True,
    )
    truth: dict[str, tuple[str, str]] = {}
    counts: Counter[str] = Counter()
    with (work / "pages.jsonl").open("w", encoding="utf-8") as fh:
        for story in stories:
            for page in make_copies(story, rng):
                fh.write(json.dumps(page, ensure_ascii=False) + "\n")
            for rid, kind in story.records:
                truth[rid] = (story.key, kind)
                counts[kind] += 1
        for page, _ in others:
            rid = f"{page.id}~single"
            fh.write(json.dumps({"id": rid, "html": _text(page.data), "url": page.url}) + "\n")
            truth[rid] = (rid, "publisher")
            counts["other page"] += 1
    print("dump:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), flush=True)
    return truth


# -- main -------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets", nargs="?", default=str(default_datasets(ROOT)))
    parser.add_argument("--workdir", help="keep the dumps here (default: a temporary folder)")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--workers", type=int, default=2, help="batch workers")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the batch output and truth of an earlier run in --workdir",
    )
    args = parser.parse_args()
    datasets = Path(args.datasets)
    if not datasets.is_dir():
        print(f"no datasets at {datasets}", file=sys.stderr)
        return 2
    work = Path(args.workdir or tempfile.mkdtemp(prefix="stories-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    batch_out = work / "batch.jsonl"
    truth_path = work / "truth.json"
    if args.reuse and batch_out.is_file() and truth_path.is_file():
        truth = {k: (v[0], v[1]) for k, v in json.loads(truth_path.read_text()).items()}
        print(f"reusing {batch_out} and {truth_path}", flush=True)
    else:
        truth = build_dump(datasets, work, args.seed)
        truth_path.write_text(json.dumps(truth))
        seconds = run_batch(work / "pages.jsonl", batch_out, args.workers)
        count = sum(1 for _ in batch_out.open("rb"))
        print(f"batch: {count} records in {seconds:.0f} s", flush=True)
    grouped = work / "stories.jsonl"
    run = run_stories([str(batch_out)], grouped)
    result = score(read_story_fields(grouped), truth)
    print(json.dumps({"dump": result, "run": run}, indent=1), flush=True)
    if args.skip_scale:
        return 0
    first = True
    sizes = sorted(int(s) for s in args.sizes.split(","))
    largest = work / f"scale-{sizes[-1]}.jsonl"
    known = work / f"scale-{sizes[-1]}-truth.json"
    if args.reuse and largest.is_file() and known.is_file():
        lines_truth = json.loads(known.read_text())
    else:
        started = time.perf_counter()
        lines_truth = scale_dump(batch_out, sizes[-1], largest, truth)
        known.write_text(json.dumps(lines_truth))
        print(
            f"scale dump of {sizes[-1]} records: {time.perf_counter() - started:.0f} s", flush=True
        )
    for size in sizes:
        dump = work / f"scale-{size}.jsonl"
        if size != sizes[-1]:  # the first records of the largest dump
            with largest.open("rb") as source, dump.open("wb") as head:
                for _, line in zip(range(size), source, strict=False):
                    head.write(line)
        scaled = {e[0]: (e[1], e[2]) for e in lines_truth[:size] if e is not None}
        out = work / f"scale-{size}-stories.jsonl"
        run = run_stories([str(dump)], out)
        result = score(read_story_fields(out), scaled)
        rate = run["records"] / run["seconds"]
        print(
            json.dumps(
                {
                    "size": size,
                    "records_per_s": round(rate),
                    "records_per_cpu_s": round(run["records"] / run["cpu"]),
                    "peak_mb": run["peak"] / 2**20,
                    "table_mb": run["table"] / 2**20,
                    "run": run,
                    "score": result,
                },
                indent=1,
            ),
            flush=True,
        )
        if first and not args.skip_dask:
            first = False
            dask_out = work / f"scale-{size}-dask.jsonl"
            dask_run = run_stories([str(dump)], dask_out, dask="local")
            same = [
                (a.get("storyId"), a.get("copyOf"), a.get("copyKind"))
                == (b.get("storyId"), b.get("copyOf"), b.get("copyKind"))
                for a, b in zip(read_story_fields(out), read_story_fields(dask_out), strict=True)
            ]
            identical = out.read_bytes() == dask_out.read_bytes()
            print(
                json.dumps(
                    {
                        "dask": {
                            "records": len(same),
                            "same_story_keys": all(same),
                            "identical_output": identical,
                            "seconds": dask_run["seconds"],
                        }
                    }
                ),
                flush=True,
            )
        if not args.workdir:
            dump.unlink()
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
