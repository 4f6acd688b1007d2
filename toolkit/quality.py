"""Machine-spun copies: find them, show why, and map their substitutions back.

Article spinners rewrite a story word by word with a thesaurus ("White House" -> "White
Home", "energy" -> "vitality"). A spun copy must not be read as an outlet's style. Four
signals, each with the phrases that triggered it:

- ``braces``: spinner syntax left in the text ("{that a}");
- ``articles``: "a"/"an" that no longer agree with the next word ("an higher hand", "a aid"),
  because the spinner replaced the noun but not its article;
- ``collocations``: a fixed phrase of the other reports broken in this one: where the others
  always write "White House" or "Middle East" and this report alone writes "White Home" or
  "Center East". This needs no list of spinner words; it uses the other reports of the same
  event as the reference;
- ``substitutions``: known spinner substitutions from ``toolkit/data/spin/substitutions.csv``.

The score is weighted triggers per 1,000 words; a document is flagged at ``threshold`` or
above. Detection does not rest on the substitution table: ``table_free_score`` leaves it out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from toolkit.config import DATA_DIR
from toolkit.corpus import Corpus
from toolkit.datafiles import read_data_csv
from toolkit.errors import DataFileError

SPIN_DIR = DATA_DIR / "spin"
SUBSTITUTIONS_FILE = SPIN_DIR / "substitutions.csv"
ARTICLE_EXCEPTIONS_FILE = SPIN_DIR / "article_exceptions.txt"
WEIGHTS = {"braces": 3.0, "articles": 2.0, "collocations": 1.0, "substitutions": 1.0}
SIGNALS = tuple(WEIGHTS)
TRIGGER_COLUMNS = ["doc_id", "signal", "start", "end", "text", "note"]
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_BRACES = re.compile(r"\{[^{}\n]{1,60}\}")
_ARTICLE = re.compile(r"\b([Aa]n?)\s+([A-Za-z][\w’'-]*)")


@dataclass(frozen=True)
class Substitution:
    spun: str
    original: str
    kind: str  # phrase | regex
    evidence: bool  # is the spun form itself evidence of spinning?
    source: str

    @property
    def regex(self) -> re.Pattern:
        if self.kind == "regex":
            return re.compile(self.spun)
        return re.compile(r"(?<![\w’'-])" + r"\s+".join(map(re.escape, self.spun.split())) + r"(?![\w’'-])", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_substitutions(path: str | Path = SUBSTITUTIONS_FILE) -> tuple[Substitution, ...]:
    """The spinner substitution table; every problem names the file and line."""
    path = Path(path)
    entries = []
    for line, row in read_data_csv(path, ("spun", "original", "match", "evidence", "source")):
        entry = Substitution(row["spun"], row["original"], row["match"] or "phrase", row["evidence"] == "yes", row["source"])
        if not entry.spun or entry.kind not in ("phrase", "regex") or row["evidence"] not in ("yes", "no") or not entry.source:
            raise DataFileError(
                f"{path} line {line}: each row needs spun, original, match (phrase or regex), evidence (yes or no) and source"
            )
        try:
            entry.regex
        except re.error as exc:
            raise DataFileError(f"{path} line {line}: bad regex {entry.spun!r} ({exc})") from None
        entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=1)
def _article_exceptions() -> tuple[frozenset[str], frozenset[str]]:
    """(words taking "a" despite a vowel letter, words taking "an" despite a consonant letter)."""
    sections: dict[str, set[str]] = {"a": set(), "an": set()}
    current = "a"
    for line in ARTICLE_EXCEPTIONS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("## an"):
            current = "an"
        elif line and not line.startswith("#"):
            sections[current].add(line.lower())
    return frozenset(sections["a"]), frozenset(sections["an"])


# -- signals -------------------------------------------------------------------------------


def brace_triggers(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "spinner syntax left in the text") for m in _BRACES.finditer(text)]


def article_triggers(text: str) -> list[tuple[int, int, str]]:
    """'a' before a vowel sound or 'an' before a consonant sound, judged from the spelling
    with a list of exceptions; acronyms and numbers are skipped."""
    takes_a, takes_an = _article_exceptions()
    out = []
    for m in _ARTICLE.finditer(text):
        article, word = m.group(1).lower(), m.group(2)
        if word.isupper() or any(ch.isdigit() for ch in word):
            continue  # "an FBI agent", "a U.S. envoy": letters read by name
        first = word.lower().split("-")[0].strip("’'")
        vowel = first[:1] in "aeiou"
        if article == "a" and vowel and first not in takes_a and not first.startswith(("uni", "use", "eu", "one")):
            out.append((m.start(), m.end(), f"'a' before {word!r}"))
        elif article == "an" and not vowel and first not in takes_an:
            out.append((m.start(), m.end(), f"'an' before {word!r}"))
    return out


def _word_pairs(text: str) -> list[tuple[int, int, str, str]]:
    words = list(_WORD.finditer(text))
    pairs = []
    for a, b in zip(words, words[1:]):
        gap = text[a.end() : b.start()]
        if gap.strip() == "":  # only pairs not split by punctuation
            pairs.append((a.start(), b.end(), a.group(), b.group()))
    return pairs


def collocation_triggers(text: str, others: list[str], min_count: int = 3, min_share: float = 0.75) -> list[tuple[int, int, str]]:
    """Word pairs that break a fixed phrase of the other texts ("White Home" where they write
    "White House"): the other texts follow word A with B (or precede B with A) at least
    ``min_count`` times and ``min_share`` of the time, never use this document's pair, and
    hardly use this document's other word at all. Stop words and words under three letters
    are ignored, so only content collocations count."""
    pair_counts: Counter = Counter()
    word_counts: Counter = Counter()
    surface: dict[str, str] = {}
    after: defaultdict[str, Counter] = defaultdict(Counter)
    before: defaultdict[str, Counter] = defaultdict(Counter)
    for other in others:
        for word in _WORD.findall(other):
            word_counts[word.lower()] += 1
            surface.setdefault(word.lower(), word)
        for _, _, a, b in _word_pairs(other):
            key = (a.lower(), b.lower())
            pair_counts[key] += 1
            after[key[0]][key[1]] += 1
            before[key[1]][key[0]] += 1
    out = []
    for start, end, a, b in _word_pairs(text):
        key = (a.lower(), b.lower())
        if pair_counts[key] or not all(_content(w) for w in key):
            continue
        for fixed, table, changed in ((key[0], after, key[1]), (key[1], before, key[0])):
            counts = table.get(fixed)
            if not counts or word_counts[changed] > 1:
                continue
            usual, n = counts.most_common(1)[0]
            if n >= min_count and n / sum(counts.values()) >= min_share and _content(usual):
                usual = surface.get(usual, usual)
                phrase = f"{a} {usual}" if changed == key[1] else f"{usual} {b}"
                out.append((start, end, f"the other reports write {phrase!r}"))
                break
    return out


def _content(word: str) -> bool:
    return len(word) >= 3 and word not in ENGLISH_STOP_WORDS


def substitution_triggers(text: str, table: tuple[Substitution, ...]) -> list[tuple[int, int, str]]:
    out = []
    for sub in table:
        if not sub.evidence:
            continue  # ordinary English ("stated"): mapped back in a flagged copy, never evidence
        out += [(m.start(), m.end(), f"known spinner substitution for {sub.original!r}") for m in sub.regex.finditer(text)]
    return out


# -- report --------------------------------------------------------------------------------


def spin_triggers(corpus: Corpus, substitutions: str | Path | None = None) -> pd.DataFrame:
    """Every phrase that counts towards a spin score: ``doc_id, signal, start, end, text, note``."""
    table = load_substitutions(substitutions or SUBSTITUTIONS_FILE)
    texts = corpus.docs["text"].tolist()
    rows = []
    for i, (doc_id, text) in enumerate(zip(corpus.docs["doc_id"], texts)):
        found = {
            "braces": brace_triggers(text),
            "articles": article_triggers(text),
            "collocations": collocation_triggers(text, texts[:i] + texts[i + 1 :]),
            "substitutions": substitution_triggers(text, table),
        }
        for signal, hits in found.items():
            rows += [(doc_id, signal, s, e, text[s:e], note) for s, e, note in hits]
    return pd.DataFrame(rows, columns=TRIGGER_COLUMNS)


def spin_report(corpus: Corpus, threshold: float = 4.0, substitutions: str | Path | None = None) -> pd.DataFrame:
    """A spin score per document, with the phrases behind it.

    Columns: ``doc_id, outlet, words``, one count per signal, ``score`` (weighted triggers per
    1,000 words), ``table_free_score`` (the same without known substitutions), ``flagged``
    (score at ``threshold`` or above) and ``evidence`` (up to eight triggering phrases).
    """
    triggers = spin_triggers(corpus, substitutions)
    rows = []
    for doc in corpus.docs.itertuples(index=False):
        mine = triggers[triggers["doc_id"] == doc.doc_id]
        counts = mine["signal"].value_counts().reindex(list(SIGNALS), fill_value=0)
        words = max(1, len(_WORD.findall(doc.text)))
        weighted = {s: WEIGHTS[s] * counts[s] for s in SIGNALS}
        score = 1000 * sum(weighted.values()) / words
        table_free = 1000 * sum(v for s, v in weighted.items() if s != "substitutions") / words
        evidence = list(dict.fromkeys(mine.sort_values("start")["text"]))[:8]
        rows.append(
            {"doc_id": doc.doc_id, "outlet": doc.outlet, "words": words, **{s: int(counts[s]) for s in SIGNALS},
             "score": round(score, 2), "table_free_score": round(table_free, 2), "flagged": score >= threshold,
             "evidence": "; ".join(evidence)}
        )
    return pd.DataFrame(rows)


# -- repair --------------------------------------------------------------------------------

REPAIR_COLUMNS = ["doc_id", "rule", "spun_start", "spun_end", "spun_text", "start", "end", "text"]


def _keep_case(found: str, replacement: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def repair_text(text: str, table: tuple[Substitution, ...]) -> tuple[str, list[dict]]:
    """Apply the substitution table to one text; record every change with offsets in both texts."""
    edits = []
    taken = [False] * len(text)
    for sub in table:
        for m in sub.regex.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue  # an earlier, more specific rule already rewrote these characters
            replacement = m.expand(sub.original) if sub.kind == "regex" else _keep_case(m.group(), sub.original)
            edits.append((m.start(), m.end(), replacement, sub.spun if sub.kind == "phrase" else f"regex {sub.spun}"))
            for i in range(m.start(), m.end()):
                taken[i] = True
    edits.sort()
    pieces, records, shift, last = [], [], 0, 0
    for start, end, replacement, rule in edits:
        pieces += [text[last:start], replacement]
        new_start = start + shift
        records.append({"rule": rule, "spun_start": start, "spun_end": end, "spun_text": text[start:end],
                        "start": new_start, "end": new_start + len(replacement), "text": replacement})
        shift += len(replacement) - (end - start)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), records


def repair(
    corpus: Corpus,
    only_flagged: bool = True,
    threshold: float = 4.0,
    substitutions: str | Path | None = None,
) -> Corpus:
    """A corpus with spinner substitutions mapped back ("White Home" -> "White House").

    Only documents the spin report flags are changed unless ``only_flagged=False``. The new
    ``text`` replaces the old, which is kept in ``text_before_repair``; ``normalisation`` notes
    the repair; ``corpus.repairs`` lists every substitution with its offsets in both texts.
    """
    table = load_substitutions(substitutions or SUBSTITUTIONS_FILE)
    flagged = set(spin_report(corpus, threshold, substitutions).query("flagged")["doc_id"]) if only_flagged else None
    docs = corpus.docs.copy()
    docs["text_before_repair"] = docs["text"]
    records = []
    for i, row in docs.iterrows():
        if flagged is not None and row["doc_id"] not in flagged:
            continue
        new_text, changes = repair_text(row["text"], table)
        if not changes:
            continue
        docs.at[i, "text"] = new_text
        docs.at[i, "n_chars"] = len(new_text)
        note = f"spin repair ({len(changes)} substitutions)"
        docs.at[i, "normalisation"] = "; ".join(x for x in (row["normalisation"], note) if x)
        records += [{"doc_id": row["doc_id"], **c} for c in changes]
    return Corpus(
        docs=docs,
        rejected=corpus.rejected,
        warnings=list(corpus.warnings),
        source=corpus.source,
        repairs=pd.DataFrame(records, columns=REPAIR_COLUMNS),
    )
