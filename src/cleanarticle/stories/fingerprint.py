"""The fingerprint of an article: a MinHash of its cleaned body, for finding copies of a story.

Only the cleaned body (:attr:`Article.text`) goes in, so the chrome around a copy (an
aggregator's header, rails, share bars) never makes two copies differ. The body is read as
words: lowercase, runs of letters and digits (each CJK or kana character a word of its own;
punctuation, typographic quotes and dashes are separators), so that a copy whose quotes or
spacing were changed by its republisher keeps its fingerprint. The words form shingles of
:data:`SHINGLE` consecutive words, and each shingle a 32-bit value (a polynomial hash of its
words' bytes, mixed); the MinHash over them is datasketch's (``scheme="affine32"``,
``num_perm`` :data:`NUM_PERM`, ``seed`` :data:`SEED`), computed here with numpy over all the
shingles at once (the test suite checks that the values are datasketch's own). Nothing
depends on Python's randomised ``hash()``: the fingerprint of a text is the same in every
run, process and build, and on every platform (the bytes are written little-endian).

Two signatures are kept:

- the **body** signature: the :data:`NUM_PERM` minima over all the shingles, whose agreement
  estimates the Jaccard similarity of two bodies (copies, edited copies);
- the **lead** signature: the first :data:`LEAD_PERM` of those permutations, over the shingles
  of the first :data:`LEAD_WORDS` words only; a partial copy (a teaser that stops after a few
  paragraphs) shares the lead of the full story when it shares little of the rest.

Each minimum is kept as its lowest 16 bits (b-bit MinHash: two different minima agree by
chance once in 65,536 times, which moves a similarity estimate by less than 0.0001).

JSON form (``fingerprint``): ``"m1:"`` then the base64 of 164 bytes: the number of words
(uint32), the body signature (64 x uint16) and the lead signature (16 x uint16), all
little-endian: 223 characters. A fingerprint of another scheme (another prefix) is not read;
``cleanarticle stories`` then computes it again from ``articleBody``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "LEAD_PERM",
    "LEAD_WORDS",
    "NUM_PERM",
    "RAW_BYTES",
    "SCHEME",
    "SEED",
    "SHINGLE",
    "Fingerprint",
    "fingerprint_text",
    "minhash",
    "shingle_hashes",
]

#: The prefix of the JSON form; it changes whenever the values would.
SCHEME: Final = "m1"
#: Permutations of the body signature, and the datasketch seed they are drawn from.
NUM_PERM: Final = 64
SEED: Final = 1
#: Permutations of the lead signature (the first ones of the body's).
LEAD_PERM: Final = 16
#: Words of the lead.
LEAD_WORDS: Final = 48
#: Words per shingle.
SHINGLE: Final = 4
#: Characters of text, and shingles, handled at a time (memory stays a few megabytes
#: whatever the length of the body).
PIECE_CHARS: Final = 1 << 16
PIECE_SHINGLES: Final = 1 << 15

U8 = npt.NDArray[np.uint8]
U16 = npt.NDArray[np.uint16]
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

#: Bytes of a fingerprint's raw form.
RAW_BYTES: Final = 4 + 2 * NUM_PERM + 2 * LEAD_PERM
_PREFIX: Final = SCHEME + ":"

# Byte tables: ASCII letters lowercased; which bytes belong to words (ASCII letters and
# digits, and every byte of a non-ASCII character, punctuation excepted below).
_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[ord("A") : ord("Z") + 1] += 32
_WORD = np.zeros(256, dtype=bool)
_WORD[ord("a") : ord("z") + 1] = True
_WORD[ord("0") : ord("9") + 1] = True
_WORD[0x80:] = True

# The polynomial hash of a word's bytes, modulo 2^64: an odd base and its inverse.
_BASE: Final = 0x100000001B3
_BASE_INV: Final = pow(_BASE, -1, 1 << 64)
# Odd multipliers combining the words of a shingle (from the MurmurHash3 / splitmix64 family).
_COMBINE = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xC2B2AE3D27D4EB4F],
    dtype=np.uint64,
)[:SHINGLE]


def _datasketch_permutations() -> tuple[U32, U32]:
    """datasketch's affine32 permutations for (NUM_PERM, SEED), drawn exactly as
    ``datasketch.MinHash._init_permutations`` draws them (without importing datasketch,
    which takes a second to import: SciPy)."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
    return a, b


_PERM_A, _PERM_B = _datasketch_permutations()


