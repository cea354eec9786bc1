"""Fuzz cleanarticle.extract for a set time; save every crashing or hanging input as a fixture.

A "crash" is any exception that is not a CleanArticleError, an InternalError (extract turns
an unexpected exception into one: it is still a bug), or an Article that breaks the model's
invariants (empty body, JSON round trip). A "hang" is one call slower than
--hang-seconds. Each such input is written to fixtures/hostile/fuzz-<sha1>.bin, which
tests/test_hostile.py then runs forever after.

Engines: atheris (coverage-guided, libFuzzer) when installed, else hypothesis with a time
budget. Seeds: the fixtures, and (when present) pages from the dataset folder.

    python benchmarks/fuzz.py --minutes 30                 # atheris if available
    python benchmarks/fuzz.py --engine hypothesis --minutes 5
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import cleanarticle  # noqa: E402
from cleanarticle import Article, CleanArticleError, InternalError  # noqa: E402

OUT = ROOT / "fixtures" / "hostile"


def check(data: bytes, hang_seconds: float) -> str | None:
    """None when the input is handled; else a description of the failure."""
    started = time.perf_counter()
    try:
        result = cleanarticle.extract(data)
    except InternalError as exc:
        return f"crash: {exc.__cause__!r}"
    except CleanArticleError:
        result = None
    except Exception as exc:  # this is what the fuzzer looks for
        return f"crash: {type(exc).__name__}: {exc}"
    elapsed = time.perf_counter() - started
    if elapsed > hang_seconds:
        return f"hang: {elapsed:.1f} s"
    if isinstance(result, Article):
        if not result.text.strip():
            return "invariant: an Article with an empty body"
        if Article.from_json(result.to_json()) != result:
            return "invariant: JSON round trip changed the article"
    return None


def save(data: bytes, why: str) -> Path:
    path = OUT / f"fuzz-{hashlib.sha1(data).hexdigest()[:16]}.bin"
    if not path.exists():
        path.write_bytes(data)
        path.with_suffix(".why").write_text(why + "\n", encoding="utf-8")
    print(f"FOUND {why} -> {path.relative_to(ROOT)}", flush=True)
    return path


def seeds(datasets: Path, limit: int) -> list[bytes]:
    out = [p.read_bytes() for p in sorted((ROOT / "fixtures").rglob("input.*")) if p.is_file()]
    pages = sorted(datasets.glob("*/html/*.html.gz"))[:limit]
    out.extend(gzip.decompress(p.read_bytes())[:200_000] for p in pages)
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
    mutations = st.one_of(
        st.binary(max_size=5000),
        st.text(max_size=5000).map(str.encode),
        st.tuples(st.sampled_from(corpus), st.integers(0, 10**9), st.binary(max_size=200)).map(
            lambda t: t[0][: t[1] % (len(t[0]) + 1)] + t[2] + t[0][t[1] % (len(t[0]) + 1) :]
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
        default=str(ROOT.parent / "shared" / "datasets"),
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
    print(f"fuzzing with {engine} for {args.minutes} min, {len(corpus)} seeds", flush=True)
    return run_atheris(args, corpus) if engine == "atheris" else run_hypothesis(args, corpus)


if __name__ == "__main__":
    sys.exit(main())
