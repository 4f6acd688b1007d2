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
- ``substitutions``: known spinner substitutions: the general rules of
  ``toolkit/data/spin/substitutions.csv`` (spinner syntax) plus any table of an event's own
  (``seeds/event/spin_substitutions.csv``), passed explicitly.

The score is weighted triggers per 1,000 words; a document is flagged at ``threshold`` or
above when at least ``MIN_TRIGGERS`` phrases triggered (a spinner changes many words; one or
two odd pairs in a short report are a writer's choice). Detection does not rest on the substitution table: ``table_free_score`` leaves it out.
``repair`` maps the substitutions back in flagged documents, and with them the broken fixed
phrases of names ("White Home" -> "White House") that the other reports themselves supply.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from toolkit.corpus.datelines import dateline_spans
from toolkit.config import DATA_DIR
from toolkit.corpus.load import Corpus
from toolkit.resources.datafiles import read_data_csv
from toolkit.errors import DataFileError

SPIN_DIR = DATA_DIR / "spin"
SUBSTITUTIONS_FILE = SPIN_DIR / "substitutions.csv"
ARTICLE_EXCEPTIONS_FILE = SPIN_DIR / "article_exceptions.txt"
WEIGHTS = {"braces": 3.0, "articles": 2.0, "collocations": 1.0, "substitutions": 1.0}
SIGNALS = tuple(WEIGHTS)
MIN_TRIGGERS = 3
TRIGGER_COLUMNS = ["doc_id", "signal", "start", "end", "text", "note", "suggestion"]
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
        words = self.spun.split()
        if self.spun == self.spun.lower():  # ordinary words: any capitalisation
            body, flags = r"(\s+)".join(map(re.escape, words)), re.IGNORECASE
        else:  # a name-like phrase ("White Home"): as written, or in capitals (headlines)
            as_written = r"(\s+)".join(map(re.escape, words))
            capitals = r"(\s+)".join(map(re.escape, self.spun.upper().split()))
            body, flags = f"(?:{as_written}|{capitals})", 0
        return re.compile(r"(?<![\w’'-])" + body + r"(?![\w’'-])", flags)


def load_substitutions(path: str | Path = SUBSTITUTIONS_FILE) -> tuple[Substitution, ...]:
    """The spinner substitution table (read again when the file changes); every problem names
    the file and line."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        raise DataFileError(f"{path}: substitution table not found") from None
    return _load_substitutions(str(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=4)
def _load_substitutions(path: str, size: int, mtime: int) -> tuple[Substitution, ...]:
    entries = []
    for line, row in read_data_csv(path, ("spun", "original", "match", "evidence", "source")):
        entry = Substitution(row["spun"], row["original"], row["match"] or "phrase", row["evidence"] == "yes", row["source"])
        if not entry.spun or entry.kind not in ("phrase", "regex") or row["evidence"] not in ("yes", "no") or not entry.source:
            raise DataFileError(
                f"{path} line {line}: each row needs spun, original, match (phrase or regex), evidence (yes or no) and source"
            )
        try:
            pattern = entry.regex
            if entry.kind == "regex":
                if pattern.match(""):
                    raise re.error("it matches the empty string")
                groups = [int(g) for g in re.findall(r"\\(\d+)", entry.original)]
                if groups and max(groups) > pattern.groups:
                    raise re.error(f"the replacement refers to group {max(groups)}, the pattern has {pattern.groups}")
        except re.error as exc:
            raise DataFileError(f"{path} line {line}: bad regex {entry.spun!r} ({exc})") from None
        entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=1)
def _article_exceptions() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(beginnings of words that take "a" despite a vowel letter, beginnings of words that take
    "an" despite a consonant letter), from ``data/spin/article_exceptions.txt``."""
    sections: dict[str, list[str]] = {"a": [], "an": []}
    current = "a"
    for line in ARTICLE_EXCEPTIONS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("## an"):
            current = "an"
        elif line and not line.startswith("#"):
            sections[current].append(line.lower())
    return tuple(sections["a"]), tuple(sections["an"])


# -- signals -------------------------------------------------------------------------------


def brace_triggers(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "spinner syntax left in the text") for m in _BRACES.finditer(text)]


