"""Text reuse: how alike the reports are, which sentences they share, which words only one uses.

- ``doc_similarity``: TF-IDF cosine similarity between every pair of documents (small corpora).
- ``nearest``: each document's k most similar documents, in row chunks that never hold an
  N x N matrix, so that 100,000 documents fit in a laptop's memory.
- ``align_sentences``: for every sentence, its best match in each other outlet that shares
  (near-verbatim) or paraphrases it, or, if none does, its closest sentence: unique.
- ``distinctive_terms``: words each outlet uses more than the rest, by the log-odds ratio with
  an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words",
  Political Analysis 16(4)).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from toolkit.compare import neighbours
from toolkit.compare.tables import sort_by_outlet
from toolkit.corpus.load import Corpus
from toolkit.errors import NotApplicable
from toolkit.language.analysis import Analysis

SHARED, PARAPHRASED, UNIQUE = "shared", "paraphrased", "unique"
STATUSES = (SHARED, PARAPHRASED, UNIQUE)
DENSE_LIMIT = 5000  # above this, a square matrix is the wrong tool: use nearest()
NEAREST_EXACT_LIMIT = 5000  # documents; above, nearest() finds candidates in an LSA space


def tfidf_vectorizer(
    analyzer: str = "word",
    ngram_range: tuple[int, int] | None = None,
    stop_words: str | list[str] | None = "english",
    sublinear_tf: bool = True,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
) -> TfidfVectorizer:
    """The toolkit's TF-IDF settings: words (or ``analyzer="char_wb"`` character n-grams, which
    survive spelling variants such as Zelensky / Zelenskyy), English stop words, sublinear tf.
    ``ngram_range`` defaults to single words, or 3- to 5-character grams."""
    if analyzer not in ("word", "char", "char_wb"):
        raise ValueError(f"analyzer must be 'word', 'char' or 'char_wb', not {analyzer!r}")
    if ngram_range is None:
        ngram_range = (1, 1) if analyzer == "word" else (3, 5)
    return TfidfVectorizer(
        analyzer=analyzer,
        ngram_range=ngram_range,
        stop_words=stop_words if analyzer == "word" else None,
        sublinear_tf=sublinear_tf,
        min_df=min_df,
        max_df=max_df,
        dtype=np.float32,
    )


def doc_similarity(corpus: Corpus, **vectorizer_options) -> pd.DataFrame:
    """Square DataFrame of cosine similarities between documents (index and columns: doc_id)."""
    n = len(corpus.docs)
    if n > DENSE_LIMIT:
        raise NotApplicable(f"{n:,} documents make a {n:,} x {n:,} matrix; use similarity.nearest(corpus, k=...) instead")
    matrix = _fit(tfidf_vectorizer(**vectorizer_options), corpus.docs["text"])
    sims = (matrix @ matrix.T).toarray().astype(float)
    np.fill_diagonal(sims, 1.0)
    ids = corpus.docs["doc_id"].tolist()
    return pd.DataFrame(np.round(sims, 6), index=pd.Index(ids, name="doc_id"), columns=pd.Index(ids, name="other"))


def _fit(vectorizer: TfidfVectorizer, texts) -> sparse.csr_matrix:
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError as exc:
        if "empty vocabulary" in str(exc):
            raise ValueError("no words left to compare once stop words are removed; pass stop_words=None "
                             "or analyzer='char_wb'") from None
        raise


def _fit_repeated(vectorizer: TfidfVectorizer, texts: pd.Series) -> sparse.csr_matrix:
    """``_fit`` for texts that repeat (wire copy run by many outlets): each distinct text is
    split into grams once, the weights still come from every text. The same matrix as
    ``_fit`` when the vectoriser prunes no rare or common grams; otherwise ``_fit`` itself."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    params = vectorizer.get_params()
    codes, distinct = pd.factorize(pd.Series(texts).astype(str))
    if params["min_df"] != 1 or params["max_df"] != 1.0 or params["max_features"] is not None \
            or len(distinct) > 0.8 * len(codes):
        return _fit(vectorizer, texts)
    counting = CountVectorizer(**{k: v for k, v in params.items() if k in CountVectorizer().get_params()})
    try:
        counts = counting.fit_transform(list(distinct)).tocsr()[codes]
    except ValueError:
        return _fit(vectorizer, texts)  # its own message for an empty vocabulary
    weighting = TfidfTransformer(norm=params["norm"], use_idf=params["use_idf"], smooth_idf=params["smooth_idf"],
                                 sublinear_tf=params["sublinear_tf"])
    return weighting.fit_transform(counts).astype(params["dtype"]).tocsr()


