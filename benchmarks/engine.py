"""The engine's benchmark: accuracy and speed against the other extractors, side by side.

    python benchmarks/engine.py [DATASETS_DIR] [--against NAME,...] [--runs N] [--report DIR]

DATASETS_DIR (default: ``../shared/datasets`` beside the checkout) holds the public benchmarks'
development parts: ``scrapinghub/`` (body F1, shingle metric), ``trafilatura/`` (F1 with /
without snippets), ``wcxb/`` (mean word F1, per page type) and ``readability/`` (agreement with
Readability.js), all four in one run by default, with the speed over all of them together. Every extractor installed among trafilatura, readability-lxml, newspaper4k,
goose3, justext, resiliparse and boilerpy3 runs beside cleanarticle on the same pages,
interleaved page by page; the table gives F1 / precision / recall, pages/s, MB/s, median and
p95 ms a page (the whole ``cleanarticle.extract()`` call counted), errors, and each one's time
as a multiple of cleanarticle's and of a bare selectolax parse. This is ``cleanarticle bench``
with the engine's defaults (see ``cleanarticle bench --help`` and the README's Benchmarks).

The public originals, for users without ``../shared``:
https://github.com/scrapinghub/article-extraction-benchmark, trafilatura's
``tests/evaldata.json`` with its ``tests/cache`` pages (https://github.com/adbar/trafilatura),
https://github.com/Murrough-Foley/web-content-extraction-benchmark (WCXB) and
https://github.com/mozilla/readability (test/test-pages).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The installed cleanarticle when there is one (`pip install .` compiles the engine: see
# setup.py), else this checkout's src, pure Python. The figures name the build they ran.
if importlib.util.find_spec("cleanarticle") is None:
    sys.path.insert(0, str(ROOT / "src"))

from cleanarticle.bench.command import add_options, run  # noqa: E402
from cleanarticle.bench.datasets import default_datasets  # noqa: E402

DEFAULT_DATASETS = default_datasets(ROOT)
DATASETS = ("scrapinghub", "trafilatura", "wcxb", "readability")
AGAINST = "trafilatura,readability-lxml,newspaper4k,goose3,justext,resiliparse,boilerpy3"


def main(argv: list[str] | None = None) -> int:
    """Run the engine benchmark; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="benchmarks/engine.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "datasets_dir",
        nargs="?",
        default=str(DEFAULT_DATASETS),
        metavar="DATASETS_DIR",
        help="the folder holding scrapinghub/, trafilatura/, wcxb/ and readability/ "
        "(default: ../shared/datasets)",
    )
    parser.add_argument(
        "--datasets",
        default=",".join(DATASETS),
        metavar="NAME,...",
        help="which sub-folders to run (default: %(default)s)",
    )
    add_options(parser)
    parser.set_defaults(against=AGAINST)
    args = parser.parse_args(argv)
    folder = Path(args.datasets_dir)
    wanted = [name.strip() for name in args.datasets.split(",") if name.strip()]
    args.paths = [folder / name for name in wanted if (folder / name).is_dir()]
    missing = [name for name in wanted if not (folder / name).is_dir()]
    for name in missing:
        print(f"engine.py: skipping {name}: no folder {folder / name}", file=sys.stderr)
    if not args.paths:
        print(
            f"engine.py: no dataset found under {folder}; give the folder holding "
            f"{' and '.join(wanted)} (see the module docstring for the public originals)",
            file=sys.stderr,
        )
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
