"""Glue between the CSV readers and the agreement and fairness engine:
engine results turned into the JSON shapes of docs/cli.md."""

from __future__ import annotations

import math

from assess.commands.responses_csv import Decisions, Ratings


def _finite(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def agreement_result(ratings: Ratings) -> dict:
    """The six intraclass correlations of a panel's ratings.

    Candidates missing a rating from any rater are left out (listwise, as
    ``psych::ICC``); ``n_used`` says how many remain. An infinite F (no
    residual variance: raters perfectly consistent) is reported as
    ``"F": null, "F_infinite": true``.
    """
    from assess.scoring.agreement import ICC_FORMS, icc_long

    table = icc_long(ratings.candidate_ids, ratings.rater_ids, ratings.ratings)
    rows = []
    for i, (form, shrout_fleiss, mcgraw_wong, description) in enumerate(ICC_FORMS):
        f = float(table.f[i])
        rows.append(
            {
                "type": form,
                "shrout_fleiss": shrout_fleiss,
                "mcgraw_wong": mcgraw_wong,
                "description": description,
                "icc": _finite(table.value[i]),
                "ci95": [_finite(table.ci_low[i]), _finite(table.ci_high[i])],
                "F": _finite(f),
                "F_infinite": math.isinf(f),
                "df1": _finite(table.df1[i]),
                "df2": _finite(table.df2[i]),
                "p": _finite(table.p[i]),
            }
        )
    return {
        "n_candidates": len(set(ratings.candidate_ids)),
        "n_raters": len(set(ratings.rater_ids)),
        "n_used": int(table.n_targets),
        "n_dropped": int(table.n_dropped),
        "icc": rows,
    }


def fairness_result(decisions: Decisions, *, min_share: float) -> dict:
    """Adverse impact per group column and, with several columns, for their
    intersection (e.g. sex x age band).

    With a selection column: selection rates, impact ratios against the
    highest-rate group, the four-fifths flag and Fisher's exact p. With a
    score column: scoring rates (share above the full-sample median, NYC
    LL144) and the same ratios. Groups under ``min_share`` of the people
    with a known label are left out and listed; blank labels are unknown.
    """
    from assess.scoring.fairness import adverse_impact, intersect, scoring_rate

    columns = list(decisions.groups)
    sets = [[c] for c in columns]
    if len(columns) > 1:
        sets.append(columns)
    outcome = "selected" if decisions.selected is not None else "score"
    analyses = []
    for subset in sets:
        labels = decisions.groups[subset[0]]
        for column in subset[1:]:
            labels = intersect(labels, decisions.groups[column])
        if outcome == "selected":
            result = adverse_impact(labels, decisions.selected, min_share=min_share or None)
        else:
            result = scoring_rate(labels, decisions.score, min_share=min_share or None)
        analyses.append(
            {
                "columns": subset,
                "reference": result.reference,
                "unknown": result.unknown,
                "excluded": list(result.excluded),
                "median": result.median,
                "groups": [
                    {k: (_finite(v) if isinstance(v, float) else v) for k, v in row.items()}
                    for row in result.rows()
                ],
            }
        )
    return {"outcome": outcome, "min_share": min_share, "analyses": analyses}
