"""Batch cleaning benchmark: scaling with workers, memory per worker, and the batch's promises.

    python benchmarks/batch.py [DATASETS_DIR] [--sizes 1000,10000] [--scaling-size 3000]
                               [--repeat 3] [--patience S] [--quiet CORES] [--workdir DIR]
                               [--skip-checks] [--skip-dask]

It builds synthetic dumps at run time (nothing is committed) from the pages of
DATASETS_DIR (default: ``../shared/datasets`` beside the checkout: ``scrapinghub/html`` and
``trafilatura/html``), mixing every input kind: page files (``.html.gz``, symbolic links to
the dataset pages, in nested folders), WARC files (``.warc.gz``), JSONL files
(``.jsonl.gz``), and broken inputs (corrupt gzip, an empty file, a truncated WARC, bad
JSONL lines). Then:

1. **scaling**: the same dump with 1 and with 2 worker processes, in ``--repeat`` pairs
   (alternating which goes first); the median wall times (start-up included, hence a dump
   of some thousands) and their ratio, over all pairs and over the quiet ones (where other
   programs used at most ``--quiet`` cores), and the CPU the workers got per second (2.0 =
   two whole cores). ``--patience S`` waits for quiet moments on a shared machine;
2. **memory**: the peak resident memory of each worker (``ru_maxrss``) and of the parent,
   for each of ``--sizes`` documents, with 2 workers;
3. **checks** (the issue's bar): record count = document count; ``kill -9`` in the middle,
   then ``--resume``: still equal, no duplicate; ``--dask`` (a 2-worker local cluster) gives
   the same records as the process pool.

Each run is a fresh ``python -m cleanarticle.cli batch`` process. The machine is shared:
run it when it is quiet, and read the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from cleanarticle.bench.datasets import default_datasets  # noqa: E402

DEFAULT_DATASETS = default_datasets(ROOT)
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
}
PER_FILE = 250  # documents per WARC / JSONL file, and page files per folder

RUN = """
import json, resource, sys, time
from cleanarticle.batch.run import run_batch
args = json.loads(sys.argv[1])
start = time.perf_counter()
summary = run_batch(args["inputs"], args["output"], workers=args.get("workers"),
                    dask=args.get("dask"), resume=args.get("resume", False), progress=False)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
# The peak of this process: VmHWM, since ru_maxrss keeps the peak of the process this one
# was forked from before its exec (the benchmark itself, grown by building the dumps).
try:
    with open("/proc/self/status") as fh:
        peak = next(int(l.split()[1]) * 1024 for l in fh if l.startswith("VmHWM:"))
except OSError:
    peak = usage.ru_maxrss * 1024
