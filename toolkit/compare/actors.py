"""Who the outlets name, as one actor per person, organisation or place across all outlets.

No gazetteer is needed. The name mentions of ``analysis.entities`` are clustered:

1. a mention is reduced to its name: titles, possessives, a leading "the", a stock ticker in
   brackets ("Acme Corp (ACME.N)") and a legal suffix ("Inc", "ASA") removed;
2. names that are the same once spelling is folded (case, accents, hyphens, the usual
   transliteration pairs: y/i, ie/i, kh/h, g/h, doubled letters) are one cluster
   (Zelenskyy / Zelenskiy, Kyiv / Kiev, Zhou Yi-ming / Zhou Yiming);
3. full names of two or more words merge when their words match in any order ("Yiming Zhou")
   or are close by string similarity (``rapidfuzz``: "Ingrid Solbreg" / "Ingrid Solberg",
   "Aleksandr Gritsenko" / "Oleksandr Hrytsenko"), with guards: the first names must agree,
   and two forms that one report uses side by side are two people (Erik and Ingrid Solberg stay
   apart);
4. a one-word mention ("Solberg", "Halvorsen") joins the only full name that ends (a person)
   or starts (an organisation) with it, or, where the corpus has several, the only one its own
   report uses; a ticker ("HALV.OL") joins the name it follows;
5. each cluster's type (person, organisation, place) is decided from all its mentions: the
   tagger's labels and the words around them ("shares", "chipmaker", "said in a statement",
   "CEO"; ``toolkit/data/entity_cues.csv``), not mention by mention; a cluster of listed
   acronyms and common nouns ("AI", "GDP"; ``toolkit/data/common_nouns_tagged_as_names.txt``)
   is a "common noun" (label MISC), counted as no one.

A user's actor table (``analyze(..., actor_files=...)``) still decides for the names it lists.
``merges`` records every surface form that was joined to another, and why.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz

from toolkit.config import DATA_DIR
from toolkit.errors import DataFileError
from toolkit.language.analysis import Analysis
from toolkit.resources.datafiles import read_data_csv
from toolkit.resources.common_nouns import common_nouns_tagged_as_names

NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT")
TYPE_LABELS = {"person": "PERSON", "organisation": "ORG", "place": "GPE"}
COMMON_NOUN = "common noun"  # the type of a cluster of listed acronyms and common nouns ("AI", "GDP")
LABEL_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
               "PRODUCT": "organisation"}
SIMILAR = 85  # rapidfuzz ratio (0-100) from which two spellings of a word can be one name
ACTOR_COLUMNS = ["actor", "type", "label", "mentions", "outlets", "forms"]
MERGE_COLUMNS = ["form", "actor", "reason", "mentions", "outlets"]

_TICKER = re.compile(r"^(?:[A-Z]{2,8}\s*:\s*)?[A-Z]{1,5}(?:\.[A-Z]{1,3})?$")
_BRACKETED_TICKER = re.compile(r"\s*\((?:[A-Z]{2,8}\s*:\s*)?[A-Z]{1,6}(?:\.[A-Z]{1,3})?\)\s*$")
_LEGAL = re.compile(r"[\s,]+(?:inc|inc\.|corp|corp\.|corporation|co\.|ltd|ltd\.|plc|llc|asa|as|ab|ag|sa|nv|se|gmbh|spa)$", re.I)
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class Cue:
    word: str
    type: str
    position: str
    weight: float


@lru_cache(maxsize=1)
def load_cues() -> tuple[Cue, ...]:
    path = DATA_DIR / "entity_cues.csv"
    out = []
    for line, row in read_data_csv(path, ("word", "type", "position", "weight", "source")):
        if row["type"] not in TYPE_LABELS or row["position"] not in ("before", "after", "either"):
            raise DataFileError(f"{path} line {line}: type must be person, organisation or place; position before, after or either")
        out.append(Cue(row["word"].lower(), row["type"], row["position"], float(row["weight"])))
    return tuple(out)


@lru_cache(maxsize=100_000)
def base_name(name: str) -> str:
    """A name without a bracketed ticker or a legal suffix ("Acme Corp (ACME.N)" -> "Acme"),
    and without a dateline the tagger ran into it ("BERGEN - Acme" -> "Acme", "OSLO (Nordwire" -> "OSLO")."""
    parts = re.split(r"\s+[-\u2013\u2014]\s+|\u2014", name)
    name = parts[-1].strip() if len(parts) > 1 and parts[-1].strip() else name
    if name.count("(") > name.count(")"):
        name = name[: name.rindex("(")].strip() or name
    name = _BRACKETED_TICKER.sub("", name).strip()
    stripped = _LEGAL.sub("", name).strip()
    return stripped or name


@lru_cache(maxsize=100_000)
def folded(word: str) -> str:
    """A word's spelling folded for matching: lower case, no accents or hyphens, and the usual
    transliteration pairs made one (y/i, ie/i, kh/h, g/h, ck/k, ph/f, doubled letters)."""
    word = unicodedata.normalize("NFKD", word.casefold())
    word = "".join(c for c in word if c.isalnum())
    for a, b in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("y", "i"), ("ie", "i"), ("g", "h")):
        word = word.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", word)


def key(name: str) -> tuple[str, ...]:
    """The folded words of a name (hyphenated parts joined: "Yi-ming" -> "iminh"), without
    middle initials ("Vladimir V. Putin" -> "vladimir putin")."""
    words = [folded(w) for w in name.split() if folded(w)]
    if len(words) >= 3:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return tuple(words)


def is_ticker(text: str, before: str, after: str) -> bool:
    """A stock symbol in brackets right after a name: "(HALV.OL)", "(NASDAQ: HALV)"."""
    return bool(_TICKER.match(text.strip())) and before.rstrip().endswith(("(", ":")) and after.lstrip().startswith(")")


class _Union:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


@dataclass
class Actors:
    """The actors of a corpus: ``table`` (one row per actor: type, label, mentions, outlets,
    forms), ``merges`` (every form joined to another, and why), ``of`` (a name as written ->
    its actor) and ``labels`` (actor -> PERSON, ORG, GPE, or an actor table's own label). A
    one-word form that fits several actors ("Solberg": Ingrid or Erik) is resolved mention by
    mention, to the nearest of them named in full before it in the same report."""

    table: pd.DataFrame
    merges: pd.DataFrame
    of: dict[str, str]
    labels: dict[str, str]
    ambiguous: dict[str, set[str]] = field(default_factory=dict)  # form -> the actors it may be
    full_mentions: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # doc_id -> (start, actor)

    def name(self, text, doc_id: str | None = None, at: int | None = None) -> str | None:
        """The actor a name (or speaker) stands for, or None; ``doc_id`` and ``at`` (a character
        offset) resolve a one-word form that fits several actors."""
        if not isinstance(text, str):
            return None
        for form in dict.fromkeys((text, base_name(text))):
            if form in self.ambiguous:
                return self._nearest(form, doc_id, at) if doc_id is not None else None
            if form in self.of:
                return self.of[form]
        return None

    def _nearest(self, form: str, doc_id: str, at: int | None) -> str | None:
        seen = [(start, actor) for start, actor in self.full_mentions.get(doc_id, []) if actor in self.ambiguous[form]]
        before = [actor for start, actor in seen if at is None or start < at]
        return before[-1] if before else (seen[0][1] if seen else None)


def _mentions(analysis: Analysis, by: str) -> pd.DataFrame:
    ents = analysis.entities[analysis.entities["label"].isin(NAME_LABELS)]
    ents = ents.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    return ents.assign(base=ents["name"].map(base_name))


def _context_words(analysis: Analysis, ents: pd.DataFrame) -> tuple[list[list[str]], list[list[str]]]:
    """The two words before and the two after each mention, lower-cased."""
    texts = dict(zip(analysis.corpus.docs["doc_id"], analysis.corpus.docs["text"]))  # a dict: one hash per look-up
    before, after = [], []
    for doc_id, start, end in zip(ents["doc_id"], ents["start"], ents["end"]):
        text = texts[doc_id]
        before.append([w.lower() for w in _WORD.findall(text[max(0, start - 40) : start])[-2:]])
        after.append([w.lower() for w in _WORD.findall(text[end : end + 40])[:2]])
    return before, after


def _type_of(labels: Counter, cues: Counter) -> str:
    votes = Counter()
    for label, n in labels.items():
        votes[LABEL_TYPES.get(label, "organisation")] += n
    votes.update(cues)
    return max(sorted(votes), key=lambda t: votes[t]) if votes else "organisation"


def cluster(analysis: Analysis, by: str = "outlet") -> Actors:
    """Cluster the name mentions of ``analysis`` into actors (see the module's steps)."""
    ents = _mentions(analysis, by)
    if ents.empty:
        empty = pd.DataFrame(columns=ACTOR_COLUMNS), pd.DataFrame(columns=MERGE_COLUMNS)
        return Actors(*empty, {}, {})
    before, after = _context_words(analysis, ents)
    cues = load_cues()
    union = _Union()
    links: list[tuple[str, str, str]] = []  # (form, form, why): every join, to explain each merge
    forms_of_doc = ents.groupby("doc_id")["base"].agg(lambda s: set(s)).to_dict()
    known = dict(zip(ents["base"], ents["actor"]))
    known = {b: a for b, a in known.items() if isinstance(a, str)}

    # tickers join the name they follow ("Halvorsen Semiconductor ASA (HALV.OL)")
    tickers = {}
    texts = dict(zip(analysis.corpus.docs["doc_id"], analysis.corpus.docs["text"]))
    rows = list(ents.itertuples(index=False))
    for i, row in enumerate(rows):
        text = texts[row.doc_id]
        near = i > 0 and rows[i - 1].doc_id == row.doc_id and row.start - rows[i - 1].end <= 12
        if near and is_ticker(row.text, text[max(0, row.start - 12) : row.start], text[row.end : row.end + 2]):
            tickers[row.base] = rows[i - 1].base
    names = [b for b in dict.fromkeys(ents["base"]) if b not in tickers]

    # 1-2. same name once folded; a user's actor table decides for its names
    by_key: dict[tuple, str] = {}
    for name in names:
        k = ("actor", known[name]) if name in known else key(name)
        if not k:
            continue
        first = by_key.setdefault(k, name)
        if first != name and union.join(first, name):
            links.append((first, name, "the same actor as {} in the actor table" if name in known else "the same name as {} once spelling is folded"))
    # 3. full names: words in another order, or close spellings of both first and last name
    full = [n for n in names if len(key(n)) >= 2 and n not in known]
    by_last: dict[str, list[str]] = defaultdict(list)
    for n in full:
        by_last[key(n)[-1][:2]].append(n)
        by_last[key(n)[0][:2]].append(n)  # reordered names ("Yiming Zhou") meet in either block
    together = [forms for forms in forms_of_doc.values() if len(forms) > 1]
    for block in by_last.values():
        block = list(dict.fromkeys(block))
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if union.find(a) == union.find(b):
                    continue
                why = _same_person(a, b)
                if why and not any(a in forms and b in forms for forms in together):
                    union.join(a, b)
                    links.append((a, b, why))
    # 4. one-word mentions join the only full name they end (people) or start (organisations)
    single = [n for n in names if len(key(n)) == 1 and n not in known]
    heads = defaultdict(set)  # folded word -> clusters of full names that end or start with it
    for n in names:
        k = key(n)
        if len(k) >= 2:
            heads[("last", k[-1])].add(union.find(n))
            heads[("first", k[0])].add(union.find(n))
    docs_of = ents.groupby("base")["doc_id"].agg(lambda s: set(s)).to_dict()
    ambiguous_roots: dict[str, set] = {}
    for n in single:
        word = key(n)[0]
        candidates = heads.get(("last", word), set()) | heads.get(("first", word), set())
        candidates = {union.find(c) for c in candidates}
        if len(candidates) > 1:  # several: the one its own reports use, if only one
            mine = {union.find(f) for d in docs_of[n] for f in forms_of_doc[d] if len(key(f)) >= 2}
            if len(candidates & mine) > 1:
                ambiguous_roots[n] = candidates & mine  # resolved mention by mention
                continue
            candidates &= mine
        if len(candidates) == 1:
            target = candidates.pop()
            full = _root_name(union, target, names)
            if union.join(target, n):
                links.append((full, n, "a one-word form of {}"))
    for ticker, name in tickers.items():
        union.join(name, ticker)
        links.append((name, ticker, "a stock ticker after {}"))

    # canonical names and types
    members = defaultdict(list)
    for name in [*names, *tickers]:
        members[union.find(name)].append(name)
    mentions_of = ents.groupby("base").size().to_dict()
    outlets_of = ents.groupby("base")[by].nunique().to_dict()
    labels_of = ents.groupby("base")["label"].agg(Counter).to_dict()
    cue_votes: dict[str, Counter] = defaultdict(Counter)
    for base, b, a in zip(ents["base"], before, after):
        for cue in cues:
            if (cue.position in ("before", "either") and cue.word in b) or (cue.position in ("after", "either") and cue.word in a):
                cue_votes[base][cue.type] += cue.weight
    of, label_of, kinds, explained = {}, {}, {}, {}
    known_labels = ents[ents["actor"].notna()].groupby("actor")["label"].agg(lambda s: s.value_counts().idxmax()).to_dict()
    actor_of_root = {}
    for root, forms in members.items():
        if len(forms) == 1 and forms[0] in ambiguous_roots:
            continue
        actor = next((known[f] for f in forms if f in known), None) or max(
            forms, key=lambda f: (len(key(f)) >= 2 and f not in tickers, outlets_of.get(f, 0), mentions_of.get(f, 0), -forms.index(f)))
        actor_of_root[root] = actor
        labels = sum((labels_of.get(f, Counter()) for f in forms), Counter())
        votes = sum((cue_votes.get(f, Counter()) for f in forms), Counter())
        kind = _type_of(labels, votes)
        label = known_labels.get(actor, TYPE_LABELS[kind])
        kinds[actor] = LABEL_TYPES.get(label, kind) if actor in known_labels else kind
        if actor not in known_labels and all(f in common_nouns_tagged_as_names() for f in forms):
            kinds[actor], label = COMMON_NOUN, "MISC"  # "an AI accelerator": no one is named
        label_of[actor] = label
        explained.update({(f, actor): why for f, why in _explain(actor, forms, links).items()})
        for f in forms:
            of[f] = actor
    for name, actor in list(of.items()):
        for raw in ents.loc[ents["base"] == name, "name"].unique():
            of.setdefault(raw, actor)
    full_mentions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for doc_id, start, base in zip(ents["doc_id"], ents["start"], ents["base"]):
        if len(key(base)) >= 2 and base in of:
            full_mentions[doc_id].append((int(start), of[base]))
    result = Actors(pd.DataFrame(columns=ACTOR_COLUMNS), pd.DataFrame(columns=MERGE_COLUMNS), of, label_of,
                    {n: {actor_of_root[r] for r in roots} for n, roots in ambiguous_roots.items()},
                    {d: sorted(v) for d, v in full_mentions.items()})

    # every mention's actor, then the tables
    assigned = [result.name(base, doc_id, start) or base for base, doc_id, start in zip(ents["base"], ents["doc_id"], ents["start"])]
    ents = ents.assign(assigned=assigned)
    for form in ambiguous_roots:
        label_of.setdefault(form, TYPE_LABELS[_type_of(labels_of.get(form, Counter()), cue_votes.get(form, Counter()))])
    table, merges = [], []
    for actor, mine in ents.groupby("assigned", sort=False):
        counted = mine["base"].value_counts(sort=False)  # first-seen order breaks ties, never a set's
        forms = sorted(dict.fromkeys(mine["base"]), key=lambda f: -int(counted[f]))
        table.append({"actor": actor, "type": kinds.get(actor, LABEL_TYPES.get(label_of.get(actor, "ORG"), "organisation")),
                      "label": label_of.get(actor, "ORG"), "mentions": len(mine), "outlets": mine[by].nunique(),
                      "forms": "; ".join(forms)})
        for form in forms:
            if form == actor:
                continue
            these = mine[mine["base"] == form]
            why = explained.get((form, actor)) or (
                f"the nearest full name before it in the same report ({actor!r})" if form in ambiguous_roots else "joined through other forms")
            merges.append({"form": form, "actor": actor, "reason": why, "mentions": len(these), "outlets": these[by].nunique()})
    table = pd.DataFrame(table, columns=ACTOR_COLUMNS).sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
    merges = pd.DataFrame(merges, columns=MERGE_COLUMNS).sort_values(["actor", "mentions"], ascending=[True, False], kind="stable")
    result.table, result.merges = table.reset_index(drop=True), merges.reset_index(drop=True)
    return result


def _explain(actor: str, forms: list[str], links: list[tuple[str, str, str]]) -> dict[str, str]:
    """Why each form is the actor: the chain of joins from the actor's name to it."""
    near = defaultdict(list)
    for a, b, why in links:
        if a in forms and b in forms:
            near[a].append((b, why))
            near[b].append((a, why))
    out, queue = {actor: ""}, [actor]
    while queue:
        here = queue.pop(0)
        for other, why in near[here]:
            if other not in out:
                step = why.format(repr(here))
                out[other] = step if not out[here] else f"{step}, which is {out[here]}"
                queue.append(other)
    out.pop(actor)
    return out


def _root_name(union: _Union, root, names: list[str]) -> str:
    full = [n for n in names if union.find(n) == root and len(key(n)) >= 2]
    return full[0] if full else root


def _same_person(a: str, b: str) -> str | None:
    """Why two full names of two or more words are one actor, or None: the same words in
    another order, or first and last words that are the same or close spellings (and the
    first words never clearly different: Erik and Ingrid Solberg are two people)."""
    ka, kb = key(a), key(b)
    if sorted(ka) == sorted(kb):
        return "the same words as {} in another order"
    if len(ka) != len(kb):
        return None
    first = fuzz.ratio(ka[0], kb[0])
    initial = len(ka[0]) == 1 or len(kb[0]) == 1
    if not (first >= SIMILAR or (initial and ka[0][0] == kb[0][0])):
        return None
    rest = fuzz.ratio(" ".join(ka[1:]), " ".join(kb[1:]))
    if rest >= SIMILAR:
        plain = fuzz.ratio(a.casefold(), b.casefold())
        return f"a close spelling of {{}} (similarity {plain / 100:.2f})"
    return None
