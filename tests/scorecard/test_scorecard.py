"""score_candidates / score_answers on the tiny test instruments, checked by hand.

tiny-care: care = c1 c2 c3(-) c4 c5 (facets warmth = c1 c2, help = c3 c4 c5),
calm = k1 k2(-) k3, all 1-5; its own norm for care is SIMULATED with mean 3.5,
SD 0.5 and reliability .84, so SEM = 0.5 * sqrt(1 - .84) = 0.2.
tiny-judge: one scale of three scenarios of four options, scored 0-100.
"""

from __future__ import annotations

import json
import math
import statistics

import numpy as np
import pytest

from assess.results.pipeline import SCORING_VERSION, score_answers, score_candidates
from questionnaires.model import ScaleNorm
from tests.scorecard.helpers import care, judge, role

NAN = float("nan")
Z90, Z95 = 1.6448536269514722, 1.959963984540054

# Candidate A: care (4 + 5 + (6 - 2) + 4 + 3) / 5 = 4.0; calm (3 + (6 - 2) + 5) / 3 = 4.0.
# Candidate B: care 3 of 5 answered (< 4 = 80%): null; calm unanswered.
# Candidate C: care (3 + 3 + (6 - 3) + 4) / 4 = 3.25 from 4 of 5 answered (prorated).
CARE_ANSWERS = {
    "c1": [4, 3, 3],
    "c2": [5, NAN, 3],
    "c3": [2, NAN, 3],
    "c4": [4, 3, 4],
    "c5": [3, 2, NAN],
    "k1": [3, NAN, 2],
    "k2": [2, NAN, 4],
    "k3": [5, NAN, 2],
}
# Expert key s1 (5, 1, 3, 2), s2 (4, 2, 5, 1), s3 (1, 5, 2, 4). A agrees on
# every option (100); C rates s1.a 4 (100 * (1 - 1/4) = 75) and agrees on the
# rest: (11 * 100 + 75) / 12 = 97.9167; B rates nothing.
KEY = {"s1": (5, 1, 3, 2), "s2": (4, 2, 5, 1), "s3": (1, 5, 2, 4)}


def judge_answers():
    out = {}
    for sid, ratings in KEY.items():
        for oid, rating in zip("abcd", ratings, strict=True):
            out[f"{sid}.{oid}"] = [rating, NAN, rating]
    out["s1.a"] = [5, NAN, 4]
    return out


def responses(**extra):
    data = {**CARE_ANSWERS, **judge_answers(), **extra}
    return {k: np.array(v, dtype=float) for k, v in data.items()}


@pytest.fixture(scope="module")
def results():
    return score_candidates([care(), judge()], responses(), role=role())


def test_raw_scores_with_reverse_keying(results):
    """Hand calculation: prorated means of keyed items (6 - x for a 1-5 reverse item)."""
    a, b, c = (r["scales"] for r in results)
    assert a["care"]["raw"] == pytest.approx(4.0)
    assert a["calm"]["raw"] == pytest.approx(4.0)
    assert a["care"]["facets"]["warmth"]["raw"] == pytest.approx(4.5)
    assert a["care"]["facets"]["help"]["raw"] == pytest.approx(11 / 3)
    assert c["care"]["raw"] == pytest.approx(3.25)
    assert c["care"]["n_answered"] == 4 and c["care"]["n_items"] == 5
    assert a["care"]["metric"] == "mean 1-5" and a["care"]["instrument"] == "tiny-care"
    assert a["judge"]["metric"] == "0-100"
    assert a["judge"]["raw"] == pytest.approx(100.0)
    assert c["judge"]["raw"] == pytest.approx((11 * 100 + 75) / 12)


def test_missing_rule_gives_null_with_reason(results):
    b = results[1]["scales"]
    assert b["care"]["raw"] is None
    assert b["care"]["n_answered"] == 3
    assert b["care"]["reason"] == "3 of 5 items answered; at least 4 (80%) needed to score"
    assert b["calm"]["reason"] == "0 of 3 items answered; at least 3 (80%) needed to score"
    assert b["judge"]["reason"] == "0 of 12 options answered; at least 10 (80%) needed to score"
    for key in ("sem", "ci90", "ci95", "z", "t", "sten", "percentile", "band"):
        assert b["care"][key] is None


