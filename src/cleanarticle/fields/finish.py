"""The fields finished, and the Article made: the one place where each field gets its value.

Both routes leave their candidates in the draft (the head metadata read by
:mod:`cleanarticle.fields.head`, the fields a profile points at, what the page prints around
the headline, a text capture's head lines). Once the body is known, :func:`finish` settles
them for both routes alike: the printed byline tidied; the authors (the byline's persons when
the page declares none) without the agencies and outlets the profiles know; the publisher and
the aggregator weighed from the credits (:mod:`cleanarticle.fields.publisher`); the URL
fields made safe; the teaser flag (a "Read more" after a body that stops short); the
template; the language. The Article's other fields pass on from the draft as they are.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, Final

from cleanarticle.draft import Draft, Unit, UnitKind
from cleanarticle.errors import NoContentError
from cleanarticle.fields.bylines import authors_from_byline, tidy_byline
from cleanarticle.fields.language import detect_language
from cleanarticle.fields.publisher import persons_only, resolve
from cleanarticle.model import Article, Image, body_text
from cleanarticle.rules.phrases import SENTENCE_END
from cleanarticle.urls import safe_url

if TYPE_CHECKING:
    from cleanarticle.model import Section
    from cleanarticle.options import Options
    from cleanarticle.rules import RuleSet

__all__ = ["PASSED_ON", "finish"]

#: Fields the draft holds in another type than the Article: :func:`finish` converts them
#: (the draft's ``page_type`` is a PageType, the Article's its value).
_OF_ANOTHER_TYPE: Final = frozenset({"page_type"})
#: The Article's fields that the draft carries too, read from the Article's own list: the
#: draft's values pass on, but for those :func:`finish` settles.
PASSED_ON: Final = tuple(
    f.name
    for f in fields(Article)
    if f.name in {d.name for d in fields(Draft)} and f.name not in _OF_ANOTHER_TYPE
)


def finish(
    draft: Draft,
    units: list[Unit],
    sections: list[Section],
    rules: RuleSet,
    options: Options,
    *,
    source_format: str,
    encoding: str | None,
) -> Article:
    """The Article: ``sections`` (built from ``units``) and the draft's fields, finished.

    Raises:
        NoContentError: the body held nothing but control characters (the Article drops them).
    """
    publisher, aggregator = resolve(draft, rules)
    if draft.cut_hint and _stops_short(units):
        draft.is_partial = True
    authors = draft.authors or (authors_from_byline(draft.byline) if draft.byline else [])
    base = draft.canonical_url or draft.url
    profile = draft.profile
    values: dict[str, Any] = {name: getattr(draft, name) for name in PASSED_ON}
    values.update(
        authors=persons_only(authors, rules),
        byline=tidy_byline(draft.byline),
        publisher=publisher,
        aggregator=aggregator,
        canonical_url=safe_url(draft.canonical_url, draft.url),
        main_image=safe_url(draft.main_image, base),
        images=[_safe_image(image, base) for image in draft.images],
        sections=sections,
        template=profile.name if profile is not None else None,
        source_format=source_format,
        encoding=encoding,
        flags=list(draft.flags),
        page_type=draft.page_type.value if draft.page_type is not None else None,
        # on the body before the Article drops its control characters: the same words
        language=detect_language(
            draft.language,
            body_text(sections),
            sample_chars=options.language_sample_chars,
            enabled=options.detect_language,
        )
        or None,
    )
    article = Article(**values)  # built once: it cleans every text of control characters
    if not article.text.strip():
        raise NoContentError("no article body was found in the page")
    return article


#: A paragraph this long that stops without a full stop is a teaser cut short.
_CUT_MIN_CHARS: Final = 100


def _stops_short(units: list[Unit]) -> bool:
    """Whether the body's last paragraph stops mid-sentence or on an ellipsis (a teaser)."""
    last = next((u for u in reversed(units) if u.kind is UnitKind.PARAGRAPH), None)
    if last is None:
        return False
    text = last.text.rstrip()
    if text.endswith(("...", "…", "[…]")):
        return len(text) >= _CUT_MIN_CHARS // 2
    # A sentence cut off: a paragraph long enough to be one (not a title-like line).
    return len(text) >= _CUT_MIN_CHARS and not text.endswith(SENTENCE_END)


def _safe_image(image: Image, base: str | None) -> Image:
    url = safe_url(image.url, base)
    return image if url == image.url else Image(url, image.caption, image.credit, image.alt)
