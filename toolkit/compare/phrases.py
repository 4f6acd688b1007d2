"""Frame phrases: multi-word phrases several outlets share, and in whose voice each uses them.

No lexicon is needed. A phrase is a candidate when someone's words carry it verbatim: a short
quoted fragment (scare quotes or a partial quote: a “Sputnik moment”), or a run of two to
five words inside a direct quotation. Every use of a candidate in any report is then found,
and phrases that at least two independent reports use are kept: copies of one story (a
rewrite of a wire report, ``similarity.copy_groups``) count once, so a rewrite does not make
its original's every phrase a shared one. Each use carries its outlet and
its voice: *authorial* (the report's own words; ``scare_quotes`` when the report puts the
phrase in quote marks without giving it to anyone), *quoted* (inside a direct quotation) or
*attributed* (inside reported speech), and its ``source`` (whose words it is). Who adopts a
phrase in its own voice and who attributes it, and to whom, is the framing question.

A phrase must have two content words (``toolkit/data/function_words.txt``), no digits,
and a content word that is not a name (written in lower case in most of its uses: "Sputnik
*moment*", not "Trump and Putin"); a phrase found only inside a longer one is left for the
longer one.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.compare import similarity
from toolkit.language.analysis import Analysis
from toolkit.resources.function_words import is_content_word

PHRASE_COLUMNS = ["phrase", "outlet", "doc_id", "start", "end", "text", "voice", "source", "scare_quotes", "sentence"]
SUMMARY_COLUMNS = ["phrase", "as_written", "outlets", "uses", "own_voice", "scare_quotes", "quoted", "attributed", "sources"]
MAX_WORDS = 5
SHORT_QUOTE = 6  # words: a quotation this short is a fragment (scare quotes, a partial quote)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
# speakers that are no one in particular: "what some called a 'Sputnik moment'" is the report's own adoption
_NOBODY = {"some", "many", "others", "critics", "observers", "what", "who", "they", "it", "one"}


def _words(text: str, offset: int = 0) -> list[tuple[str, int, int, bool]]:
    """``(lower-cased word, start, end, capitalised)`` for each word of ``text``."""
    return [(m.group().lower().replace("’", "'"), offset + m.start(), offset + m.end(), m.group()[0].isupper())
            for m in _WORD.finditer(text)]


def _content(word: str) -> bool:
    return is_content_word(word)


def _acceptable(gram: tuple[str, ...]) -> bool:
    """Two to five words that begin and end with a content word and hold at least two."""
    return 2 <= len(gram) <= MAX_WORDS and _content(gram[0]) and _content(gram[-1]) and sum(map(_content, gram)) >= 2


def _grams(words: list[tuple[str, int, int, bool]]):
    """Runs of two to five words that neither start nor end inside a name ("the Black | Sea"):
    two capitalised words with only white space between them are one name."""
    def joined(a, b) -> bool:
        return a[3] and b[3] and b[1] - a[2] == 1

    for n in range(2, MAX_WORDS + 1):
        for i in range(len(words) - n + 1):
            j = i + n - 1
            if (i > 0 and joined(words[i - 1], words[i])) or (j + 1 < len(words) and joined(words[j], words[j + 1])):
                continue
            yield tuple(w[0] for w in words[i : i + n]), words[i][1], words[j][2], all(w[3] for w in words[i : i + n])


def _candidate_grams(words: list[tuple[str, int, int, bool]], candidates: set, starting: set) -> list:
    """The grams of ``_grams`` that are candidates, looked for only where a candidate's first
    word stands; per gram in the order ``_grams`` gives them (left to right)."""
    def joined(a, b) -> bool:
        return a[3] and b[3] and b[1] - a[2] == 1

    out = []
    for i, first in enumerate(words):
        if first[0] not in starting or (i > 0 and joined(words[i - 1], first)):
            continue
        for n in range(2, MAX_WORDS + 1):
            j = i + n - 1
            if j >= len(words):
                break
            if j + 1 < len(words) and joined(words[j], words[j + 1]):
                continue
            gram = tuple(w[0] for w in words[i : i + n])
            if gram in candidates:
                out.append((gram, first[1], words[j][2], all(w[3] for w in words[i : i + n])))
    return out


def phrase_uses(analysis: Analysis, by: str = "outlet", min_outlets: int = 2,
                actors: actor_clusters.Actors | None = None, copies: pd.Series | None = None) -> pd.DataFrame:
    """Every use of every frame phrase: ``phrase, outlet, doc_id, start, end, text, voice,
    source, scare_quotes, sentence`` (offsets into the document text). ``min_outlets``
    independent reports must use a phrase; ``copies`` (doc_id -> copy group, from
    ``similarity.copy_groups``) is computed when not given."""
    actors = actor_clusters.cluster(analysis, by) if actors is None else actors
    if copies is None:
        neighbours = similarity.nearest(analysis.corpus, k=min(5, max(1, len(analysis.corpus.docs) - 1)), progress=False) \
            if len(analysis.corpus.docs) > 1 else pd.DataFrame(columns=["doc_id", "neighbor", "rank", "similarity"])
        copies = similarity.copy_groups(neighbours, analysis.corpus.docs["doc_id"])
    quotes = analysis.quotes
    texts = analysis.corpus.docs.set_index("doc_id")["text"]
    outlet_of = analysis.corpus.docs.set_index("doc_id")[by]
    spans = defaultdict(list)  # doc_id -> quote rows
    for q in quotes.itertuples(index=False):
        spans[q.doc_id].append(q)

    candidates: set[tuple[str, ...]] = set()
    for doc_id, rows in spans.items():
        text = texts[doc_id]
        for q in rows:
            words = _words(text[q.start : q.end], q.start)
            if q.kind == "direct" and 2 <= len(words) <= SHORT_QUOTE:
                gram = tuple(w[0] for w in words)
                while gram and not _content(gram[0]):
                    gram = gram[1:]
                while gram and not _content(gram[-1]):
                    gram = gram[:-1]
                if 2 <= len(gram) <= MAX_WORDS and sum(_content(w) for w in gram) >= 2:
                    candidates.add(gram)
            if q.kind == "direct":
                candidates.update(g for g, _, _, _ in _grams(words) if _acceptable(g))

    uses = defaultdict(list)  # gram -> [(doc_id, start, end, capitalised, sentence text, sentence start)]
    starting = {g[0] for g in candidates}
    found_in: dict[str, list] = {}  # sentence text -> its candidate grams, offsets within it (copies repeat sentences)
    for sent in analysis.sentences.itertuples(index=False):
        if sent.text not in found_in:
            found_in[sent.text] = _candidate_grams(_words(sent.text), candidates, starting)
        for gram, start, end, capitalised in found_in[sent.text]:
            uses[gram].append((sent.doc_id, sent.start + start, sent.start + end, capitalised, sent.text, sent.start))
    outlet_by, copy_of = outlet_of.to_dict(), dict(copies.items())  # plain look-ups: a use costs a hash, not a Series index
    kept = {g: u for g, u in uses.items()
            if len({(outlet_by[d], copy_of.get(d, d)) for d, *_ in u}) >= min_outlets
            and len({copy_of.get(d, d) for d, *_ in u}) >= min_outlets and _not_a_name(g, u)}
    inside = _contained(kept)
    rows = []
    for gram, found in kept.items():
        if gram in inside:
            continue
        phrase = " ".join(gram)
        for doc_id, start, end, _, sentence, _ in found:
            voice, source, scare = _voice(spans[doc_id], start, end, texts[doc_id], actors, doc_id)
            rows.append({"phrase": phrase, by: outlet_by[doc_id], "doc_id": doc_id, "start": start, "end": end,
                         "text": texts[doc_id][start:end], "voice": voice, "source": source, "scare_quotes": scare,
                         "sentence": sentence})
    table = pd.DataFrame(rows, columns=[by if c == "outlet" else c for c in PHRASE_COLUMNS])
    order = {d: i for i, d in enumerate(analysis.corpus.docs["doc_id"])}
    return table.assign(_d=table["doc_id"].map(order)).sort_values(["phrase", "_d", "start"], kind="stable") \
        .drop(columns="_d").reset_index(drop=True)


def _not_a_name(gram: tuple[str, ...], found: list) -> bool:
    """A content word of the phrase is written in lower case in most uses ("Sputnik moment"),
    so the phrase is more than names joined ("Trump and Putin", "Black Sea")."""
    texts = [sentence[start - offset : end - offset] for _, start, end, _, sentence, offset in found]
    lower = [any(w.islower() and _content(w.lower()) for w in _WORD.findall(t)) for t in texts]
    return sum(lower) * 2 > len(lower)


def _contained(kept: dict) -> set:
    """Phrases whose every use lies inside a use of one longer kept phrase. Each use is
    checked against the longer phrases used in its own document only, so the cost grows with
    the uses, not with the square of the phrases."""
    in_doc: dict = defaultdict(list)  # doc -> (start, end, phrase) of every use
    for g, uses in kept.items():
        for d, s, e, *_ in uses:
            in_doc[d].append((s, e, g))
    out = set()
    for g, uses in kept.items():
        common = None  # the longer phrases that hold every use seen so far
        for d, s, e, *_ in uses:
            holders = {other for s2, e2, other in in_doc[d] if len(other) > len(g) and s2 <= s and e <= e2}
            common = holders if common is None else common & holders
            if not common:
                break
        if common:
            out.add(g)
    return out


def _voice(rows, start: int, end: int, text: str, actors, doc_id) -> tuple[str, str | None, bool]:
    """``(voice, source, scare_quotes)`` of a use at ``start:end``: inside the tightest direct
    quotation or reported speech that holds it, else the report's own."""
    holding = [q for q in rows if q.start <= start and end <= q.end]
    direct = [q for q in holding if q.kind == "direct"]
    for kind, pool in (("quoted", direct), ("attributed", [q for q in holding if q.kind != "direct"])):
        if not pool:
            continue
        q = min(pool, key=lambda r: r.end - r.start)
        speaker = q.speaker if isinstance(q.speaker, str) else None
        short = len(_words(text[q.start : q.end])) <= SHORT_QUOTE
        if kind == "quoted" and short and (speaker is None or speaker.lower() in _NOBODY):
            return "authorial", None, True  # scare quotes: the report's own word, held at a distance
        if speaker is not None and speaker.lower() in _NOBODY:
            speaker = None
        return kind, (actors.name(speaker, doc_id, q.start) or speaker) if speaker else None, False
    return "authorial", None, False


def phrase_summary(uses: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Per phrase: how many outlets use it, and which use it in their own voice (plain or in
    scare quotes), which quote it and which attribute it, and to whom: ``phrase, as_written
    (its commonest form in the text), outlets, uses, own_voice, scare_quotes, quoted,
    attributed, sources``. Most outlets first."""
    rows = []
    for phrase, group in uses.groupby("phrase", sort=False):
        def outlets(mask):
            return ", ".join(dict.fromkeys(group.loc[mask, by]))
        own = (group["voice"] == "authorial") & ~group["scare_quotes"]
        sources = group["source"].dropna()
        rows.append({"phrase": phrase, "as_written": group["text"].value_counts().index[0],
                     "outlets": group[by].nunique(), "uses": len(group),
                     "own_voice": outlets(own), "scare_quotes": outlets(group["scare_quotes"]),
                     "quoted": outlets(group["voice"] == "quoted"), "attributed": outlets(group["voice"] == "attributed"),
                     "sources": ", ".join(f"{s} ({n})" for s, n in sources.value_counts().items())})
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return table.sort_values(["outlets", "uses", "phrase"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
