"""The decoding cascade: BOM, HTTP charset, declared charset, detection, never a crash."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cleanarticle import BinaryInputError, InputError, InputTooLargeError
from cleanarticle.input.charsets import USER_DEFINED, WHATWG_CODECS
from cleanarticle.input.decode import decode, decode_utf8

TEXT = "Grüße aus Köln: ça va, señor? Zürich – „Anführung“"


def test_utf8_bom() -> None:
    text, codec = decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert text == TEXT
    assert codec == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_32_with_bom(codec: str) -> None:
    assert decode(TEXT.encode(codec))[0] == TEXT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    html = f"<html><body><p>{TEXT}</p></body></html>"
    assert decode(html.encode(codec))[0] == html


def test_meta_charset_is_used() -> None:
    html = f'<html><head><meta charset="windows-1252"></head><body>{TEXT[:30]}</body></html>'
    data = html.encode("cp1252")
    text, codec = decode(data)
    assert TEXT[:30] in text
    assert codec == "cp1252"


def test_latin1_label_means_cp1252() -> None:
    html = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>“Hi”</p>'
    assert "“Hi”" in decode(html.encode("cp1252"))[0]


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    html = f'<meta charset="iso-8859-1"><p>{TEXT}</p>'
    assert TEXT in decode(html.encode("utf-8"))[0]


def test_http_charset_first() -> None:
    data = "Привет, мир! Это тест.".encode("koi8-r")
    assert decode(data, encoding="koi8-r")[0] == "Привет, мир! Это тест."


def test_unknown_and_bogus_charsets_do_not_crash() -> None:
    for label in ("x-unknown-charset", "rot13", "base64", "utf-7", "", "%%%"):
        html = f'<meta charset="{label}"><p>{TEXT}</p>'.encode()
        text, _ = decode(html, encoding=label or None)
        assert "Köln" in text


def test_undeclared_legacy_encoding_is_detected() -> None:
    text = "Мы продолжаем следить за развитием событий в столице. " * 20
    out, _ = decode(text.encode("cp1251"))
    assert "развитием" in out


def test_invalid_utf8_never_raises() -> None:
    out, _ = decode(b"<p>ok \xff\xfe\xfa broken \xc3</p>")
    assert out.startswith("<p>ok")


def test_str_input_is_normalised() -> None:
    text, codec = decode("a\x00b\ud800c")
    assert codec is None
    assert text == "ab\ufffdc"


def test_gzip_is_inflated_and_bounded() -> None:
    data = gzip.compress(TEXT.encode())
    assert decode(data)[0] == TEXT
    with pytest.raises(InputTooLargeError):
        decode(gzip.compress(b"a" * 10_000), max_bytes=1000)
    with pytest.raises(InputError):
        decode(data[:10])  # the header and nothing else
    assert decode(data[:-8])[0] == TEXT  # trailer cut off: the content is kept


def test_too_large_and_wrong_type() -> None:
    with pytest.raises(InputTooLargeError):
        decode(b"x" * 11, max_bytes=10)
    with pytest.raises(InputError):
        decode(123)  # type: ignore[arg-type]


@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")))
def test_the_utf8_returned_is_the_texts_encoding(data: bytes) -> None:
    # decode_utf8 hands the parser the input bytes themselves when they are valid UTF-8
    # without BOM or NUL; in every case they must be exactly the returned text's encoding.
    assume(not data.startswith(b"\x1f\x8b"))  # gzip: inflated first (tested above)
    try:
        text, _codec, utf8 = decode_utf8(data)
    except BinaryInputError:  # refused before decoding (tested below)
        return
    assert utf8 == text.encode("utf-8")
    assert "\x00" not in text


def test_valid_utf8_is_not_encoded_again() -> None:
    data = "<p>Café – naïve</p>".encode()
    text, codec, utf8 = decode_utf8(data)
    assert (text, codec) == ("<p>Café – naïve</p>", "utf-8")
    assert utf8 is data


# -- binary input (issue 16) ---------------------------------------------------------------

_WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"]
_LEGACY = sorted(WHATWG_CODECS - {USER_DEFINED, "utf-16-le", "utf-16-be"})
_page_text = st.text(
    st.characters(
        categories=("L", "M", "N", "P", "S", "Zs"), include_characters="\n\t", max_codepoint=0xFFFF
    ),
    min_size=1,
    max_size=400,
)


@given(_page_text, st.sampled_from(_LEGACY + _WIDE), st.booleans())
def test_text_and_html_in_any_encoding_are_never_taken_for_binary(
    text: str, codec: str, html: bool
) -> None:
    page = f"<html><body><p>{text}</p></body></html>" if html else text
    data = page.encode(codec, "replace")
    decoded, _codec = decode(data)  # no BinaryInputError
    if codec in ("utf-16", "utf-32"):  # with a byte-order mark: read back exactly
        assert decoded == page.replace("\x00", "")


def test_binary_formats_are_named_and_text_formats_are_not() -> None:
    from cleanarticle.input.sniff import sniff_bytes

    for data, found in (
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"PK\x03\x04\x14\x00" + b"\x00" * 24 + b"word/document.xml", "a Word document"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "an ELF executable"),
        (b"\x00" * 257 + b"ustar\x0000" + b"\x00" * 300, "a tar archive"),
    ):
        with pytest.raises(BinaryInputError, match=found):
            sniff_bytes(data)
    for text in (b"MZ Wallace bags are back", b"GIF is a format", b"ID3 tags explained", b"BZh."):
        sniff_bytes(text)  # a text that starts like a signature, but is not one
    sniff_bytes(b"<p>a page with a stray \x00 NUL and \x1b[1m colours \x1b[0m</p>" * 3)
