"""Train, cross-validate and time the page-type classifier (:mod:`cleanarticle.html.pagetype`).

Training data: the development sets only. WCXB's 1,497 pages, each labelled with its page type
by the benchmark, and ScrapingHub's 119 pages, all news articles, labelled ``article``. (The
trafilatura set mixes kinds of page without labels: it is left out rather than labelled
blindly.) Features are computed by the engine itself (:func:`cleanarticle.html.pagetype.
html_page_features`, what ``extract`` classifies by).

Accuracy is measured by cross-validation grouped by domain (no domain has pages on both sides
of a split, since the kept-aside pages come from other domains), on the WCXB pages: per-type
accuracy (recall) and the confusion table, rows the true type, columns the predicted one. The
model shipped is then fitted on all the pages, and written with ``--write``.

Needs scikit-learn (the ``bench`` extra), at training time only: the package evaluates the
model in plain Python.

    PYTHONPATH=src python benchmarks/pagetype_train.py [DATASETS] [--write] [--timing]
        [--features cache.json] [--folds 5] [--c 0.1] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from cleanarticle.bench import load_scrapinghub, load_wcxb
from cleanarticle.bench.datasets import default_datasets
from cleanarticle.html.pagetype import (
    FEATURES,
    MODEL_FILE,
    MODEL_FORMAT,
    PageTypeModel,
    html_page_features,
)
from cleanarticle.input.decode import decode_utf8
from cleanarticle.model import PageType

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "src" / "cleanarticle" / "html" / MODEL_FILE
CLASSES = tuple(t.value for t in PageType)
#: Second-level labels under which sites register (example.co.uk is one domain).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"})


def domain(url: str | None) -> str:
    """The registered domain of a URL (roughly: the last two labels, three under co.uk &c.)."""
    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def collect(datasets: Path, cache: Path | None) -> list[dict[str, object]]:
    """One row per page: id, set, url, domain, true type, features."""
    if cache is not None and cache.is_file():
        rows: list[dict[str, object]] = json.loads(cache.read_text(encoding="utf-8"))
        if rows and set(rows[0]["features"]) <= set(FEATURES):  # type: ignore[arg-type]
            return rows
    rows = []
    sources = [("wcxb", load_wcxb(datasets / "wcxb"))]
    sources.append(("scrapinghub", load_scrapinghub(datasets / "scrapinghub")))
    for name, pages in sources:
        for page in pages:
            truth = page.meta.get("page_type") if name == "wcxb" else "article"
            text, _codec, _utf8 = decode_utf8(page.data)
            features = html_page_features(text, page.url)
            rows.append(
                {
                    "id": f"{name}/{page.id}",
                    "set": name,
                    "url": page.url,
                    "domain": domain(page.url),
                    "type": truth,
                    "features": features,
                }
            )
    if cache is not None:
        cache.write_text(json.dumps(rows), encoding="utf-8")
    return rows


def matrix(rows: list[dict[str, object]]) -> list[list[float]]:
    return [[row["features"].get(f, 0.0) for f in FEATURES] for row in rows]  # type: ignore[attr-defined]


def fit(x: list[list[float]], y: list[str], c: float) -> PageTypeModel:
    """A standardised multinomial logistic regression, the scaling folded into the weights."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xa = np.asarray(x, dtype=float)
    mean = xa.mean(axis=0)
    scale = xa.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    model.fit((xa - mean) / scale, y)
    order = [list(model.classes_).index(cls) for cls in CLASSES]
    coef = model.coef_[order] / scale
    intercept = model.intercept_[order] - coef @ mean
    return PageTypeModel(
        classes=CLASSES,
        features=FEATURES,
        weights=tuple(tuple(round(float(w), 6) for w in row) for row in coef),
        intercepts=tuple(round(float(b), 6) for b in intercept),
    )


def model_to_dict(model: PageTypeModel, c: float) -> dict[str, object]:
    """The model file's content (what :meth:`PageTypeModel.from_dict` reads)."""
    return {
        "format": MODEL_FORMAT,
        "trained_on": "WCXB development split (1,497 pages) + ScrapingHub (119 articles)",
        "trained_by": "benchmarks/pagetype_train.py",
        "c": c,
        "classes": list(model.classes),
        "features": list(model.features),
        "weights": [list(row) for row in model.weights],
        "intercepts": list(model.intercepts),
    }


def cross_validate(rows: list[dict[str, object]], folds: int, c: float) -> list[str]:
    """Each page's type as predicted by a model trained on the other domains' folds."""
    from sklearn.model_selection import GroupKFold

    x = matrix(rows)
    y = [str(r["type"]) for r in rows]
    groups = [str(r["domain"]) for r in rows]
    predicted = [""] * len(rows)
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(x, y, groups):
        model = fit([x[i] for i in train], [y[i] for i in train], c)
        for i in test:
            predicted[i] = model.predict(rows[i]["features"]).value  # type: ignore[arg-type]
    return predicted