def article_triggers(text: str) -> list[tuple[int, int, str]]:
    """"a" before a vowel or "an" before a consonant, where the spelling leaves no doubt: words
    starting with "u", capitalised words, single letters, acronyms and numbers are not judged,
    nor the beginnings listed in ``data/spin/article_exceptions.txt``."""
    takes_a, takes_an = _article_exceptions()
    out = []
    for m in _ARTICLE.finditer(text):
        article, word = m.group(1), m.group(2)
        before = text[: m.start()].rstrip()
        if article[0] == "A" and before and before[-1] not in ".!?:\u201c\"\n":
            continue  # "Plan A is": a letter, not the article
        first = word.split("-")[0].strip("’'")
        if len(first) < 2 or not first.isalpha() or not first.islower() or first.startswith("u"):
            continue
        vowel = first[0] in "aeio"
        if article.lower() == "a" and vowel and not first.startswith(takes_a):
            out.append((m.start(), m.end(), f"'a' before {word!r}"))
        elif article.lower() == "an" and not vowel and not first.startswith(takes_an):
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


class _Minus:
    """A count table minus another, read one key at a time."""

    def __init__(self, total: Counter, mine: Counter):
        self.total, self.mine = total, mine

    def __getitem__(self, key) -> int:
        return self.total.get(key, 0) - self.mine.get(key, 0)


class _Followers:
    """For each word, the words that follow (or precede) it in every document but one: the
    totals minus that document's counts, read word by word."""

    def __init__(self, total: dict, mine: dict, ranked: dict):
        self.total, self.mine, self.ranked = total, mine, ranked

    def best(self, word: str) -> tuple[str, int, int] | None:
        """``(most frequent follower, its count, count of all followers)`` in the other
        documents, or None when the word has none there."""
        if word not in self.ranked:
            return None
        ranked, total = self.ranked[word]
        mine = self.mine.get(word, Counter())
        left = total - sum(mine.values())
        if left <= 0:
            return None
        # the best after subtracting this document is among the first len(mine) + 1 of the totals
        head = [(w, n - mine.get(w, 0)) for w, n in ranked[: len(mine) + 1]]
        usual, n = max(head, key=lambda item: item[1])  # max keeps the first of equals, as most_common does
        return (usual, n, left) if n > 0 else None


class _PairCounts:
    """Counts of adjacent word pairs over all documents, so that "the other reports" of each
    document are the totals minus its own counts (linear, not quadratic, in documents)."""

    def __init__(self, texts: list[str]):
        self.per_doc = [self._count(t) for t in texts]
        self.total = [Counter(), Counter(), defaultdict(Counter), defaultdict(Counter), {}]
        for counts in self.per_doc:
            self._add(self.total, counts, 1)

    @staticmethod
    def _count(text: str):
        pairs, words, after, before, surface = Counter(), Counter(), defaultdict(Counter), defaultdict(Counter), {}
        for word in _WORD.findall(text):
            words[word.lower()] += 1
            surface.setdefault(word.lower(), word)
        for _, _, a, b in _word_pairs(text):
            key = (a.lower(), b.lower())
            pairs[key] += 1
            after[key[0]][key[1]] += 1
            before[key[1]][key[0]] += 1
        return [pairs, words, after, before, surface]

    @staticmethod
    def _add(into, counts, sign: int) -> None:
        into[0].update({k: sign * v for k, v in counts[0].items()})
        into[1].update({k: sign * v for k, v in counts[1].items()})
        for table in (2, 3):
            for word, follow in counts[table].items():
                into[table][word].update({k: sign * v for k, v in follow.items()})
        if sign > 0:
            for k, v in counts[4].items():
                into[4].setdefault(k, v)

    def others(self, i: int):
        """(pairs, words, after, before, surface) of every document but the i-th; pair and
        word counts are looked up as totals minus the document's own, never copied, so each
        document costs its own words, not the corpus vocabulary."""
        mine = self.per_doc[i]
        pairs = _Minus(self.total[0], mine[0])
        words = _Minus(self.total[1], mine[1])
        after = _Followers(self.total[2], mine[2], self._ranked(2))
        before = _Followers(self.total[3], mine[3], self._ranked(3))
        return pairs, words, after, before, self.total[4]

    def _ranked(self, table: int) -> dict:
        """word -> its followers (or predecessors) over all documents, most frequent first, and their sum."""
        if not hasattr(self, "_ranks"):
            self._ranks = {}
        if table not in self._ranks:
            self._ranks[table] = {w: (c.most_common(), sum(c.values())) for w, c in self.total[table].items()}
        return self._ranks[table]


