"""What a worker of ``cleanarticle batch`` costs to start, and what its first pages pay.

The process pool forks its workers from a forkserver that has the engine imported and warmed
up (``cleanarticle/batch/preload.py``); a worker killed by a timeout is replaced the same way.
This measures, over ``--rounds`` replacements, the time from asking for a worker to its being
ready, and then the time of the first pages it cleans (a French page, an English one), and
the CPU time the worker used up to the end of its first page (the figure that does not depend
on how busy the machine is): with the warm-up doing the engine's whole set-up (language
profiles included) in the forkserver, the first page of a replacement costs what it costs any
warm worker.

    PYTHONPATH=src python benchmarks/worker_start.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cleanarticle.batch.cleaner import Cleaner, Task  # noqa: E402
from cleanarticle.batch.document import Document  # noqa: E402
from cleanarticle.batch.pool import WorkerPool  # noqa: E402
from cleanarticle.batch.records import Result  # noqa: E402

FRENCH = (
    "<html><body><article><h1>Le port</h1>"
    + "<p>Les habitants de la ville côtière ont appris mardi que les travaux de la digue, "
    "commencés il y a deux ans, seraient achevés avant l'hiver prochain, selon la mairie.</p>" * 5
    + "</article></body></html>"
).encode()
ENGLISH = (
    "<html><body><article><h1>The harbour</h1>"
    + "<p>The council voted on Tuesday to rebuild the old harbour wall, which was damaged in "
    "the winter storms, and to open the work to local firms.</p>" * 5
    + "</article></body></html>"
).encode()


def _same(result: Result) -> Result:
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="replacements timed (default 20)")
    args = parser.parse_args()
    pool: WorkerPool[Result] = WorkerPool(Task(Cleaner(), _same), workers=1, timeout=30)
    started = time.perf_counter()
    pool.start()  # the forkserver starts, imports and warms up the engine, then forks
    first = time.perf_counter() - started
    spawn, french, english, cpu = [], [], [], []
    try:
        for _ in range(args.rounds):
            worker = pool._workers[0]
            worker.process.kill()
            worker.process.join()
            t0 = time.perf_counter()
            pool._restart(worker)  # what the pool does after a timeout or a crash
            spawn.append(time.perf_counter() - t0)
            for data, times in ((FRENCH, french), (ENGLISH, english)):
                t0 = time.perf_counter()
                (result,) = pool.imap([Document("page", data=data)])
                times.append(time.perf_counter() - t0)
                assert result.article is not None, result.error
                if data is FRENCH:  # the CPU the worker used: its start, warm-up, first page
                    cpu.append(pool._workers[0].cpu)
    finally:
        pool.close()

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"

    print(f"first worker (forkserver start, import, warm-up, fork): {first * 1000:.0f} ms")
    print(f"replacement worker, until ready ({args.rounds} rounds): {ms(spawn)}")
    print(f"its first page (French, language detection in full): {ms(french)}")
    print(f"its second page (English): {ms(english)}")
    print(f"CPU time of the worker up to the end of its first page: {ms(cpu)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
