"""Metadata accuracy, side by side with trafilatura, on the development sets.

    PYTHONPATH=src python benchmarks/metadata.py [DATASETS] [--set trafilatura|readability]
        [--show headline|authors|date|byline|lang] [--no-trafilatura]

``DATASETS`` defaults to ``../shared/datasets`` beside the checkout (or beside a parent
folder, for git worktrees). Both tools get the raw page bytes and the page URL;
trafilatura is called as its users call its metadata extractor,
``trafilatura.extract_metadata(data, default_url=url)`` (its default, extensive date search).

**trafilatura set** (``trafilatura/evaldata.json``): the pages that carry the ``title``,
``author`` and ``date`` keys (an empty value means "the page has none"). A field is right
when, after normalisation, the prediction equals the expected value; an empty expectation is
right only when the tool gives nothing. The normalisation rules:

- *headline*: Unicode NFKC, case folded, curly quotes made straight, dashes (– —) made
  hyphens, white space collapsed, outer punctuation trimmed; then equality.
- *authors*: the expected string (or each list element) and trafilatura's string are split
  into names on ``;``, ``,``, ``/``, ``&``, " and ", " und ", " et "; a leading "By", "Von",
  "Par" is dropped. A name's key is NFKC + case folded + accents removed, with punctuation
  removed and degree or honorific tokens (PhD, Dr., Prof., MD) dropped. Right when the sets
  of keys are equal (order is ignored). cleanarticle's ``authors`` list is keyed name by name.
- *date*: the first 10 characters (``YYYY-MM-DD``) of the publication date; equality.

**readability set** (Mozilla Readability's ``expected-metadata.json``, itself Readability's
output, so a reference rather than the truth): headline against ``title`` (as above); byline
against ``byline``: agreement when the author keys are equal (as above, Readability's byline
split like the expected strings) or when the normalised printed bylines are equal; language
against ``lang``: the primary subtag, lower-cased (pages without ``lang`` are skipped).

It also prints the median time per page of ``cleanarticle.extract`` (the whole extraction)
and of ``trafilatura.extract_metadata`` (metadata only).

``--speed`` times instead, on the ScrapingHub and trafilatura sets, each page ``--runs``
times (the fastest run counts): the whole ``cleanarticle.extract()`` call, and the metadata
step alone (``read_head`` + ``apply_head`` on an already parsed page). Run it once per
version (``PYTHONPATH=old/src`` then ``PYTHONPATH=src``, alternating) to compare versions.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cleanarticle
from cleanarticle.bench import Page, load_readability, load_trafilatura
from cleanarticle.bench.datasets import default_datasets

ROOT = Path(__file__).resolve().parent.parent

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
    }
)
_EDGE = " \t\n\"'.,:;!?-|·•*()[]"
_WS = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"\s*(?:;|,|/|&|\band\b|\bund\b|\bet\b)\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:by|von|par|por)\s+", re.IGNORECASE)
_NOT_NAME = frozenset({"phd", "ph.d", "dr", "prof", "md", "m.d"})


def norm_title(text: str | None) -> str:
    """The headline comparison key (see the module docstring)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WS.sub(" ", text).strip(_EDGE)


def name_key(name: str) -> str:
    """The comparison key of one person's name."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s.'-]", " ", text)
    words = [w.strip(".'-") for w in text.split()]
    return " ".join(w for w in words if w and w not in _NOT_NAME)


def author_keys(value: str | Iterable[str] | None, *, split: bool = True) -> frozenset[str]:
    """The set of name keys of an author string (split into names) or list of names."""
    if not value:
        return frozenset()
    items = [value] if isinstance(value, str) else list(value)
    names: list[str] = []
    for item in items:
        name = _BY.sub("", item.strip())
        names.extend(_NAME_SPLIT.split(name) if split and isinstance(value, str) else [name])
    return frozenset(k for n in names if (k := name_key(n)))


def date_key(value: str | None) -> str:
    """``YYYY-MM-DD`` or the empty string."""
    return value[:10] if value and re.match(r"\d{4}-\d\d-\d\d", value) else ""


def lang_key(value: str | None) -> str:
    """The primary language subtag, lower-cased."""
    return re.split(r"[-_]", value.strip())[0].lower() if value and value.strip() else ""


@dataclass(slots=True)
class Prediction:
    """What one tool said about one page."""

    headline: str | None = None
    authors: frozenset[str] = frozenset()
    byline: str | None = None
    date: str = ""
    lang: str = ""
    seconds: float = 0.0
    error: str | None = None


def run_cleanarticle(page: Page) -> Prediction:
    """cleanarticle on one page."""
    t0 = time.perf_counter()
    try:
        art = cleanarticle.extract(page.data, url=page.url)
    except cleanarticle.CleanArticleError as exc:
        return Prediction(seconds=time.perf_counter() - t0, error=type(exc).__name__)
    seconds = time.perf_counter() - t0
    return Prediction(
        headline=art.headline,
        authors=author_keys(art.authors, split=False),
        byline=art.byline or (", ".join(art.authors) if art.authors else None),
        date=date_key(art.date_published),
        lang=lang_key(art.language),
        seconds=seconds,
    )


def run_trafilatura(page: Page) -> Prediction:
    """trafilatura's metadata extractor on one page."""
    from trafilatura import extract_metadata

    t0 = time.perf_counter()
    try:
        doc = extract_metadata(page.data, default_url=page.url)
    except Exception as exc:  # a crash counts as no output
        return Prediction(seconds=time.perf_counter() - t0, error=type(exc).__name__)
    seconds = time.perf_counter() - t0
    return Prediction(
        headline=doc.title,
        authors=author_keys(doc.author),
        byline=doc.author,
        date=date_key(doc.date),
        lang="",
        seconds=seconds,
    )