def _fmix32(h: U32) -> U32:
    """MurmurHash3's 32-bit finalizer (datasketch applies it before its permutations)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _fmix64(h: U64) -> U64:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _word_hashes(text: str) -> U64:
    """One 64-bit hash per word of the text, in order (see the module doc for what a word is).
    A long text is read in pieces of about :data:`PIECE_CHARS` characters cut at spaces (so
    the words are the same), which bounds the memory the arrays take."""
    if len(text) <= PIECE_CHARS:
        return _piece_hashes(text)
    parts = []
    start = 0
    while start < len(text):
        end = start + PIECE_CHARS
        if end < len(text):
            space = text.rfind(" ", start + PIECE_CHARS // 2, end)
            end = space if space > start else end
        parts.append(_piece_hashes(text[start:end]))
        start = end
    return np.concatenate(parts)


def _piece_hashes(text: str) -> U64:
    raw = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    n = raw.size
    if not n:
        return np.zeros(0, dtype=np.uint64)
    data = raw | (((raw - np.uint8(65)) < 26).view(np.uint8) << np.uint8(5))  # A-Z -> a-z
    word = ((data - np.uint8(97)) < 26) | ((data - np.uint8(48)) < 10) | (data >= 0x80)
    brk = _non_ascii(data, word) if n > 1 and data.max() >= 0xC2 else None
    ahead = np.zeros(n + 1, dtype=bool)  # whether byte e (e = 0..n) belongs to a word
    ahead[:n] = word
    starts_mask = word.copy()  # a word starts at byte i when byte i-1 is not in a word
    starts_mask[1:] &= ~word[:-1]
    ends_mask = np.zeros(n + 1, dtype=bool)  # at e: a word ends just before byte e
    ends_mask[1:] = word & ~ahead[1:]
    if brk is not None:  # a CJK character is a word of its own
        starts_mask |= word & brk[:n]
        ends_mask[1:] |= word & brk[1:]
    starts = np.flatnonzero(starts_mask)
    ends = np.flatnonzero(ends_mask)
    if not starts.size:
        return np.zeros(0, dtype=np.uint64)
    powers, inverse = _powers(n)
    values = data.astype(np.uint64)
    values += np.uint64(1)
    values *= powers
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(values, out=prefix[1:])
    return (prefix[ends] - prefix[starts]) * inverse[starts]


class _PowerTable:
    """The powers of the base and of its inverse, 1..n, computed once for the longest text
    seen up to :data:`_CACHED` bytes (a longer text has its own, computed for it)."""

    def __init__(self) -> None:
        self.powers = np.zeros(0, dtype=np.uint64)
        self.inverse = np.zeros(0, dtype=np.uint64)

    def __call__(self, n: int) -> tuple[U64, U64]:
        if n <= self.powers.size:
            return self.powers[:n], self.inverse[:n]
        size = max(n, 2 * self.powers.size, 4096)
        powers: U64 = np.full(size, _BASE, dtype=np.uint64).cumprod(dtype=np.uint64)
        inverse: U64 = np.full(size, _BASE_INV, dtype=np.uint64).cumprod(dtype=np.uint64)
        if size <= _CACHED:
            self.powers, self.inverse = powers, inverse
        return powers[:n], inverse[:n]


_CACHED: Final = 1 << 18
_powers = _PowerTable()


def _non_ascii(data: U8, word: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Take the non-ASCII separators out of ``word`` (in place) and return the boundaries
    of CJK characters (True before and after each)."""
    n = data.size
    first, second = data[:-1], data[1:]
    # U+00A0-00BF (no-break space, guillemets, middle dot, inverted marks...): C2 A0..BF.
    two = (first == 0xC2) & (second >= 0xA0)
    word[:-1] &= ~two
    word[1:] &= ~two
    # U+2000-203F (spaces, dashes, quotes, bullets, ellipsis) and U+3000-303F (CJK
    # punctuation): E2 80 xx and E3 80 xx.
    three = ((first == 0xE2) | (first == 0xE3)) & (second == 0x80)
    word[:-1] &= ~three
    word[1:] &= ~three
    word[2:] &= ~three[:-1]
    # Kana and CJK ideographs (U+3040-9FFF: lead bytes E3-E9) are words of one character.
    cjk = (first >= 0xE3) & (first <= 0xE9) & ~three
    brk = np.zeros(n + 1, dtype=bool)
    brk[:-2] = cjk
    brk[3:] |= cjk[:-1]
    return brk


def shingle_hashes(text: str) -> tuple[U32, int]:
    """The 32-bit values of the text's shingles (:data:`SHINGLE` consecutive words; one
    shingle of all the words for a shorter text), in order, and the number of words."""
    words = _word_hashes(text)
    count = int(words.size)
    if not count:
        return np.zeros(0, dtype=np.uint32), 0
    width = min(SHINGLE, count)
    total = np.zeros(count - width + 1, dtype=np.uint64)
    for i in range(width):
        total += words[i : count - width + 1 + i] * _COMBINE[i]
    return (_fmix64(total) >> np.uint64(32)).astype(np.uint32), count