def collocation_triggers(text: str, others: list[str], min_count: int = 3, min_share: float = 0.75,
                         counts=None) -> list[tuple[int, int, str, str]]:
    """Word pairs that break a fixed phrase of the other texts ("White Home" where they write
    "White House"), each as ``(start, end, note, the usual phrase)``: the other texts follow word A with B (or precede B with A) at least
    ``min_count`` times and ``min_share`` of the time, never use this document's pair, and
    hardly use this document's other word at all. Not counted: stop words and words under three
    letters, inflections and spelling variants of the usual word ("White House's", "Middle
    Eastern", "Zelenskyy"), names after a title ("President Donald"), and datelines."""
    if counts is None:
        counts = _PairCounts([text, *others]).others(0)
    pair_counts, word_counts, after, before, surface = counts
    datelines = dateline_spans(text)
    out = []
    for start, end, a, b in _word_pairs(text):
        if any(s <= start < e for s, e in datelines):
            continue  # "FRANKFURT (Continental Markets) -": the outlet's credit, not a broken phrase
        key = (a.lower(), b.lower())
        if pair_counts[key] > 0 or not all(_content(w) for w in key):
            continue
        for fixed, table, changed in ((key[0], after, key[1]), (key[1], before, key[0])):
            if word_counts[changed] > 1:
                continue
            found = table.best(fixed)
            if found is None:
                continue
            usual, n, total = found
            if n < min_count or n / total < min_share or not _content(usual) or _variant(changed, usual):
                continue
            if changed == key[1] and surface.get(fixed, fixed)[:1].isupper() and _is_title(surface.get(fixed, fixed)):
                continue  # "President Donald" where others write "President Volodymyr": names vary
            usual = surface.get(usual, usual)
            phrase = f"{a} {usual}" if changed == key[1] else f"{usual} {b}"
            out.append((start, end, f"the other reports write {phrase!r}", phrase))
            break
    return out


def _variant(word: str, usual: str) -> bool:
    """An inflection or spelling variant rather than a substitution: one word begins with the
    other ("house's", "eastern"), they share all but their last two letters ("zelenskyy"), or
    they are close spellings ("Solbreg" / "Solberg"); a spinner puts a synonym, not a typo."""
    from rapidfuzz import fuzz

    shorter, longer = sorted((word.strip("’'"), usual), key=len)
    return longer.startswith(shorter[: max(3, len(shorter) - 2)]) or fuzz.ratio(word.lower(), usual.lower()) >= 80


def _is_title(word: str) -> bool:
    from toolkit.resources.actors import QUALIFIERS, TITLES

    return word in TITLES or word in QUALIFIERS


def _content(word: str) -> bool:
    return len(word) >= 3 and word not in ENGLISH_STOP_WORDS


def substitution_triggers(text: str, table: tuple[Substitution, ...]) -> list[tuple[int, int, str]]:
    out = []
    for sub in table:
        if not sub.evidence:
            continue  # ordinary English ("stated"): mapped back in a flagged copy, never evidence
        out += [(m.start(), m.end(), f"known spinner substitution for {sub.original!r}") for m in sub.regex.finditer(text)]
    return out


def _is_name_pair(text: str) -> bool:
    """Two capitalised words ("White Home"): a broken name, safe to map back to the others' form."""
    words = text.split()
    return len(words) == 2 and all(w[:1].isupper() for w in words)