def test_sem_and_intervals_from_the_norm(results):
    """SEM = SD * sqrt(1 - r) = 0.5 * 0.4 = 0.2; interval raw +/- z * SEM."""
    care_a = results[0]["scales"]["care"]
    assert care_a["sem"] == pytest.approx(0.2)
    assert care_a["ci90"] == pytest.approx([4.0 - Z90 * 0.2, 4.0 + Z90 * 0.2])
    assert care_a["ci95"] == pytest.approx([4.0 - Z95 * 0.2, 4.0 + Z95 * 0.2])
    assert care_a["sem_basis"] == {"source": "norm", "sd": 0.5, "reliability": 0.84, "n": 1000}


def test_normed_scores_by_hand(results):
    """z = (raw - 3.5) / 0.5; T = 50 + 10z; sten = floor(2z + 6); percentile = 100 Phi(z)
    (Phi(1) = .841345, Phi(-0.5) = .308538 from normal tables)."""
    a, c = results[0]["scales"]["care"], results[2]["scales"]["care"]
    assert a["z"] == pytest.approx(1.0)
    assert a["t"] == pytest.approx(60.0)
    assert a["sten"] == 8
    assert a["percentile"] == pytest.approx(84.1345, abs=1e-4)
    assert c["z"] == pytest.approx(-0.5)
    assert c["t"] == pytest.approx(45.0)
    assert c["sten"] == 5  # floor(5.0); round-half-even of 4.5 + ... would differ
    assert c["percentile"] == pytest.approx(30.8538, abs=1e-4)
    assert a["norm"] == {
        "id": "tiny-care@0.1:care",
        "source": "SIMULATED: tiny test norm",
        "n": 1000,
        "mean": 3.5,
        "sd": 0.5,
        "reliability": 0.84,
        "simulated": True,
        "percentiles": "normal",
    }


def test_unnormed_scales_say_so(results):
    a = results[0]
    assert a["scales"]["calm"]["t"] is None and a["scales"]["calm"]["percentile"] is None
    assert a["scales"]["calm"]["norm"] is None
    assert a["norm_basis"]["source"] == "SIMULATED: tiny test norm"
    assert a["norm_basis"]["simulated"] is True
    assert "No norm for calm, judge" in a["norm_basis"]["note"]
    # No norm and three candidates: no reliability to give an SEM.
    assert a["scales"]["calm"]["sem"] is None
    assert "30 needed" in a["scales"]["calm"]["reason"]


def test_bands(results):
    a, c = results[0]["scales"], results[2]["scales"]
    assert a["care"]["band"] == "high"
    assert c["care"]["band"] == "mid"
    assert a["judge"]["band"] == "high"


def test_band_in_a_rounding_gap_reads_as_the_lower_band():
    """2.995 lies between low (1.00-2.99) and mid (3.00-3.99)."""
    from assess.results.pipeline.norming import band_index

    bands = care().scale("care").bands
    idx = band_index(np.array([2.995, 1.0, 5.0, NAN]), bands)
    assert [bands[i].id if i >= 0 else None for i in idx] == ["low", "low", "high", None]


def test_explicit_norms_replace_the_instruments_own():
    norms = {"calm": ScaleNorm("calm", "Local staff 2025", n=240, mean=3.0, sd=1.0)}
    result = score_candidates([care()], responses_care_only(), norms=norms)[0]
    assert result["scales"]["care"]["t"] is None  # own norm replaced
    assert result["scales"]["calm"]["t"] == pytest.approx(60.0)
    assert result["norm_basis"]["source"] == "Local staff 2025"
    assert result["norm_basis"]["simulated"] is False


