"""Batch cleaning at scale: dumps of pages in (files, folders, WARC, JSONL), one record per
document out (JSONL or Parquet), on every core or on a Dask cluster.

>>> from cleanarticle.batch import Cleaner, clean_many, read_documents
>>> for result in clean_many(read_documents(["dump.warc.gz"]), workers=4, timeout=30):
...     result.source, result.article or result.error

The command line runs :func:`run_batch`: ``cleanarticle batch INPUT... --output OUT``.
"""

from cleanarticle.batch.api import clean_many
from cleanarticle.batch.cleaner import Cleaner
from cleanarticle.batch.document import Document
from cleanarticle.batch.inputs import read_documents
from cleanarticle.batch.progress import Summary
from cleanarticle.batch.records import ErrorInfo, Result
from cleanarticle.batch.run import run_batch

__all__ = [
    "Cleaner",
    "Document",
    "ErrorInfo",
    "Result",
    "Summary",
    "clean_many",
    "read_documents",
    "run_batch",
]
