"""Stories: fingerprints, grouping copies of one story, the original, the command's promises."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleanarticle import Article, Block, BlockKind, Section
from cleanarticle.cli import main
from cleanarticle.stories import CopyKind, Fingerprint, group
from cleanarticle.stories.fingerprint import (
    NUM_PERM,
    SEED,
    fingerprint_text,
    minhash,
    shingle_hashes,
)
from cleanarticle.stories.inputs import Piece, pieces, read_lines
from cleanarticle.stories.run import run_stories

ROOT = Path(__file__).resolve().parent.parent

# Two stories from one publisher, hand-written: paragraphs of the harbour story, then the
# school story.
HARBOUR = [
    "Councillors in Porthaven voted on Tuesday to rebuild the town's sea wall after winter "
    "storms breached it twice, flooding forty homes along the harbour front.",
    "The plan will cost twelve million pounds, two thirds of it from a national flood "
    "fund, and work is due to start in the spring once the fishing season ends.",
    "Engineers told the meeting that the old wall, built in the eighteen nineties from "
    "granite blocks, had been undermined by waves scouring the sand beneath it.",
    "Residents who lost furniture and floors in January said they were relieved but asked "
    "why the repairs had taken so long after the first breach in November.",
    "The harbour master warned that boats would have to moor in the outer basin while the "
    "cranes work, which could make landing the catch slower for several months.",
    "A public exhibition of the design will open at the library next week, and the council "
    "will publish the contractor's timetable before the end of the month.",
]
SCHOOL = [
    "A primary school on the edge of Porthaven will close for two weeks after inspectors "
    "found asbestos in the ceiling tiles of its oldest classroom block.",
    "Pupils will be taught in the community centre and the church hall, and buses will run "
    "from the school gates every morning at a quarter past eight.",
    "The headteacher said parents had been told on Friday evening and that no child or "
    "member of staff had been exposed to dust from the damaged tiles.",
    "Specialist contractors are expected to remove the material over the half term holiday, "
    "after which the building will be tested again before anyone returns.",
]


def _article(paragraphs: list[str], **fields: Any) -> Article:
    blocks = [Block(BlockKind.PARAGRAPH, text=p) for p in paragraphs]
    return Article(sections=[Section(None, blocks)], **fields)


def _record(source: str, paragraphs: list[str], **fields: Any) -> dict[str, Any]:
    return {"source": source, **_article(paragraphs, **fields).to_dict()}


# -- fingerprints --------------------------------------------------------------------------


def test_fingerprint_values_are_datasketch_minhash() -> None:
    datasketch = pytest.importorskip("datasketch")
    shingles, _ = shingle_hashes(" ".join(HARBOUR))
    reference = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    reference.update_batch([int(h) for h in shingles])
    assert list(minhash(shingles)) == list(reference.hashvalues)


def test_fingerprint_reads_words_not_typography() -> None:
    plain = "He said: \"It's done\" -- and left. Cafe 'Nord' closed at 5pm."
    typeset = "HE SAID: “It’s done” — and left… Cafe «Nord» closed at 5pm."
    assert fingerprint_text(plain) == fingerprint_text(typeset)
    assert fingerprint_text(plain) != fingerprint_text(plain.replace("left", "stayed"))
    assert fingerprint_text("") is None and fingerprint_text(" — … ") is None


def test_fingerprint_counts_cjk_characters_as_words() -> None:
    found = Fingerprint.of_text("東京都は本日、新しい計画を発表した。")
    assert found is not None and found.words == 16  # 18 characters, 2 of them punctuation


def test_fingerprint_json_round_trip_and_other_schemes() -> None:
    found = Fingerprint.of_text(" ".join(HARBOUR))
    assert found is not None
    encoded = found.encode()
    assert encoded.startswith("m1:") and len(encoded) == 223
    assert Fingerprint.decode(encoded) == found
    assert Fingerprint.decode("m0:" + encoded[3:]) is None
    assert Fingerprint.decode(encoded[:-4]) is None
    assert Fingerprint.decode(None) is None


def test_fingerprint_is_the_same_in_processes_with_other_hash_seeds() -> None:
    text = " ".join(SCHOOL)
    code = (
        "import sys; from cleanarticle.stories.fingerprint import fingerprint_text; "
        "print(fingerprint_text(sys.argv[1]))"
    )
    outputs = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        result = subprocess.run(
            [sys.executable, "-c", code, text], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(result.stdout.strip())
    assert outputs == {fingerprint_text(text)}


def test_fingerprint_values_are_pinned() -> None:
    # If this fails, the values of the scheme changed: bump fingerprint.SCHEME, since old
    # outputs' fingerprints would no longer compare with new ones.
    found = Fingerprint.of_text("the quick brown fox jumps over the lazy dog")
    assert found is not None and found.words == 9
    assert found.encode()[:40] == "m1:CQAAABBjURdiPZ4KM6bbFRFT4RwabQVz/yMDk"


def test_article_json_holds_the_fingerprint_before_the_body() -> None:
    article = _article(HARBOUR, headline="Sea wall vote", publisher="Porthaven Gazette")
    data = article.to_dict()
    keys = list(data)
    assert keys.index("fingerprint") < keys.index("articleBody")
    assert data["fingerprint"] == article.fingerprint == fingerprint_text(article.text)
    assert Article.from_dict(data) == article
    # Chrome never reaches the fingerprint: only the body does.
    other = article.replace(headline="Another headline", removed=[])
    assert other.fingerprint == article.fingerprint


# -- grouping ------------------------------------------------------------------------------


def _dump() -> list[dict[str, Any]]:
    edited = [
        *HARBOUR[:2],
        HARBOUR[2] + " The council did not say when it was last inspected.",
        "Update: the vote was unanimous, the clerk confirmed on Wednesday.",
        *HARBOUR[3:],
    ]
    return [
        _record(
            "msn/1",
            HARBOUR,
            publisher="Porthaven Gazette",
            aggregator="MSN",
            date_published="2026-03-14",
        ),
        _record(
            "gazette/sea-wall", HARBOUR, publisher="Porthaven Gazette", date_published="2026-03-14"
        ),
        _record(
            "newsbreak/1",
            HARBOUR[:2],
            publisher="Porthaven Gazette",
            aggregator="NewsBreak",
            is_partial=True,
        ),
        {"source": "broken.html", "error": {"type": "NoContentError", "message": "no body"}},
        _record("yahoo/1", edited, publisher="Porthaven Gazette", aggregator="Yahoo News"),
        _record("gazette/school", SCHOOL, publisher="Porthaven Gazette"),
    ]


def test_group_finds_the_copies_and_the_publishers_page() -> None:
    links = group(_dump())
    assert len(links) == 6
    msn, own, teaser, error, edited, school = links
    assert error is None  # an error record belongs to no story
    assert own is not None and own.copy_of is None and own.copy_kind is None
    for copy in (msn, teaser, edited):
        assert copy is not None and copy.story_id == own.story_id
        assert copy.copy_of == "gazette/sea-wall" and copy.original == 1
    assert school is not None and school.story_id != own.story_id and school.copy_of is None
    assert [msn.copy_kind, teaser.copy_kind, edited.copy_kind] == [  # type: ignore[union-attr]
        CopyKind.FULL,
        CopyKind.PARTIAL,
        CopyKind.EDITED,
    ]


def test_the_publishers_page_is_the_original_even_when_a_copy_is_fuller() -> None:
    links = group(
        [
            _record(
                "aol/1", [*HARBOUR, SCHOOL[0]], publisher="Porthaven Gazette", aggregator="AOL"
            ),
            _record("gazette/1", HARBOUR[:-1], publisher="The Porthaven Gazette"),
        ]
    )
    assert links[0] is not None and links[0].copy_of == "gazette/1"
    assert links[1] is not None and links[1].copy_of is None


def test_without_the_publishers_page_the_fullest_then_the_earliest_copy_is_the_original() -> None:
    fullest = group(
        [
            _record("a", HARBOUR[:4], publisher="Gazette", aggregator="MSN"),
            _record("b", HARBOUR, publisher="Gazette", aggregator="Yahoo News"),
        ]
    )
    assert [link.copy_of for link in fullest if link] == ["b", None]
    earliest = group(
        [
            _record(
                "late",
                HARBOUR,
                publisher="Gazette",
                aggregator="MSN",
                date_published="2026-03-15T09:00:00+00:00",
            ),
            _record(
                "early",
                HARBOUR,
                publisher="Gazette",
                aggregator="inkl",
                date_published="2026-03-15T10:00:00+02:00",
            ),
        ]
    )
    assert [link.copy_of for link in earliest if link] == ["early", None]


def test_group_takes_articles_too() -> None:
    own = _article(HARBOUR, publisher="Porthaven Gazette", url="https://gazette.example/wall")
    copy = _article(HARBOUR, publisher="Porthaven Gazette", aggregator="MSN")
    links = group([copy, own])
    assert links[0] is not None and links[0].copy_of == "https://gazette.example/wall"
    assert links[0].to_fields()["copyKind"] == "full"
    with pytest.raises(TypeError):
        group(["not a record"])  # type: ignore[list-item]


# -- the command ---------------------------------------------------------------------------


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_command_writes_each_record_once_in_order(tmp_path: Path) -> None:
    dump = _dump()
    src = tmp_path / "batch.jsonl"
    _write_jsonl(src, dump)
    out = tmp_path / "stories.jsonl"
    assert main(["stories", str(src), "--output", str(out), "--quiet"]) == 0
    lines = out.read_bytes().splitlines()
    assert len(lines) == len(dump)
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [r["source"] for r in dump]
    # The error record is written untouched; articles keep every field and gain three.
    assert lines[3] == src.read_bytes().splitlines()[3]
    for given, written in zip(dump, records, strict=True):
        if "error" not in given:
            assert {
                k: v for k, v in written.items() if k not in ("storyId", "copyOf", "copyKind")
            } == given
    for written, link in zip(records, group(dump), strict=True):  # as from Python
        if link is None:
            assert "storyId" not in written
        else:
            assert (written["storyId"], written["copyOf"]) == (link.story_id, link.copy_of)
            assert written["copyKind"] == (link.copy_kind.value if link.copy_kind else None)
    assert records[0]["copyOf"] == "gazette/sea-wall" and records[4]["copyKind"] == "edited"
    # Grouping the output again rewrites the story keys instead of adding a second set.
    again = tmp_path / "again.jsonl"
    assert main(["stories", str(out), "--output", str(again), "--quiet"]) == 0
    assert again.read_bytes() == out.read_bytes()
    # An existing output is kept unless --overwrite.
    assert main(["stories", str(src), "--output", str(out), "--quiet"]) == 1


def test_command_computes_missing_fingerprints_from_the_body(tmp_path: Path) -> None:
    dump = _dump()
    for record in dump:
        record.pop("fingerprint", None)
    src = tmp_path / "old.jsonl"
    _write_jsonl(src, dump)
    out = tmp_path / "out.jsonl"
    run_stories([src], out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[0]["copyOf"] == "gazette/sea-wall"
    assert "fingerprint" not in records[0]  # the record itself is not changed


def test_pieces_cut_jsonl_at_line_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleanarticle.stories import inputs

    monkeypatch.setattr(inputs, "_BLOCK", 64)  # lines across reads, and longer than a read
    path = tmp_path / "x.jsonl"
    lines = [json.dumps({"source": str(i), "pad": "x" * (i * 7 % 50)}) + "\n" for i in range(60)]
    path.write_text("".join(lines) + "\n\n", encoding="utf-8")  # blank lines are not records
    parts = pieces([(str(path), "jsonl")], 200)
    assert len(parts) > 5
    read = [line for piece in parts for line in read_lines(piece)]
    assert [line.decode() + "\n" for line in read] == lines
    assert list(read_lines(Piece(str(path), "jsonl"))) == read
    packed = tmp_path / "x.jsonl.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert list(read_lines(Piece(str(packed), "jsonl"))) == read


def test_parquet_in_and_out(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    import pyarrow.parquet as pq

    dump = _dump()
    src = tmp_path / "batch.jsonl"
    _write_jsonl(src, dump)
    as_parquet = tmp_path / "stories.parquet"
    run_stories([src], as_parquet)
    table = pq.read_table(as_parquet)
    assert table.column("source").to_pylist() == [r["source"] for r in dump]
    copy_of = table.column("copyOf").to_pylist()
    assert copy_of[0] == "gazette/sea-wall" and copy_of[3] is None
    assert table.column("storyId").to_pylist()[3] is None  # the error record has none
    # Parquet in, JSONL out: the same story keys as JSONL in.
    back = tmp_path / "back.jsonl"
    run_stories([as_parquet], back)
    records = [json.loads(line) for line in back.read_text(encoding="utf-8").splitlines()]
    assert [r.get("copyOf") for r in records] == copy_of
    assert records[3] == dump[3]  # an error record keeps only its own keys


def test_dask_gives_the_same_output_as_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from cleanarticle.stories import run

    dump = _dump() * 3
    for index, record in enumerate(dump):
        record["source"] = f"{record['source']}#{index}"
    src = tmp_path / "batch.jsonl"
    _write_jsonl(src, dump)
    local, dasked = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_stories([src], local)
    monkeypatch.setattr(run, "PIECE_BYTES", 4000)  # several pieces, cut inside the file
    run_stories([src], dasked, dask="local", workers=2)
    assert dasked.read_bytes() == local.read_bytes()


def test_a_table_spilled_to_a_file_groups_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanarticle.stories import table

    dump = _dump() * 2
    for index, record in enumerate(dump):
        record["source"] = f"{record['source']}#{index}"
    in_memory = group(dump)
    monkeypatch.setattr(table, "SPILL", 3)  # every chunk goes through the temporary file
    assert group(dump) == in_memory


def test_a_long_body_is_fingerprinted_in_pieces_as_if_whole() -> None:
    from cleanarticle.stories import fingerprint

    words = [f"w{i % 977}x{i % 13}" for i in range(40_000)]  # 300,000 characters
    text = " ".join(words)
    assert len(text) > 2 * fingerprint.PIECE_CHARS
    shingles, count = shingle_hashes(text)
    assert count == len(words)
    whole = fingerprint._products(shingles).min(axis=1)  # every shingle at once
    assert list(minhash(shingles)) == list(whole)
    assert list(fingerprint._word_hashes(text)) == list(fingerprint._piece_hashes(text))