def test_percentile_table_norm():
    """Table (2, 10), (3, 40), (4, 80): 3.25 interpolates to 50 (linear), so the
    normalised z = Phi^-1(.50) = 0, T = 50, sten = floor(6) = 6; 4.0 reads 80,
    z = Phi^-1(.80) = 0.841621 (normal tables), T = 58.42, sten = floor(7.68) = 7."""
    table = ((2.0, 10.0), (3.0, 40.0), (4.0, 80.0))
    norms = {"care": ScaleNorm("care", "Published table", n=500, percentiles=table)}
    results = score_candidates([care()], responses_care_only(), norms=norms)
    a, c = results[0]["scales"]["care"], results[2]["scales"]["care"]
    assert c["percentile"] == pytest.approx(50.0)
    assert c["z"] == pytest.approx(0.0, abs=1e-12) and c["t"] == pytest.approx(50.0)
    assert c["sten"] == 6
    assert a["percentile"] == pytest.approx(80.0)
    assert a["z"] == pytest.approx(0.841621, abs=1e-6)
    assert a["sten"] == 7


def test_no_norms_at_all():
    result = score_candidates([care()], responses_care_only(), norms={})[0]
    assert result["norm_basis"] == {
        "source": None,
        "note": "No norm group: raw scores with criterion-referenced bands",
    }


def responses_care_only():
    return {k: np.array(v, dtype=float) for k, v in CARE_ANSWERS.items()}


def test_batch_sem_when_the_norm_has_no_reliability():
    """SEM = SD * sqrt(1 - alpha) of the batch (>= 30 complete candidates);
    alpha cross-checked with pingouin.cronbach_alpha, SD with statistics.stdev."""
    pingouin = pytest.importorskip("pingouin")
    import pandas as pd

    rng = np.random.default_rng(7)
    n = 40
    trait = rng.normal(size=n)
    answers = {}
    for item in ["k1", "k2", "k3"]:
        x = np.clip(np.round(3 + trait + rng.normal(scale=0.8, size=n)), 1, 5)
        answers[item] = 6 - x if item == "k2" else x
    results = score_candidates([care()], answers)
    keyed = pd.DataFrame({"k1": answers["k1"], "k2": 6 - answers["k2"], "k3": answers["k3"]})
    alpha = pingouin.cronbach_alpha(keyed)[0]
    sd = statistics.stdev(keyed.mean(axis=1))
    calm = results[0]["scales"]["calm"]
    assert calm["sem"] == pytest.approx(sd * math.sqrt(1 - alpha))
    assert calm["sem_basis"]["source"] == "batch"
    assert calm["sem_basis"]["n"] == n
    assert calm["reason"] is None


def test_versions_and_json_safety(results):
    for result in results:
        text = json.dumps(result, allow_nan=False)
        assert "NaN" not in text
        assert result["versions"] == {
            "scoring": SCORING_VERSION,
            "instruments": {"tiny-care": "0.1", "tiny-judge": "0.2"},
            "role": "tiny-role@3",
        }


def test_judgement_summary(results):
    c = results[2]["judgement"]
    assert c["s1"]["score"] == pytest.approx((75 + 3 * 100) / 4)
    assert c["s2"] == {
        "instrument": "tiny-judge",
        "scale": "judge",
        "score": 100.0,
        "n_rated": 4,
        "n_options": 4,
    }
    assert results[1]["judgement"]["s1"]["score"] is None


def test_validity_indices(results):
    a = results[0]["validity"]["indices"]
    # Raw answers in item order c1..c5, k1..k3 (im1, im2, ir1 unanswered):
    # 4 5 2 4 3 3 2 5 -> c5 = k1 = 3 is the longest run, 2.
    assert a["long_string"] == 2
    assert a["instructed_failures"] == 1  # ir1 left blank counts as failed
    assert a["impression_management"] is None
    assert a["inconsistency"] == pytest.approx(1.0)  # |c1 - c2| = |4 - 5|
    assert a["mahalanobis_p"] is None  # three candidates: no batch estimate
    flags = results[0]["validity"]["flags"]
    assert [f["index"] for f in flags] == ["instructed_failures"]


def test_score_answers_matches_score_candidates():
    answers = {k: (None if math.isnan(v[0]) else int(v[0])) for k, v in CARE_ANSWERS.items()}
    answers.update({k: int(v[0]) for k, v in judge_answers().items()})
    answers["ir1"] = 2
    one = score_answers([care(), judge()], answers, role=role())
    assert one["scales"]["care"]["raw"] == pytest.approx(4.0)
    assert one["validity"]["indices"]["instructed_failures"] == 0
    assert one["fit"]["composite"] == pytest.approx(81.25)


