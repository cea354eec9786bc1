"""Function words of common languages, and the writing systems that name a language alone.

Data, not logic: :mod:`cleanarticle.fields.language` uses these tables for its quick language check
before (and mostly instead of) statistical detection. Each list holds frequent function
words of the language (articles, pronouns, prepositions, conjunctions, auxiliaries), lower
case, chosen to tell the language apart from its neighbours; words shared by several
languages are fine, since the check compares shares of the text, not single words.
"""

from __future__ import annotations

__all__ = ["FAMILIES", "SCRIPT_LANGUAGES", "SHARED_SCRIPTS", "STOPWORDS"]

_WORDS: dict[str, str] = {
    "en": "the and of to in is that for it with was on as are be this by at from have has but "
    "not they which you he we an or were been their will would there what about when who",
    "de": "der die und das ist nicht mit den von zu sich des auf für ein eine dem im auch es "
    "sie ich wir bei werden wird sind aus noch nach wie oder aber dass hat einen einer zum zur "
    "über durch kann haben nur",
    "fr": "le la les des et est une un du dans pour que qui pas sur au par plus avec sont ce il "
    "elle nous vous mais ou été cette aux ses leur sa son comme tout ont entre",
    "es": "el la los las y de que en del es por para con una un se no al lo como más pero sus "
    "su está este esta son también fue hay muy ya entre sobre cuando sin",
    "it": "il la di che e è per un una del della sono non con si gli le nel alla anche come più "
    "ma dei delle questo ha essere lo degli nella alle tra sul",
    "pt": "o a os as de que e do da em um uma para com não no na por mais dos das se ao é foi "
    "são como mas também pelo pela seu sua ou está já quando",
    "nl": "de het een en van in is dat op te zijn voor met niet die er ook aan om als maar bij "
    "door wordt naar uit dan nog heeft hij ze wij worden deze zich",
    "pl": "i w się na nie z do to że jest o jak po co ale od za przez dla tak czy są jego już "
    "tylko oraz może które który była był ich jednak",
    "sv": "och att det som en är på för av med till den har inte om ett de var jag men kan så "
    "från vi sig också när efter eller skulle hade vara",
    "da": "og at det som en er på til for af med den har ikke om et de var jeg men kan så fra "
    "vi sig også når efter eller skal havde der være",
    "no": "og at det som en er på til for av med den har ikke om et de var jeg men kan så fra "
    "vi seg også når etter eller skal hadde der være",
    "fi": "ja on ei että se oli hän mutta kun tai ovat myös sen joka niin kuin ole mitä tämä "
    "jos vain nyt sekä voi olla",
    "cs": "a je se na v to že s z do o jsou by jako ale pro jak k tak po jeho už být byl které "
    "který však také jsem",
    "tr": "ve bir bu da de için ile çok daha olarak gibi en ne ama olan kadar sonra var değil "
    "her o mi ki şey",
    "ro": "și în de la a cu pe că din care nu se este o un mai pentru sunt au fost ce dar sau "
    "această acest",
    "hu": "a az és hogy nem is egy meg de van volt csak már mint ez azt ki el még lesz ha vagy "
    "pedig után",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh karena "
    "bisa adalah sudah saya kami mereka",
}

#: language code -> its function words.
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _WORDS.items()
}

#: Languages whose function words overlap too much to tell apart by this check alone: a
#: declaration inside the family is taken as is, and an undeclared page goes to langdetect.
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"da", "no", "nb", "nn", "sv"}),
    frozenset({"es", "pt", "gl", "ca"}),
    frozenset({"cs", "sk"}),
    frozenset({"id", "ms"}),
    frozenset({"nl", "af"}),
)

#: Writing systems used by one language (or one macrolanguage) only: (name, first code
#: point, last code point, language). Han is read as Chinese unless kana appear (Japanese).
SCRIPT_LANGUAGES: tuple[tuple[str, int, int, str], ...] = (
    ("hangul", 0xAC00, 0xD7AF, "ko"),
    ("hangul-jamo", 0x1100, 0x11FF, "ko"),
    ("kana", 0x3040, 0x30FF, "ja"),
    ("thai", 0x0E00, 0x0E7F, "th"),
    ("greek", 0x0370, 0x03FF, "el"),
    ("hebrew", 0x0590, 0x05FF, "he"),
    ("georgian", 0x10A0, 0x10FF, "ka"),
    ("armenian", 0x0530, 0x058F, "hy"),
    ("bengali", 0x0980, 0x09FF, "bn"),
    ("gurmukhi", 0x0A00, 0x0A7F, "pa"),
    ("gujarati", 0x0A80, 0x0AFF, "gu"),
    ("tamil", 0x0B80, 0x0BFF, "ta"),
    ("telugu", 0x0C00, 0x0C7F, "te"),
    ("kannada", 0x0C80, 0x0CFF, "kn"),
    ("malayalam", 0x0D00, 0x0D7F, "ml"),
    ("sinhala", 0x0D80, 0x0DFF, "si"),
    ("lao", 0x0E80, 0x0EFF, "lo"),
    ("myanmar", 0x1000, 0x109F, "my"),
    ("khmer", 0x1780, 0x17FF, "km"),
    ("han", 0x4E00, 0x9FFF, "zh"),
)

#: Writing systems shared by several languages: (name, character ranges, its languages).
SHARED_SCRIPTS: tuple[tuple[str, str, frozenset[str]], ...] = (
    (
        "cyrillic",
        "\u0400-\u04ff",
        frozenset(["ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg", "tt", "ba"]),
    ),
    ("arabic", "\u0600-\u06ff\u0750-\u077f", frozenset(["ar", "fa", "ur", "ps", "ku", "sd", "ug"])),
    ("devanagari", "\u0900-\u097f", frozenset(["hi", "mr", "ne", "sa"])),
)