@dataclass(slots=True)
class Tally:
    """Right answers per field, and the pages each tool got wrong."""

    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    wrong: dict[str, list[tuple[str, Any, Any]]] = field(default_factory=dict)

    def add(self, fieldname: str, ok: bool, page_id: str, expected: Any, got: Any) -> None:
        self.total[fieldname] = self.total.get(fieldname, 0) + 1
        self.right[fieldname] = self.right.get(fieldname, 0) + int(ok)
        if not ok:
            self.wrong.setdefault(fieldname, []).append((page_id, expected, got))

    def rate(self, fieldname: str) -> float:
        total = self.total.get(fieldname, 0)
        return self.right.get(fieldname, 0) / total if total else 0.0


Runner = Callable[[Page], Prediction]


def _fmt(value: Any) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    return repr(value)


def _report(
    name: str, fields: list[str], tallies: dict[str, Tally], times: dict[str, list[float]]
) -> None:
    tools = list(tallies)
    print(f"\n== {name} ==")
    print(f"{'field':10}" + "".join(f"{t:>26}" for t in tools))
    for f in fields:
        row = f"{f:10}"
        for t in tools:
            tally = tallies[t]
            if tally.total.get(f):
                row += f"{tally.rate(f):>15.3f} ({tally.right.get(f, 0):>3}/{tally.total[f]:>3})"
            else:
                row += f"{'-':>26}"
        print(row)
    row = f"{'ms/page':10}"
    for t in tools:
        row += f"{statistics.median(times[t]) * 1000:>15.2f} (median) " if times[t] else ""
    print(row)


def _show(field_name: str, tallies: dict[str, Tally], predictions: dict[str, Any]) -> None:
    for tool, tally in tallies.items():
        rows = tally.wrong.get(field_name, [])
        print(f"\n-- {tool} wrong on {field_name}: {len(rows)}")
        for page_id, expected, got in rows:
            others = {t: _fmt(predictions[t].get(page_id)) for t in tallies if t != tool}
            print(f"  {page_id}  want {_fmt(expected)}\n{'':14}got  {_fmt(got)}  others {others}")


def bench_trafilatura(folder: Path, runners: dict[str, Runner], show: str | None) -> None:
    """The trafilatura evaldata metadata: headline, authors, date."""
    fields = ["headline", "authors", "date"]
    tallies = {t: Tally() for t in runners}
    times: dict[str, list[float]] = {t: [] for t in runners}
    shown: dict[str, dict[str, dict[str, Any]]] = {f: {t: {} for t in runners} for f in fields}
    for page in load_trafilatura(folder):
        if "title" not in page.meta:
            continue
        want_title = norm_title(page.meta.get("title"))
        want_authors = author_keys(page.meta.get("author"))
        want_date = date_key(page.meta.get("date"))
        for tool, runner in runners.items():
            pred = runner(page)
            times[tool].append(pred.seconds)
            got = {
                "headline": norm_title(pred.headline),
                "authors": pred.authors,
                "date": pred.date,
            }
            want = {"headline": want_title, "authors": want_authors, "date": want_date}
            for f in fields:
                tallies[tool].add(f, got[f] == want[f], page.id, want[f], got[f])
                shown[f][tool][page.id] = got[f]
    _report(f"trafilatura set ({folder})", fields, tallies, times)
    if show in fields:
        _show(show, tallies, shown[show])