print(json.dumps({
    "documents": summary.documents, "skipped": summary.skipped, "errors": dict(summary.errors),
    "seconds": wall, "workers": summary.workers, "peak_worker_rss": summary.peak_worker_rss,
    "worker_cpu": summary.worker_cpu, "final_worker_rss": summary.final_worker_rss,
    "parent_rss": peak, "parent_cpu": usage.ru_utime + usage.ru_stime,
}))
"""


# -- the dump ------------------------------------------------------------------------------


def load_pages(datasets: Path) -> list[Path]:
    """The dataset pages (gzip files) the dumps are made of."""
    pages = sorted((datasets / "scrapinghub" / "html").glob("*.html.gz"))
    pages += sorted((datasets / "trafilatura" / "html").glob("*.html.gz"))
    if not pages:
        sys.exit(f"no pages under {datasets}/scrapinghub/html or trafilatura/html")
    return pages


def make_dump(root: Path, size: int, pages: list[Path]) -> int:
    """Write a dump of about ``size`` documents mixing every input kind; return its count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(size)
    picks = [pages[rng.randrange(len(pages))] for _ in range(size)]
    files, warcs, lines = (
        picks[: size * 3 // 5],
        picks[size * 3 // 5 : size * 4 // 5],
        picks[size * 4 // 5 :],
    )
    count = 0
    for n, page in enumerate(files):
        folder = root / "files" / f"{n // PER_FILE:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:06d}-{page.name}").symlink_to(page)
        count += 1
    for start in range(0, len(warcs), PER_FILE):
        with (root / f"crawl-{start // PER_FILE:04d}.warc.gz").open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for n, page in enumerate(warcs[start : start + PER_FILE], start):
                payload = gzip.decompress(page.read_bytes())
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    f"https://example.com/{n}",
                    "response",
                    payload=io.BytesIO(payload),
                    length=len(payload),
                    http_headers=headers,
                )
                writer.write_record(record)
                count += 1
    for start in range(0, len(lines), PER_FILE):
        with gzip.open(
            root / f"pages-{start // PER_FILE:04d}.jsonl.gz", "wt", encoding="utf-8"
        ) as fh:
            for n, page in enumerate(lines[start : start + PER_FILE], start):
                html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
                fh.write(
                    json.dumps({"id": n, "url": f"https://example.org/{n}", "html": html}) + "\n"
                )
                count += 1
    broken = root / "broken"
    broken.mkdir()
    (broken / "corrupt.html.gz").write_bytes(b"\x1f\x8b\x08\x00 not gzip at all")
    (broken / "empty.html").write_bytes(b"")
    (broken / "bad.jsonl").write_text(
        '{"html": "<p>fine</p>"}\n{oops\n{"id": 1}\n', encoding="utf-8"
    )
    whole = (root / "crawl-0000.warc.gz").read_bytes()
    (broken / "cut.warc.gz").write_bytes(whole[: len(whole) // 40])  # a few records, then cut
    count += 2 + 3 + _warc_documents(broken / "cut.warc.gz")
    return count


def _warc_documents(path: Path) -> int:
    """How many records a truncated WARC yields (whole ones, plus one for the broken rest)."""
    from cleanarticle.batch.inputs import read_documents

    return sum(1 for _ in read_documents([path]))


# -- runs ----------------------------------------------------------------------------------


def run(inputs: list[str], output: Path, **options: Any) -> dict[str, Any]:
    """One batch in a fresh process; its summary, timings and memory."""
    args = json.dumps({"inputs": inputs, "output": str(output), **options})
    done = subprocess.run(
        [sys.executable, "-c", RUN, args], env=ENV, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"batch failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def read_records(path: Path) -> dict[str, dict[str, Any]]:
    """The records of a JSONL output by source (fails on a duplicate)."""
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["source"] in out:
                sys.exit(f"duplicate record: {record['source']}")
            out[record["source"]] = record
    return out


def busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy (Linux ``/proc/stat``), or None."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(f) for f in fields]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def others_now(seconds: float = 5.0) -> float | None:
    """Cores the machine spends busy right now (with nothing of ours running)."""
    before = busy_seconds()
    time.sleep(seconds)
    after = busy_seconds()
    return None if before is None or after is None else (after - before) / seconds


def scaling(
    inputs: list[str], work: Path, repeat: int, quiet: float, patience: float
) -> dict[str, Any]:
    """1 and 2 workers, in pairs, alternating which goes first. Each run also says how much
    CPU *other* programs used meanwhile (the machine's busy time less this batch's), so that
    runs disturbed by other work on a shared machine can be told apart. With ``patience``,
    each pair waits for a quiet moment, until ``repeat`` quiet pairs are in (or time is up)."""
    runs: list[dict[str, Any]] = []
    give_up = time.monotonic() + patience
    pairs = quiet_pairs = 0
    while (quiet_pairs if patience else pairs) < repeat:
        if patience:
            while time.monotonic() < give_up and (others_now() or 0.0) > quiet:
                pass
            if time.monotonic() >= give_up and pairs >= repeat:
                break  # out of patience, and enough pairs run anyway
        pair = []
        for workers in (1, 2) if pairs % 2 == 0 else (2, 1):
            out = work / f"scale-{workers}-{pairs}.jsonl"
            before = busy_seconds()
            result = run(inputs, out, workers=workers)
            after = busy_seconds()
            out.unlink()
            own = result["worker_cpu"] + result["parent_cpu"]
            others = None
            if before is not None and after is not None:
                # (the forkserver's start-up, about a second of CPU, counts as "others")
                others = max(0.0, (after - before - own) / result["seconds"])
            pair.append({"workers": workers, **result, "others": others, "pair": pairs})
            print(
                f"  pair {pairs + 1}: {workers} worker(s) {result['seconds']:.1f} s, "
                f"{result['documents'] / result['seconds']:.1f} docs/s, the workers got "
                f"{result['worker_cpu'] / result['seconds']:.2f} cores, parent CPU "
                f"{result['parent_cpu']:.1f} s, other programs used "
                f"{'?' if others is None else f'{others:.2f}'} cores",
                flush=True,
            )
        runs += pair
        pairs += 1
        quiet_pairs += all(r["others"] is not None and r["others"] <= quiet for r in pair)

    def ratio(selected: list[dict[str, Any]]) -> float | None:
        one = [r["seconds"] for r in selected if r["workers"] == 1]
        two = [r["seconds"] for r in selected if r["workers"] == 2]
        return statistics.median(one) / statistics.median(two) if one and two else None

    calm_pairs = {r["pair"] for r in runs if r["others"] is not None and r["others"] <= quiet} - {
        r["pair"] for r in runs if r["others"] is None or r["others"] > quiet
    }
    calm = [r for r in runs if r["pair"] in calm_pairs]
    return {
        "runs": runs,
        "speedup": ratio(runs),
        "quiet_speedup": ratio(calm),
        "quiet_pairs": len(calm_pairs),
        "one": statistics.median(r["seconds"] for r in runs if r["workers"] == 1),
        "two": statistics.median(r["seconds"] for r in runs if r["workers"] == 2),
    }


def kill_and_resume(inputs: list[str], work: Path, expected: int) -> dict[str, Any]:
    out = work / "killed.jsonl"
    args = json.dumps({"inputs": inputs, "output": str(out), "workers": 2})
    process = subprocess.Popen(
        [sys.executable, "-c", RUN, args], env=ENV, stdout=subprocess.DEVNULL
    )
    while process.poll() is None and (
        not out.exists() or out.read_bytes().count(b"\n") < expected // 3
    ):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    before = out.read_bytes().count(b"\n")
    resumed = run(inputs, out, workers=2, resume=True)
    records = read_records(out)
    return {
        "written_before_kill": before,
        "resumed_skipped": resumed["skipped"],
        "resumed_documents": resumed["documents"],
        "records": len(records),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/batch.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "datasets_dir", nargs="?", default=str(DEFAULT_DATASETS), metavar="DATASETS_DIR"
    )
    parser.add_argument("--sizes", default="1000,10000", help="dump sizes for the memory runs")
    parser.add_argument("--scaling-size", type=int, default=3000, help="dump size for scaling")
    parser.add_argument(
        "--repeat", type=int, default=3, help="scaling pairs (quiet pairs with --patience)"
    )
    parser.add_argument(
        "--patience",
        type=float,
        default=0,
        metavar="S",
        help="on a shared machine: wait up to S seconds in all for quiet moments to run pairs",
    )
    parser.add_argument(
        "--quiet",
        type=float,
        default=0.25,
        help="a scaling run is quiet when other programs used at most this many cores",
    )
    parser.add_argument("--workdir", help="where to build the dumps (default: a temporary folder)")
    parser.add_argument("--skip-checks", action="store_true", help="no kill -9 / Dask checks")
    parser.add_argument("--skip-dask", action="store_true", help="no Dask check")
    args = parser.parse_args(argv)
    pages = load_pages(Path(args.datasets_dir))
    work = Path(args.workdir or tempfile.mkdtemp(prefix="cleanarticle-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"{len(pages)} dataset pages; dumps in {work}; {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}"
    )
    sizes = sorted({args.scaling_size, *(int(s) for s in args.sizes.split(","))})
    dumps: dict[int, tuple[list[str], int]] = {}
    for size in sizes:
        root = work / f"dump-{size}"
        shutil.rmtree(root, ignore_errors=True)
        count = make_dump(root, size, pages)
        dumps[size] = (sorted(str(p) for p in root.iterdir()), count)
        print(f"dump of {size:,}: {count:,} documents (files, WARC, JSONL, broken inputs)")

    inputs, count = dumps[args.scaling_size]
    print(f"\nscaling on {count:,} documents:", flush=True)
    scale = scaling(inputs, work, args.repeat, args.quiet, args.patience)
    print(
        f"  median of all runs: 1 worker {scale['one']:.1f} s, 2 workers {scale['two']:.1f} s: "
        f"2 workers are {scale['speedup']:.2f}x as fast as 1"
    )
    if scale["quiet_speedup"] is not None:
        print(
            f"  median of the quiet pairs (other programs used at most {args.quiet:.2f} cores; "
            f"{scale['quiet_pairs']} of {len(scale['runs']) // 2} pairs): "
            f"2 workers are {scale['quiet_speedup']:.2f}x as fast as 1"
        )
    else:
        print(f"  no quiet pair (other programs used more than {args.quiet:.2f} cores)")

    print("\nmemory with 2 workers:", flush=True)
    memory = {}
    for size in sizes:
        inputs_n, count_n = dumps[size]
        out = work / f"memory-{size}.jsonl"
        result = run(inputs_n, out, workers=2)
        records = read_records(out)
        memory[size] = result
        print(
            f"  {count_n:>7,} documents: records {len(records):,} ({'=' if len(records) == count_n else '!='} "
            f"documents), peak worker RSS {result['peak_worker_rss'] / 2**20:.0f} MB, "
            f"at the end {'/'.join(f'{r / 2**20:.0f}' for r in result['final_worker_rss'])} MB, "
            f"parent RSS {result['parent_rss'] / 2**20:.0f} MB, {result['seconds']:.0f} s, "
            f"errors {sum(result['errors'].values())}",
            flush=True,
        )
        if size != args.scaling_size:
            out.unlink()

    report: dict[str, Any] = {"scaling": scale, "memory": {str(k): v for k, v in memory.items()}}
    if not args.skip_checks:
        inputs, count = dumps[args.scaling_size]
        print(f"\nchecks on {count:,} documents:", flush=True)
        killed = kill_and_resume(inputs, work, count)
        print(
            f"  kill -9 after {killed['written_before_kill']:,} records, then --resume: "
            f"{killed['resumed_skipped']:,} skipped + {killed['resumed_documents']:,} cleaned = "
            f"{killed['records']:,} records for {count:,} documents, no duplicate"
        )
        report["kill"] = killed
        if not args.skip_dask:
            pool = read_records(work / f"memory-{args.scaling_size}.jsonl")
            dask_out = work / "dask.jsonl"
            result = run(inputs, dask_out, dask="local", workers=2)
            dasked = read_records(dask_out)
            same = dasked == pool
            print(
                f"  --dask (local, 2 workers): {len(dasked):,} records in {result['seconds']:.1f} s; "
                f"identical to the process pool's: {same}"
            )
            report["dask"] = {
                "records": len(dasked),
                "identical": same,
                "seconds": result["seconds"],
            }
    (work / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nreport: {work / 'report.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
