"""Document similarity, nearest neighbours, sentence alignment and distinctive terms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import similarity as sim
from toolkit import corpus_from_texts, load_corpus
from toolkit.config import SEEDS_DIR

TEXTS = [
    "Putin agreed to a limited ceasefire on energy infrastructure after the call with Trump.",
    "Putin agreed to a limited ceasefire on energy infrastructure after his call with Trump.",
    "Zelensky said Ukraine would support a ceasefire on energy facilities.",
    "Hockey tournaments between Russia and the United States were discussed.",
    "The Kremlin said the leaders discussed hockey and economic cooperation.",
]


@pytest.fixture
def corpus():
    return corpus_from_texts(TEXTS, ids=["a", "b", "c", "d", "e"])


def test_doc_similarity_is_a_symmetric_cosine_matrix(corpus):
    matrix = sim.doc_similarity(corpus)
    assert list(matrix.index) == list(matrix.columns) == ["a", "b", "c", "d", "e"]
    assert np.allclose(matrix.to_numpy(), matrix.to_numpy().T)
    assert (np.diag(matrix) == 1).all()
    assert matrix.loc["a", "b"] > 0.8 > matrix.loc["a", "d"]
    assert matrix.loc["a", "b"] == matrix.drop(index="a").loc[:, "a"].max()


def test_character_ngrams_see_spelling_variants():
    pair = corpus_from_texts(["Zelensky spoke", "Zelenskyy spoke"])
    assert sim.doc_similarity(pair, analyzer="char_wb").iloc[0, 1] > sim.doc_similarity(pair).iloc[0, 1]
    with pytest.raises(ValueError, match="analyzer must be"):
        sim.doc_similarity(pair, analyzer="sentences")


@pytest.mark.parametrize("method", ["exact", "lsa"])
def test_nearest_agrees_with_the_full_matrix(corpus, method):
    table = sim.nearest(corpus, k=2, method=method, memory_mb=0.0001)  # one row per block
    matrix = sim.doc_similarity(corpus)
    for doc_id, group in table.groupby("doc_id"):
        expected = matrix.loc[doc_id].drop(doc_id).sort_values(ascending=False).head(2)
        expected = expected[expected > 0]  # no words in common: no neighbour
        assert list(group["neighbor"]) == list(expected.index)
        assert np.allclose(group["similarity"], expected.to_numpy(), atol=1e-5)
        assert list(group["rank"]) == list(range(1, len(expected) + 1))


def test_nearest_on_plain_strings_and_small_k():
    table = sim.nearest(["one text about Putin", "another text about Putin"], k=10)
    assert list(table["doc_id"]) == ["0", "1"] and list(table["neighbor"]) == ["1", "0"]


def test_align_sentences_statuses(analyze_texts):
    a = analyze_texts(
        {
            "wire": "Putin agreed to halt strikes on energy infrastructure. The Kremlin praised the call.",
            "copy": "Putin agreed to halt strikes on energy infrastructure. Hockey games were planned.",
        }
    )
    table = sim.align_sentences(a)
    first = table[(table["outlet"] == "copy") & (table["sent_id"] == 0)].iloc[0]
    assert first["status"] == "shared" and first["match_text"].startswith("Putin agreed")
    hockey = table[table["text"].str.startswith("Hockey")].iloc[0]
    assert hockey["status"] == "unique"
    summary = sim.alignment_summary(table).set_index("outlet")
    assert summary.loc["copy", ["sentences", "shared", "unique"]].tolist() == [2, 1, 1]
    assert summary.loc["copy", "unique_share"] == 0.5


def test_distinctive_terms_log_odds(corpus):
    texts = {"A": "ceasefire ceasefire ceasefire hockey energy", "B": "energy energy hockey talks talks"}
    two = corpus_from_texts(texts.values(), ids=texts, outlets=texts)
    table = sim.distinctive_terms(two, min_count=1, top=None)
    a = table[table["outlet"] == "A"].set_index("term")
    b = table[table["outlet"] == "B"].set_index("term")
    assert a.index[0] == "ceasefire" and a.loc["ceasefire", "z"] > 0
    assert b.index[0] == "talks" and b.loc["energy", "z"] > a.loc["energy", "z"]
    # the formula by hand for "ceasefire" in A: counts y_i=3, y_j=0; totals n_i=5, n_j=5; prior = corpus share * 10
    alpha = 10 * 3 / 10
    delta = np.log((3 + alpha) / (5 + 10 - 3 - alpha)) - np.log((0 + alpha) / (5 + 10 - 0 - alpha))
    assert a.loc["ceasefire", "log_odds"] == pytest.approx(delta, abs=1e-4)
    assert a.loc["ceasefire", "z"] == pytest.approx(delta / np.sqrt(1 / (3 + alpha) + 1 / alpha), abs=1e-4)


def test_distinctive_terms_needs_an_analysis_for_lemmas(corpus):
    with pytest.raises(TypeError, match="needs an Analysis"):
        sim.distinctive_terms(corpus, lemmatize=True)


def test_seed_reuse(seeds_analysis):
    corpus = seeds_analysis.corpus
    near = sim.nearest(corpus, k=1).set_index("doc_id")["neighbor"]
    assert near["004_7fddfdd75eedba42"] == "002_298d48a73f81351b"  # both carry the New York Times account
    status = sim.sentence_status(sim.align_sentences(seeds_analysis))
    spun = status[status["doc_id"] == "004_7fddfdd75eedba42"]
    assert spun[spun["status"] != "unique"]["other"].value_counts().index[0] == "asian-summary"
    terms = sim.distinctive_terms(seeds_analysis, lemmatize=True, top=5)
    assert "vitality" not in set(terms[terms["outlet"] == "nyt-spun"]["term"])  # repaired: "energy" again
    as_written = sim.distinctive_terms(load_corpus(SEEDS_DIR), top=5)
    assert "vitality" in set(as_written[as_written["outlet"] == "nyt-spun"]["term"])


def test_nearest_edge_cases():
    assert sim.nearest(["only one document"], k=5).empty
    with pytest.raises(ValueError, match="no words left to compare"):
        sim.nearest(["the and of", "it is"], k=1)
    lsa = sim.nearest([f"alpha w{i} w{i+1}" for i in range(30)], k=10, method="lsa", candidates=3)
    assert lsa.groupby("doc_id").size().eq(10).all()  # candidates never fewer than k
    tiny = sim.nearest(["alpha", "alpha", "alpha alpha"], k=1, method="lsa")
    assert len(tiny) == 3


def test_alignment_with_one_outlet_and_by_document(analyze_texts):
    one = analyze_texts({"solo": "Putin spoke. Trump listened."})
    summary = sim.alignment_summary(sim.align_sentences(one))
    assert summary.iloc[0][["outlet", "sentences", "unique", "unique_share"]].tolist() == ["solo", 2, 2, 1.0]
    two = analyze_texts({"a": "Putin agreed to halt strikes on energy.", "b": "Putin agreed to halt strikes on energy."})
    by_doc = sim.align_sentences(two, by="doc_id")
    assert list(by_doc["status"]) == ["shared", "shared"]


def test_distinctive_terms_refuses_what_it_cannot_compare():
    one = corpus_from_texts(["Putin spoke to Trump."], outlets=["only"])
    with pytest.raises(ValueError, match="compare groups"):
        sim.distinctive_terms(one)
    two = corpus_from_texts(["Russia\u2019s U.S. envoy spoke", "Mr. Trump spoke"], outlets=["a", "b"])
    with pytest.raises(ValueError, match="prior_scale must be positive"):
        sim.distinctive_terms(two, prior_scale=0)
    terms = set(sim.term_counts(two)["term"])
    assert {"russia", "u.s.", "envoy", "trump"} <= terms and "mr" not in terms and "russia\u2019s" not in terms


def test_clusters_group_similar_documents():
    import pandas as pd

    ids = ["a", "b", "c", "d"]
    matrix = pd.DataFrame(
        [[1, 0.9, 0.1, 0.05], [0.9, 1, 0.1, 0.05], [0.1, 0.1, 1, 0.6], [0.05, 0.05, 0.6, 1]], index=ids, columns=ids
    )
    assert sim.clusters(matrix, min_similarity=0.5).tolist() == ["A", "A", "B", "B"]
    assert sim.clusters(matrix, min_similarity=0.05).tolist() == ["A", "A", "A", "A"]
    assert sim.clusters(matrix.loc[["a"], ["a"]]).tolist() == ["A"]


def test_seed_clusters_set_the_spun_copy_apart_until_it_is_repaired(seeds_analysis):
    as_loaded = sim.clusters(sim.doc_similarity(load_corpus(SEEDS_DIR)))
    assert as_loaded.tolist() == ["A", "A", "A", "A", "B"]  # the spinner's words set it apart
    assert sim.clusters(sim.doc_similarity(seeds_analysis.corpus)).tolist() == ["A"] * 5
