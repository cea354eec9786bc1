"""Hypothesis properties: any input gives an Article or a CleanArticleError; round trips."""

from __future__ import annotations

import pickle
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanarticle
from cleanarticle import Article, CleanArticleError, InternalError

from .strategies import articles, html_docs, prose_articles

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(data: bytes | str) -> Article | CleanArticleError:
    try:
        return cleanarticle.extract(data)
    except InternalError:  # an unexpected exception, wrapped: still a bug
        raise
    except CleanArticleError as exc:
        assert str(exc), "errors carry a message"
        return exc


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    assert isinstance(_outcome(data), (Article, CleanArticleError))


@FAST
@given(st.text(max_size=2000))
def test_any_str(data: str) -> None:
    assert isinstance(_outcome(data), (Article, CleanArticleError))


@FAST
@given(html_docs())
def test_html_like_documents(doc: str) -> None:
    out = _outcome(doc)
    if isinstance(out, Article):
        assert out.text.strip(), "an Article always has a body"
        assert Article.from_dict(out.to_dict()) == out


@FAST
@given(articles)
def test_dict_and_json_round_trip(article: Article) -> None:
    assert Article.from_dict(article.to_dict()) == article
    assert Article.from_json(article.to_json()) == article
    assert pickle.loads(pickle.dumps(article)) == article


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@FAST
@given(prose_articles())
def test_cleaning_the_text_output_again_keeps_the_text(article: Article) -> None:
    again = cleanarticle.extract(article.to_text(), input_format="text")
    assert again.headline == article.headline
    assert _tokens(again.text) == _tokens(article.text)
    assert again.bullets == article.bullets


@FAST
@given(prose_articles())
def test_cleaning_the_markdown_output_again_keeps_the_text(article: Article) -> None:
    again = cleanarticle.extract(article.to_markdown(), input_format="text")
    assert _tokens(again.text) == _tokens(article.text)
    assert again.bullets == article.bullets


# Any character, and white space of every kind, often: the fast path must give the same.
_SPACED_TEXT = st.text(
    st.one_of(st.characters(), st.sampled_from(" \t\n\xa0\u2028\u3000\x1c\x85\u200b")),
    max_size=40,
)


@given(_SPACED_TEXT)
def test_squeeze_is_split_and_join(text: str) -> None:
    from cleanarticle.textutil import squeeze

    assert squeeze(text) == " ".join(text.split())
