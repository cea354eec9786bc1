"""Opening the files of a dump without being stalled by what a folder may hold.

A dump folder can hold more than regular files: a named pipe (FIFO) blocks the process that
opens it until a writer appears, which may be never, and a device can be read forever. An
input is therefore opened without blocking and must be a regular file (a symbolic link to
one is fine); anything else is refused with an error that names what it is.
"""

from __future__ import annotations

import io
import os
import stat

__all__ = ["NotARegularFileError", "open_regular"]

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class NotARegularFileError(OSError):
    """The path exists but is not a regular file (a pipe, a device, a socket)."""


def open_regular(path: str) -> io.BufferedReader:
    """Open a regular file for reading in binary mode, never blocking on the open.

    Raises:
        NotARegularFileError: the path is a named pipe, a device, a socket or a folder.
        OSError: the file cannot be opened (missing, no permission, a broken link, ...).
    """
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotARegularFileError(f"{kind}, not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