# -- report --------------------------------------------------------------------------------


Tables = "str | Path | list[str | Path] | tuple[str | Path, ...] | None"


def substitution_table(substitutions: Tables = None) -> tuple[Substitution, ...]:
    """The general rules plus the rules of each given file (an event's own table), in order."""
    extra = [] if substitutions is None else [substitutions] if isinstance(substitutions, (str, Path)) else list(substitutions)
    return tuple(rule for path in [SUBSTITUTIONS_FILE, *extra] for rule in load_substitutions(path))


def spin_triggers(corpus: Corpus, substitutions: Tables = None) -> pd.DataFrame:
    """Every phrase that counts towards a spin score: ``doc_id, signal, start, end, text, note,
    suggestion`` (for a broken collocation, the other reports' phrase). ``substitutions``: an
    event's own table(s), added to the general rules."""
    table = substitution_table(substitutions)
    texts = corpus.docs["text"].tolist()
    pairs = _PairCounts(texts)
    rows = []
    for i, (doc_id, text) in enumerate(zip(corpus.docs["doc_id"], texts)):
        found = {
            "braces": brace_triggers(text),
            "articles": article_triggers(text),
            "collocations": collocation_triggers(text, [], counts=pairs.others(i)),
            "substitutions": substitution_triggers(text, table),
        }
        for signal, hits in found.items():
            rows += [(doc_id, signal, hit[0], hit[1], text[hit[0] : hit[1]], hit[2], hit[3] if len(hit) > 3 else "")
                     for hit in hits]
    return pd.DataFrame(rows, columns=TRIGGER_COLUMNS)


