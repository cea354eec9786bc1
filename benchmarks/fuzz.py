"""Fuzz cleanarticle for a set time; save every crashing or hanging input as a fixture.

Targets (the first byte of an input picks one, the rest is the payload):

- ``bytes``: ``extract(payload)``, input format recognised;
- ``text``: ``extract(payload, input_format="text")``;
- ``str``: ``extract(str)``, the payload decoded with lone surrogates kept;
- ``warc``: the batch's WARC reader on the payload as a ``.warc`` (``.warc.gz`` when it
  starts like gzip) file, each record loaded;
- ``jsonl``: the batch's JSONL reader on the payload as a ``.jsonl`` file, each line parsed;
- ``explain``: ``cleanarticle explain`` on the payload and its annotated copy
  (``render_html``), which must pass its own safety check and hold nothing that can run.

A "crash" is any exception that is not a CleanArticleError, an InternalError (extract turns
an unexpected exception into one: it is still a bug), an Article that breaks the model's
invariants (empty body, JSON round trip, a control character in any output, a URL field that
is not an absolute http(s) URL), or output where something could run (the Markdown rendered
by markdown-it with raw HTML on, when installed; JSON holding markup; the explain copy). A
"hang" is
one call slower than --hang-seconds. Each such input is written to
``fixtures/hostile/fuzz-<target>-<sha1>.bin`` (``fuzz-<sha1>.bin`` for ``bytes``), which
``tests/test_hostile.py`` and ``tests/test_batch_faults.py`` run forever after.

Engines: atheris (coverage-guided, libFuzzer) when installed, else hypothesis with a time
budget. Seeds: the fixtures, the hostile corpus (``fixtures/hostile/cases/``), and (when
present) pages from the dataset folder. An input grown
from a dataset page holds pieces of it, and the datasets must not be copied into the
repository: minimise such an input to what triggers the bug (by hand or by deleting parts
while it still fails) before committing it.

    python benchmarks/fuzz.py --minutes 30                 # atheris if available
    python benchmarks/fuzz.py --engine hypothesis --minutes 5
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

import cleanarticle  # noqa: E402
from cleanarticle import Article, CleanArticleError, InternalError  # noqa: E402
from cleanarticle.batch.inputs import read_documents  # noqa: E402
from cleanarticle.bench.datasets import default_datasets  # noqa: E402
from cleanarticle.explain import explain, render_html  # noqa: E402

OUT = ROOT / "fixtures" / "hostile"
TARGETS = ("bytes", "text", "str", "warc", "jsonl", "explain")
#: What no output may hold (cleanarticle.textutil.CONTROLS, but the carriage return: JSON
#: escapes it, and the model turns it into a newline).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Pages read by the batch readers in the fuzzer are bounded as in a batch, but smaller.
READER_MAX_BYTES = 1 << 20
_SCRATCH = Path(tempfile.mkdtemp(prefix="cleanarticle-fuzz-"))


def _markdown_renderer() -> Callable[[str], str] | None:
    try:
        import markdown_it
    except ImportError:
        return None
    md = markdown_it.MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # judge the escaping, not the renderer's link filter
    return md.render  # type: ignore[no-any-return]


_render_markdown = _markdown_renderer()
_URL_IGNORED = re.compile(r"[\x00-\x20]+")


def _runs_something(html: str) -> bool:
    """Whether an HTML fragment holds a script-like element, an event handler or a
    javascript: URL (as a browser reads it)."""
    tree = LexborHTMLParser(html)
    if tree.css_first("script, iframe, object, embed, base, template") is not None:
        return True
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        for key, value in node.attributes.items():
            folded = _URL_IGNORED.sub("", value or "").lower()
            if key.lower().startswith("on") or "javascript:" in folded:
                return True
    return False


def _extract(target: str, payload: bytes) -> Article | None:
    try:
        if target == "text":
            return cleanarticle.extract(payload, input_format="text")
        if target == "str":
            return cleanarticle.extract(payload.decode("utf-8", "surrogateescape"))
        return cleanarticle.extract(payload)
    except InternalError:
        raise
    except CleanArticleError:
        return None


def _explain(payload: bytes) -> str | None:
    """Explain a page and write its annotated copy; a problem with the copy, or None."""
    try:
        copy = render_html(explain(payload), "fuzz")
    except InternalError:
        raise
    except CleanArticleError:
        return None
    if _runs_something(copy):
        return "output: the explain copy holds something that can run"
    return None


def _article_problem(article: Article) -> str | None:
    if not article.text.strip():
        return "invariant: an Article with an empty body"
    for name, output in (("text", article.to_text()), ("Markdown", article.to_markdown())):
        if _CONTROLS.search(output):
            return f"output: a control character in the {name}"
    urls = (
        article.url,
        article.canonical_url,
        article.main_image,
        *(i.url for i in article.images),
    )
    if any(u is not None and not u.startswith(("http://", "https://")) for u in urls):
        return "invariant: a URL field that is not an absolute http(s) URL"
    if Article.from_json(article.to_json()) != article:
        return "invariant: JSON round trip changed the article"
    if set("<>&") & set(article.to_json()):
        return "output: the JSON holds markup"
    if _render_markdown is not None and _runs_something(_render_markdown(article.to_markdown())):
        return "output: the Markdown renders something that can run"
    return None


def _read(target: str, payload: bytes) -> None:
    """Run a batch reader on the payload as a file; raise on any failure."""
    suffix = ".jsonl" if target == "jsonl" else ".warc"
    if payload[:2] == b"\x1f\x8b":
        suffix += ".gz"
    path = _SCRATCH / f"input{suffix}"
    path.write_bytes(payload)
    docs = [d.load(READER_MAX_BYTES) for d in read_documents([path], max_bytes=READER_MAX_BYTES)]
    sources = [d.source for d in docs]
    if len(set(sources)) != len(sources):
        raise AssertionError(f"a source is given twice: {sources}")
    for doc in docs:
        if (doc.data is None) == (doc.error is None):
            raise AssertionError(f"{doc.source}: a document has neither page nor error")


def check(data: bytes, hang_seconds: float) -> str | None:
    """None when the input is handled; else a description of the failure."""
    if not data:
        return None
    target, payload = TARGETS[data[0] % len(TARGETS)], data[1:]
    started = time.perf_counter()
    article = None
    problem = None
    try:
        if target in ("warc", "jsonl"):
            _read(target, payload)
        elif target == "explain":
            problem = _explain(payload)
        else:
            article = _extract(target, payload)
    except InternalError as exc:
        return f"{target} crash: {exc.__cause__!r}"
    except Exception as exc:  # this is what the fuzzer looks for
        return f"{target} crash: {type(exc).__name__}: {exc}"
    elapsed = time.perf_counter() - started
    if elapsed > hang_seconds:
        return f"{target} hang: {elapsed:.1f} s"
    if article is not None:
        problem = _article_problem(article)
    return f"{target} {problem}" if problem else None


def save(data: bytes, why: str) -> Path:
    """Keep a failing input's payload as a fixture, named by its target (``fuzz-<sha1>.bin``
    for ``bytes``, ``fuzz-<target>-<sha1>.bin`` for the others)."""
    target = TARGETS[data[0] % len(TARGETS)]
    digest = hashlib.sha1(data).hexdigest()[:16]
    name = f"fuzz-{digest}.bin" if target == "bytes" else f"fuzz-{target}-{digest}.bin"
    path = OUT / name
    if not path.exists():
        path.write_bytes(data[1:])
        path.with_suffix(".why").write_text(why + "\n", encoding="utf-8")
    print(f"FOUND {why} -> {path.relative_to(ROOT)}", flush=True)
    return path


def seeds(datasets: Path, limit: int) -> list[bytes]:
    """Inputs to start from, each behind the byte of the target it goes to."""
    pages = [p.read_bytes() for p in sorted((ROOT / "fixtures").rglob("input.*")) if p.is_file()]
    hostile = [p.read_bytes() for p in sorted((OUT / "cases").iterdir()) if p.is_file()]
    files = sorted(datasets.glob("*/html/*.html.gz"))[:limit]
    pages.extend(gzip.decompress(p.read_bytes())[:200_000] for p in files)
    out = [bytes([TARGETS.index("bytes")]) + page for page in pages]
    out += [bytes([TARGETS.index("text")]) + page for page in pages[:10]]
    out += [bytes([TARGETS.index("str")]) + page for page in pages[:10]]
    out += [bytes([TARGETS.index(t)]) + sample for t, sample in _reader_seeds()]
    out += [bytes([TARGETS.index("bytes")]) + page for page in hostile]
    out += [bytes([TARGETS.index("explain")]) + page for page in hostile + pages[:10]]
    return out


def _reader_seeds() -> list[tuple[str, bytes]]:
    """A small WARC (plain and gzip) and a JSONL file, built here."""
    rows = [b'{"id": 1, "url": "https://e.com/", "html": "<p>One page of prose.</p>"}']
    out: list[tuple[str, bytes]] = [("jsonl", b"\n".join(rows * 3) + b"\n{bad\n")]
    with contextlib.suppress(ImportError):
        import io

        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        for gz in (False, True):
            buffer = io.BytesIO()
            writer = WARCWriter(buffer, gzip=gz)
            payload = b"<html><body><p>A page of prose in a WARC record.</p></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                "https://e.com/",
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                length=len(payload),
            )
            writer.write_record(record)
            out.append(("warc", buffer.getvalue()))
    return out


def run_atheris(args: argparse.Namespace, corpus: list[bytes]) -> int:
    import atheris

    corpus_dir = Path(args.corpus)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for data in corpus:
        (corpus_dir / hashlib.sha1(data).hexdigest()).write_bytes(data)

    def one_input(data: bytes) -> None:
        why = check(data, args.hang_seconds)
        if why is not None:
            save(data, why)

    atheris.instrument_all()
    argv = [
        sys.argv[0],
        str(corpus_dir),
        f"-max_total_time={int(args.minutes * 60)}",
        "-max_len=200000",
        f"-timeout={int(args.hang_seconds * 3)}",
        "-rss_limit_mb=4096",
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


def run_hypothesis(args: argparse.Namespace, corpus: list[bytes]) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + args.minutes * 60
    found = 0
    examples = 0

    def splice(t: Any) -> bytes:
        seed, at, insert = t
        cut = 1 + at % len(seed)
        return bytes(seed[:cut] + insert + seed[cut:])

    mutations = st.one_of(
        st.binary(max_size=5000),
        st.tuples(st.integers(0, len(TARGETS) - 1), st.text(max_size=5000)).map(
            lambda t: bytes([t[0]]) + t[1].encode("utf-8", "surrogatepass")
        ),
        st.tuples(st.sampled_from(corpus), st.integers(0, 10**9), st.binary(max_size=200)).map(
            splice
        ),
    )

    @settings(
        max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(mutations)
    def prop(data: bytes) -> None:
        nonlocal found, examples
        if time.monotonic() > deadline:
            return
        examples += 1
        why = check(data, args.hang_seconds)
        if why is not None:
            found += 1
            save(data, why)

    while time.monotonic() < deadline:  # batches of fresh random examples until time is up
        prop()
    print(f"hypothesis: {examples} inputs in {args.minutes} min, {found} failures")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "datasets",
        nargs="?",
        default=str(default_datasets(ROOT)),
        help="dataset folder for seed pages (default ../shared/datasets)",
    )
    parser.add_argument("--minutes", type=float, default=30.0, help="time budget (default 30)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument(
        "--hang-seconds",
        type=float,
        default=10.0,
        help="a call slower than this is a hang (default 10)",
    )
    parser.add_argument(
        "--seed-pages", type=int, default=60, help="dataset pages used as seeds (default 60)"
    )
    parser.add_argument(
        "--corpus",
        default="/tmp/cleanarticle-fuzz-corpus",
        help="atheris corpus folder (default /tmp/cleanarticle-fuzz-corpus)",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = seeds(Path(args.datasets), args.seed_pages)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    print(
        f"fuzzing with {engine} for {args.minutes} min, {len(corpus)} seeds, targets "
        f"{', '.join(TARGETS)}; markdown check: {'on' if _render_markdown else 'off'}",
        flush=True,
    )
    return run_atheris(args, corpus) if engine == "atheris" else run_hypothesis(args, corpus)


if __name__ == "__main__":
    sys.exit(main())
