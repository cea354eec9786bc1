"""Quick cleanarticle-only accuracy loop over the development sets (not the published figures).

Runs :func:`cleanarticle.extract` on every page of the ScrapingHub, trafilatura and WCXB sets
and prints each set's figures with the benchmark's own metric (WCXB per page type too), the
worst pages first, and the median / p95 time per page. ``--trafilatura`` adds trafilatura's
WCXB figures beside cleanarticle's, from its outputs cached in ``--cache`` (computed once:
trafilatura's output does not change between runs of this loop). For the published side-by-side
figures use ``benchmarks/engine.py``.

    PYTHONPATH=src python benchmarks/dev_accuracy.py [DATASETS] [--set wcxb] [--worst 15]
        [--only ID] [--type forum] [--trafilatura]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import cleanarticle
from cleanarticle.bench import (
    WordScore,
    load_scrapinghub,
    load_trafilatura,
    load_wcxb,
    shingle_score,
    snippet_score,
    word_f1,
)
from cleanarticle.bench.datasets import default_datasets
from cleanarticle.bench.metrics import page_shingles

ROOT = Path(__file__).resolve().parent.parent


def _body(data: bytes, url: str | None) -> str:
    try:
        return cleanarticle.extract(data, url=url).text
    except cleanarticle.CleanArticleError:
        return ""


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def run_scrapinghub(
    folder: Path, worst: int, only: str | None, per_page: dict[str, float]
) -> list[float]:
    times: list[float] = []
    triples = []
    for page in load_scrapinghub(folder):
        if only and not page.id.startswith(only):
            continue
        t0 = time.perf_counter()
        text = _body(page.data, page.url)
        times.append(time.perf_counter() - t0)
        triples.append((page.id, text, page.body or ""))
    score = shingle_score(triples)
    print(
        f"scrapinghub  pages {len(triples)}  P {score.precision:.3f}  R {score.recall:.3f}  "
        f"F1 {score.f1:.3f}  acc {score.accuracy:.3f}"
    )
    per_page.update({f"sh/{p.id}": p.f1 for p in score.pages})
    by_f1 = sorted(score.pages, key=lambda p: p.f1)
    for p in by_f1[:worst]:
        print(f"  {p.id[:12]}  F1 {p.f1:.2f}  P {p.precision or 0:.2f}  R {p.recall or 0:.2f}")
    if only:
        for page_id, text, truth in triples:
            ps = page_shingles(page_id, text, truth)
            print(f"--- {page_id} P {ps.precision} R {ps.recall}\n{text}\n--- truth\n{truth}")
    return times


def run_trafilatura(
    folder: Path, worst: int, only: str | None, per_page: dict[str, float]
) -> list[float]:
    times: list[float] = []
    score = snippet_score([])
    rows = []
    for page in load_trafilatura(folder):
        if only and not page.id.startswith(only):
            continue
        t0 = time.perf_counter()
        text = _body(page.data, page.url)
        times.append(time.perf_counter() - t0)
        _tp, fn, fp, _tn = score.add(text, page.with_snippets, page.without_snippets)
        rows.append((fn + fp, fn, fp, page.id, page.url))
        per_page[f"tr/{page.id}"] = -(fn + fp)
        if only:
            norm = " ".join(text.split())
            print(f"--- {page.id} {page.url}\n{text}")
            for s in page.with_snippets:
                if " ".join(s.split()) not in norm:
                    print(f"  MISSING: {s!r}")
            for s in page.without_snippets:
                if " ".join(s.split()) in norm:
                    print(f"  UNWANTED: {s!r}")
    print(
        f"trafilatura  pages {len(rows)}  P {score.precision:.3f}  R {score.recall:.3f}  "
        f"F1 {score.f1:.3f}  (tp {score.tp} fn {score.fn} fp {score.fp} tn {score.tn})"
    )
    for _bad, fn, fp, page_id, url in sorted(rows, reverse=True)[:worst]:
        print(f"  {page_id}  fn {fn}  fp {fp}  {url}")
    return times


def _trafilatura_outputs(folder: Path, cache: Path) -> dict[str, str]:
    """trafilatura's text for every WCXB page, from ``cache`` or computed once into it."""
    import trafilatura

    path = cache / f"wcxb-trafilatura-{trafilatura.__version__}.json"
    if path.is_file():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    outputs: dict[str, str] = {}
    for page in load_wcxb(folder):
        try:
            outputs[page.id] = trafilatura.extract(page.data, url=page.url) or ""
        except Exception:  # a crash counts as empty output
            outputs[page.id] = ""
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(outputs), encoding="utf-8")
    return outputs


def _parity(page_id: str) -> str:
    """``even`` or ``odd``: the half of the WCXB pages an id falls in (its last digit)."""
    digits = [c for c in page_id if c.isdigit()]
    return "odd" if digits and int(digits[-1]) % 2 else "even"


