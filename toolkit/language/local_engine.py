"""The local engine: every document parsed and extracted in this process (or ``n_process``
processes of ``nlp.pipe``), with the parse cache and the helper thread of ``engine``."""

from __future__ import annotations

from spacy.language import Language

from toolkit.language.engine import Parts, Settings, parse_and_extract


def run(
    doc_ids: list[str],
    texts: list[str],
    settings: Settings,
    nlp: Language | None = None,
    n_process: int = 1,
    progress: bool | None = None,
) -> Parts:
    """Parse and extract every document on this machine."""
    return parse_and_extract(doc_ids, texts, settings, nlp=nlp, n_process=n_process, progress=progress)
