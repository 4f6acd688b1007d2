"""analyze(): one pass, offsets that hold, a parse cache that is never trusted blindly."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import load_corpus
from toolkit.config import SEEDS_DIR

SEED_ACTORS = [SEEDS_DIR / "event" / "actors.csv"]
from toolkit.language.doc_cache import DocCache
from toolkit import analyze
from toolkit.language.engine import batch_size as _batch_size
from toolkit.language.pipeline import load_pipeline, pipeline_key


@pytest.mark.parametrize("table", ["sentences", "entities", "quotes", "cues"])
def test_every_row_reproduces_its_text_from_offsets(seeds_analysis, table):
    texts = seeds_analysis.corpus.docs.set_index("doc_id")["text"]
    rows = getattr(seeds_analysis, table)
    assert len(rows) > 0
    for row in rows.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.text


def test_sentences_cover_the_seeds(seeds_analysis):
    s = seeds_analysis.sentences
    assert list(s.columns) == ["doc_id", "sent_id", "start", "end", "text", "n_tokens", "paragraph"]
    for doc_id, group in s.groupby("doc_id"):
        assert list(group["sent_id"]) == list(range(len(group)))
        assert (group["start"].diff().dropna() > 0).all()
    first = s[s["doc_id"] == "000_5f89eac381cdb88d"].iloc[0]
    assert first["text"].startswith("The United States had previously backed") and first["paragraph"] == 0


def _small_corpus(make_folder):
    return load_corpus(make_folder({"a.txt": "Putin spoke to Trump on Tuesday.", "b.txt": "Zelensky waited in Kyiv."}))


def test_warm_cache_gives_equal_tables(make_folder, tmp_path):
    corpus = _small_corpus(make_folder)
    cold = analyze(corpus, cache_dir=tmp_path)
    warm = analyze(corpus, cache_dir=tmp_path)
    assert cold.cache == {"hits": 0, "misses": 2, "bad": 0}
    assert warm.cache == {"hits": 2, "misses": 0, "bad": 0}
    for table in ("sentences", "entities", "quotes", "cues"):
        pd.testing.assert_frame_equal(getattr(cold, table), getattr(warm, table))


def test_corrupt_and_stale_entries_are_rebuilt(make_folder, tmp_path):
    corpus = _small_corpus(make_folder)
    reference = analyze(corpus, cache_dir=tmp_path)
    store = DocCache(pipeline_key(load_pipeline()), tmp_path)
    text_a, text_b = corpus.docs["text"]
    store.path(text_a).write_bytes(b"not a DocBin at all")
    other = DocCache("a-different-pipeline-key", tmp_path)
    other.folder = store.folder  # an entry written under another key, in the right place
    other.put(load_pipeline()(text_b))
    again = analyze(corpus, cache_dir=tmp_path)
    assert again.cache == {"hits": 0, "misses": 0, "bad": 2}
    pd.testing.assert_frame_equal(again.entities, reference.entities)
    assert analyze(corpus, cache_dir=tmp_path).cache == {"hits": 2, "misses": 0, "bad": 0}


def test_no_cache_writes_nothing(make_folder, tmp_path):
    cache = tmp_path / "cache"
    analysis = analyze(_small_corpus(make_folder), cache=False, cache_dir=cache)
    assert analysis.cache == {} and not cache.exists()


def test_two_processes_give_the_same_tables(seeds_analysis, seed_event, tmp_path):
    parallel = analyze(load_corpus(SEEDS_DIR), n_process=2, cache=False, actor_files=SEED_ACTORS,
                       substitutions=seed_event.substitutions)
    for table in ("sentences", "entities", "quotes", "cues"):
        pd.testing.assert_frame_equal(getattr(seeds_analysis, table), getattr(parallel, table))


def test_own_pipeline_can_be_passed(make_folder, tmp_path):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("framing_actors", config={"actor_files": [str(f) for f in SEED_ACTORS]})
    corpus = _small_corpus(make_folder)
    with pytest.warns(UserWarning, match="no tagger or lemmatizer: in 2 document"):
        analysis = analyze(corpus, nlp=nlp, cache_dir=tmp_path)
    with pytest.warns(UserWarning, match="no tagger or lemmatizer: in 2 document"):  # counted per run
        analyze(corpus, nlp=nlp, cache_dir=tmp_path)
    assert set(analysis.entities["actor"]) == {"Vladimir Putin", "Donald Trump", "Volodymyr Zelensky", "Kyiv"}
    assert analysis.model.startswith("en_pipeline")


def test_rows_follow_the_corpus_order_although_the_longest_documents_are_parsed_first(make_folder, tmp_path):
    texts = {f"{n}.txt": " ".join(["Putin spoke to Trump."] * (1 + (7 * n) % 11)) for n in range(9)}
    corpus = load_corpus(make_folder(texts))
    analysis = analyze(corpus, cache=False)
    order = list(corpus.docs["doc_id"])
    seen = list(dict.fromkeys(analysis.sentences["doc_id"]))
    assert seen == order
    for doc_id, group in analysis.sentences.groupby("doc_id"):
        text = corpus.docs.set_index("doc_id").at[doc_id, "text"]
        assert len(group) == text.count("Putin")


@pytest.mark.parametrize(("most", "n_docs", "expected"), [(16, 5, 2), (16, 0, 1), (16, 1, 1), (16, 40, 10), (16, 400, 16), (4, 400, 4)])
def test_short_corpora_are_parsed_in_about_four_batches(most, n_docs, expected):
    assert _batch_size(most, n_docs) == expected


def test_the_cue_matcher_is_built_once_per_vocabulary():
    import spacy

    from toolkit.extract.cues import cue_matcher
    from toolkit.resources.lexicons import load_lexicons

    first, second = spacy.blank("en"), spacy.blank("en")
    entries = load_lexicons()
    assert cue_matcher(first.vocab, entries) is cue_matcher(first.vocab, list(entries))
    other = cue_matcher(second.vocab, entries)
    assert other is not cue_matcher(first.vocab, entries) and other.vocab is second.vocab
    assert cue_matcher(first.vocab, entries[:3]).entries.keys() != cue_matcher(first.vocab, entries).entries.keys()
