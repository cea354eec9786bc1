"""cleanarticle as a `datatrove <https://github.com/huggingface/datatrove>`_ extractor step.

:class:`CleanArticle` stands where ``Trafilatura()`` stands in a datatrove pipeline: it
reads each document's ``text`` as a page (HTML, or a plain-text capture), replaces it with
the article's body text, keeps the document's metadata (the WARC's ``url`` and ``date``,
...) and adds the article's fields to it under their JSON names (``headline``,
``datePublished``, ``inLanguage``, ...: :data:`DEFAULT_FIELDS`)::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanarticle.integrations.datatrove import CleanArticle

    LocalPipelineExecutor(
        pipeline=[
            WarcReader("crawl/"),
            CleanArticle(),            # was: Trafilatura(favour_precision=True)
            JsonlWriter("articles/"),
        ],
        tasks=4,
    ).run()

A document whose page gives no article (``NoContentError`` and the other
:class:`~cleanarticle.CleanArticleError`\\ s) is dropped, as extractors drop a document with no
text; the step's stats count each kind (``error_NoContentError``, ...). As datatrove's own
extractors do, each page is cleaned in a sandbox process and stopped past ``timeout``.

Install with ``pip install 'cleanarticle[datatrove]'``.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.typeshelper import StatHints

from cleanarticle.api import InputFormat, extract
from cleanarticle.errors import CleanArticleError
from cleanarticle.options import DEFAULTS, Options
from cleanarticle.rules import RuleSet, load_rules

if TYPE_CHECKING:
    from collections.abc import Iterator

    from datatrove.data import Document, DocumentsPipeline

__all__ = ["DEFAULT_FIELDS", "CleanArticle"]

#: The article fields added to each document's metadata by default (JSON names).
DEFAULT_FIELDS: tuple[str, ...] = (
    "headline",
    "authors",
    "byline",
    "publisher",
    "aggregator",
    "articleSection",
    "datePublished",
    "dateModified",
    "inLanguage",
    "canonicalUrl",
    "description",
    "mainImage",
    "isPartial",
    "isAccessibleForFree",
    "pageType",
    "wordCount",
)
_EXAMPLE = "inkl-axios-example.txt"
#: The result the sandbox sends back: the body text and the fields, or None and the error.
_Outcome = tuple[str | None, dict[str, Any]]


class CleanArticle(BaseExtractor):
    """Extractor step: the page in ``doc.text`` becomes the article's text; its fields join
    ``doc.metadata``.

    Args:
        fields: the JSON keys of :meth:`Article.to_dict` to add to the metadata (default
            :data:`DEFAULT_FIELDS`; ``None`` for every key but ``articleBody``). A key the
            document's metadata already has keeps the document's value.
        url_key: the metadata key holding the page's URL (given to ``extract``).
        timeout: seconds one page may take before its sandbox process is stopped and the
            document skipped (as for datatrove's other extractors).
        rules, input_format, options: as for :func:`cleanarticle.extract`.
    """

    name = "🧹 cleanarticle"

    def __init__(
        self,
        *,
        fields: Sequence[str] | None = DEFAULT_FIELDS,
        url_key: str = "url",
        timeout: float = 1.0,
        rules: RuleSet | str | Path | None = None,
        input_format: InputFormat = "auto",
        options: Options = DEFAULTS,
    ) -> None:
        super().__init__(timeout)
        self.fields: tuple[str, ...] | None = None if fields is None else tuple(fields)
        self.url_key = url_key
        self.rules = rules if isinstance(rules, RuleSet) else load_rules(rules)
        self.input_format: InputFormat = input_format
        self.options = options

    def extract(self, text: str) -> str:
        """The article's body text of a page ("" when it has none), as extractors do."""
        body, _ = self.clean(text, None)
        return body or ""

    def clean(self, page: str, url: str | None) -> _Outcome:
        """The article's body text and the fields to add, or None and ``{"error": type}``."""
        try:
            article = extract(
                page,
                url=url,
                input_format=self.input_format,
                rules=self.rules,
                options=self.options,
            )
        except CleanArticleError as exc:
            return None, {"error": type(exc).__name__}
        record = article.to_dict()
        keys = self.fields if self.fields is not None else [k for k in record if k != "articleBody"]
        return article.text, {k: record[k] for k in keys if k in record}

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        """Clean each document in a sandbox process (datatrove calls this)."""
        if data is None:
            return
        warm_up = (
            (resources.files("cleanarticle") / "examples" / _EXAMPLE).read_text("utf-8"),
            None,
        )
        self.clean(*warm_up)  # loaded once here, so that a forked sandbox starts warm
        with ExtractorSandbox(timeout=self.timeout, warmup_text=warm_up) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                url = doc.metadata.get(self.url_key)
                job = (doc.text, url if isinstance(url, str) else None)
                with self.track_time():
                    try:
                        body, found = sandbox.process_document(job, self.clean)
                    except TimeoutError:
                        self.stat_update("timeout")
                        continue
                    except EOFError:  # the sandbox died (out of memory, ...)
                        self.stat_update("broken_process")
                        continue
                if body is None:
                    self.stat_update(f"error_{found['error']}")
                    self.stat_update(StatHints.dropped)
                    continue
                self.stat_update("extracted")
                doc.text = body
                for key, value in found.items():
                    doc.metadata.setdefault(key, value)
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
