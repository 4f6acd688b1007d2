"""Newswire patterns that trip simple rules: longer names, wrapped lines, odd quote marks."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from toolkit import entities
from toolkit.resources.actors import load_actors
from toolkit import corpus_from_texts
from toolkit import analyze
from toolkit.language.pipeline import load_pipeline
from toolkit.extract.quotes import find_quote_marks

from conftest import SEED_ACTORS


@pytest.fixture
def analyze_texts(analyze_texts):
    """These crafted reports are about the seed event: analyse them with its actor table."""
    return functools.partial(analyze_texts, actor_files=SEED_ACTORS)


def _one(analyze_texts, text, **kwargs):
    return analyze_texts({"t": text}, **kwargs)


def _speakers(analysis, kind="direct"):
    q = analysis.quotes
    return list(q[q["kind"] == kind]["speaker"])


def test_actor_aliases_give_way_to_longer_names(analyze_texts):
    a = _one(analyze_texts, "Exports to Latin America fell, the Washington Post reported.\n"
                            "Melania Trump visited Trump Tower with Donald Trump.")
    known = a.entities.dropna(subset=["actor"])
    assert list(known["actor"]) == ["Donald Trump"]
    assert "Latin America" in set(a.entities["text"])


def test_edited_actor_file_is_read_again(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("actor,type,label,aliases\nKeith Kellogg,person,PERSON,Kellogg\n")
    assert load_actors([extra]).resolve("Zaluzhnyi") is None
    extra.write_text("actor,type,label,aliases\nKeith Kellogg,person,PERSON,Kellogg\n"
                     "Valerii Zaluzhnyi,person,PERSON,Zaluzhnyi;Zaluzhny\n")
    assert load_actors([extra]).resolve("Zaluzhny").name == "Valerii Zaluzhnyi"
    doc = load_pipeline(actor_files=[extra])("Zaluzhny met Kellogg.")
    assert {e.ent_id_ for e in doc.ents} == {"Valerii Zaluzhnyi", "Keith Kellogg"}


def test_hard_wrapped_paragraphs(analyze_texts):
    text = ("Zelensky spoke. \u201cWe will not give up\nour land,\u201d he told\nreporters.\n\n"
            "Putin said the talks\nwould begin soon.")
    a = _one(analyze_texts, text)
    q = a.quotes
    direct = q[q["kind"] == "direct"].iloc[0]
    assert direct["text"] == "We will not give up\nour land" and direct["closed"]
    assert direct["speaker"] == "Volodymyr Zelensky"
    assert "would begin soon" in q[q["kind"] == "indirect"].iloc[-1]["text"]
    assert list(a.sentences["paragraph"]) == [0, 0, 1]


@pytest.mark.parametrize(
    "text, content",
    [
        ("\u2018We will win,\u2019 Zelensky said. Russia\u2019s army disagreed.", ["We will win"]),
        ("\u201eWir werden siegen\u201c, sagte Scholz.", ["Wir werden siegen"]),
        ('Trump said:"We will win."', ["We will win."]),
        ("The allies\u2019 view and the \u201990s were different.", []),
    ],
)
def test_other_quote_mark_styles(text, content):
    assert [text[m.start : m.end] for m in find_quote_marks(text)] == content


def test_one_word_quotes_are_speech_not_titles(analyze_texts):
    assert _speakers(_one(analyze_texts, "\u201cNever,\u201d Zelensky said.")) == ["Volodymyr Zelensky"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Ukraine\u2019s foreign minister, Andrii Sybiha, said \u201cthe plan is dead.\u201d", "Andrii Sybiha"),
        ("A spokesman for the Kremlin said \u201cthe talks were useful.\u201d", "Kremlin"),
        ("Trump said in a statement:\n\u201cWe will make a deal.\u201d", "Donald Trump"),
    ],
)
def test_speaker_patterns(analyze_texts, text, speaker):
    assert _speakers(_one(analyze_texts, text)) == [speaker]


def test_relative_pronoun_and_statement_clause(analyze_texts):
    a = _one(analyze_texts, "\u201cThe call was constructive,\u201d said Dmitry Peskov, who also said Moscow was open to talks.\n"
                            "The Kremlin said in a statement that the talks were useful.")
    indirect = a.quotes[a.quotes["kind"] == "indirect"]
    assert list(indirect["speaker"]) == ["Dmitry Peskov", "Kremlin"]


def test_scare_quote_is_not_given_to_a_verb_with_its_own_clause(analyze_texts):
    a = _one(analyze_texts, "Putin rejected the \u201cpeace plan\u201d even though Trump said it would end the war.")
    assert _speakers(a) == [None] or pd.isna(_speakers(a)[0])


def test_reported_speech_does_not_count_quoted_words_twice(analyze_texts):
    a = _one(analyze_texts, "Sybiha said that Kyiv is not an \u201cobstacle to peace\u201d at all.")
    q = a.quotes.set_index("kind")
    assert q.loc["direct", "n_tokens"] == 3
    assert q.loc["mixed", "n_tokens"] == 7  # that Kyiv is not an ... at all: reported speech with a partial quote


def test_surnames_shared_by_two_people_stay_apart(analyze_texts):
    a = _one(analyze_texts, "John Smith, a senator, met Jane Smith, an analyst. \u201cThe deal is weak,\u201d Smith said.\n"
                            "Andrew Jordan, an analyst, spoke. King Abdullah of Jordan met Trump.")
    assert _speakers(a) == ["Smith"]
    jordan = a.entities[a.entities["text"] == "Jordan"]
    assert list(jordan["name"]) == ["Jordan"] and list(jordan["label"]) == ["GPE"]


def test_titles_are_kept_in_organisation_names_and_capitals_merged(analyze_texts):
    a = analyze_texts({"a": "General Motors cut jobs in LONDON.", "b": "General Motors hired in London."})
    table = entities.counts(a)
    assert set(table["actor"]) == {"General Motors", "London"}


def test_own_pipeline_actor_ids_are_the_truth(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("actor,type,label,aliases\nKeith Kellogg,person,PERSON,Kellogg\n")
    nlp = load_pipeline(actor_files=[*SEED_ACTORS, extra])
    a = analyze(corpus_from_texts(["Kellogg arrived in Kyiv."]), nlp=nlp, cache=False, progress=False)
    assert list(a.entities["actor"]) == ["Keith Kellogg", "Kyiv"]


def test_overlong_document_is_named():
    nlp = load_pipeline()
    corpus = corpus_from_texts(["short text", "x " * (nlp.max_length // 2 + 1)], ids=["ok", "huge"])
    with pytest.raises(ValueError, match=r"huge \(1,000,002 characters\)"):
        analyze(corpus, cache=False)
