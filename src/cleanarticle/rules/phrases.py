"""Phrase patterns several stages share, kept in one place so that they cannot drift apart:
picture credits, byline openings, sentence ends. Multilingual where pages are.

The picture-credit words are one vocabulary, read in three places: a line that is a credit
(:data:`CREDIT_LINE`: a figure's credit line, the credit a text capture prints after a
caption), a credit inside a caption (:data:`CREDIT_IN_CAPTION`: it must look like one, "Photo:",
"© X", "AP Photo/X", since a caption may name an agency in its sentence), and a credit in
brackets closing a block (:data:`CREDIT_AT_END`: the block is a caption).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "BYLINE_PREFIX",
    "BYLINE_START",
    "BY_WORDS",
    "CREDIT_AT_END",
    "CREDIT_IN_CAPTION",
    "CREDIT_LINE",
    "INNER_BY_WORDS",
    "PICTURE_WORDS",
    "SENTENCE_END",
]

#: Words that name a picture credit ("Photo: X", "Bild: X", "Crédit X", "(Images: Getty)").
PICTURE_WORDS: Final = (
    r"photos?|photographs?|images?|pictures?|pics?|fotos?|bild|crédit|credit|illustrations?"
)

#: A line that is a picture credit: it opens with a credit word, a copyright sign or an agency.
CREDIT_LINE = re.compile(
    rf"^\(?(?:(?:{PICTURE_WORDS})\b|©|\(c\)|getty|ap photo|afp photo|reuters|afp|dpa/|imago)",
    re.IGNORECASE,
)
#: A credit at the end of a caption: "... in January. Photo: Anna Price", "(AP Photo/Jane Doe)".
CREDIT_IN_CAPTION = re.compile(
    rf"(?:^|(?<=[\s.(]))\(?(?:(?:{PICTURE_WORDS})\s*(?::|by\b|von\b)|©|\(c\)|getty images|"
    r"ap photo|reuters/|afp/|dpa/|imago)",
    re.IGNORECASE,
)
#: A block ending with a picture credit in brackets is a caption: "(Image: Getty)",
#: "(Foto: dpa)", "(AP Photo/Jane Doe)".
CREDIT_AT_END = re.compile(
    rf"[(\[](?:{PICTURE_WORDS}|ap photo|afp photo|reuters)\b[^()\[\]]{{0,80}}[)\]]\s*$",
    re.IGNORECASE,
)

#: The words that introduce the authors: "By", "Von", "Par", "Por", "Di", "Door", "Av", ...
BY_WORDS: Final = r"by|von|vom|par|por|door|di|da|av|af"
#: The same words that stay unambiguous inside a line ("Tech Industry by Steven Musil"): the
#: others are common words of their languages there ("da", "di", "af").
INNER_BY_WORDS: Final = r"by|von|par|por|door"
#: A line that opens like a byline: "By Jane Doe", "Von Max Muster", "Par Jean Dupont".
BYLINE_START = re.compile(rf"^(?:{BY_WORDS})\s+\S", re.IGNORECASE)
#: What comes before the names in a byline, to cut off: "By", "Written by", "Publié par",
#: "Ein Beitrag von", "From".
BYLINE_PREFIX = re.compile(
    r"^(?:(?:post|article|story|recipe|written|posted|published|reported|reporting|words|"
    r"text|photos?|interview|author|erstellt|geschrieben|verfasst|veröffentlicht|ein|beitrag|"
    r"artikel|bericht|publié|écrit|plus|escrito|publicado|publicada|scritto|pubblicato|"
    rf"geschreven|a|cura)\s+){{0,3}}(?:{BY_WORDS}|from)\s+",
    re.IGNORECASE,
)

#: What a sentence ends with: a full stop, a question or exclamation mark (Latin or CJK), an
#: ellipsis, or a closing quote or bracket after one.
SENTENCE_END: Final = (".", "!", "?", "…", '"', "”", "’", "'", ")", "]", "»", "。", "！", "？")
