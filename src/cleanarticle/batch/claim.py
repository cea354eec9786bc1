"""Claiming a batch output: the lock that keeps a second batch out of it, and the errors for
an output that already holds records or cannot be written (shared by the JSONL and Parquet
sinks)."""

from __future__ import annotations

from cleanarticle.errors import OutputError

__all__ = ["exists_message", "lock", "write_failed"]


def lock(fd: int, path: str) -> None:
    """Take an exclusive lock on an open output, or raise OutputError if a batch holds it."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only; elsewhere outputs are not locked
    except ImportError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        raise OutputError(f"{path}: another batch is writing this output") from exc


def exists_message(path: str) -> str:
    """The error for an output that exists when neither resume nor overwrite was asked."""
    return (
        f"{path} already holds records: add --resume to finish that batch, or --overwrite "
        "to start again"
    )


def write_failed(path: str, exc: OSError, what: str = "write") -> str:
    """The error for an output that cannot be written (a full disk, say): what failed, and
    how to finish the batch once the cause is fixed."""
    return (
        f"{path}: cannot {what}: {exc.strerror or exc}. The records written so far are kept: "
        "fix the cause (free some space), then run the same command with --resume to finish"
    )