def report(rows: list[dict[str, object]], predicted: list[str], markdown: bool) -> float:
    """Print per-type accuracy and the confusion table of the WCXB pages; return accuracy."""
    pairs = [
        (str(r["type"]), p) for r, p in zip(rows, predicted, strict=True) if r["set"] == "wcxb"
    ]
    confusion = Counter(pairs)
    total = len(pairs)
    correct = sum(n for (t, p), n in confusion.items() if t == p)
    accuracy = correct / total
    print(f"WCXB pages {total}, accuracy {accuracy:.3f} ({correct}/{total})")
    short = {c: c[:4] for c in CLASSES}
    if markdown:
        print("| true \\ predicted | " + " | ".join(short[c] for c in CLASSES) + " | accuracy |")
        print("|---" * (len(CLASSES) + 2) + "|")
    else:
        print(f"{'true / predicted':16}" + "".join(f"{short[c]:>6}" for c in CLASSES) + "   acc")
    for t in CLASSES:
        n = sum(confusion[(t, p)] for p in CLASSES)
        acc = confusion[(t, t)] / n if n else 0.0
        cells = [confusion[(t, p)] for p in CLASSES]
        if markdown:
            print(f"| {t} ({n}) | " + " | ".join(str(v) for v in cells) + f" | {acc:.2f} |")
        else:
            print(f"{t + f' ({n})':16}" + "".join(f"{v:>6}" for v in cells) + f"  {acc:.2f}")
    return accuracy


def timing(rows: list[dict[str, object]], datasets: Path, limit: int) -> None:
    """Time the classification (features and model) against the parse, per page."""
    from cleanarticle.dom.parse import parse_html
    from cleanarticle.dom.scan import scan_page
    from cleanarticle.dom.strip import strip_non_content
    from cleanarticle.fields.head import read_head
    from cleanarticle.html.pagetype import load_model, page_features

    model = load_model()
    parse_ms: list[float] = []
    scan_ms: list[float] = []
    feature_ms: list[float] = []
    model_ms: list[float] = []
    for page in list(load_wcxb(datasets / "wcxb"))[:limit]:
        text, _codec, _utf8 = decode_utf8(page.data)
        best = [1e9, 1e9, 1e9, 1e9]
        for _ in range(3):
            t0 = time.process_time()
            tree = parse_html(text)
            t1 = time.process_time()
            found = scan_page(tree)
            t2 = time.process_time()
            head = read_head(tree, page.url, found)
            strip_non_content(tree, found.non_content)
            t3 = time.process_time()
            features = page_features(page.url, head, found, tree)
            t4 = time.process_time()
            model.predict(features)
            t5 = time.process_time()
            for i, value in enumerate((t1 - t0, t2 - t1, t4 - t3, t5 - t4)):
                best[i] = min(best[i], value * 1e3)
        for store, value in zip((parse_ms, scan_ms, feature_ms, model_ms), best, strict=True):
            store.append(value)
    for name, values in (
        ("parse", parse_ms),
        ("scan_page (tag counts included)", scan_ms),
        ("page_features", feature_ms),
        ("model", model_ms),
    ):
        ordered = sorted(values)
        print(
            f"{name:32} mean {statistics.mean(values):.3f} ms  median "
            f"{statistics.median(values):.3f}  p95 {ordered[int(0.95 * len(ordered))]:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets", nargs="?", type=Path, default=default_datasets(ROOT))
    parser.add_argument("--features", type=Path, help="cache the features in (or read from) FILE")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.1, help="inverse regularisation strength")
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.name}")
    parser.add_argument("--markdown", action="store_true", help="the table as Markdown")
    parser.add_argument("--timing", type=int, nargs="?", const=300, metavar="PAGES")
    parser.add_argument("--errors", action="store_true", help="list the misclassified pages")
    args = parser.parse_args(argv)
    if not (args.datasets / "wcxb").is_dir():
        print(f"no WCXB set under {args.datasets}", file=sys.stderr)
        return 2
    if args.timing:
        timing([], args.datasets, args.timing)
        return 0
    rows = collect(args.datasets, args.features)
    counts = Counter(str(r["type"]) for r in rows)
    print(f"pages {len(rows)} ({dict(counts)}), domains {len({r['domain'] for r in rows})}")
    predicted = cross_validate(rows, args.folds, args.c)
    print(f"cross-validation: {args.folds} folds grouped by domain, C={args.c}")
    report(rows, predicted, args.markdown)
    if args.errors:
        for row, p in zip(rows, predicted, strict=True):
            if row["set"] == "wcxb" and row["type"] != p:
                print(f"  {row['id']}  {row['type']:>13} -> {p:13} {row['url']}")
    if args.write:
        model = fit(matrix(rows), [str(r["type"]) for r in rows], args.c)
        data = model_to_dict(model, args.c)
        MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
