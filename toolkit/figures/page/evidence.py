"""The evidence behind the report's numbers: the sentences that produced each count, with the
cue, quote or figure marked.

Every count in the report is a group of rows of some table (cues, quotes, claims, phrase uses,
fact members ...), and every such row points into a text by ``doc_id, start, end``. ``Evidence``
turns a group into *items*: the sentence (or sentences) around the span, the span's place in
it, the outlet, the voice and a short note. Sentences and items are stored once however many
counts share them. A page cannot carry every row of a 20,000-document corpus, so each group
keeps at most ``cap`` items, taken in turn from its outlets (the first use in each outlet,
then the second ...) so that a reader filtering on one outlet still finds its examples, and
records how many rows it stands for: the tables on disk have them all.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

_SPAN = 1 << 32  # doc index * _SPAN + character offset: one sortable key per position in the corpus


class Evidence:
    """Sentences, items and groups of one corpus, filled by ``group_by`` and written by ``payload``."""

    def __init__(self, docs: pd.DataFrame, sentences: pd.DataFrame):
        self.outlets = list(dict.fromkeys(docs["outlet"]))
        labels = docs.drop_duplicates("outlet").set_index("outlet")["label"] if "label" in docs else None
        self.labels = [str(labels[o]) if labels is not None and isinstance(labels[o], str) else str(o) for o in self.outlets]
        self._outlet_at = outlet_at = {o: i for i, o in enumerate(self.outlets)}
        self.label_of = dict(zip(self.outlets, self.labels))  # outlet -> the label a reader sees
        self.doc_ids = docs["doc_id"].tolist()
        self._doc_at = {d: i for i, d in enumerate(self.doc_ids)}
        self._doc_outlet = np.array([outlet_at[o] for o in docs["outlet"]], dtype=np.int64)
        self._texts = docs["text"].tolist()
        before = docs["text_before_repair"] if "text_before_repair" in docs else pd.Series(None, index=docs.index)
        self._loaded = [b if isinstance(b, str) else t for b, t in zip(before, self._texts)]  # the text as loaded
        doc = sentences["doc_id"].map(self._doc_at)
        known = doc.notna().to_numpy()
        doc = doc[known].to_numpy(np.int64)
        starts = sentences["start"].to_numpy(np.int64)[known]
        ends = sentences["end"].to_numpy(np.int64)[known]
        order = np.lexsort((starts, doc))
        self._keys = doc[order] * _SPAN + starts[order]
        self._ends = ends[order]
        self.sentences: list[list] = []  # [doc index, text, its offset in the document]
        self._sentence_at: dict[tuple, int] = {}
        self.items: list[list] = []  # [sentence, mark start, mark end, voice, category, note]
        self._item_at: dict[tuple, int] = {}
        self.groups: list[list[int]] = []  # [rows it stands for, item, item, ...]
        self._dims: list[dict] = []  # per group: the outlets ("o"), voices ("v"), categories ("k") of all its rows
        self.voices: list[str] = []
        self.categories: list[str] = []

    # -- where a span sits -------------------------------------------------------------------
    def _sentence_spans(self, doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The text around each span: from the start of the sentence it begins in to the end of
        the sentence it ends in (the span itself where no sentence covers it)."""
        first = np.searchsorted(self._keys, doc * _SPAN + start, side="right") - 1
        last = np.searchsorted(self._keys, doc * _SPAN + np.maximum(end - 1, start), side="right") - 1
        ok_first = (first >= 0) & (self._keys[np.maximum(first, 0)] // _SPAN == doc) if len(self._keys) else np.zeros(len(doc), bool)
        ok_last = (last >= 0) & (self._keys[np.maximum(last, 0)] // _SPAN == doc) if len(self._keys) else np.zeros(len(doc), bool)
        lo = np.where(ok_first, self._keys[np.maximum(first, 0)] % _SPAN if len(self._keys) else 0, start)
        hi = np.where(ok_last, self._ends[np.maximum(last, 0)] if len(self._keys) else 0, end)
        return np.minimum(lo, start), np.maximum(hi, end)

    def _code(self, table: list[str], value) -> int:
        if not isinstance(value, str) or not value:
            return -1
        if value not in table:
            table.append(value)
        return table.index(value)

    def _sentence(self, doc: int, lo: int, hi: int, original: bool = False) -> int:
        key = (doc, lo, hi, original)
        found = self._sentence_at.get(key)
        if found is None:
            found = self._sentence_at[key] = len(self.sentences)
            text = (self._loaded if original else self._texts)[doc][lo:hi]
            self.sentences.append([doc, ("…" if original and lo > 0 else "") + text
                                   + ("…" if original and hi < len(self._loaded[doc]) else ""), lo])
        return found

    WINDOW = 80  # characters shown either side of a span in the text as loaded

    def _windows(self, doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """About ``WINDOW`` characters either side of each span, cut at a space."""
        lo, hi = [], []
        for d, s, e in zip(doc.tolist(), start.tolist(), end.tolist()):
            text = self._loaded[d]
            a = max(0, s - self.WINDOW)
            a = text.find(" ", a, s) + 1 if a > 0 and text.find(" ", a, s) >= 0 else a
            b = min(len(text), e + self.WINDOW)
            cut = text.rfind(" ", e, b) if b < len(text) else -1
            lo.append(a)
            hi.append(cut if cut > e else b)
        return np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64)

    # -- groups ------------------------------------------------------------------------------
    def group_by(self, rows: pd.DataFrame, keys: Sequence[str], budget: int, cap: int = 12, least: int = 1,
               voice: str | None = None, category: str | None = None, note: str | None = None,
               mark: bool = True, original: bool = False) -> dict:
        """``{key value (a tuple when several keys): group id}`` for the rows of ``rows``
        grouped by ``keys``. ``rows`` need ``doc_id, start, end``; ``voice``, ``category`` and
        ``note`` name columns carried into each item; ``mark=False`` shows the span without a
        mark (a sentence that is its own evidence); ``original=True`` reads offsets into the text
        as loaded, before any spinner repair, and shows the words around the span (a repaired
        document's sentences are not those of its loaded text). Each group keeps ``budget /
        groups`` items, between ``least`` and ``cap``."""
        keys = list(keys)
        rows = rows[rows["doc_id"].isin(self._doc_at)]
        if not len(rows):
            return {}
        doc = rows["doc_id"].map(self._doc_at).to_numpy(np.int64)
        start = rows["start"].to_numpy(np.int64)
        end = np.maximum(rows["end"].to_numpy(np.int64), start)
        lo, hi = self._windows(doc, start, end) if original else self._sentence_spans(doc, start, end)
        frame = pd.DataFrame({"_doc": doc, "_start": start, "_end": end, "_lo": lo, "_hi": hi,
                              "_outlet": self._doc_outlet[doc], "_pos": np.arange(len(rows))})
        for name, column in (("_voice", voice), ("_category", category), ("_note", note)):
            frame[name] = rows[column].to_numpy(object) if column else None
        for k in keys:
            frame[k] = rows[k].to_numpy(object)
        frame = frame.sort_values(["_doc", "_start", "_pos"], kind="stable")
        grouped = frame.groupby(keys, sort=False, dropna=False)
        totals = grouped.size()
        each = int(min(cap, max(least, budget // max(1, len(totals)))))
        frame["_turn"] = frame.groupby([*keys, "_outlet"], sort=False, dropna=False).cumcount()
        kept = frame.sort_values(["_turn", "_outlet", "_doc", "_start"], kind="stable").groupby(
            keys, sort=False, dropna=False).head(each)
        kept = kept.sort_values(["_doc", "_start", "_pos"], kind="stable")  # shown in corpus order
        members: dict = {}
        for record in zip(*(kept[k] for k in keys), kept["_doc"], kept["_start"], kept["_end"], kept["_lo"],
                          kept["_hi"], kept["_voice"], kept["_category"], kept["_note"]):
            key = record[0] if len(keys) == 1 else tuple(record[:len(keys)])
            d, s, e, a, b, v, c, n = record[len(keys):]
            members.setdefault(key, []).append(self._item(int(d), int(s), int(e), int(a), int(b), v, c, n, mark, original))
        # the outlets, voices and categories of every row of a group, not only of those kept:
        # the filters hide a row only when none of its rows has the outlet, voice or category
        frame["_v"] = [self._code(self.voices, v) for v in frame["_voice"]]
        frame["_c"] = [self._code(self.categories, c) for c in frame["_category"]]
        kinds = {name: frame.groupby(keys, sort=False, dropna=False)[column].agg(lambda x: sorted(set(x) - {-1}))
                 for name, column in (("o", "_outlet"), ("v", "_v"), ("k", "_c"))}
        out = {}
        for key, total in totals.items():
            key_value = key if len(keys) > 1 or not isinstance(key, tuple) else key[0]
            items = members.get(key_value, [])
            out[key_value] = len(self.groups)
            self.groups.append([int(total), *items])
            self._dims.append({name: [int(x) for x in kinds[name][key]] for name in kinds})
        return out

    def _item(self, doc: int, start: int, end: int, lo: int, hi: int, voice, category, note, mark: bool,
              original: bool = False) -> int:
        sentence = self._sentence(doc, lo, hi, original)
        marked = (start - lo, end - lo) if mark else (0, 0)
        if original and lo > 0:
            marked = (marked[0] + 1, marked[1] + 1) if mark else marked  # the leading ellipsis
        note = "" if note is None or (not isinstance(note, str) and pd.isna(note)) else str(note)
        text = self.sentences[sentence][1]
        if mark and any(ord(ch) > 0xFFFF for ch in text):  # the script counts UTF-16 units, Python characters
            marked = tuple(len(text[:m].encode("utf-16-le")) // 2 for m in marked)
        key = (sentence, *marked, self._code(self.voices, voice), self._code(self.categories, category), note)
        found = self._item_at.get(key)
        if found is None:
            found = self._item_at[key] = len(self.items)
            self.items.append(list(key))
        return found

    def outlets_of(self, group: int) -> list[int]:
        """The outlets of all the rows of a group (outlet indices, in corpus order)."""
        return self._dims[group]["o"]

    def groups_total(self, group: int) -> int:
        """How many rows a group stands for (its kept items may be fewer)."""
        return self.groups[group][0]

    def outlet_index(self, outlet) -> int | None:
        return self._outlet_at.get(outlet)

    def voices_of(self, group: int) -> list[int]:
        """The voices of all the rows of a group (voice indices)."""
        return self._dims[group]["v"]

    def categories_of(self, group: int) -> list[int]:
        return self._dims[group]["k"]

    def category_index(self, category: str) -> int:
        return self._code(self.categories, category)

    def payload(self) -> dict:
        """Everything the page's script needs to show evidence, in compact lists."""
        return {"outlets": [[o, lab] for o, lab in zip(self.outlets, self.labels)],
                "docs": [[d, int(o)] for d, o in zip(self.doc_ids, self._doc_outlet)],
                "sentences": self.sentences, "items": self.items, "groups": self.groups,
                "voices": self.voices, "categories": self.categories}
