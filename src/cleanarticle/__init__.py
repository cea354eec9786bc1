"""cleanarticle: turn scraped article pages into clean, structured articles.

>>> import cleanarticle
>>> article = cleanarticle.extract(html_bytes, url="https://www.inkl.com/news/...")
>>> article.headline, article.publisher, article.aggregator
>>> print(article.to_markdown())
"""

from cleanarticle.api import InputFormat, extract

# After the names above: the batch package imports them.
from cleanarticle.batch import Cleaner, clean_many
from cleanarticle.dom import walk as _walk
from cleanarticle.errors import (
    BinaryInputError,
    CleanArticleError,
    DocumentTimeoutError,
    EmptyInputError,
    FetchError,
    InputError,
    InputReadError,
    InputTooLargeError,
    InternalError,
    NoContentError,
    OutputError,
    ResourceLimitError,
    RulesError,
    WorkerCrashedError,
)
from cleanarticle.input.fetch import extract_url
from cleanarticle.model import (
    Article,
    Block,
    BlockKind,
    Image,
    ListItem,
    Mark,
    MarkKind,
    PageType,
    RemovalKind,
    Removed,
    Section,
)
from cleanarticle.options import DEFAULTS, Options
from cleanarticle.rules import RuleSet, load_rules

__version__ = "0.1.0"
#: Whether the engine runs compiled (mypyc, at install time: see setup.py) or as pure Python.
COMPILED: bool = not (_walk.__file__ or "").endswith(".py")

__all__ = [
    "COMPILED",
    "DEFAULTS",
    "Article",
    "BinaryInputError",
    "Block",
    "BlockKind",
    "CleanArticleError",
    "Cleaner",
    "DocumentTimeoutError",
    "EmptyInputError",
    "FetchError",
    "Image",
    "InputError",
    "InputFormat",
    "InputReadError",
    "InputTooLargeError",
    "InternalError",
    "ListItem",
    "Mark",
    "MarkKind",
    "NoContentError",
    "Options",
    "OutputError",
    "PageType",
    "RemovalKind",
    "Removed",
    "ResourceLimitError",
    "RuleSet",
    "RulesError",
    "Section",
    "WorkerCrashedError",
    "__version__",
    "clean_many",
    "extract",
    "extract_url",
    "load_rules",
]
