"""Actor table: aliases, titles, user extensions, per-document name merging."""

from __future__ import annotations

import pytest
import spacy

from toolkit.compare import actors as actor_clusters

from toolkit.extract.names import DocNames
from toolkit.resources.actors import load_actors, normalize_name
from toolkit.config import SEEDS_DIR
from toolkit.errors import DataFileError

SEED_ACTORS = [SEEDS_DIR / "event" / "actors.csv"]  # the seed event's own table, passed explicitly


@pytest.mark.parametrize(
    "mention, name",
    [
        ("Mr. Zelenskiy’s", "Zelenskiy"),
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("Ukrainian Foreign Minister Andrii Sybiha", "Andrii Sybiha"),
        ("the White House", "White House"),
        ("U.S. officials", "U.S. officials"),  # a nationality is stripped only before a title
        ("Vice President JD Vance", "JD Vance"),
        ("President", "President"),  # a title alone is left as it is
    ],
)
def test_normalize_name(mention, name):
    assert normalize_name(mention) == name


@pytest.mark.parametrize(
    "mention, actor",
    [
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Mr Zelensky", "Volodymyr Zelensky"),
        ("President Volodymyr Zelenskiy", "Volodymyr Zelensky"),
        ("Kiev", "Kyiv"),
        ("KYIV", "Kyiv"),
        ("Donald J. Trump", "Donald Trump"),
        ("The Kremlin", "Kremlin"),
        ("U.S.", "United States"),
    ],
)
def test_aliases_resolve_to_one_actor(mention, actor):
    assert load_actors(SEED_ACTORS).resolve(mention).name == actor


def test_unknown_names_do_not_resolve():
    assert load_actors(SEED_ACTORS).resolve("Susan Colbourn") is None
    assert load_actors().resolve("Trump") is None  # the package knows no event's actors


def test_user_file_adds_actors(tmp_path):
    extra = tmp_path / "more.csv"
    extra.write_text("actor,type,label,aliases\nKeith Kellogg,person,PERSON,Keith Kellogg;Kellogg;Gen. Kellogg\n")
    actors = load_actors([*SEED_ACTORS, extra])
    assert actors.resolve("General Keith Kellogg").name == "Keith Kellogg"
    assert actors.resolve("Putin").name == "Vladimir Putin"  # the first table is still there


def test_alias_claimed_by_two_actors_is_an_error(tmp_path):
    extra = tmp_path / "clash.csv"
    extra.write_text("actor,type,label,aliases\nSomeone Else,person,PERSON,Trump\n")
    with pytest.raises(DataFileError, match=r"clash\.csv.*alias 'Trump' names both 'Donald Trump' and 'Someone Else'"):
        load_actors([*SEED_ACTORS, extra])


def test_malformed_actor_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases\nX,Y\n")
    with pytest.raises(DataFileError, match=r"bad\.csv: actor file lacks column\(s\) actor, type, label"):
        load_actors([bad])
    with pytest.raises(DataFileError, match="actor file not found"):
        load_actors([tmp_path / "missing.csv"])


def test_patterns_feed_an_entity_ruler_in_a_blank_pipeline():
    import toolkit.language.components  # noqa: F401  (registers the component)

    nlp = spacy.blank("en")
    nlp.add_pipe("framing_actors", config={"actor_files": [str(f) for f in SEED_ACTORS]})
    doc = nlp("WASHINGTON—President Trump met Zelenskiy in Kiev.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("WASHINGTON", "GPE", "Washington"),
        ("Trump", "PERSON", "Donald Trump"),
        ("Zelenskiy", "PERSON", "Volodymyr Zelensky"),
        ("Kiev", "GPE", "Kyiv"),
    ]


def test_doc_names_merge_surnames_with_full_names():
    class Ent:
        def __init__(self, text, label):
            self.text, self.label_ = text, label

    names = DocNames(load_actors(SEED_ACTORS), [Ent("Susan Colbourn", "PERSON"), Ent("Trump", "PERSON")])
    assert names.resolve("Colbourn", "ORG") == (None, "Susan Colbourn", "PERSON")
    assert names.resolve("Trump", "ORG") == ("Donald Trump", "Donald Trump", "PERSON")
    assert names.resolve("Reuters", "ORG") == (None, "Reuters", "ORG")


def test_acronyms_of_common_nouns_name_no_actor(analyze_texts):
    from toolkit.compare import entities

    analysis = analyze_texts({
        "a": "Veltra Systems unveiled an AI chip on Monday. AI spending rose, Veltra Systems said.",
        "b": "The AI boom lifted Veltra Systems, whose GDP forecast chief Mara Lind said demand was strong.",
    })
    clusters = actor_clusters.cluster(analysis)
    table = clusters.table.set_index("actor")
    assert "AI" in set(analysis.entities["text"])  # the small tagger takes it for a name (a place, here)
    assert table.loc["AI", "type"] == "common noun" and table.loc["AI", "label"] == "MISC"
    named = set(entities.counts(analysis, actors=clusters)["actor"])
    assert "AI" not in named and "GDP" not in named and "Veltra Systems" in named
