"""The public API: errors, input kinds, and small engine behaviours on inline HTML."""

from __future__ import annotations

import pytest

import cleanarticle
from cleanarticle import (
    CleanArticleError,
    EmptyInputError,
    InputError,
    NoContentError,
    Options,
)

from .cases import page

PARA = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in "
    "the winter storms, and to open the work to local firms."
)


def test_exports() -> None:
    assert set(cleanarticle.__all__) >= {
        "extract",
        "Article",
        "Options",
        "CleanArticleError",
        "InputError",
        "NoContentError",
        "RulesError",
        "load_rules",
    }


@pytest.mark.parametrize("data", [b"", "", "   \n\t", b"\xef\xbb\xbf"])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError):
        cleanarticle.extract(data)


def test_wrong_type() -> None:
    with pytest.raises(InputError):
        cleanarticle.extract(None)  # type: ignore[arg-type]


def test_bad_input_format_argument() -> None:
    with pytest.raises(InputError):
        cleanarticle.extract("<p>x</p>", input_format="pdf")  # type: ignore[arg-type]


def test_no_article() -> None:
    with pytest.raises(NoContentError):
        cleanarticle.extract(page("<nav><a href='/'>Home</a> <a href='/b'>About</a></nav>"))


def test_errors_share_a_base() -> None:
    for exc in (InputError, EmptyInputError, NoContentError):
        assert issubclass(exc, CleanArticleError)


def test_body_kept_and_navigation_dropped() -> None:
    html = page(
        "<nav><ul><li><a href='/a'>News</a></li><li><a href='/b'>Sport</a></li></ul></nav>"
        f"<div class='story'><h1>Harbour wall to be rebuilt</h1><p>{PARA}</p><p>{PARA}</p></div>"
        "<footer><a href='/c'>Contact</a> <a href='/d'>Privacy</a></footer>"
    )
    art = cleanarticle.extract(html)
    assert art.headline == "Harbour wall to be rebuilt"
    assert art.text == f"{PARA}\n{PARA}"
    assert art.source_format == "html"


def test_sub_headings_lists_and_quotes_are_kept_in_order() -> None:
    html = page(
        f"<article><p>{PARA}</p><h2>What comes next</h2><p>{PARA}</p>"
        "<ul><li>The first phase starts in May.</li><li>The second in October.</li></ul>"
        "<blockquote><p>We waited thirty years for this, said the mayor.</p></blockquote>"
        "</article>"
    )
    art = cleanarticle.extract(html)
    assert [s.heading for s in art.sections] == [None, "What comes next"]
    assert art.bullets == ["The first phase starts in May.", "The second in October."]
    kinds = [b.kind.value for b in art.sections[1].blocks]
    assert kinds == ["paragraph", "list", "quote"]


def test_bold_run_in_label_opens_a_section() -> None:
    html = page(f"<article><p>{PARA}</p><p><strong>Why it matters:</strong> {PARA}</p></article>")
    art = cleanarticle.extract(html)
    assert [s.heading for s in art.sections] == [None, "Why it matters"]
    assert art.sections[1].blocks[0].text == PARA


def test_hidden_copies_are_not_emitted() -> None:
    html = page(
        f"<article><p>{PARA}</p><div hidden><p>{PARA} HIDDEN</p></div>"
        f"<p style='display: none'>{PARA} ALSO</p></article>"
    )
    art = cleanarticle.extract(html)
    assert "HIDDEN" not in art.text and "ALSO" not in art.text
    assert any(r.rule == "engine.hidden" for r in art.removed)


def test_generic_phrase_rules_are_recorded() -> None:
    html = page(
        f"<article><p>{PARA}</p><p>Advertisement</p><p>{PARA}</p>"
        "<p>Lire aussi : Le port en travaux</p></article>"
    )
    art = cleanarticle.extract(html)
    assert "Advertisement" not in art.text
    assert "Lire aussi" not in art.text
    rules = {r.rule for r in art.removed}
    assert {"generic.ad-label", "generic.read-also"} <= rules


def test_story_about_signing_up_keeps_its_sentences() -> None:
    long = (
        "Sign up for the new library card scheme opened on Monday, and more than two "
        "thousand residents registered in the first week, the council said."
    )
    art = cleanarticle.extract(page(f"<article><p>{long}</p><p>{PARA}</p></article>"))
    assert long in art.text


def test_wire_dateline_goes_to_its_field() -> None:
    html = page(f"<article><p>LOS ANGELES (Reuters) - {PARA}</p><p>{PARA}</p></article>")
    art = cleanarticle.extract(html)
    assert art.dateline == "LOS ANGELES (Reuters)"
    assert art.text.startswith("The council voted")


def test_text_capture_is_recognised() -> None:
    second = PARA.replace("Tuesday", "Wednesday")
    art = cleanarticle.extract(f"A headline here\n\n{PARA}\n\n{second}\n")
    assert art.source_format == "text"
    assert art.headline == "A headline here"
    assert art.text == f"{PARA}\n{second}"


def test_text_capture_line_printed_twice_is_kept_once() -> None:
    art = cleanarticle.extract(f"A headline here\n\n{PARA}\n{PARA}\n")
    assert art.text == PARA
    assert any(r.rule == "text.duplicate" for r in art.removed)


def test_language_is_detected_and_normalised() -> None:
    html = page(f"<article><p>{PARA}</p><p>{PARA}</p></article>").replace(
        "lang='en'", "lang='en-GB'"
    )
    assert cleanarticle.extract(html).language == "en"
    de = (
        "Der Gemeinderat hat am Dienstag beschlossen, die alte Hafenmauer wieder aufzubauen, "
        "die in den Winterstürmen beschädigt wurde, und die Arbeiten an örtliche Firmen zu "
        "vergeben."
    )
    html = page(f"<article><p>{de}</p><p>{de}</p></article>").replace(" lang='en'", "")
    assert cleanarticle.extract(html).language == "de"
    assert cleanarticle.extract(html, options=Options(detect_language=False)).language is None


def test_encoding_is_reported() -> None:
    html = page(f"<article><p>{PARA} Köln.</p></article>").encode("cp1252")
    art = cleanarticle.extract(html.replace(b"<head>", b"<head><meta charset='cp1252'>"))
    assert art.encoding == "cp1252"
    assert "Köln" in art.text
