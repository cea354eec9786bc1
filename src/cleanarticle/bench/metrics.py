"""The public benchmarks' own metrics, exactly as ``../shared/datasets/README.md`` defines them.

ScrapingHub (article bodies): tokens are runs of ``\\w+`` (case kept); shingles are runs of 4
consecutive tokens, counted as a multiset. Per page, tp / fp / fn are the shingle counts in
common / only predicted / only true; precision = tp/(tp+fp), recall = tp/(tp+fn) (both 1.0
when fp = fn = 0). Precision is averaged over pages with tp+fp > 0, recall over pages with
tp+fn > 0, and F1 is taken from the two averages. Accuracy is the share of pages whose
predicted token sequence equals the true one.

trafilatura (snippets): white space is normalised in the extracted text and in each snippet;
a found 'with' snippet is a true positive (else a false negative), a found 'without' snippet a
false positive (else a true negative); precision, recall and F1 over the totals.

WCXB (main content, seven page types): tokens are the lowercase ``\\w+`` runs; per page,
precision and recall between the bags (multisets) of tokens of the prediction and of the true
main content, and F1 from the two (an empty prediction scores 0 when the truth is not empty; both
empty scores 1). The set's F1 is the mean of the pages' F1, also given per page type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "PageShingles",
    "ShingleScore",
    "SnippetScore",
    "WordScore",
    "shingle_score",
    "snippet_score",
    "tokens",
    "word_f1",
]

_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")


def tokens(text: str) -> list[str]:
    """The benchmark's tokens: runs of word characters, case kept."""
    return _TOKEN.findall(text)


def _shingles(toks: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(slots=True)
class PageShingles:
    """One page's shingle counts and its precision / recall."""

    id: str
    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float | None:
        if self.tp + self.fp == 0:
            return None if self.fn else 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        if self.tp + self.fn == 0:
            return None if self.fp else 1.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def page_shingles(page_id: str, predicted: str, truth: str) -> PageShingles:
    """Compare one prediction with the true body."""
    pt, tt = tokens(predicted), tokens(truth)
    ps, ts = _shingles(pt), _shingles(tt)
    tp = sum((ps & ts).values())
    fp = sum(ps.values()) - tp
    fn = sum(ts.values()) - tp
    return PageShingles(page_id, tp, fp, fn, pt == tt)


@dataclass(slots=True)
class ShingleScore:
    """The ScrapingHub benchmark's figures over a set of pages."""

    pages: list[PageShingles] = field(default_factory=list)

    def add(self, page_id: str, predicted: str, truth: str) -> PageShingles:
        result = page_shingles(page_id, predicted, truth)
        self.pages.append(result)
        return result

    @property
    def precision(self) -> float:
        vals = [p.tp / (p.tp + p.fp) for p in self.pages if p.tp + p.fp > 0]
        return sum(vals) / len(vals) if vals else 0.0

    @property
    def recall(self) -> float:
        vals = [p.tp / (p.tp + p.fn) for p in self.pages if p.tp + p.fn > 0]
        return sum(vals) / len(vals) if vals else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return sum(p.exact for p in self.pages) / len(self.pages) if self.pages else 0.0


def shingle_score(pairs: Iterable[tuple[str, str, str]]) -> ShingleScore:
    """Score ``(page_id, predicted, truth)`` triples."""
    score = ShingleScore()
    for page_id, predicted, truth in pairs:
        score.add(page_id, predicted, truth)
    return score


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass(slots=True)
class SnippetScore:
    """The trafilatura benchmark's totals."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(
        self, predicted: str, with_: Iterable[str], without: Iterable[str]
    ) -> tuple[int, int, int, int]:
        """Count one page; returns its (tp, fn, fp, tn)."""
        text = _norm(predicted)
        tp = fn = fp = tn = 0
        for snippet in with_:
            if _norm(snippet) in text:
                tp += 1
            else:
                fn += 1
        for snippet in without:
            if _norm(snippet) in text:
                fp += 1
            else:
                tn += 1
        self.tp += tp
        self.fn += fn
        self.fp += fp
        self.tn += tn
        return tp, fn, fp, tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def snippet_score(pages: Iterable[tuple[str, Iterable[str], Iterable[str]]]) -> SnippetScore:
    """Score ``(predicted, with_snippets, without_snippets)`` triples."""
    score = SnippetScore()
    for predicted, with_, without in pages:
        score.add(predicted, with_, without)
    return score


def _bag(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def word_f1(predicted: str, truth: str) -> tuple[float, float, float]:
    """WCXB's per-page word-level (precision, recall, F1) over bags of lowercase tokens."""
    pb, tb = _bag(predicted), _bag(truth)
    if not tb:
        return (1.0, 1.0, 1.0) if not pb else (0.0, 1.0, 0.0)
    if not pb:
        return 0.0, 0.0, 0.0
    common = sum((pb & tb).values())
    precision = common / sum(pb.values())
    recall = common / sum(tb.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


@dataclass(slots=True)
class WordScore:
    """WCXB's figures: the mean of the pages' word F1, overall and per page type."""

    pages: list[tuple[str, str, float, float, float]] = field(default_factory=list)

    def add(self, page_id: str, page_type: str, predicted: str, truth: str) -> float:
        """Score one page; returns its F1."""
        precision, recall, f1 = word_f1(predicted, truth)
        self.pages.append((page_id, page_type, precision, recall, f1))
        return f1

    def _mean(self, index: int, page_type: str | None = None) -> float:
        vals = [float(p[index]) for p in self.pages if page_type is None or p[1] == page_type]
        return sum(vals) / len(vals) if vals else 0.0

    @property
    def precision(self) -> float:
        return self._mean(2)

    @property
    def recall(self) -> float:
        return self._mean(3)

    @property
    def f1(self) -> float:
        return self._mean(4)

    def by_type(self) -> dict[str, tuple[int, float]]:
        """``{page_type: (pages, mean F1)}``, types in name order."""
        types = sorted({p[1] for p in self.pages})
        return {t: (sum(p[1] == t for p in self.pages), self._mean(4, t)) for t in types}
