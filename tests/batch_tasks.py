"""Cleaners that misbehave on purpose, for the batch fault tests (workers import this)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from cleanarticle.batch.cleaner import Cleaner
from cleanarticle.batch.document import Document
from cleanarticle.batch.records import Result
from cleanarticle.model import Article


class UnrulyCleaner(Cleaner):
    """Hangs, spins, crashes or hogs memory when the document's source says so."""

    def clean(self, document: Document) -> Result:
        source = document.source
        if "hang" in source:
            if document.path is not None:  # tell the test which process hangs
                Path(document.path + ".pid").write_text(str(os.getpid()), encoding="utf-8")
            time.sleep(3600)
        if "crash" in source:
            os.kill(os.getpid(), signal.SIGKILL)
        if "hog" in source:
            hog = bytearray(2**30)  # 1 GiB
            hog[-1] = 1
        if "slow" in source:
            time.sleep(0.3)
        return super().clean(document)

    def _extract(self, doc: Document) -> Article:
        if "spin" in doc.source:  # a pure-Python loop, inside the time limit of the cleaner
            end = time.monotonic() + 3600
            while time.monotonic() < end:
                pass
        return super()._extract(doc)
