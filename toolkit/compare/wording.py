"""Facts that are not numbers: where two outlets tell the same thing with a different word.

Two sentences of different outlets that are each other's best match (``similarity.align_sentences``,
cosine ``min_score`` or more) are compared around the content words the two sentences share
("anchors", each once in each sentence). A pair is a candidate disagreement when, next to an
anchor:

- the word before it differs and neither outlet has the other's word anywhere in the sentence:
  "*golf* tournaments" / "*hockey* tournaments", "older *Halvorsen* chips" / "older *Samsung* chips";
- one outlet joins the anchor to another word with "and" or "or" where the other does not:
  "energy *and* infrastructure" / "energy infrastructure" (two targets or one), "data centres
  and laptops" / "data centres" (a dropped conjunct).

Not counted: numbers (``compare.quantities`` weighs those), function words and reporting verbs,
spelling variants and inflections of one word (Kyiv / Kiev, ceasefire / cease-fire). Candidates
are for reading, not counting: each row keeps both sentences.
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz

from toolkit.compare.actors import folded
from toolkit.resources.function_words import is_content_word
from toolkit.resources.reporting_verbs import load_reporting_verbs

MIN_SCORE = 0.2
WORDING_COLUMNS = ["context", "wording", "other_wording", "kind", "outlet", "other", "score", "sentence", "other_sentence",
                   "doc_id", "sent_id", "other_doc_id", "other_sent_id"]
_WORD = re.compile(r"[\w’'-]+")
_JOIN = ("and", "or")


def _tokens(text: str) -> list[tuple[str, str]]:
    """``(word as written, folded key)`` per word."""
    return [(w, folded(w)) for w in _WORD.findall(text)]


def _plain(word: str, verbs: set[str]) -> bool:
    """A content word that can carry a fact: no digits, not a function word or reporting verb."""
    low = word.lower()
    return is_content_word(low) and not any(low.startswith(v) for v in verbs)


def _variant(a: str, b: str) -> bool:
    fa, fb = folded(a), folded(b)
    return fa == fb or fuzz.ratio(fa, fb) >= 85 or fa.startswith(fb) or fb.startswith(fa)


def _compare(mine: list[tuple[str, str]], theirs: list[tuple[str, str]], verbs: set[str]) -> list[tuple[str, str, str, str]]:
    """``(wording, other wording, kind, context)`` for each difference next to an anchor."""
    count_a, count_b = {}, {}
    for _, k in mine:
        count_a[k] = count_a.get(k, 0) + 1
    for _, k in theirs:
        count_b[k] = count_b.get(k, 0) + 1
    keys_a, keys_b = set(count_a), set(count_b)
    found = []
    for i, (word, k) in enumerate(mine):
        if count_a[k] != 1 or count_b.get(k) != 1 or not _plain(word, verbs):
            continue
        j = next(n for n, (_, kk) in enumerate(theirs) if kk == k)
        # a different word before the anchor, and neither word anywhere in the other sentence
        if i > 0 and j > 0:
            (pa, ka), (pb, kb) = mine[i - 1], theirs[j - 1]
            if ka != kb and _plain(pa, verbs) and _plain(pb, verbs) and not _variant(pa, pb) \
                    and ka not in keys_b and kb not in keys_a and pa[:1].isupper() == pb[:1].isupper():
                found.append((f"{pa} {word}", f"{pb} {theirs[j][0]}", "word", f"{pa} / {pb} {word}"))
        # "X and anchor" against "X anchor": one thing or two
        if i > 1 and j > 0 and mine[i - 1][0].lower() in _JOIN and mine[i - 2][1] == theirs[j - 1][1] and _plain(mine[i - 2][0], verbs):
            found.append((f"{mine[i - 2][0]} {mine[i - 1][0]} {word}", f"{theirs[j - 1][0]} {theirs[j][0]}", "scope",
                          f"{mine[i - 2][0]} (and) {word}"))
        # "anchor and Y" where the other has the anchor without Y
        if i + 2 < len(mine) and mine[i + 1][0].lower() in _JOIN and _plain(mine[i + 2][0], verbs) \
                and mine[i + 2][1] not in keys_b and not (j + 1 < len(theirs) and theirs[j + 1][0].lower() in _JOIN):
            found.append((f"{word} {mine[i + 1][0]} {mine[i + 2][0]}", theirs[j][0], "dropped", f"{word} (and {mine[i + 2][0]})"))
    return found


def differences(alignment: pd.DataFrame, by: str = "outlet", min_score: float = MIN_SCORE) -> pd.DataFrame:
    """Candidate disagreements in wording, one row per pair of aligned sentences and difference:
    ``context`` (the difference in short), ``wording`` / ``other_wording`` (what each outlet
    says there), ``kind`` (word, scope, dropped), both outlets, the pair's ``score``, both
    sentences and their ids. Most similar pairs first."""
    verbs = {v.split()[0][:4] for v in load_reporting_verbs()} | {"said", "says", "told"}
    pairs = alignment[(alignment["score"] >= min_score) & alignment["match_doc_id"].notna()]
    # reciprocal best matches only: each sentence is the other's closest in that outlet
    best = set(zip(pairs["doc_id"], pairs["sent_id"], pairs["match_doc_id"], pairs["match_sent_id"].astype(int)))
    pairs = pairs[[(m, int(ms), d, s_) in best for d, s_, m, ms in
                   zip(pairs["doc_id"], pairs["sent_id"], pairs["match_doc_id"], pairs["match_sent_id"])]]
    seen, rows = set(), []
    tokens: dict[str, list] = {}
    found: dict[tuple[str, str], list] = {}  # copies of one wire sentence are compared once
    for row in pairs.itertuples(index=False):
        key = tuple(sorted([(row.doc_id, row.sent_id), (row.match_doc_id, int(row.match_sent_id))]))
        if key in seen:
            continue
        seen.add(key)
        texts = (row.text, row.match_text)
        if texts not in found:
            if row.text == row.match_text:
                found[texts] = []  # the same words: no difference to find
            else:
                mine = tokens.setdefault(row.text, _tokens(row.text))
                theirs = tokens.setdefault(row.match_text, _tokens(row.match_text))
                found[texts] = _compare(mine, theirs, verbs) + [
                    (b, a, k, c) for a, b, k, c in _compare(theirs, mine, verbs) if k != "word"]
        for wording, other, kind, context in found[texts]:
            rows.append({"context": context, "wording": wording, "other_wording": other, "kind": kind,
                         by: getattr(row, by), "other": row.other, "score": row.score, "sentence": row.text,
                         "other_sentence": row.match_text, "doc_id": row.doc_id, "sent_id": row.sent_id,
                         "other_doc_id": row.match_doc_id, "other_sent_id": int(row.match_sent_id)})
    table = pd.DataFrame(rows, columns=[by if c == "outlet" else c for c in WORDING_COLUMNS])
    table = table.drop_duplicates(["wording", "other_wording", by, "other"])
    return table.sort_values(["score", "doc_id", "sent_id"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
