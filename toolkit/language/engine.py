"""What every engine shares: the settings a process needs, the unit of work, and its result.

An engine is a function ``run(doc_ids, texts, settings, ..., progress) -> Parts``. The local
engine runs :func:`parse_and_extract` in this process; the Dask engine runs it on partitions
of the documents on a cluster and :func:`merge` joins the results. Neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from tqdm import tqdm

from toolkit.extract.cues import cue_matcher
from toolkit.language.background import map_in_background
from toolkit.language.doc_cache import DocCache
from toolkit.language.extraction import TABLES, Extractor
from toolkit.language.pipeline import load_pipeline, model_name, pipeline_key
from toolkit.resources.actors import load_actors
from toolkit.resources.lexicons import load_lexicons
from toolkit.resources.reporting_verbs import load_reporting_verbs


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


def parse_and_extract(
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
    parsed = nlp.pipe((texts[i] for i in todo), batch_size=batch_size(settings.batch_size, len(todo)),
                      n_process=n_process)
    bar = tqdm(zip(todo, parsed), total=len(todo), desc="parsing", unit="doc",
               disable=None if progress is None else not progress)

    def finish(job):
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


def batch_size(most: int, n_docs: int) -> int:
    """Documents per parsing batch: at most ``most``, and small enough that a short corpus is
    parsed in about four batches, so that extraction of one batch overlaps parsing of the next."""
    return max(1, min(most, -(-n_docs // 4)))


def merge(parts: list[Parts]) -> Parts:
    """The parts of consecutive partitions as one, rows in partition order (at least one part)."""
    rows = {name: [row for part in parts for row in part.rows[name]] for name in TABLES}
    cache: dict[str, int] = {}
    for part in parts:
        for key, value in part.cache.items():
            cache[key] = cache.get(key, 0) + value
    first = parts[0]
    return Parts(rows, cache, sum(part.degraded_docs for part in parts), first.model, first.categories, first.rules)