def test_score_answers_with_nothing_answered():
    result = score_answers([care()], {})
    assert result["scales"]["care"]["raw"] is None
    assert result["scales"]["care"]["reason"].startswith("0 of 5 items answered")


def test_page_times_feed_too_fast():
    result = score_answers(
        [care()],
        {"c1": 3},
        page_seconds={"p1": 4.0, "p2": 60.0},
        items_per_page={"p1": 5, "p2": 6},
    )
    assert result["validity"]["indices"]["too_fast"] == pytest.approx(0.5)


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError, match="do not ask: zz"):
        score_candidates([care()], {"zz": np.array([1.0])})
    with pytest.raises(ValueError, match="differ in length"):
        score_candidates([care()], {"c1": np.array([1.0]), "c2": np.array([1.0, 2.0])})
    with pytest.raises(ValueError):
        score_candidates([care()], {"c1": np.array([7.0])})
    with pytest.raises(ValueError, match="calm, care occur in more than one"):
        score_candidates([care(), care()], {"c1": np.array([1.0])})
    with pytest.raises(ValueError, match="needs instrument"):
        score_candidates([care()], {"c1": np.array([1.0])}, role=role())


FULL_NORMS = {
    "care": ScaleNorm("care", "Test norm", n=400, mean=3.5, sd=0.5, reliability=0.84),
    "calm": ScaleNorm("calm", "Test norm", n=400, mean=3.0, sd=1.0, reliability=0.75),
    "judge": ScaleNorm("judge", "Test norm", n=400, mean=70.0, sd=10.0, reliability=0.84),
}


@pytest.fixture(scope="module")
def normed_fit():
    return score_candidates([care(), judge()], responses(), role=role(), norms=FULL_NORMS)


def test_role_fit_composite_by_hand(normed_fit):
    """POMP = 100 (raw - min) / (max - min); weights .5/.25/.25.
    A: care 4.0 -> 75, calm 4.0 -> 75, judge 100 -> 100: .5*75 + .25*75 + .25*100 = 81.25.
    SEMs in POMP points: care 0.2*25 = 5, calm 1*sqrt(.25)*25 = 12.5, judge
    10*sqrt(.16) = 4; composite SEM = sqrt(.25*25 + .0625*156.25 + .0625*16) = 4.125."""
    fit = normed_fit[0]["fit"]
    assert fit["composite"] == pytest.approx(81.25)
    assert fit["sem"] == pytest.approx(4.125)
    assert fit["ci90"] == pytest.approx([81.25 - Z90 * 4.125, 81.25 + Z90 * 4.125])
    assert fit["ci95"] == pytest.approx([81.25 - Z95 * 4.125, 81.25 + Z95 * 4.125])
    assert fit["band"] == "strong"
    assert fit["all_bars_met"] is True
    assert [b["met"] for b in fit["bars"]] == [True, True, True]
    assert [b["straddles"] for b in fit["bars"]] == [False, False, False]
    assert fit["reliability"] is None  # three candidates cannot estimate correlations
    assert "30 candidates" in fit["reliability_note"]


def test_role_fit_bars_and_band_by_hand(normed_fit):
    """C: care 3.25 -> 56.25, calm (2 + (6 - 4) + 2) / 3 = 2.0 -> 25, judge 97.9167:
    composite .5*56.25 + .25*25 + .25*97.9167 = 58.854. Care misses its bar 3.5
    but 3.5 lies inside 3.25 +/- 1.644854*0.2 = [2.92, 3.58] (straddles); calm
    misses 3.0 by 1.0 > 1.644854*0.5. Bars missed: not 'strong'; 58.85 >= 50: 'possible'."""
    fit = normed_fit[2]["fit"]
    assert fit["composite"] == pytest.approx(0.5 * 56.25 + 0.25 * 25 + 0.25 * (1175 / 12))
    assert fit["band"] == "possible"
    assert fit["all_bars_met"] is False
    care_bar, calm_bar, judge_bar = fit["bars"]
    assert (care_bar["met"], care_bar["straddles"]) == (False, True)
    assert (calm_bar["met"], calm_bar["straddles"]) == (False, False)
    assert (judge_bar["met"], judge_bar["straddles"]) == (True, False)
    kinds = [r["kind"] for r in fit["reasons"]]
    assert kinds[:3] == ["bar_missed", "bar_missed", "bar_uncertain"]
    assert [b["verdict"] for b in fit["bars"]] == ["cannot_tell", "not_met", "met"]
    assert care_bar["interval"]["level"] == 0.90
    assert care_bar["interval"]["low"] == pytest.approx(3.25 - 1.644854 * 0.2, abs=1e-6)


