"""Issue 16, "Hardening, round two": one test (or a few) per defect found, each failing on the
code before the fix. The inputs of the defects are also in the hostile corpus
(``fixtures/hostile/cases.toml``, run by ``tests/test_hostile.py``); the browser's view of the
explain copy is ``tests/test_explain_browser.py``.

New names are imported inside the tests, so that on the old code each test fails by itself.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleanarticle
from cleanarticle import Article, InputError, NoContentError, Options, RulesError

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "hostile" / "cases"
PARA = (
    "<p>The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to open the work to local firms.</p>"
)
PAGE = f"<html><body><article><h1>Harbour wall</h1>{PARA * 3}</article></body></html>"


def _python(code: str, *args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


# -- 1. binary files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ((CASES / "pdf-document.pdf").read_bytes(), "a PDF document"),
        ((CASES / "png-image.png").read_bytes(), "a PNG image"),
        ((CASES / "jpeg-image.jpg").read_bytes(), "a JPEG image"),
        ((CASES / "zip-archive.zip").read_bytes(), "a zip archive"),
        ((CASES / "elf-executable.bin").read_bytes(), "an ELF executable"),
        (bytes(range(256)) * 40, "binary data"),
        (random.Random(3).randbytes(20_000), "binary data"),
        (gzip.compress(random.Random(4).randbytes(20_000)), "binary data"),
    ],
    ids=["pdf", "png", "jpeg", "zip", "elf", "byte-range", "random", "gzipped-random"],
)
def test_binary_files_are_refused_naming_what_they_are(data: bytes, found: str) -> None:
    with pytest.raises(InputError, match=found) as caught:
        cleanarticle.extract(data)
    from cleanarticle import BinaryInputError

    assert isinstance(caught.value, BinaryInputError)
    assert caught.value.found == found
    with pytest.raises(BinaryInputError):
        cleanarticle.extract(data, input_format="text")


def test_a_batch_records_a_binary_file_as_an_error(tmp_path: Path) -> None:
    from cleanarticle.batch.run import run_batch

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "in" / "manual.html").write_bytes((CASES / "pdf-document.pdf").read_bytes())
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path / "in"], out, workers=1)
    rows = {r["source"]: r for r in map(json.loads, out.read_text().splitlines())}
    pdf = rows[str(tmp_path / "in" / "manual.html")]
    assert pdf["error"]["type"] == "BinaryInputError"
    assert "a PDF document" in pdf["error"]["message"]
    assert "error" not in rows[str(tmp_path / "in" / "story.html")]
    assert summary.errors == {"BinaryInputError": 1}


# -- 2. control characters ---------------------------------------------------------------------

CONTROLS = ["\x1b", "\x07", "\x08", "\x7f", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069"]


def test_control_characters_reach_no_field_and_no_output() -> None:
    page = (CASES / "control-characters.html").read_bytes()
    article = cleanarticle.extract(page)
    outputs = {
        "json": json.dumps(article.to_dict(), ensure_ascii=False),
        "markdown": article.to_markdown(),
        "text": article.to_text(),
    }
    for name, output in outputs.items():
        found = [c for c in CONTROLS if c in output]
        assert not found, (name, found)
    assert article.headline == "Harbour [31mwall[0m vote"  # the escapes without ESC
    assert "to rebuild the old harbour wall" in article.text
    assert "\u200f" in article.text  # the marks right-to-left text needs stay
    assert any(i.caption == "The wall after the storm" for i in article.images)


def test_an_article_built_by_hand_or_from_json_is_cleaned_too() -> None:
    from cleanarticle.textutil import drop_controls

    assert drop_controls("a\x1b[31mb\u202ec\u200fd\u200ce\u200df\u061cg\r\nh\ti") == (
        "a[31mbc\u200fd\u200ce\u200df\u061cg\nh\ti"
    )
    article = Article.from_dict(
        {"headline": "Hi\x1b]0;x\x07", "sections": [{"heading": None, "blocks": []}]}
    )
    assert article.headline == "Hi]0;x"


# -- 3. the explain copy (the browser's view: tests/test_explain_browser.py) --------------------


def test_the_explain_copy_holds_no_markup_from_a_text_and_fetches_nothing() -> None:
    from cleanarticle.explain import explain, render_html

    page = (CASES / "explain-svg-style-twice.html").read_bytes()
    copy = render_html(explain(page), "page")
    # The <img> the parser took out of the <svg> is an element (without its handler); the
    # text of the nested <style> is written as text, so no browser finds a tag in it.
    assert "onerror" not in copy
    assert "refresh" not in copy.lower()
    assert "default-src 'none'" in copy


def test_the_final_check_refuses_a_copy_that_could_run_something() -> None:
    from cleanarticle.errors import InternalError
    from cleanarticle.explain_html import HEAD, check_copy

    safe = f"<!DOCTYPE html><html><head>{HEAD}</head><body><p>ok</p></body></html>"
    check_copy(safe)
    for bad in (
        "<img src=x onerror=alert(1)>",
        "<meta http-equiv=refresh content='0;url=https://e.example/'>",
        "<a href=' java\tscript:alert(1)'>x</a>",
        "<base href='https://e.example/'>",
        "<iframe src='https://e.example/'></iframe>",
        "<svg><script>alert(1)</script></svg>",
    ):
        with pytest.raises(InternalError, match="safety check"):
            check_copy(safe.replace("<p>ok</p>", bad))


# -- 4. user regexes ---------------------------------------------------------------------------

EVIL_RULES = """
name = "generic"
kind = "generic"
[[rules]]
name = "evil.nested"
kind = "other"
patterns = ['(a+)+$']
max_chars = 100000
[[rules]]
name = "evil.words"
kind = "other"
patterns = ['^(\\w+\\s?)*$']
max_chars = 100000
"""


def test_a_users_catastrophic_pattern_cannot_hang_a_call(tmp_path: Path) -> None:
    rules_file = tmp_path / "evil.toml"
    rules_file.write_text(EVIL_RULES, encoding="utf-8")
    rules = cleanarticle.load_rules(rules_file)
    cleanarticle.extract(PAGE, rules=rules, options=Options(timeout=30))  # the set-up, once
    page = PAGE.replace("</article>", f"<p>{'a' * 25}b</p><p>{'word ' * 40}x=y</p></article>")
    started = time.perf_counter()
    article = cleanarticle.extract(page, rules=rules, options=Options(timeout=1))
    assert time.perf_counter() - started < 2  # within twice Options.timeout
    assert "word x=y" in article.text  # matched by no pattern, and not stopped
    assert "aab" in [r.text[-3:] for r in article.removed if r.rule == "evil.words"]
    # RE2 runs them with Python's meaning of \w (Unicode letters).
    matcher = rules.matcher(None)
    assert matcher.match("hello wörld ünïcode words") is rules.profiles["generic"].rules[-1]


@pytest.mark.parametrize(
    ("pattern", "why"),
    [("^read (?=more)", "look-around"), ("(?<!not )sponsored", "look-around"), (r"(a)\1", "RE2")],
)
def test_patterns_the_linear_engine_cannot_run_are_refused_with_the_reason(
    tmp_path: Path, pattern: str, why: str
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        f"name = 'generic'\nkind = 'generic'\n[[rules]]\nname = 'x.y'\npatterns = ['{pattern}']\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=why):
        cleanarticle.load_rules(path)


@pytest.mark.parametrize(
    "selector",
    ["div:has(div div div div span)", "p div div div div div div span", "article ~ div p"],
)
def test_selectors_that_backtrack_without_bound_are_refused(tmp_path: Path, selector: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        f'name = "generic"\nkind = "generic"\n[[rules]]\nname = "x.y"\nselectors = ["{selector}"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="not allowed in a rules file"):
        cleanarticle.load_rules(path)


def test_the_built_in_profiles_still_load_and_user_rules_still_match(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        'name = "generic"\nkind = "generic"\n[[rules]]\nname = "x.credit"\nkind = "credit"\n'
        "patterns = ['^first printed by (?P<publisher>\\w+)$']\n"
        'selectors = [".promo a", "aside > div"]\n',
        encoding="utf-8",
    )
    rules = cleanarticle.load_rules(path)
    assert len(list(rules)) == len(list(cleanarticle.load_rules()))
    page = PAGE.replace("</article>", "<p>First printed by Hafenblätter.</p></article>")
    article = cleanarticle.extract(page, rules=rules)
    assert "x.credit" in [r.rule for r in article.removed]
    assert article.publisher == "Hafenblätter"


# -- 5. charset labels -------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["undefined", "idna", "punycode", "unicode_escape", "rot13"])
def test_labels_outside_the_encoding_standard_are_ignored_and_flagged(label: str) -> None:
    page = f"<meta charset={label}><h1>Harbour T\\u0041</h1>{PARA * 3}".encode()
    article = cleanarticle.extract(page)
    assert article.headline == "Harbour T\\u0041"
    assert f"charset-ignored:{label}" in article.flags
    given = cleanarticle.extract(PAGE.encode(), encoding=label)
    assert "the old harbour wall" in given.text
    assert f"charset-ignored:{label}" in given.flags


def test_labels_of_the_encoding_standard_are_honoured() -> None:
    text = "Привет, мир! Это тест сообщения."
    page = f"<meta charset=' KOI8-R '><p>{text}</p>".encode("koi8-r")
    from cleanarticle.input.decode import decode

    assert text in decode(page)[0]
    assert text in decode(f"<p>{text}</p>".encode("cp1251"), encoding="x-cp1251")[0]


# -- 6. URL fields -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "/relative/path",
        "https://e.example/\ud800",
        "https://e.example/\u202eevil",
        "https://e.example/" + "x" * 5000,
    ],
    ids=["javascript", "data", "file", "relative", "surrogate", "bidi", "long"],
)
def test_the_url_given_is_kept_only_when_it_is_an_absolute_web_url(url: str) -> None:
    article = cleanarticle.extract(PAGE, url=url)
    assert article.url is None
    assert "url-ignored" in article.flags
    article.to_json().encode("utf-8")  # encodable
    assert cleanarticle.extract(PAGE, url="https://e.example/a").url == "https://e.example/a"


def test_a_url_of_fifty_million_characters_costs_nothing() -> None:
    started = time.perf_counter()
    article = cleanarticle.extract(PAGE, url="https://e.example/" + "x" * 50_000_000)
    assert article.url is None
    assert time.perf_counter() - started < 2


# -- 7. batch edges ----------------------------------------------------------------------------


def test_a_file_named_inside_a_folder_also_given_gets_its_record(tmp_path: Path) -> None:
    from cleanarticle.batch.inputs import read_documents

    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "story.dat").write_text(PAGE, encoding="utf-8")
    sources = [d.source for d in read_documents([tmp_path, tmp_path / "story.dat"])]
    assert sorted(sources) == [str(tmp_path / "a.html"), str(tmp_path / "story.dat")]
    both = [d.source for d in read_documents([tmp_path, tmp_path / "a.html"])]
    assert both == [str(tmp_path / "a.html")]  # named and found in the folder: read once


def test_links_out_of_the_input_folder_are_not_followed(tmp_path: Path) -> None:
    from cleanarticle.batch.inputs import read_documents

    dump, outside = tmp_path / "dump", tmp_path / "outside"
    dump.mkdir()
    outside.mkdir()
    (outside / "LICENSE.html").write_text(PAGE, encoding="utf-8")
    (outside / "more").mkdir()
    (outside / "more" / "b.html").write_text(PAGE, encoding="utf-8")
    (dump / "a.html").write_text(PAGE, encoding="utf-8")
    (dump / "licence.html").symlink_to(outside / "LICENSE.html")
    (dump / "more").symlink_to(outside / "more")
    (dump / "inside.html").symlink_to(dump / "a.html")
    docs = {d.source: d for d in read_documents([dump])}
    assert set(docs) == {str(dump / n) for n in ("a.html", "inside.html", "licence.html", "more")}
    for name in ("licence.html", "more"):
        error = docs[str(dump / name)].error
        assert error is not None and "--follow-symlinks" in error.message
    followed = {d.source for d in read_documents([dump], follow_symlinks=True)}
    assert str(dump / "licence.html") in followed and str(dump / "more" / "b.html") in followed


@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_a_full_or_closed_stdout_ends_with_one_line_and_status_1(stdout: str) -> None:
    page = str(ROOT / "fixtures" / "msn-html-partner-story" / "input.html")
    code = "import sys; from cleanarticle.cli import main; sys.exit(main(sys.argv[1:]))"
    if stdout == "full":
        if not Path("/dev/full").exists():
            pytest.skip("needs /dev/full")
        with Path("/dev/full").open("w") as full:
            done = _python(code, "extract", page, stdout=full.fileno())
    else:
        done = _python("import os; os.close(1); " + code, "extract", page)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert done.stderr.startswith("cleanarticle: cannot write the output")


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
        'name = "generic"\nkind = "generic"\n[[rules]]\nname = "deep"\n'
        f'patterns = ["{"(" * 2000}a{")" * 2000}"]\n',
    ],
    ids=["arrays", "parentheses"],
)
def test_a_rules_file_nested_too_deeply_is_a_rules_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match="nested too deeply"):
        cleanarticle.load_rules(path)


# -- 8. warm-up --------------------------------------------------------------------------------


def test_the_warm_up_loads_what_a_first_page_needs() -> None:
    code = (
        "from cleanarticle.fields import language as lang; from cleanarticle.batch import Cleaner; "
        "Cleaner().warm_up(); print(lang._factory is not None)"
    )
    done = _python(code)
    assert done.stdout.strip() == "True", done.stderr


# -- 9. explain --------------------------------------------------------------------------------


def test_explain_on_a_page_without_body_writes_its_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleanarticle.cli import main

    copy = tmp_path / "copy.html"
    page = CASES / "no-body.html"
    with pytest.raises(NoContentError):
        cleanarticle.extract(page.read_bytes())
    assert main(["explain", str(page), "--html", str(copy)]) == 1
    captured = capsys.readouterr()
    assert "body        none: NoContentError" in captured.out
    assert "why         " in captured.out
    assert "removed: " in captured.out
    assert "NoContentError" in captured.err
    assert copy.is_file() and 'data-ca="removed"' in copy.read_text(encoding="utf-8")


def test_explain_takes_every_page_extract_takes() -> None:
    from cleanarticle.explain import explain, render_html

    limit = 200_000
    page = "<html><body><article><h1>Harbour</h1>" + PARA * 3
    page += "<div><span>x</span></div>" * ((limit - len(page) - 100) // 26) + "</article>"
    assert len(page.encode()) < limit
    options = Options(max_input_bytes=limit)
    article = cleanarticle.extract(page, options=options)
    expl = explain(page, options=options)
    assert expl.article == article
    assert "Harbour" in render_html(expl)
