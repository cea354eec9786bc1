"""Imported by the worker pool's forkserver before it forks any worker.

It imports the engine and cleans the bundled example page once, so that the lazy set-up
(language profiles: about a second and tens of megabytes) is done once, in the forkserver,
and shared copy-on-write by every worker it forks, including the replacements of workers
killed by a timeout.
"""

from __future__ import annotations

import contextlib

from cleanarticle.batch.cleaner import Cleaner

with contextlib.suppress(Exception):  # never stop the forkserver: workers warm up anyway
    Cleaner().warm_up()