def test_role_fit_without_a_scale_score(normed_fit):
    fit = normed_fit[1]["fit"]
    assert fit["composite"] is None and fit["band"] is None and fit["ci90"] is None
    assert fit["all_bars_met"] is False
    assert [b["met"] for b in fit["bars"]] == [None, None, None]
    assert fit["reasons"][0]["kind"] == "missing"


def test_composite_reliability_from_batch_correlations():
    """Mosier (1943): 1 - sum w^2 sd^2 (1 - r) / (w' S w), S from the batch's
    scale intercorrelations and the norm SDs (POMP), computed here directly."""
    rng = np.random.default_rng(11)
    n = 60
    trait = rng.normal(size=n)
    answers = {}
    for item, key in [("c1", 1), ("c2", 1), ("c3", -1), ("c4", 1), ("c5", 1),
                      ("k1", 1), ("k2", -1), ("k3", 1)]:  # fmt: skip
        x = np.clip(np.round(3 + key * trait + rng.normal(size=n)), 1, 5)
        answers[item] = x
    for sid, key in KEY.items():
        for oid, rating in zip("abcd", key, strict=True):
            noise = np.round(rng.normal(scale=1.0, size=n) - 0.5 * trait)
            answers[f"{sid}.{oid}"] = np.clip(rating + noise, 1, 5)
    results = score_candidates([care(), judge()], answers, role=role(), norms=FULL_NORMS)
    raw = np.array([[r["scales"][s]["raw"] for s in ("care", "calm", "judge")] for r in results])
    w = np.array([0.5, 0.25, 0.25])
    sd = np.array([0.5 * 25, 1.0 * 25, 10.0])
    rel = np.array([0.84, 0.75, 0.84])
    cov = np.corrcoef(raw, rowvar=False) * np.outer(sd, sd)
    expected = 1 - np.sum(w**2 * sd**2 * (1 - rel)) / (w @ cov @ w)
    assert results[0]["fit"]["reliability"] == pytest.approx(expected)
    assert results[0]["fit"]["reliability_note"] is None


def test_intervals_are_held_within_the_scale_range(normed_fit):
    """A: judge 100 with SEM 10 * sqrt(1 - .84) = 4: 100 - 1.959964 * 4 = 92.16, top held at 100."""
    judge_a = normed_fit[0]["scales"]["judge"]
    assert judge_a["sem"] == pytest.approx(4.0)
    assert judge_a["ci95"] == pytest.approx([100 - Z95 * 4.0, 100.0])


def test_compare_groups_candidates_within_error(normed_fit):
    """care: A 4.0 and C 3.25, SEM 0.2 each: SE_diff = sqrt(.08) = 0.2828,
    1.959964 * 0.2828 = 0.554 < 0.75, so they are told apart; B has no score.
    calm: A 4.0, C 2.0, SEM 0.5: 1.959964 * 0.7071 = 1.386 < 2.0, apart too.
    A third candidate at 3.9 on care (0.1 from A) cannot be told from A."""
    from assess.results.pipeline import compare

    assert compare(normed_fit, "care") == [[0], [2]]
    assert compare(normed_fit, "fit") == [[0], [2]]
    near = [dict(r) for r in normed_fit]
    near.append({"scales": {"care": {"raw": 3.9, "sem": 0.2}}, "fit": None})
    assert compare(near, "care") == [[0, 3], [2]]
    with pytest.raises(ValueError, match="no scale 'nope'"):
        compare(normed_fit, "nope")


def test_compare_leaves_out_candidates_with_an_empty_fit_block(normed_fit):
    from assess.results.pipeline import compare

    assert compare([*normed_fit, {"scales": {}, "fit": {}}], "fit") == [[0], [2]]