def run_wcxb(
    folder: Path,
    worst: int,
    only: str | None,
    per_page: dict[str, float],
    page_type: str | None,
    baseline: dict[str, str] | None,
    oracle: bool = False,
    half: str | None = None,
) -> list[float]:
    times: list[float] = []
    score, base = WordScore(), WordScore()
    errors = 0
    for page in load_wcxb(folder):
        kind = str(page.meta.get("page_type"))
        if (only and not page.id.startswith(only)) or (page_type and kind != page_type):
            continue
        if half and _parity(page.id) != half:
            continue
        options = cleanarticle.Options(page_type=kind) if oracle else cleanarticle.DEFAULTS
        t0 = time.perf_counter()
        try:
            text = cleanarticle.extract(page.data, url=page.url, options=options).text
        except cleanarticle.CleanArticleError as exc:
            text = ""
            errors += 1
            if only:
                print(f"--- {page.id}: {type(exc).__name__}: {exc}")
        times.append(time.perf_counter() - t0)
        f1 = score.add(page.id, kind, text, page.body or "")
        per_page[f"wc/{page.id}"] = f1
        if baseline is not None:
            base.add(page.id, kind, baseline.get(page.id, ""), page.body or "")
        if only:
            p, r, _f = word_f1(text, page.body or "")
            print(f"--- {page.id} {kind} {page.url} P {p:.3f} R {r:.3f}\n{text}")
            print(f"--- truth\n{page.body}")
    against = f"  (trafilatura {base.f1:.3f})" if baseline is not None else ""
    print(
        f"wcxb         pages {len(score.pages)}  P {score.precision:.3f}  R {score.recall:.3f}  "
        f"F1 {score.f1:.3f}{against}  errors {errors}"
    )
    base_types = base.by_type()
    for kind, (count, f1) in score.by_type().items():
        other = f"  trafilatura {base_types[kind][1]:.3f}" if kind in base_types else ""
        print(f"  {kind:<14} {count:4d}  F1 {f1:.3f}{other}")
    base_f1 = {p[0]: p[4] for p in base.pages}
    for page_id, kind, p, r, f1 in sorted(score.pages, key=lambda x: x[4])[:worst]:
        other = f"  traf {base_f1[page_id]:.2f}" if page_id in base_f1 else ""
        print(f"  {page_id}  {kind:<13} F1 {f1:.2f}  P {p:.2f}  R {r:.2f}{other}")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("datasets", nargs="?", type=Path, default=None)
    parser.add_argument("--worst", type=int, default=15, help="list this many worst pages")
    parser.add_argument("--only", help="one page id (prefix): print its output and truth")
    parser.add_argument(
        "--set", choices=("scrapinghub", "trafilatura", "wcxb", "both", "all"), default="all",
        help="both: ScrapingHub and trafilatura; all: the three (default)",
    )
    parser.add_argument("--type", help="WCXB: only pages of this page type")
    parser.add_argument(
        "--trafilatura", action="store_true", help="WCXB: trafilatura's figures beside (cached)"
    )
    parser.add_argument(
        "--cache", type=Path, default=Path.home() / ".cache" / "cleanarticle-bench",
        help="where --trafilatura keeps trafilatura's outputs (default: %(default)s)",
    )
    parser.add_argument(
        "--oracle-type", action="store_true",
        help="WCXB: pass each page's true page type as Options.page_type",
    )
    parser.add_argument(
        "--half", choices=("even", "odd"),
        help="WCXB: only the pages whose id ends in an even / odd digit",
    )
    parser.add_argument("--save", type=Path, help="write per-page scores to this JSON file")
    parser.add_argument("--compare", type=Path, help="list pages whose score moved since --save")
    args = parser.parse_args(argv)
    args.datasets = args.datasets or default_datasets(ROOT)
    if not args.datasets.is_dir():
        print(f"{args.datasets}: no such dataset folder", file=sys.stderr)
        return 2
    times: list[float] = []
    per_page: dict[str, float] = {}
    if args.set in ("scrapinghub", "both", "all"):
        times += run_scrapinghub(args.datasets / "scrapinghub", args.worst, args.only, per_page)
    if args.set in ("trafilatura", "both", "all"):
        times += run_trafilatura(args.datasets / "trafilatura", args.worst, args.only, per_page)
    if args.set in ("wcxb", "all"):
        folder = args.datasets / "wcxb"
        baseline = _trafilatura_outputs(folder, args.cache) if args.trafilatura else None
        times += run_wcxb(
            folder, args.worst, args.only, per_page, args.type, baseline,
            oracle=args.oracle_type, half=args.half,
        )
    if args.save:
        args.save.write_text(json.dumps(per_page), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        moved = [
            (per_page[k] - before[k], k)
            for k in per_page
            if abs(per_page[k] - before.get(k, per_page[k])) > 0.005
        ]
        for delta, key in sorted(moved):
            print(f"  {delta:+.3f}  {key}  (now {per_page[key]:.3f})")
    if times:
        ms = [t * 1000 for t in times]
        print(
            f"time  pages {len(ms)}  median {statistics.median(ms):.2f} ms  "
            f"p95 {_pct(ms, 0.95):.2f} ms  mean {statistics.fmean(ms):.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
