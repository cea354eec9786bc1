"""Time and memory of ``extract`` on the worst classes of input, at growing sizes.

Each case is generated at each size (megabytes of input) and cleaned in a fresh process,
after the engine is warmed up there; the peak resident memory is reset just before the call
(``/proc/self/clear_refs``), so the figure (``VmHWM`` after, less ``VmRSS`` before) is what
the call itself added, input excluded. Linux only. Printed per case and
size: seconds, seconds per MB, the memory peak as a multiple of the input size, and what
came out (an article, or the error). A class that grows faster than its input shows as a
rising s/MB from one size to the next. The size ``max`` is the largest input of the case
that the default limits (``Options.max_input_bytes``, ``max_tags``, ``max_lines``) let
through: the worst the defaults allow.

    PYTHONPATH=src python benchmarks/bounds.py              # every case: 1 MB and at the limits
    PYTHONPATH=src python benchmarks/bounds.py --sizes 1,3,10,max --cases prose,nesting

The cases are the input classes of issue 8 plus others that stress one stage: many tiny
blocks, many inline elements in one paragraph, many table cells or list items, long class
attributes, huge JSON-LD. Timings are noisy on a shared machine: compare the rows of one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import random
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

PARA = (
    "<p>The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to open the work to local firms.</p>"
)
SENTENCE = "A sentence that goes on for a while and then ends, as sentences do. "


def _fill(unit: str, size: int, head: str = "<html><body>", tail: str = "") -> str:
    """``head`` + ``unit`` repeated to about ``size`` characters + ``tail``."""
    return head + unit * max(1, size // len(unit)) + tail


def _nesting(size: int) -> str:
    levels = size // 11
    return "<html><body>" + "<div>" * levels + PARA * 3 + "</div>" * levels


def _attributes(size: int) -> str:
    attrs = " ".join(f"a{i}='x'" for i in range(size // 9))
    return f"<html><body><div {attrs}>{PARA * 3}</div>"


def _jsonld(size: int) -> str:
    items = [
        {"@type": "Thing", "name": f"thing {i}", "url": f"https://e.com/{i}"}
        for i in range(size // 70)
    ]
    body = json.dumps({"@context": "https://schema.org", "@graph": items})
    return f"<html><head><script type='application/ld+json'>{body}</script></head><body>{PARA * 5}"


def _binary(size: int) -> bytes:
    return random.Random(7).randbytes(size)


#: name -> input of about n bytes.
CASES: dict[str, Callable[[int], str | bytes]] = {
    "prose": lambda n: _fill(PARA * 5 + "<div><a href='/x'>more</a></div>", n),
    "text-capture": lambda n: "A headline\n\n" + (SENTENCE * 12 + "\n\n") * (n // 830),
    "text-lines": lambda n: "A headline\n\n" + "a short line\n" * (n // 13),
    "text-paragraphs": lambda n: "A headline\n\n" + "Two words.\n\n" * (n // 12),
    "text-blank": lambda n: "A headline\n\n" + "\n" * n + SENTENCE * 5,
    "nesting": _nesting,
    "nesting-unclosed": lambda n: _fill("<div><span>", n, tail=PARA),
    "attributes": _attributes,
    "single-line": lambda n: _fill("word ", n, "<html><body><p>", "</p>"),
    "whitespace": lambda n: _fill(" \n\t\u00a0", n, tail=PARA * 2),
    "links": lambda n: _fill("<a href='/page'>link text</a> ", n, tail=PARA * 3),
    "tag-soup": lambda n: _fill("<table><p><tr>text</td></div><b><i>x</b></i>", n, tail=PARA),
    "lt-storm": lambda n: "<a" * (n // 2),
    "tiny-blocks": lambda n: _fill("<p>x</p>", n),
    "tiny-divs": lambda n: _fill("<div>word</div>", n),
    "inline-run": lambda n: _fill("<span>word</span> ", n, "<html><body><p>", "</p>"),
    "br-run": lambda n: _fill("a line<br>", n),
    "table-cells": lambda n: _fill("<td>cell</td>", n, "<table><tr>", "</tr></table>" + PARA),
    "table-rows": lambda n: _fill("<tr><td>a</td><td>b</td></tr>", n, "<table>", "</table>"),
    "absurd-spans": lambda n: _fill(
        "<tr><td colspan=999999999 rowspan=999999999>x</td></tr>", n, "<table>", PARA
    ),
    "list-items": lambda n: _fill("<li>an item of a list</li>", n, "<ul>", "</ul>" + PARA),
    "nested-lists": lambda n: _fill("<ul><li>", n, tail=PARA),
    "nested-tables": lambda n: _fill("<table><tr><td>", n, tail=PARA),
    "headings": lambda n: _fill("<h2>A heading</h2>" + PARA, n),
    "images": lambda n: _fill("<img src='/i.jpg' alt='an image'>", n, tail=PARA * 3),
    "figures": lambda n: _fill(
        "<figure><img src='/i.jpg'><figcaption>A caption</figcaption></figure>" + PARA, n
    ),
    "long-classes": lambda n: _fill(
        "<div class='" + " ".join(f"c{i}" for i in range(400)) + "'>" + PARA + "</div>", n
    ),
    "entities": lambda n: _fill("&amp;&#x1F600;&#99999999;&bogus;", n, "<p>", "</p>" + PARA),
    "comments": lambda n: _fill("<!-- a comment -->", n, tail=PARA * 3),
    "script-only": lambda n: _fill("var a = 1;", n, "<html><body><script>", "</script>"),
    "jsonld": _jsonld,
    "random-binary": _binary,
}


def _child(name: str, size: int, conn: Connection) -> None:
    import cleanarticle

    data = CASES[name](size)
    cleanarticle.extract(PARA * 5)  # warm up: language profiles, rules
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # peak := current
    base = _status("VmRSS")
    started = time.perf_counter()
    try:
        article = cleanarticle.extract(data)
        outcome = f"article, {len(article.text):,} chars"
    except cleanarticle.CleanArticleError as exc:
        outcome = f"{type(exc).__name__}"
    except Exception as exc:
        outcome = f"CRASH {type(exc).__name__}: {exc}"[:80]
    elapsed = time.perf_counter() - started
    conn.send((len(data), elapsed, _status("VmHWM") - base, outcome))


def _status(field: str) -> int:
    """A memory figure of this process (bytes) from /proc/self/status (Linux): ``VmRSS``
    (resident now) or ``VmHWM`` (peak since the last reset)."""
    with Path("/proc/self/status").open(encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def measure(name: str, size: int, limit: float) -> tuple[int, float, int, str]:
    """Clean case ``name`` of ``size`` bytes in a fresh process: (input length, seconds,
    peak memory above the warmed-up process, outcome)."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(name, size, child))
    process.start()
    child.close()
    if parent.poll(limit):
        result: tuple[int, float, int, str] = parent.recv()
    else:
        result = (size, limit, 0, f"HANG: over {limit:g} s")
    process.kill()
    process.join()
    return result


