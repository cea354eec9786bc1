"""URLs: the hygiene of the Article's URL fields (only web URLs leave the library), and the
host of a URL as the engine compares them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final
from urllib.parse import urljoin, urlsplit

__all__ = ["base_domain", "host_of", "join_url", "safe_url"]

_SCHEMES = frozenset({"http", "https"})
_MAX_URL_CHARS: Final = 4096
#: Controls (C0, DEL, C1), bidirectional overrides, and surrogates (a str that no UTF-8 can
#: encode): a URL holding one is dropped. (The surrogates by chr(): mypyc takes no surrogate
#: in a literal.)
_BAD_CHARS = f"\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{chr(0xD800)}-{chr(0xDFFF)}"
_CONTROL = re.compile(f"[{_BAD_CHARS}]")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "ne", "or", "edu", "go"})


def safe_url(value: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL, or None.

    Relative URLs are resolved against ``base`` when it is a web URL (and dropped otherwise);
    ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and every other scheme are dropped, as
    are URLs with control characters, bidirectional overrides or lone surrogates, and URLs
    longer than 4,096 characters.
    """
    if not value:
        return None
    if len(value) > _MAX_URL_CHARS or (base is not None and len(base) > _MAX_URL_CHARS):
        return _safe_url(value, base)  # (a data: URI of a megabyte is not kept in the cache)
    quick = _plain_web_url(value, base)
    return quick if quick is not None else _remembered(value, base)


#: An absolute http(s) URL whose host is plain ASCII, with no user, none of the characters
#: :data:`_CONTROL` refuses and no white space at its end: urlsplit takes it as it is.
#: (Group 1: scheme and host; 2: port.)
_PLAIN_WEB_URL = re.compile(
    r"((?i:https?)://[A-Za-z0-9._~%!$&'()*+,=-]+)(?::(\d{0,5}))?" f"(?:[/?#][^{_BAD_CHARS}]*)?"
)
#: A path from the root that urljoin leaves as it is: no dot segment, no empty query,
#: fragment or parameters, no backslash, none of the characters :data:`_CONTROL` refuses.
_PLAIN_PATH = re.compile(r"(?!//)(?:(?!/\.|\?#|;)" f"[^{_BAD_CHARS}\\\\])*")


def _plain_web_url(value: str, base: str | None) -> str | None:
    """:func:`safe_url`'s answer without urlsplit, for the common cases it gives them back
    unchanged: an absolute http(s) URL (or a path from the root joined to such a base); None
    when it cannot tell (the full check then decides)."""
    if value[-1].isspace() or value[-1] in "?#":
        return None
    m = _PLAIN_WEB_URL.fullmatch(value)
    if m is not None:
        port = m.group(2)
        return value if not port or int(port) < 65536 else None
    if base is None or value[0] != "/" or _PLAIN_PATH.fullmatch(value) is None:
        return None
    b = _PLAIN_WEB_URL.fullmatch(base)
    if b is None or base[-1].isspace() or (b.group(2) and int(b.group(2)) >= 65536):
        return None
    origin = base[: b.end(2) if b.group(2) is not None else b.end(1)]
    scheme, rest = origin.split(":", 1)
    return f"{scheme.lower()}:{rest}{value}"


def _safe_url(value: str, base: str | None) -> str | None:
    value = value.strip()
    if not value or len(value) > _MAX_URL_CHARS or _CONTROL.search(value) is not None:
        return None
    try:
        parts = urlsplit(value)
        if not parts.scheme:
            if base is None or safe_url(base) is None:
                return None
            value = urljoin(base, value)
            parts = urlsplit(value)
        if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
            return None
        _ = parts.port  # raises ValueError on a port that is not a number below 65536
    except ValueError:
        return None
    return value


#: A page's images share its base URL, and often their sources.
_remembered = lru_cache(maxsize=1024)(_safe_url)


def join_url(base: str | None, ref: str) -> str:
    """``ref`` resolved against ``base``; ``ref`` as it is when there is no base or either
    cannot be parsed (``urljoin`` raises ValueError on a malformed IPv6 host such as
    ``http://[n]/``), for :func:`safe_url` to judge later."""
    if not base:
        return ref
    try:
        return urljoin(base, ref)
    except ValueError:
        return ref


def host_of(url: str | None) -> str | None:
    """The lower-cased host of a URL without ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def base_domain(host: str) -> str:
    """The registrable part of a host, roughly: ``finance.yahoo.com`` -> ``yahoo.com``,
    ``news.bbc.co.uk`` -> ``bbc.co.uk``."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])
