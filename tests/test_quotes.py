"""Direct and reported speech: quote marks, speakers, reporting verbs."""

from __future__ import annotations

import functools

import pytest

from hypothesis import given, strategies as st

from toolkit.extract.quotes import find_quote_marks, looks_like_title
from toolkit.resources.reporting_verbs import load_reporting_verbs

from conftest import SEED_ACTORS


@pytest.fixture
def analyze_texts(analyze_texts):
    """These crafted reports are about the seed event: analyse them with its actor table."""
    return functools.partial(analyze_texts, actor_files=SEED_ACTORS)


def _contents(text):
    return [(text[m.start : m.end], m.closed) for m in find_quote_marks(text)]


def test_curly_and_straight_marks():
    text = "He said \u201cwe will win,\u201d and she said \"not yet.\""
    assert _contents(text) == [("we will win", True), ("not yet.", True)]


def test_quote_opening_mid_sentence_and_multi_sentence():
    text = "Trump said it was \u201ca great call. It lasted almost two hours.\u201d Then he left."
    assert _contents(text) == [("a great call. It lasted almost two hours.", True)]


def test_unbalanced_marks_never_raise():
    assert _contents("He said \u201cthis never closes\nNext paragraph.") == [("this never closes", False)]
    assert _contents("A stray closing\u201d mark and a \u201cnew one") == [("new one", False)]
    assert _contents("\u201cfirst \u201csecond\u201d") == [("first", False), ("second", True)]
    assert _contents("5'11\" tall") == []  # a closing-looking straight mark with nothing open


@given(st.text(alphabet=st.sampled_from('ab .,\n"\u201c\u201d\u00ab\u00bb'), max_size=80))
def test_quote_spans_are_ordered_and_inside_the_text(text):
    previous = 0
    for m in find_quote_marks(text):
        assert previous <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == text[m.start : m.end].strip()
        previous = m.end


def test_titles_are_not_quotes():
    assert looks_like_title("Face the Nation") and looks_like_title("Hannity")
    assert not looks_like_title("obstacle") and not looks_like_title("We had a great call.")


def test_reporting_verb_lexicon_has_classes_and_sources():
    verbs = load_reporting_verbs()
    assert verbs["say"].verb_class == "neutral" and verbs["insist"].verb_class == "marked"
    assert verbs["admit"].frame == "clause" and verbs["call"].frame == "characterise"
    assert verbs["point out"].verb_class == "marked"


def _quotes(analyze_texts, text):
    a = analyze_texts({"crafted": text})
    return a.quotes


def test_speaker_after_and_before_the_quote(analyze_texts):
    q = _quotes(
        analyze_texts,
        "\u201cWe will not give up our land,\u201d President Zelenskiy said on Tuesday.\n"
        "Mr. Putin insisted, \u201cThe West must stop arming Kyiv.\u201d",
    )
    direct = q[q["kind"] == "direct"]
    assert list(direct["speaker"]) == ["Volodymyr Zelensky", "Vladimir Putin"]
    assert list(direct["verb"]) == ["say", "insist"]
    assert list(direct["verb_class"]) == ["neutral", "marked"]


def test_continuation_pronoun_and_noun_phrase_speakers(analyze_texts):
    q = _quotes(
        analyze_texts,
        "Susan Colbourn, an expert at Duke University, said the deal was narrow.\n"
        "She warned that Russia was stalling.\n"
        "\u201cIt was striking how little Trump asked for,\u201d Colbourn said.\n"
        "\u201cThat will not last.\u201d\n"
        "Some administration officials said privately that the talks had failed.",
    )
    rows = list(q[["kind", "speaker", "verb", "attribution"]].itertuples(index=False, name=None))
    assert rows == [
        ("indirect", "Susan Colbourn", "say", "verb"),
        ("indirect", "Susan Colbourn", "warn", "verb"),
        ("direct", "Susan Colbourn", "say", "verb"),
        ("direct", "Susan Colbourn", "say", "continued"),
        ("indirect", "Some administration officials", "say", "verb"),
    ]


def test_according_to(analyze_texts):
    q = _quotes(analyze_texts, "According to Witkoff, both sides made \u201ca lot of progress\u201d in Moscow.")
    assert list(q[["kind", "speaker", "verb", "attribution"]].itertuples(index=False, name=None)) == [
        ("mixed", "Steve Witkoff", "according to", "according_to"),  # reported speech with a partial quote
        ("direct", "Steve Witkoff", "according to", "according_to"),
    ]
    assert q.iloc[0]["text"] == "both sides made \u201ca lot of progress\u201d in Moscow"
    assert q.iloc[0]["n_tokens"] == 5  # both sides made ... in Moscow: the quoted words count with the quote


def test_scare_quote_without_speaker_stays_unattributed(analyze_texts):
    q = _quotes(analyze_texts, "The plan is described in the report as a \u201ctrip wire\u201d force.")
    assert q["speaker"].isna().all()


def test_seed_speakers(seeds_analysis):
    q = seeds_analysis.quotes
    reuters = q[q["doc_id"] == "003_84ac9e8f1692d6f9"]

    def speakers(fragment):
        return set(reuters[reuters["text"].str.contains(fragment, regex=False)]["speaker"])

    assert speakers("how difficult of an interlocutor") == {"Kristine Berzina"}
    assert speakers("a very small step forward") == {"Kristine Berzina"}
    assert speakers("It was striking how little concession") == {"Susan Colbourn"}
    assert speakers("Putin may be playing for time") == {"Susan Colbourn"}
    epoch = q[(q["doc_id"] == "000_5f89eac381cdb88d") & (q["kind"] == "direct")]
    sybiha = epoch[epoch["text"].str.contains("obstacle|Our approach|We also really believe")]
    assert len(sybiha) == 3 and set(sybiha["speaker"]) == {"Andrii Sybiha"}