def spin_report(
    corpus: Corpus, threshold: float = 4.0, substitutions: Tables = None, triggers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A spin score per document, with the phrases behind it.

    Columns: ``doc_id, outlet, words``, one count per signal, ``score`` (weighted triggers per
    1,000 words), ``table_free_score`` (the same without known substitutions), ``flagged``
    (score at ``threshold`` or above, from at least ``MIN_TRIGGERS`` phrases) and ``evidence`` (up to eight triggering phrases). Pass
    ``triggers`` from ``spin_triggers`` when you have them, so they are not found twice.
    """
    triggers = spin_triggers(corpus, substitutions) if triggers is None else triggers
    # every document's triggers looked up, not filtered out of the whole table per document
    counts_of = triggers.groupby(["doc_id", "signal"]).size().unstack(fill_value=0) \
        .reindex(columns=list(SIGNALS), fill_value=0) if len(triggers) else pd.DataFrame(columns=list(SIGNALS))
    evidence_of = triggers.sort_values(["doc_id", "start"], kind="stable").groupby("doc_id", sort=False)["text"] \
        .agg(lambda t: "; ".join(list(dict.fromkeys(t))[:8])) if len(triggers) else pd.Series(dtype=object)
    rows = []
    for doc in corpus.docs.itertuples(index=False):
        counts = counts_of.loc[doc.doc_id] if doc.doc_id in counts_of.index else pd.Series(0, index=list(SIGNALS))
        words = max(1, len(_WORD.findall(doc.text)))
        weighted = {s: WEIGHTS[s] * counts[s] for s in SIGNALS}
        score = 1000 * sum(weighted.values()) / words
        table_free = 1000 * sum(v for s, v in weighted.items() if s != "substitutions") / words
        rows.append(
            {"doc_id": doc.doc_id, "outlet": doc.outlet, "words": words, **{s: int(counts[s]) for s in SIGNALS},
             "score": round(score, 2), "table_free_score": round(table_free, 2),
             "flagged": score >= threshold and int(counts.sum()) >= MIN_TRIGGERS,
             "evidence": evidence_of.get(doc.doc_id, "")}
        )
    return pd.DataFrame(rows)


# -- repair --------------------------------------------------------------------------------

REPAIR_COLUMNS = ["doc_id", "rule", "spun_start", "spun_end", "spun_text", "start", "end", "text", "source"]


def _keep_case(found: str, replacement: str) -> str:
    """The replacement in the case of what it replaces: "STATED" -> "SAID", "Vitality" -> "Energy"."""
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _replacement(sub: Substitution, match: re.Match) -> str:
    if sub.kind == "regex":
        return match.expand(sub.original)
    found, words = match.group(), sub.original.split()
    gaps = [g for g in match.groups() if g is not None]
    if len(gaps) == len(words) - 1:  # keep the spacing between words ("White\nHome" -> "White\nHouse")
        parts = [words[0]] + [piece for gap, word in zip(gaps, words[1:]) for piece in (gap, word)]
        return _keep_case(found, "".join(parts))
    return _keep_case(found, sub.original)


def repair_text(text: str, table: tuple[Substitution, ...]) -> tuple[str, list[dict]]:
    """Apply the substitution table to one text; record every change with offsets in both texts.
    Where rules overlap, the longest match wins, so a specific rule ("Russian chief of staff"
    kept as it is) overrides a general one ("Russian chief")."""
    candidates = []
    for order, sub in enumerate(table):
        for m in sub.regex.finditer(text):
            candidates.append((-(m.end() - m.start()), m.start(), order, m, sub))
    edits, taken = [], [False] * len(text)
    for _, _, _, m, sub in sorted(candidates, key=lambda c: c[:3]):
        if any(taken[m.start() : m.end()]):
            continue
        replacement = _replacement(sub, m)
        edits.append((m.start(), m.end(), replacement, sub.spun if sub.kind == "phrase" else f"regex {sub.spun}", sub.source))
        for i in range(m.start(), m.end()):
            taken[i] = True
    edits.sort()
    pieces, records, shift, last = [], [], 0, 0
    for start, end, replacement, rule, source in edits:
        if replacement == text[start:end]:
            continue  # a rule that keeps a phrase as it is only blocks more general rules
        pieces += [text[last:start], replacement]
        new_start = start + shift
        records.append({"rule": rule, "spun_start": start, "spun_end": end, "spun_text": text[start:end],
                        "start": new_start, "end": new_start + len(replacement), "text": replacement, "source": source})
        shift += len(replacement) - (end - start)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), records


def repair(
    corpus: Corpus,
    only_flagged: bool = True,
    threshold: float = 4.0,
    substitutions: Tables = None,
    triggers: pd.DataFrame | None = None,
) -> Corpus:
    """A corpus with spinner substitutions mapped back ("White Home" -> "White House").

    The rules are the general table, any event table in ``substitutions``, and, for each
    document, the broken name pairs that the other reports spell otherwise (a collocation
    trigger of two capitalised words: "White Home" where every other report writes "White
    House"), so that a spun copy is repaired without a table of its own. Only documents the
    spin report flags are changed unless ``only_flagged=False``. The new ``text`` replaces the
    old, which is kept in ``text_before_repair``; ``normalisation`` notes the repair;
    ``corpus.repairs`` lists every change with its offsets in both texts and its ``source``.
    Pass ``triggers`` from ``spin_triggers`` when you have them.
    """
    table = substitution_table(substitutions)
    triggers = spin_triggers(corpus, substitutions) if triggers is None else triggers
    flagged = set(spin_report(corpus, threshold, triggers=triggers).query("flagged")["doc_id"]) if only_flagged else None
    names = triggers[(triggers["signal"] == "collocations") & triggers["text"].map(_is_name_pair)]
    docs = corpus.docs.copy()
    docs["text_before_repair"] = docs["text"]
    records = []
    for i, row in docs.iterrows():
        if flagged is not None and row["doc_id"] not in flagged:
            continue
        found = names[names["doc_id"] == row["doc_id"]].drop_duplicates(["text", "suggestion"])
        own = tuple(Substitution(spun, usual, "phrase", True, f"the other reports write {usual!r}")
                    for spun, usual in zip(found["text"], found["suggestion"]))
        new_text, changes = repair_text(row["text"], table + own)
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