def _products(shingles: U32) -> U32:
    """datasketch's affine32 permutations of the values: ``a * fmix32(h) + b`` (mod 2^32)
    for each permutation (a, b) (rows) and value h (columns); its MinHash is the row minima."""
    products = np.multiply.outer(_PERM_A, _fmix32(shingles))
    products += _PERM_B[:, None]
    return products


def minhash(shingles: U32) -> U32:
    """datasketch's MinHash (``scheme="affine32"``, :data:`NUM_PERM`, :data:`SEED`) of the
    values: ``datasketch.MinHash(..., hashfunc=int).update_batch(values)``'s ``hashvalues``
    (computed :data:`PIECE_SHINGLES` values at a time)."""
    minima = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    for start in range(0, shingles.size, PIECE_SHINGLES):
        np.minimum(
            minima, _products(shingles[start : start + PIECE_SHINGLES]).min(axis=1), out=minima
        )
    return minima


@dataclass(frozen=True, slots=True, eq=False)
class Fingerprint:
    """A body's fingerprint: its word count, body signature and lead signature (uint16)."""

    words: int
    body: U16
    lead: U16

    @classmethod
    def of_text(cls, text: str) -> Fingerprint | None:
        """The fingerprint of a cleaned body, or None when it has no words."""
        shingles, words = shingle_hashes(text)
        if not words:
            return None
        lead_count = max(1, LEAD_WORDS - SHINGLE + 1)
        if shingles.size <= PIECE_SHINGLES:
            products = _products(shingles)
            body = products.min(axis=1).astype(np.uint16)
            lead = products[:LEAD_PERM, :lead_count].min(axis=1).astype(np.uint16)
        else:  # a long body: its minima a piece at a time
            body = minhash(shingles).astype(np.uint16)
            lead = minhash(shingles[:lead_count])[:LEAD_PERM].astype(np.uint16)
        return cls(words, body, lead)

    def to_bytes(self) -> bytes:
        """The raw form (what the JSON form encodes): 164 little-endian bytes."""
        return (
            np.array([min(self.words, 0xFFFFFFFF)], dtype="<u4").tobytes()
            + self.body.astype("<u2").tobytes()
            + self.lead.astype("<u2").tobytes()
        )

    @classmethod
    def from_bytes(cls, raw: bytes) -> Fingerprint:
        """Inverse of :meth:`to_bytes`.

        Raises:
            ValueError: the bytes are not :data:`RAW_BYTES` long.
        """
        if len(raw) != RAW_BYTES:
            raise ValueError(f"a fingerprint is {RAW_BYTES} bytes, not {len(raw)}")
        words = int(np.frombuffer(raw, dtype="<u4", count=1)[0])
        body = np.frombuffer(raw, dtype="<u2", count=NUM_PERM, offset=4).astype(np.uint16)
        lead = np.frombuffer(raw, dtype="<u2", offset=4 + 2 * NUM_PERM).astype(np.uint16)
        return cls(words, body, lead)

    def encode(self) -> str:
        """The JSON form: ``"m1:"`` and the base64 of :meth:`to_bytes`."""
        return _PREFIX + base64.b64encode(self.to_bytes()).decode("ascii")

    @classmethod
    def decode(cls, value: object) -> Fingerprint | None:
        """Read the JSON form; None for anything else (another scheme, a damaged value)."""
        raw = decode_bytes(value)
        return cls.from_bytes(raw) if raw is not None else None

    def similarity(self, other: Fingerprint) -> float:
        """The estimated Jaccard similarity of the two bodies' shingle sets."""
        return float(np.mean(self.body == other.body))

    def lead_similarity(self, other: Fingerprint) -> float:
        """The estimated Jaccard similarity of the two leads' shingle sets."""
        return float(np.mean(self.lead == other.lead))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fingerprint):
            return NotImplemented
        return (
            self.words == other.words
            and bool(np.array_equal(self.body, other.body))
            and bool(np.array_equal(self.lead, other.lead))
        )

    def __hash__(self) -> int:
        return hash((self.words, self.body.tobytes(), self.lead.tobytes()))


def decode_bytes(value: object) -> bytes | None:
    """The raw bytes of a fingerprint's JSON form, or None when it is not one of this scheme."""
    if not isinstance(value, str) or not value.startswith(_PREFIX):
        return None
    try:
        raw = binascii.a2b_base64(value[len(_PREFIX) :], strict_mode=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == RAW_BYTES else None


def fingerprint_text(text: str) -> str | None:
    """The JSON form of the fingerprint of a cleaned body (None when it has no words)."""
    found = Fingerprint.of_text(text)
    return found.encode() if found is not None else None
