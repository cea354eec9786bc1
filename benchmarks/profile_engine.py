"""Where cleanarticle's time goes: each stage's share of the whole ``extract()`` call.

Runs :func:`cleanarticle.extract` on the development pages (page str given, as in
``benchmarks/engine.py``) after the one-off set-up and an untimed warm-up, and prints each
named stage's time twice: measured with a clock around the stage's function (milliseconds a
page, and share of the whole call: the figures to quote), and its cumulative share under
:mod:`cProfile`, which slows Python code more than the C code in Lexbor and the regex engine
(so stages that are mostly Lexbor queries look smaller there). Then the functions with the
most time of their own, under cProfile. It always profiles this checkout's pure-Python
source: the compiled build (setup.py) runs the same code, but profilers cannot see inside it.

    PYTHONPATH=src python benchmarks/profile_engine.py [DATASETS] [--step N] [--top N]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import importlib
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Always this checkout's pure-Python source, even beside a compiled install (setup.py): the
# profilers and the stage clocks (which wrap module functions) cannot see inside compiled code.
sys.path.insert(0, str(ROOT / "src"))

import cleanarticle  # noqa: E402
from cleanarticle.api import prepare  # noqa: E402
from cleanarticle.bench import load_scrapinghub, load_trafilatura  # noqa: E402
from cleanarticle.bench.datasets import default_datasets  # noqa: E402
from cleanarticle.input.decode import decode  # noqa: E402

DEFAULT = default_datasets(ROOT)
#: (label, module file under src/cleanarticle/, function): the stages, in the order extract()
#: runs them.
STAGES = (
    ("parse (sanitize + Lexbor)", "dom/parse.py", "parse_html"),
    ("scan the page (head, non-content, layout elements)", "dom/scan.py", "scan_page"),
    ("head metadata (JSON-LD, meta, headings)", "fields/head.py", "read_head"),
    ("aggregator profile (markup fingerprints)", "fields/profile.py", "detect_html_profile"),
    ("apply metadata (headline, byline, dates)", "fields/head.py", "apply_head"),
    ("  of which: printed byline and date scan", "fields/candidates.py", "scan_fields"),
    ("strip scripts, styles, noscript", "dom/strip.py", "strip_non_content"),
    ("strip chrome rules (selectors)", "dom/strip.py", "strip_chrome"),
    ("strip nav / footer / aside / site header", "dom/strip.py", "strip_layout"),
    ("walk (DOM -> text blocks)", "dom/walk.py", "walk"),
    ("choose the body (values, container)", "body/choose.py", "choose_content"),
    ("  of which: teaser cards", "body/teasers.py", "teaser_lists"),
    ("  of which: revise (trailing, captions, furniture, edges)", "body/revise.py", "revise"),
    ("record removals", "html/rails.py", "record_dropped"),
    ("body units (rules, headline, tables)", "html/units.py", "body_units"),
    ("sections, labels, datelines", "body/sections.py", "build_sections"),
    ("language", "fields/language.py", "detect_language"),
)


def _run(pages: list[tuple[str, str | None]]) -> None:
    for text, url in pages:
        with contextlib.suppress(cleanarticle.CleanArticleError):
            cleanarticle.extract(text, url=url)


def _clocked(
    stages: tuple[tuple[str, str, str], ...],
) -> tuple[dict[str, float], Callable[[], None]]:
    """Wrap each stage's function in a clock, wherever the package refers to it; return the
    seconds spent in each (by label) and a function that puts the originals back."""
    spent: dict[str, float] = {}
    undo: list[tuple[Any, str, Any]] = []
    for label, module_file, name in stages:
        module = importlib.import_module(
            "cleanarticle." + module_file.removesuffix(".py").replace("/", ".")
        )
        original = getattr(module, name)

        @functools.wraps(original)
        def clocked(*args: Any, _f: Any = original, _label: str = label, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return _f(*args, **kwargs)
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - start

        for other in list(sys.modules.values()):  # `from x import f` made copies of the name
            if getattr(other, "__name__", "").startswith("cleanarticle") and (
                getattr(other, name, None) is original
            ):
                undo.append((other, name, original))
                setattr(other, name, clocked)

    def restore() -> None:
        for owner, attr, value in undo:
            setattr(owner, attr, value)

    return spent, restore


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
    prepare()  # the one-off set-up (langdetect's profiles, the rules), as the bench adapter does
    _run(pages[:5])  # warm-up: caches
    start = time.process_time()
    _run(pages)
    cpu = time.process_time() - start
    per_page = cpu / len(pages) * 1000
    print(f"{len(pages)} pages, {per_page:.2f} ms a page (CPU time, no profiler)")
    spent, restore = _clocked(STAGES)
    start = time.perf_counter()
    _run(pages)
    clock_total = time.perf_counter() - start
    restore()
    profiler = cProfile.Profile()
    profiler.enable()
    _run(pages)
    profiler.disable()
    stats = pstats.Stats(profiler)
    cumulative: dict[tuple[str, str], float] = {}
    total = 0.0
    for (path, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        parts = Path(path).parts
        inside = parts[parts.index("cleanarticle") + 1 :] if "cleanarticle" in parts else parts
        key = ("/".join(inside), name)
        cumulative[key] = cumulative.get(key, 0.0) + ct
        if key == ("api.py", "extract"):
            total = ct
    total = total or 1.0
    print(f"\n{'stage':58s} {'ms a page':>9s} {'share':>7s} {'cProfile':>9s}")
    for label, module, function in STAGES:
        own = spent.get(label, 0.0)
        share = cumulative.get((module, function), 0.0) / total
        print(
            f"{label:58s} {own / len(pages) * 1000:9.3f} {own / clock_total * 100:6.1f}% "
            f"{share * 100:8.1f}%"
        )
    print(f"{'whole extract() (clocked run)':58s} {clock_total / len(pages) * 1000:9.3f}")
    print()
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
