"""Results: the campaign's table (sort and filter from an allow-list), one
candidate's scores with their intervals, a side-by-side comparison, and
the exports. Every view of results is written to the audit log."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _

from assess.results import panel
from assess.store import audit, db
from assess.store.models import Campaign, Candidate, User
from assess.web.auth import org_get_or_404, org_select
from assess.web.recruiter import comparison, exporting, results
from assess.web.recruiter.views import bp, locale, recruiter_required


def _scale_ids(rows: list[results.CandidateResult]) -> list[str]:
    seen: dict[str, str] = {}
    for row in rows:
        for scale in row.scales:
            seen.setdefault(scale.id, scale.name)
    return list(seen)


@bp.get("/campaigns/<int:campaign_id>/results")
@recruiter_required
def campaign_results(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    rows = results.campaign_results(db.session, campaign, locale())
    scale_ids = _scale_ids(rows)
    sort = request.args.get("sort")
    descending = request.args.get("order", "desc") != "asc"
    status = request.args.get("status")
    flags = request.args.get("flags")
    shown = results.sort_and_filter(
        rows, sort=sort, descending=descending, status=status, flags=flags, scale_ids=scale_ids
    )
    audit.record(
        "results.listed", "campaign", campaign.id, candidates=[r.candidate.id for r in shown]
    )
    db.session.commit()
    return render_template(
        "recruiter/results.html",
        campaign=campaign,
        rows=shown,
        scale_ids=scale_ids,
        scale_names=results.scale_names(campaign, locale()),
        sort=sort if sort in results.SORT_COLUMNS or (sort or "").startswith("scale:") else None,
        descending=descending,
        status=status if status in results.STATUS_FILTERS else None,
        flags=flags if flags in results.FLAG_FILTERS else None,
        statuses=results.STATUS_FILTERS,
    )


@bp.get("/candidates/<int:candidate_id>")
@recruiter_required
def candidate_result(candidate_id: int):
    candidate = org_get_or_404(Candidate, candidate_id)
    if candidate.status == "erased":
        return render_template("recruiter/erased.html", candidate=candidate), 410
    campaign = candidate.campaign
    expiry = results.latest_expiries(db.session, [candidate.id]).get(candidate.id)
    record = results.latest_records(db.session, [candidate.id]).get(candidate.id)
    row = results.read_result(
        candidate,
        results.display_status(candidate, expiry),
        record,
        results.scale_names(campaign, locale()),
        locale(),
    )
    audit.record(
        "results.viewed", "candidate", candidate.id, score_record=record.id if record else None
    )
    db.session.commit()
    assigned, members = _panel_of(candidate)
    return render_template(
        "recruiter/candidate.html",
        campaign=campaign,
        row=row,
        scale_names=results.scale_names(campaign, locale()),
        assigned=assigned,
        panel_members=[m for m in members if m.id not in {a.id for a in assigned}],
    )


def _panel_of(candidate: Candidate) -> tuple[list[User], list[User]]:
    """The members assigned to rate ``candidate`` and every active panel
    member of the organisation, for the assignment form on the page."""
    members = list(
        db.session.scalars(
            org_select(User).where(User.role == "panel", User.active.is_(True)).order_by(User.name)
        )
    )
    rows = panel.campaign_assignments(db.session, [candidate.id]).get(candidate.id, [])
    ids = {row.user_id for row in rows}
    assigned = list(db.session.scalars(org_select(User).where(User.id.in_(ids)))) if ids else []
    return assigned, members


@bp.get("/campaigns/<int:campaign_id>/compare")
@recruiter_required
def compare(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    wanted = {int(v) for v in request.args.getlist("candidate") if v.isdigit()}
    rows = [
        r
        for r in results.campaign_results(db.session, campaign, locale())
        if r.candidate.id in wanted and r.record is not None
    ]
    measures = comparison.compare_rows(rows, _("Role fit"))
    audit.record(
        "results.compared", "campaign", campaign.id, candidates=[r.candidate.id for r in rows]
    )
    db.session.commit()
    return render_template(
        "recruiter/compare.html", campaign=campaign, rows=rows, measures=measures
    )


@bp.get("/campaigns/<int:campaign_id>/export.<any(csv, json):fmt>")
@recruiter_required
def export(campaign_id: int, fmt: str):
    campaign = org_get_or_404(Campaign, campaign_id)
    rows = results.campaign_results(db.session, campaign, locale())
    body, mimetype = exporting.export(campaign, rows, fmt)
    audit.record("results.exported", "campaign", campaign.id, format=fmt, candidates=len(rows))
    db.session.commit()
    filename = f"campaign-{campaign.id}-results.{fmt}"
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