def _top_k(scores: np.ndarray, rows: np.ndarray, k: int, candidates: np.ndarray | None = None) -> list[tuple]:
    """Best k columns of each row of ``scores`` (the row's own document excluded), ties by index."""
    out = []
    for r, row in enumerate(scores):
        cols = np.arange(row.size) if candidates is None else candidates[r]
        keep = cols != rows[r]
        row, cols = row[keep], cols[keep]
        if row.size > k:
            part = np.argpartition(-row, k - 1)[:k]
            threshold = row[part].min()
            part = np.flatnonzero(row >= threshold)  # keep every tie at the threshold, then cut stably
            row, cols = row[part], cols[part]
        order = np.lexsort((cols, -row))[:k]
        out.extend((int(rows[r]), int(cols[o]), rank, float(row[o])) for rank, o in enumerate(order, start=1))
    return out


def nearest(
    corpus: Corpus | Iterable[str],
    k: int = 10,
    *,
    method: str = "auto",
    memory_mb: float = 256,
    n_components: int = 256,
    candidates: int = 50,
    progress: bool | None = None,
    **vectorizer_options,
) -> pd.DataFrame:
    """Each document's ``k`` most similar documents: ``doc_id, neighbor, rank, similarity``.

    ``method="exact"`` multiplies the sparse TF-IDF matrix by its transpose one block of rows at
    a time (each block about ``memory_mb``; a guide, not a hard cap). ``method="lsa"`` finds
    ``candidates`` per document (at least ``k``) in a ``n_components``-dimensional LSA space,
    then scores them exactly: much faster on large corpora, but it can miss neighbours (on a
    topic-structured corpus of 10,000 documents, recall of the true 10 nearest was 0.975) and
    breaks ties differently. ``"auto"`` is exact up to ``NEAREST_EXACT_LIMIT`` (5,000)
    documents, whose cost is the square of the documents. Similarities are exact
    TF-IDF cosines in both methods; documents with no words in common get no neighbours.
    """
    from tqdm import tqdm

    if isinstance(corpus, Corpus):
        ids, texts = corpus.docs["doc_id"].tolist(), corpus.docs["text"]
    else:
        texts = list(corpus)
        ids = [str(i) for i in range(len(texts))]
    if method == "auto":
        method = "exact" if len(ids) <= NEAREST_EXACT_LIMIT else "lsa"
    if method not in ("exact", "lsa"):
        raise ValueError(f"method must be 'auto', 'exact' or 'lsa', not {method!r}")
    empty = pd.DataFrame(columns=["doc_id", "neighbor", "rank", "similarity"])
    k = min(k, len(ids) - 1)
    if k < 1:
        return empty
    matrix = _fit(tfidf_vectorizer(**vectorizer_options), texts)
    n = matrix.shape[0]
    if method == "lsa" and matrix.shape[1] < 3:
        method = "exact"  # too few words for a reduced space
    rows_out: list[tuple] = []
    if method == "exact":  # the shared blocked search, ties to the lower row
        found = neighbours.top_neighbours(matrix, k, method="exact", memory_mb=memory_mb, progress=progress, desc="nearest")
        starts = np.r_[0, np.flatnonzero(np.diff(found.row)) + 1]
        ranks = np.arange(len(found.row)) - np.repeat(starts, np.diff(np.r_[starts, len(found.row)])) + 1
        rows_out = list(zip(found.row.tolist(), found.col.tolist(), ranks.tolist(), found.score.astype(float).tolist()))
    else:
        dims = max(2, min(n_components, matrix.shape[1] - 1, n - 1))
        embedded = normalize(TruncatedSVD(dims, random_state=0).fit_transform(matrix)).astype(np.float32)
        m = min(max(candidates, k), n - 1) + 1
        per_row = n * 8 + m * max(1, matrix.nnz // n) * 36  # approximate scores + gathered candidate rows
        step = max(1, min(n, int(memory_mb * 2**20 // per_row)))
        for start in tqdm(range(0, n, step), desc="nearest", unit="block", disable=None if progress is None else not progress):
            rows = np.arange(start, min(n, start + step))
            approx = embedded[rows] @ embedded.T
            cand = np.argpartition(-approx, m - 1, axis=1)[:, :m]
            left = matrix[np.repeat(rows, m)]
            right = matrix[cand.ravel()]
            exact = np.asarray(left.multiply(right).sum(axis=1)).reshape(len(rows), m)
            rows_out += _top_k(exact, rows, k, candidates=cand)
    table = pd.DataFrame(rows_out, columns=["doc_id", "neighbor", "rank", "similarity"])
    table = table[table["similarity"] > 0].reset_index(drop=True)  # no words in common: no neighbour
    table["doc_id"] = [ids[i] for i in table["doc_id"]]
    table["neighbor"] = [ids[i] for i in table["neighbor"]]
    table["similarity"] = table["similarity"].round(6)
    return table


# -- sentence alignment --------------------------------------------------------------------


ALIGN_TOP = 20  # matches kept per sentence: its closest other outlets


def align_sentences(
    analysis: Analysis,
    by: str = "outlet",
    shared_at: float = 0.75,
    paraphrased_at: float = 0.35,
    top: int = ALIGN_TOP,
    method: str = "auto",
    min_score: float = 0.2,
) -> pd.DataFrame:
    """For every sentence, its best match in each other group (outlet) that scores at least
    ``min_score``, and the status of that match.

    Rows: ``doc_id, sent_id, outlet, text, other, match_doc_id, match_sent_id, match_text,
    score, status``. The score is the TF-IDF cosine of character 3- to 5-grams within words,
    which credits shared names and numbers and survives inflection and spelling variants;
    a sentence is ``shared`` with an outlet at ``shared_at`` or above (near-verbatim),
    ``paraphrased`` at ``paraphrased_at`` or above, else ``unique`` with respect to that
    outlet. A sentence with no match of ``min_score`` anywhere has one row, ``unique``, with
    its closest sentence anywhere else (or none). At most
    ``top`` outlets per sentence are kept, the closest first. Matches come from
    ``neighbours.top_neighbours`` (the ``2 * top`` closest sentences of other outlets: exact up
    to 5,000 sentences, an HNSW graph search above),
    so that memory and time grow with the number of sentences, not its square.
    """
    sents = analysis.sentences if by == "doc_id" else analysis.sentences.merge(
        analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    n = len(sents)
    groups = sents[by].to_numpy()
    matrix = _fit_repeated(tfidf_vectorizer(analyzer="char_wb"), sents["text"]) if n else sparse.csr_matrix((0, 1))
    found = neighbours.top_neighbours(matrix, 2 * top, groups=groups, method=method) \
        if len(set(groups)) > 1 else neighbours.Neighbours(np.zeros(0, int), np.zeros(0, int), np.zeros(0))
    pairs = pd.DataFrame({"s": found.row, "t": found.col, "score": found.score.astype(float)})
    pairs["other"] = groups[pairs["t"].to_numpy()] if len(pairs) else []
    # the best match in each other outlet (pairs are sorted best first within a sentence)
    best = pairs.drop_duplicates(["s", "other"])
    close = best[best["score"] >= min(min_score, paraphrased_at)]
    close = close[close.groupby("s").cumcount() < top]
    # a sentence with no match anywhere: its one closest sentence, or nothing at all
    alone = np.setdiff1d(np.arange(n), close["s"].to_numpy())
    closest = best.drop_duplicates("s").set_index("s")
    rows = pd.concat([close, closest.reindex(alone).reset_index().rename(columns={"index": "s"}).assign(s=alone)],
                     ignore_index=True)
    src = sents.iloc[rows["s"].to_numpy()].reset_index(drop=True)
    matched = rows["t"].notna().to_numpy()
    tgt = pd.DataFrame(index=range(len(rows)), columns=["doc_id", "sent_id", "text"], dtype=object)
    if matched.any():
        picked = sents.iloc[rows.loc[matched, "t"].astype(int).to_numpy()][["doc_id", "sent_id", "text"]]
        tgt.loc[matched, ["doc_id", "sent_id", "text"]] = picked.to_numpy()
    out = pd.DataFrame(
        {
            "doc_id": src["doc_id"], "sent_id": src["sent_id"], by: src[by], "text": src["text"],
            "other": rows["other"].to_numpy(), "match_doc_id": tgt["doc_id"],
            "match_sent_id": pd.array(tgt["sent_id"], dtype="Int64"),
            "match_text": tgt["text"], "score": rows["score"].fillna(0.0).round(4).to_numpy(),
        }
    )
    out = out.loc[:, ~out.columns.duplicated()]
    out["status"] = np.select([out["score"] >= shared_at, out["score"] >= paraphrased_at], [SHARED, PARAPHRASED], UNIQUE)
    order = {d: i for i, d in enumerate(analysis.corpus.docs["doc_id"])}
    others = {g: i for i, g in enumerate(analysis.corpus.docs[by].drop_duplicates())}
    # best match first; among equal scores, the other outlet that comes first in the corpus
    out = out.assign(_d=out["doc_id"].map(order), _s=-out["score"], _o=out["other"].map(others))
    return out.sort_values(["_d", "sent_id", "_s", "_o"], kind="stable").drop(columns=["_d", "_s", "_o"]).reset_index(drop=True)


def sentence_status(alignment: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """One row per sentence: its best status over all other outlets and where its best match is."""
    rank = {SHARED: 0, PARAPHRASED: 1, UNIQUE: 2}
    best = alignment.assign(_r=alignment["status"].map(rank)).sort_values(["_r", "score"], ascending=[True, False], kind="stable")
    best = best.drop_duplicates(["doc_id", "sent_id"]).drop(columns="_r")
    order = alignment[["doc_id", "sent_id"]].drop_duplicates()
    return order.merge(best, on=["doc_id", "sent_id"], how="left")[
        ["doc_id", "sent_id", by, "text", "status", "score", "other", "match_text"]
    ]


def alignment_summary(alignment: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Per outlet: how many of its sentences others share, paraphrase, or nobody else carries."""
    status = sentence_status(alignment, by)
    counts = status.groupby([by, "status"], sort=False).size().unstack(fill_value=0).reindex(columns=list(STATUSES), fill_value=0)
    counts["sentences"] = counts.sum(axis=1)
    counts["unique_share"] = (counts[UNIQUE] / counts["sentences"]).round(4)
    order = list(dict.fromkeys(status[by]))
    return counts.reindex(order).reset_index()[[by, "sentences", *STATUSES, "unique_share"]]


# -- distinctive terms ---------------------------------------------------------------------

_WORDS = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z’'-]*")


def _words(text: str) -> list[str]:
    """Words for counting: "U.S." kept whole, possessives dropped ("Russia’s" -> "russia")."""
    out = []
    for word in _WORDS.findall(text):
        word = re.sub(r"[’']s$", "", word).strip("’'-")
        if word:
            out.append(word)
    return out



def term_counts(source: Corpus | Analysis, by: str = "outlet", lemmatize: bool = False) -> pd.DataFrame:
    """Counts of each word per group: from spaCy lemmas (``lemmatize=True``, needs an Analysis)
    or from lower-cased word forms of the corpus text."""
    corpus = source if isinstance(source, Corpus) else source.corpus
    if lemmatize:
        if isinstance(source, Corpus):
            raise TypeError("lemmatize=True needs an Analysis (toolkit.analyze(corpus))")
        terms = source.terms.merge(corpus.docs[["doc_id", by]], on="doc_id", how="left")
        return terms.groupby([by, "term"], sort=False)["count"].sum().reset_index()
    vectorizer = CountVectorizer(lowercase=True, stop_words=sorted(ENGLISH_STOP_WORDS | {"mr", "mrs", "ms"}),
                                 tokenizer=_words, token_pattern=None)
    grouped = corpus.docs.groupby(by, sort=False)["text"].apply(lambda texts: "\n".join(texts))
    matrix = sparse.coo_matrix(vectorizer.fit_transform(grouped))
    vocab = vectorizer.get_feature_names_out()
    return pd.DataFrame({by: grouped.index[matrix.row], "term": vocab[matrix.col], "count": matrix.data})


SIGNIFICANT_Z = 1.96


def distinctive_terms(
    source: Corpus | Analysis,
    by: str = "outlet",
    lemmatize: bool = False,
    prior_scale: float | None = None,
    min_count: int = 2,
    top: int | None = 20,
) -> pd.DataFrame:
    """Words each group uses more than the others: ``outlet, term, count, count_rest, log_odds,
    z, significant`` (``z`` >= ``SIGNIFICANT_Z``, 1.96: two-sided 5% for one term, with no
    correction for the many terms compared).

    Each group is compared with the rest by the log-odds ratio with an informative Dirichlet
    prior (Monroe, Colaresi and Quinn 2008, eq. 22 and 24): the prior is the corpus-wide word
    distribution scaled to ``prior_scale`` pseudo-counts (default: the corpus size), which
    shrinks the estimates of rare words; ``z`` divides by the estimate's standard deviation.
    Terms used fewer than ``min_count`` times by the group are dropped; ``top`` keeps the
    highest ``z`` per group (None keeps all).
    """
    if prior_scale is not None and prior_scale <= 0:
        raise ValueError("prior_scale must be positive")
    if top is not None and top < 1:
        raise ValueError("top must be a positive number of terms, or None for all")
    counts = term_counts(source, by, lemmatize)
    counts = counts.groupby([by, "term"], sort=False)["count"].sum().reset_index()
    n_groups, n_terms = counts[by].nunique(), counts["term"].nunique()
    if n_groups < 2:
        raise NotApplicable(f"distinctive terms compare groups: this corpus has {n_groups} {by}; group by another column")
    if n_terms < 2:
        raise NotApplicable(f"distinctive terms need at least two distinct words; this corpus has {n_terms}")
    # every quantity from the long table of (group, term, count): no terms x groups matrix,
    # so a corpus of 20,000 one-document outlets costs its words, not words times outlets
    totals = counts.groupby("term", sort=False)["count"].sum()
    grand = float(totals.sum())
    alpha0 = prior_scale if prior_scale is not None else grand
    n_of = counts.groupby(by, sort=False)["count"].sum()
    kept = counts[counts["count"] >= min_count]
    y_i = kept["count"].to_numpy(float)
    total = kept["term"].map(totals).to_numpy(float)
    y_j = total - y_i
    alpha = alpha0 * total / grand
    n_i = kept[by].map(n_of).to_numpy(float)
    n_j = grand - n_i
    delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha))
    z = delta / np.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
    table = pd.DataFrame({by: kept[by].to_numpy(), "term": kept["term"].to_numpy(), "count": y_i.astype(int),
                          "count_rest": y_j.astype(int), "log_odds": np.round(delta, 4), "z": np.round(z, 4),
                          "significant": z >= SIGNIFICANT_Z})
    table = table.sort_values(["z", "term"], ascending=[False, True], kind="stable")
    if top:
        table = table[table.groupby(by, sort=False).cumcount() < top]
    corpus = source if isinstance(source, Corpus) else source.corpus
    return sort_by_outlet(table, corpus.docs[by], by, ["z", "term"], descending=["z"])


def cluster_order(matrix: pd.DataFrame) -> list:
    """Documents ordered so that similar ones sit together: average-linkage clustering on
    1 - similarity, leaves in optimal order (deterministic for a given matrix)."""
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    if len(matrix) < 3:
        return list(matrix.index)
    distance = np.clip(1 - matrix.to_numpy(float), 0, None)
    np.fill_diagonal(distance, 0)
    condensed = squareform((distance + distance.T) / 2, checks=False)
    tree = optimal_leaf_ordering(linkage(condensed, method="average"), condensed)
    return [matrix.index[i] for i in leaves_list(tree)]


def clusters(matrix: pd.DataFrame, min_similarity: float = 0.2) -> pd.Series:
    """A cluster letter per document: average-linkage clusters of documents whose similarity
    (1 - distance) stays above ``min_similarity`` ("A" is the largest cluster)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if len(matrix) < 2:
        return pd.Series(["A"] * len(matrix), index=matrix.index)
    distance = np.clip(1 - matrix.to_numpy(float), 0, None)
    np.fill_diagonal(distance, 0)
    tree = linkage(squareform((distance + distance.T) / 2, checks=False), method="average")
    ids = fcluster(tree, t=1 - min_similarity, criterion="distance")
    sizes = pd.Series(ids).value_counts()
    rank = {cid: n for n, cid in enumerate(sorted(sizes.index, key=lambda c: (-sizes[c], list(ids).index(c))))}
    return pd.Series([chr(ord("A") + rank[c]) if rank[c] < 26 else str(rank[c]) for c in ids], index=matrix.index)


def outlet_similarity(neighbours: pd.DataFrame, docs: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Outlet by outlet, in long form: ``outlet, other, similarity, pairs``: the highest cosine
    between a document of one and a document of the other, and how many document pairs link
    them, among each document's ``nearest`` neighbours (so it never needs an N x N matrix;
    outlets whose documents are nobody's neighbours are not linked)."""
    group = docs.set_index("doc_id")[by]
    pairs = neighbours.assign(outlet=neighbours["doc_id"].map(group), other=neighbours["neighbor"].map(group))
    pairs = pairs[pairs["outlet"] != pairs["other"]]
    both = pd.concat([pairs[["outlet", "other", "similarity"]],
                      pairs.rename(columns={"outlet": "other", "other": "outlet"})[["outlet", "other", "similarity"]]])
    both = both.drop_duplicates()
    table = both.groupby(["outlet", "other"], sort=False)["similarity"].agg(["max", "size"]).reset_index()
    table = table.rename(columns={"max": "similarity", "size": "pairs"})
    rank = {o: i for i, o in enumerate(docs[by].drop_duplicates())}
    table = table.assign(_o=table["outlet"].map(rank), _s=-table["similarity"])
    return table.sort_values(["_o", "_s", "other"], kind="stable").drop(columns=["_o", "_s"]).reset_index(drop=True)


COPY_SIMILARITY = 0.5  # TF-IDF cosine from which two documents are copies of one story (rewrites, spun copies)


def copy_groups(neighbours: pd.DataFrame, doc_ids, min_similarity: float = COPY_SIMILARITY) -> pd.Series:
    """A group number per document: documents linked by a ``nearest`` neighbour of cosine
    ``min_similarity`` or more are copies of one story (a rewrite of a wire report). Built
    from the neighbour table, so it never needs an N x N matrix."""
    from scipy.sparse.csgraph import connected_components

    ids = list(doc_ids)
    position = {d: i for i, d in enumerate(ids)}
    close = neighbours[neighbours["similarity"] >= min_similarity]
    rows = [position[d] for d in close["doc_id"] if d in position]
    cols = [position[d] for d in close["neighbor"] if d in position]
    graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    return pd.Series(labels, index=pd.Index(ids, name="doc_id"))
