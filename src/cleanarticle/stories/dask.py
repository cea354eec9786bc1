"""Pass 1 of ``cleanarticle stories --dask``: the pieces of the inputs scanned on Dask.

Each task reads one piece (a file, or a line-aligned range of a plain JSONL file: see
:func:`~.inputs.pieces`) and returns its :class:`~.run.Scanned` table; the client takes them
back in input order, a bounded number in flight, and groups exactly as without Dask. The
workers read the inputs themselves: they need the same paths (a shared file system).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any, Final

from cleanarticle.errors import CleanArticleError
from cleanarticle.stories.inputs import Piece
from cleanarticle.stories.run import Scanned, scan_piece

__all__ = ["scan_on_dask"]

INSTALL_HINT: Final = "running on Dask needs the dask extra: pip install 'cleanarticle[dask]'"
#: Pieces in flight per worker thread.
IN_FLIGHT: Final = 2


def scan_on_dask(
    parts: list[Piece], *, address: str | None = None, workers: int | None = None
) -> Iterator[Scanned]:
    """Scan the pieces on Dask (a local cluster of ``workers`` processes when no address);
    the results in the pieces' order.

    Raises:
        CleanArticleError: Dask is not installed or cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise CleanArticleError(INSTALL_HINT) from exc
    cluster: Any = None
    try:
        if address is None:
            from cleanarticle.batch.pool import default_workers  # noqa: PLC0415

            cluster = LocalCluster(
                n_workers=workers or default_workers(),
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",
            )
            client = Client(cluster)
        else:
            client = Client(address)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise CleanArticleError(
            f"cannot reach Dask at {address or 'a local cluster'}: {exc}"
        ) from exc
    try:
        size = sum(client.nthreads().values()) or 1
        todo = iter(parts)
        running: deque[Any] = deque()
        for piece in todo:
            running.append(client.submit(scan_piece, piece, pure=False))
            if len(running) >= IN_FLIGHT * size:
                break
        while running:
            future = running.popleft()
            scanned: Scanned = future.result()
            future.release()
            following = next(todo, None)
            if following is not None:
                running.append(client.submit(scan_piece, following, pure=False))
            yield scanned
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
