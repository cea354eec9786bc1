"""Where cleanarticle's time goes: each stage's share of the whole ``extract()`` call.

Runs :func:`cleanarticle.extract` on the development pages (page str given, as in
``benchmarks/engine.py``) under :mod:`cProfile`, after an untimed warm-up, and prints the
cumulative share of the named stages, then the functions with the most time of their own.
cProfile slows Python code more than C code, so read the shares, not the milliseconds.

    PYTHONPATH=src python benchmarks/profile_engine.py [DATASETS] [--step N] [--top N]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

import cleanarticle  # noqa: E402
from cleanarticle.api import _prepare  # noqa: E402
from cleanarticle.bench import load_scrapinghub, load_trafilatura  # noqa: E402
from cleanarticle.bench.datasets import default_datasets  # noqa: E402
from cleanarticle.decode import decode  # noqa: E402

DEFAULT = default_datasets(ROOT)
#: (label, module file, function): the stages, in the order extract() runs them.
STAGES = (
    ("parse (sanitize + Lexbor)", "parse.py", "parse_html"),
    ("scan the page (head, non-content, layout elements)", "pagescan.py", "scan_page"),
    ("head metadata (JSON-LD, meta, headings)", "metadata.py", "read_head"),
    ("aggregator profile (markup fingerprints)", "detect.py", "detect_html_profile"),
    ("apply metadata (headline, byline, dates)", "metadata.py", "apply_head"),
    ("  of which: printed byline and date scan", "visible.py", "scan_fields"),
    ("strip scripts, styles, noscript", "strip.py", "strip_non_content"),
    ("strip chrome rules (selectors)", "strip.py", "strip_chrome"),
    ("strip nav / footer / aside / site header", "strip.py", "strip_layout"),
    ("walk (DOM -> text blocks)", "walk.py", "walk"),
    ("choose the body (values, container)", "content.py", "choose_content"),
    ("  of which: teaser cards", "cards.py", "teaser_lists"),
    ("  of which: revise (trailing, captions, furniture, edges)", "revise.py", "revise"),
    ("record removals", "htmlpath.py", "_record_dropped"),
    ("body units (rules, headline, tables)", "htmlpath.py", "_units"),
    ("sections, labels, datelines", "structure.py", "build_sections"),
    ("language", "lang.py", "detect_language"),
)


def _run(pages: list[tuple[str, str | None]]) -> None:
    for text, url in pages:
        with contextlib.suppress(cleanarticle.CleanArticleError):
            cleanarticle.extract(text, url=url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("datasets", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--step", type=int, default=1, help="take every N-th page")
    parser.add_argument("--top", type=int, default=20, help="functions listed by own time")
    args = parser.parse_args(argv)
    if not args.datasets.is_dir():
        print(f"{args.datasets}: no such dataset folder", file=sys.stderr)
        return 2
    pages = [
        (decode(p.data)[0], p.url)
        for loader, name in ((load_scrapinghub, "scrapinghub"), (load_trafilatura, "trafilatura"))
        for p in loader(args.datasets / name)
    ][:: args.step]
    _prepare()  # the one-off set-up (langdetect's profiles, the rules), as the bench adapter does
    _run(pages[:5])  # warm-up: caches
    start = time.process_time()
    _run(pages)
    cpu = time.process_time() - start
    print(f"{len(pages)} pages, {cpu / len(pages) * 1000:.2f} ms a page (CPU time, no profiler)")
    profiler = cProfile.Profile()
    profiler.enable()
    _run(pages)
    profiler.disable()
    stats = pstats.Stats(profiler)
    cumulative: dict[tuple[str, str], float] = {}
    total = 0.0
    for (path, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = (Path(path).name, name)
        cumulative[key] = cumulative.get(key, 0.0) + ct
        if key == ("api.py", "extract"):
            total = ct
    total = total or 1.0
    print(f"\n{'stage':58s} share of extract()")
    for label, module, function in STAGES:
        share = cumulative.get((module, function), 0.0) / total
        print(f"{label:58s} {share * 100:5.1f} %")
    print()
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