def largest(name: str) -> int:
    """The largest size of a case that the default limits let through: 98% of the first of
    ``max_input_bytes``, ``max_tags`` or ``max_lines`` it reaches, scaled from a 1 MB sample
    then corrected once from the input made at that size (the decoded text of a bytes case
    is approximated by its Latin-1 reading)."""
    n = 1_000_000
    for _ in range(2):
        n = int(n * 0.98 / _share_of_limits(CASES[name](n)))
    return n


def _share_of_limits(sample: str | bytes) -> float:
    """The largest share of a default limit that an input takes (1.0: at the limit)."""
    from cleanarticle.input.limits import LINE_BREAKS
    from cleanarticle.options import DEFAULTS
    from cleanarticle.text.capture import looks_like_html

    text = sample.decode("latin-1") if isinstance(sample, bytes) else sample
    encoded = len(sample) if isinstance(sample, bytes) else len(sample.encode())
    shares = [encoded / DEFAULTS.max_input_bytes]
    if looks_like_html(text):  # as extract() decides which count to check
        shares.append(text.count("<") / DEFAULTS.max_tags)
    else:
        shares.append(sum(text.count(c) for c in LINE_BREAKS) / DEFAULTS.max_lines)
    return max(shares)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default="1,max",
        help="input sizes in MB, or 'max': the largest the default limits let through "
        "(default 1,max)",
    )
    parser.add_argument("--cases", default="", help="comma-separated case names (default all)")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a hang")
    args = parser.parse_args(argv)
    names = [c for c in args.cases.split(",") if c] or list(CASES)
    print(
        f"{'case':18} {'MB':>6} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'x input':>7}  outcome"
    )
    for name in names:
        for size in args.sizes.split(","):
            n = largest(name) if size == "max" else int(float(size) * 1_000_000)
            length, seconds, peak, outcome = measure(name, n, args.limit)
            megabytes = max(length, 1) / 1e6
            print(
                f"{name:18} {megabytes:6.1f} {seconds:8.2f} {seconds / megabytes:6.2f} "
                f"{peak / 1e6:8.0f} {peak / max(length, 1):7.1f}  {outcome}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
