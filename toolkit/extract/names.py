"""Names within one document: known actors through the actor table, other people by their
full name, so that a surname-only mention joins the full name used earlier in the report."""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.resources.actors import ActorTable, normalize_name


class DocNames:
    """Names within one document: known actors through the table; other people by their full
    name, so that a later surname-only mention ("Colbourn") counts with "Susan Colbourn".
    A surname shared by two people in the document is left alone."""

    MERGEABLE = ("PERSON", "ORG", "")  # the tagger often calls a lone surname an ORG

    def __init__(self, actors: ActorTable, ents: Iterable = ()):
        self.actors = actors
        full: dict[str, set[str]] = {}
        for ent in ents:
            if ent.label_ == "PERSON" and not getattr(ent, "ent_id_", "") and actors.resolve(ent.text) is None:
                name = normalize_name(ent.text)
                if len(name.split()) >= 2:
                    full.setdefault(name.split()[-1].casefold(), set()).add(name)
        self.full_names = {key: names.pop() for key, names in full.items() if len(names) == 1}

    def resolve(self, text: str, label: str, actor_id: str = "") -> tuple[str | None, str, str]:
        """``(actor or None, name, label)`` for a mention's text, its tagger label and, when the
        actor ruler tagged it, the actor's id."""
        actor = self.actors.by_name.get(actor_id) if actor_id else None
        if actor_id and actor is None:  # an id from a ruler built on other actor files
            return actor_id, actor_id, label
        actor = actor or self.actors.resolve(text)
        if actor is not None:
            return actor.name, actor.name, actor.label
        name = normalize_name(text, strip_titles=label in ("PERSON", ""))
        if label in self.MERGEABLE and " " not in name:
            full = self.full_names.get(name.casefold())
            if full:
                return None, full, "PERSON"
        return None, name, label
