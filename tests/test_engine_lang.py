"""Language detection: the quick check settles most pages; langdetect only arbitrates."""

from __future__ import annotations

import pytest

from cleanarticle.fields import language as lang

EN = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to give the work to local firms that have been waiting for it."
)
DE = (
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Hafenmauer wieder aufzubauen, die "
    "in den Winterstürmen beschädigt wurde, und die Arbeiten an örtliche Firmen zu vergeben."
)
FR = (
    "Le conseil municipal a décidé mardi de reconstruire le vieux mur du port, qui a été "
    "endommagé par les tempêtes de l'hiver, et de confier les travaux à des entreprises locales."
)
DA = (
    "Byrådet besluttede tirsdag at genopbygge den gamle havnemur, som blev beskadiget i "
    "vinterstormene, og at give arbejdet til lokale firmaer, der har ventet på det."
)
ZH = "市议会周二决定重建在冬季风暴中受损的旧港口墙，并将工程交给当地公司。" * 3
JA = (
    "市議会は火曜日、冬の嵐で損傷した古い港の壁を再建し、工事を地元の企業に任せることを決めた。" * 3
)
KO = (
    "시의회는 화요일 겨울 폭풍으로 손상된 오래된 항구 벽을 재건하고 공사를 지역 업체에 맡기기로 결정했다."
    * 2
)
RU = (
    "Городской совет во вторник решил восстановить старую стену гавани, поврежденную зимними "
    "штормами, и поручить работы местным фирмам."
)


@pytest.fixture
def no_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(sample: str) -> None:
        raise AssertionError("langdetect was asked although the quick check could tell")

    monkeypatch.setattr(lang, "_langdetect", fail)


@pytest.mark.usefixtures("no_langdetect")
@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        ("en-GB", EN, "en"),
        ("de", DE, "de"),
        (None, DE, "de"),
        (None, EN, "en"),
        (None, FR, "fr"),
        ("zh-TW", ZH, "zh"),
        ("en", ZH, "zh"),  # a script used by one language overrules a template's declaration
        (None, JA, "ja"),
        (None, KO, "ko"),
        ("ru", RU, "ru"),
        ("da", DA, "da"),  # a declaration inside a family of close languages is trusted
        ("fr", "Short.", "fr"),  # too little text to judge: the declaration stands
    ],
)
def test_quick_check_settles_without_langdetect(
    declared: str | None, text: str, expected: str
) -> None:
    assert lang.detect_language(declared, f"{text} {text}") == expected


def test_wrong_declaration_is_overruled_by_langdetect() -> None:
    assert lang.detect_language("en", f"{DE} {DE}") == "de"
    assert lang.detect_language("de-DE", f"{EN} {EN}") == "en"


def test_ambiguous_cases_go_to_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = lang._langdetect

    def spy(sample: str) -> tuple[str, float] | None:
        asked.append(sample)
        return real(sample)

    monkeypatch.setattr(lang, "_langdetect", spy)
    assert lang.detect_language(None, f"{DA} {DA}") == "da"  # Danish or Norwegian?
    assert lang.detect_language(None, f"{RU} {RU}") == "ru"  # Cyrillic: many languages
    assert len(asked) == 2


def test_detection_can_be_disabled() -> None:
    assert lang.detect_language("en-US", DE, enabled=False) == "en"
    assert lang.detect_language(None, DE, enabled=False) is None