def bench_readability(folder: Path, runners: dict[str, Runner], show: str | None) -> None:
    """Agreement with Mozilla Readability's expected metadata: headline, byline, language."""
    fields = ["headline", "byline", "lang"]
    tallies = {t: Tally() for t in runners}
    times: dict[str, list[float]] = {t: [] for t in runners}
    shown: dict[str, dict[str, dict[str, Any]]] = {f: {t: {} for t in runners} for f in fields}
    for page in load_readability(folder):
        meta = page.meta
        for tool, runner in runners.items():
            pred = runner(page)
            times[tool].append(pred.seconds)
            if "title" in meta:
                want, got = norm_title(meta["title"]), norm_title(pred.headline)
                tallies[tool].add("headline", want == got, page.id, want, got)
                shown["headline"][tool][page.id] = got
            if "byline" in meta:
                want_b = meta["byline"] or None
                ok = author_keys(want_b) == pred.authors or norm_title(want_b) == norm_title(
                    pred.byline
                )
                tallies[tool].add("byline", ok, page.id, want_b, pred.byline)
                shown["byline"][tool][page.id] = pred.byline
            if meta.get("lang") and tool == "cleanarticle":
                want_l = lang_key(meta["lang"])
                tallies[tool].add("lang", want_l == pred.lang, page.id, want_l, pred.lang)
                shown["lang"][tool][page.id] = pred.lang
    _report(f"readability set ({folder})", fields, tallies, times)
    if show in fields:
        _show(show, tallies, shown[show])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def bench_speed(folder: Path, runs: int) -> None:
    """Time extract() and the metadata step alone, per page (fastest of ``runs``)."""
    from selectolax.lexbor import LexborHTMLParser

    from cleanarticle.bench import load_scrapinghub
    from cleanarticle.draft import Draft
    from cleanarticle.fields.head import apply_head, read_head
    from cleanarticle.input.decode import decode

    for name, loader in (("scrapinghub", load_scrapinghub), ("trafilatura", load_trafilatura)):
        pages = list(loader(folder / name))
        whole: list[float] = []
        meta: list[float] = []
        for page in pages:
            best = best_meta = float("inf")
            text, _ = decode(page.data)
            for _ in range(runs):
                t0 = time.perf_counter()
                with contextlib.suppress(cleanarticle.CleanArticleError):
                    cleanarticle.extract(page.data, url=page.url)
                best = min(best, time.perf_counter() - t0)
                tree = LexborHTMLParser(text)
                t0 = time.perf_counter()
                apply_head(read_head(tree, page.url), Draft(url=page.url))
                best_meta = min(best_meta, time.perf_counter() - t0)
            whole.append(best)
            meta.append(best_meta)
        print(
            f"{name:12} pages {len(pages):4}  extract ms: median {statistics.median(whole) * 1e3:6.2f}"
            f"  mean {statistics.fmean(whole) * 1e3:6.2f}  p95 {_percentile(whole, 0.95) * 1e3:6.2f}"
            f"  | metadata step ms: median {statistics.median(meta) * 1e3:5.2f}"
            f"  mean {statistics.fmean(meta) * 1e3:5.2f}  p95 {_percentile(meta, 0.95) * 1e3:5.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the metadata benchmark(s) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("datasets", nargs="?", type=Path, default=default_datasets(ROOT))
    parser.add_argument("--set", choices=("trafilatura", "readability"), action="append")
    parser.add_argument("--show", help="list each tool's misses on this field")
    parser.add_argument("--no-trafilatura", action="store_true", help="cleanarticle only")
    parser.add_argument("--speed", action="store_true", help="time extract() and metadata")
    parser.add_argument("--runs", type=int, default=3, help="--speed: runs per page")
    args = parser.parse_args(argv)
    if not args.datasets.is_dir():
        print(f"no dataset folder at {args.datasets}", file=sys.stderr)
        return 2
    if args.speed:
        bench_speed(args.datasets, args.runs)
        return 0
    runners: dict[str, Runner] = {"cleanarticle": run_cleanarticle}
    if not args.no_trafilatura:
        runners["trafilatura"] = run_trafilatura
    sets = args.set or ["trafilatura", "readability"]
    if "trafilatura" in sets:
        bench_trafilatura(args.datasets / "trafilatura", runners, args.show)
    if "readability" in sets:
        bench_readability(args.datasets / "readability", runners, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
