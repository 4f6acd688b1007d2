"""The neighbour search behind alignment and facts, and the comparisons that use it at scale."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.preprocessing import normalize

from toolkit.compare import neighbours, similarity
from toolkit.compare import summary as summary_module
from toolkit.compare.summary import framing_summary


def _matrix(n: int, features: int = 40, seed: int = 0) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    dense = rng.random((n, features)) * (rng.random((n, features)) < 0.15)
    dense[:, 0] += 0.01  # every row has a feature, so every pair has a cosine above zero
    return sparse.csr_matrix(normalize(dense), dtype=np.float32)


def _brute_force(matrix, k, groups=None, min_similarity=0.0):
    sims = (matrix @ matrix.T).toarray()
    out = []
    for i, row in enumerate(sims):
        cols = [j for j in range(len(row)) if j != i and (groups is None or groups[j] != groups[i])
                and row[j] >= min_similarity and row[j] > 0]
        cols.sort(key=lambda j: (-row[j], j))
        out += [(i, j) for j in cols[:k]]
    return out


@pytest.mark.parametrize("groups", [None, np.array(list("aabbbcccdd") * 6)])
def test_exact_search_equals_all_pairs(groups):
    matrix = _matrix(60)
    found = neighbours.top_neighbours(matrix, 5, groups=groups, min_similarity=0.1, memory_mb=0.01)  # many blocks
    assert list(zip(found.row.tolist(), found.col.tolist())) == _brute_force(matrix, 5, groups, 0.1)
    if groups is not None:
        assert not (groups[found.row] == groups[found.col]).any()  # never the row's own group


def test_ties_go_to_the_lower_row():
    matrix = sparse.csr_matrix(np.ones((5, 2), dtype=np.float32) / np.sqrt(2))  # five identical rows
    found = neighbours.top_neighbours(matrix, 2)
    assert found.col[found.row == 4].tolist() == [0, 1]
    assert found.col[found.row == 0].tolist() == [1, 2]


def test_graph_search_finds_most_neighbours_and_is_repeatable():
    # topic-structured rows: each of 30 topics shares a vocabulary, as reports of one story do
    rng = np.random.default_rng(1)
    n, topics = 1500, 30
    topic = rng.integers(0, topics, n)
    dense = np.zeros((n, topics * 10), dtype=np.float32)
    for i, t in enumerate(topic):
        words = rng.choice(10, 4, replace=False) + t * 10
        dense[i, words] = rng.random(4) + 0.5
        dense[i, rng.integers(0, topics * 10, 2)] += 0.3  # noise words
    matrix = sparse.csr_matrix(normalize(dense))
    exact = neighbours.top_neighbours(matrix, 10, method="exact")
    approx = neighbours.top_neighbours(matrix, 10, method="approximate")
    again = neighbours.top_neighbours(matrix, 10, method="approximate")
    assert np.array_equal(approx.col, again.col) and np.array_equal(approx.row, again.row)
    true = set(zip(exact.row.tolist(), exact.col.tolist()))
    found = set(zip(approx.row.tolist(), approx.col.tolist()))
    assert len(true & found) / len(true) > 0.9
    # scores are exact cosines, whichever way a pair was found
    dots = np.asarray(matrix[approx.row].multiply(matrix[approx.col]).sum(axis=1)).ravel()
    assert np.allclose(approx.score, dots, atol=1e-5)


def test_empty_and_tiny_inputs():
    assert len(neighbours.top_neighbours(sparse.csr_matrix((1, 3)), 5)) == 0
    assert len(neighbours.top_neighbours(sparse.csr_matrix((4, 3)), 2)) == 0  # no features: no neighbours
    with pytest.raises(ValueError, match="method must be"):
        neighbours.top_neighbours(_matrix(4), 2, method="fast")


def test_alignment_with_many_outlets_keeps_the_closest(analyze_texts):
    wire = "The port authority said the strike at the container terminal would end on Friday."
    texts = {f"o{i:02d}": f"{wire} Local note number {i} about weather in town {i}." for i in range(30)}
    a = analyze_texts(texts)
    table = similarity.align_sentences(a, top=5)
    first = table[(table["doc_id"] == "o00") & (table["sent_id"] == 0)]
    assert len(first) == 5 and (first["status"] == "shared").all()  # 29 outlets share it; 5 kept
    assert first["other"].tolist() == ["o01", "o02", "o03", "o04", "o05"]  # equal scores: corpus order
    status = similarity.sentence_status(table)
    assert len(status) == len(a.sentences)  # every sentence has its row
    summary = similarity.alignment_summary(table).set_index("outlet")
    assert (summary["shared"] == 1).all()


def test_outlet_similarity_from_neighbours():
    docs = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "c1"], "outlet": ["A", "A", "B", "C"]})
    near = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "c1", "a1"], "neighbor": ["b1", "b1", "a2", "a1", "a2"],
                         "rank": [1, 1, 1, 1, 2], "similarity": [0.6, 0.8, 0.8, 0.3, 0.9]})
    table = similarity.outlet_similarity(near, docs).set_index(["outlet", "other"])
    assert table.loc[("A", "B"), "similarity"] == 0.8 and table.loc[("B", "A"), "similarity"] == 0.8
    assert table.loc[("A", "B"), "pairs"] == 2  # a1-b1 and a2-b1, however often found
    assert table.loc[("C", "A"), "similarity"] == 0.3
    assert ("A", "A") not in table.index  # an outlet is not its own neighbour


def test_summary_without_a_square_matrix(analyze_texts, monkeypatch):
    a = analyze_texts({
        "wire": "The port authority said the strike at the container terminal would end on Friday.",
        "copy": "The port authority said the strike at the container terminal would end on Friday, officials said.",
        "other": "Football fans celebrated a late goal in the cup final on Sunday night.",
    })
    dense = framing_summary(a).set_index("outlet")
    monkeypatch.setattr(summary_module, "SUMMARY_DENSE_LIMIT", 0)
    sparse_path = framing_summary(a).set_index("outlet")
    assert sparse_path.loc["wire", "closest"] == dense.loc["wire", "closest"] == "copy"
    assert sparse_path.loc["wire", "closest_similarity"] == dense.loc["wire", "closest_similarity"]
    assert sparse_path.loc["wire", "cluster"] == sparse_path.loc["copy", "cluster"] != sparse_path.loc["other", "cluster"]
    assert summary_module._letters(0) == "A" and summary_module._letters(26) == "AA"


def test_figures_draw_the_largest_outlets(analyze_texts):
    from toolkit.figures import selection

    a = analyze_texts({"big": "The vote was close. Turnout was high. The count ran late.", "mid": "The vote was close.",
                       "small": "Turnout was high.", "tiny": "Late."})
    assert selection.largest_outlets(a, 2) == ["big", "mid"]  # most documents, then most tokens
    assert selection.largest_outlets(a, 2, ranking=pd.Series({"tiny": 5, "big": 1})) == ["tiny", "big"]
    view = selection.only_outlets(a, ["mid", "small"])
    assert set(view.corpus.docs["outlet"]) == {"mid", "small"} and set(view.sentences["doc_id"]) == {"mid", "small"}
    assert len(a.sentences) == 6  # the full analysis is untouched


def test_graph_search_over_repeated_rows_treats_each_copy_as_its_original():
    # a story copied by many outlets: 200 distinct rows, each repeated five times in other groups
    base = _matrix(200, features=60, seed=3)
    matrix = sparse.vstack([base] * 5).tocsr()
    groups = np.repeat(np.arange(5), 200)
    first, which = neighbours._distinct_rows(matrix)
    assert np.array_equal(first, np.arange(200)) and np.array_equal(which, np.tile(np.arange(200), 5))
    found = neighbours.top_neighbours(matrix, 8, groups=groups, method="approximate")
    # every copy of a row finds its other four copies (cosine 1), never its own group
    for r in (0, 417, 999):
        mine = found.col[found.row == r]
        assert set(mine[:4] % 200) == {r % 200} and not (groups[mine] == groups[r]).any()
    dots = np.asarray(matrix[found.row].multiply(matrix[found.col]).sum(axis=1)).ravel()
    assert np.allclose(found.score, dots, atol=1e-5)


def test_repeated_texts_are_weighted_as_when_each_is_counted():
    texts = pd.Series(["Putin agreed to a pause.", "Kyiv said it would comply.", "Putin agreed to a pause."] * 40
                      + ["Strikes went on overnight."])
    whole = similarity._fit(similarity.tfidf_vectorizer(analyzer="char_wb"), texts)
    once = similarity._fit_repeated(similarity.tfidf_vectorizer(analyzer="char_wb"), texts)
    assert whole.dtype == once.dtype and (whole != once).nnz == 0
