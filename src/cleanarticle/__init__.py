"""cleanarticle: turn scraped article pages into clean, structured articles.

>>> import cleanarticle
>>> article = cleanarticle.extract(html_bytes, url="https://www.inkl.com/news/...")
>>> article.headline, article.publisher, article.aggregator
>>> print(article.to_markdown())
"""

from cleanarticle.api import InputFormat, extract
from cleanarticle.errors import (
    CleanArticleError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    NoContentError,
    ResourceLimitError,
    RulesError,
)
from cleanarticle.model import (
    Article,
    Block,
    BlockKind,
    Image,
    ListItem,
    RemovalKind,
    Removed,
    Section,
)
from cleanarticle.options import DEFAULTS, Options
from cleanarticle.rules import RuleSet, load_rules

__version__ = "0.1.0"

__all__ = [
    "DEFAULTS",
    "Article",
    "Block",
    "BlockKind",
    "CleanArticleError",
    "EmptyInputError",
    "Image",
    "InputError",
    "InputFormat",
    "InputTooLargeError",
    "ListItem",
    "NoContentError",
    "Options",
    "RemovalKind",
    "Removed",
    "ResourceLimitError",
    "RuleSet",
    "RulesError",
    "Section",
    "__version__",
    "extract",
    "load_rules",
]
