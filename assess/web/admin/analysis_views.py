"""Instruments in use, item analysis of a campaign, the fairness report,
local norms and the import of voluntary demographic answers."""

from __future__ import annotations

import csv
import io

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from assess.jobs import submit
from assess.results.fairness import DEMOGRAPHIC_FIELDS, fairness_report
from assess.results.pipeline import analyze
from assess.scoring.norms import build_norms
from assess.store import audit, db
from assess.store.models import Campaign, Candidate, Demographic, Job, NormGroup
from assess.web.admin import campaign_data
from assess.web.admin.forms import DemographicsForm
from assess.web.admin.views import admin_required, bp
from assess.web.auth import current_user, org_get_or_404, org_select

MIN_NORM_N = 100


@bp.get("/instruments")
@admin_required
def instruments():
    in_use: dict[tuple[str, str], list[Campaign]] = {}
    for campaign in db.session.scalars(org_select(Campaign).order_by(Campaign.id)):
        for pin in campaign.instruments:
            in_use.setdefault((pin["id"], pin.get("version", "")), []).append(campaign)
    installed = {}
    for instrument_id in {key[0] for key in in_use}:
        instrument = campaign_data.installed(instrument_id)
        installed[instrument_id] = instrument.version if instrument else None
    # A pinned version other than the current one is still served when archived.
    loadable = {key for key in in_use if campaign_data.installed(*key) is not None}
    norms = list(
        db.session.scalars(
            select(NormGroup)
            .where(NormGroup.organisation_id == current_user.organisation_id)
            .order_by(NormGroup.created_at.desc())
        )
    )
    return render_template(
        "admin/instruments.html",
        in_use=sorted(in_use.items()),
        installed=installed,
        loadable=loadable,
        norms=norms,
    )


@bp.get("/campaigns/<int:campaign_id>/items")
@admin_required
def item_analysis(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    ids = campaign_data.completed_ids(db.session, campaign)
    sections = []
    for instrument, pin in campaign_data.pinned_instruments(campaign):
        analysis = None
        if instrument is not None and ids:
            analysis = analyze(instrument, campaign_data.responses(db.session, instrument, ids))
        sections.append((pin, instrument, analysis))
    return render_template(
        "admin/items.html", campaign=campaign, sections=sections, completed=len(ids)
    )


@bp.get("/campaigns/<int:campaign_id>/fairness")
@admin_required
def fairness(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    field = request.args.get("field", DEMOGRAPHIC_FIELDS[0])
    if field not in DEMOGRAPHIC_FIELDS:
        field = DEMOGRAPHIC_FIELDS[0]
    report = fairness_report(db.session, campaign, field)
    audit.record("fairness.viewed", "campaign", campaign.id, field=field)
    db.session.commit()
    return render_template(
        "admin/fairness.html", campaign=campaign, report=report, fields=DEMOGRAPHIC_FIELDS
    )


@bp.route("/campaigns/<int:campaign_id>/norms", methods=["GET", "POST"])
@admin_required
def norms(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    ids = campaign_data.completed_ids(db.session, campaign)
    status = 200
    if request.method == "POST":
        status = _build_norms(campaign, ids)
        if status == 200:
            return redirect(url_for("admin.norms", campaign_id=campaign.id))
    return render_template(
        "admin/norms.html",
        campaign=campaign,
        completed=len(ids),
        min_n=MIN_NORM_N,
        rescore=_latest_rescore(campaign),
    ), status


def _latest_rescore(campaign: Campaign) -> Job | None:
    """The newest re-scoring job of this campaign (params compared here: a
    JSON column is not compared in SQL the same way on every database)."""
    jobs = db.session.scalars(
        select(Job)
        .where(Job.kind == "bulk_score", Job.organisation_id == campaign.organisation_id)
        .order_by(Job.id.desc())
        .limit(50)
    )
    return next((job for job in jobs if job.params.get("campaign_id") == campaign.id), None)


@bp.route("/campaigns/<int:campaign_id>/rescore", methods=["POST"])
@admin_required
def rescore(campaign_id: int):
    """Re-score every completed candidate of the campaign as a job: against the
    organisation's newest local norms, with the page times, adding a record
    only where the result changed."""
    campaign = org_get_or_404(Campaign, campaign_id)
    running = _latest_rescore(campaign)
    if running is not None and running.status in ("pending", "running"):
        flash(_("Re-scoring is already under way."), "info")
        return redirect(url_for("admin.norms", campaign_id=campaign.id))
    audit.record("scores.rescored", "campaign", campaign.id)
    job = submit(
        "bulk_score", {"campaign_id": campaign.id}, organisation_id=campaign.organisation_id
    )
    if job.status == "failed":
        flash(_("Re-scoring failed: %(error)s", error=job.error or ""), "error")
    elif job.status == "success":
        flash(_("Candidates re-scored."), "success")
    else:
        flash(_("Re-scoring started."), "success")
    return redirect(url_for("admin.norms", campaign_id=campaign.id))


def _build_norms(campaign: Campaign, ids: list[int]) -> int:
    if len(ids) < MIN_NORM_N:
        flash(
            _(
                "Local norms need at least %(min)s completed candidates; this campaign has %(n)s.",
                min=MIN_NORM_N,
                n=len(ids),
            ),
            "error",
        )
        return 409
    built = 0
    for instrument, pin in campaign_data.pinned_instruments(campaign):
        if instrument is None:
            continue
        scale_ids, raw = campaign_data.raw_scale_scores(db.session, instrument, ids)
        try:
            result = build_norms(raw, min_n=MIN_NORM_N)
        except ValueError:
            flash(
                _("%(instrument)s: too few scored candidates on some scale.", instrument=pin["id"]),
                "error",
            )
            continue
        alphas = _alphas(instrument, ids)
        group = NormGroup(
            organisation_id=campaign.organisation_id,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            source=f"local: campaign {campaign.id} ({campaign.name})"[:300],
            n=int(result.n.min()),
            simulated=False,
            data={
                scale_id: {
                    "mean": float(result.mean[j]),
                    "sd": float(result.sd[j]),
                    "n": int(result.n[j]),
                    "scores": [float(x) for x in result.sorted_scores[j]],
                    "reliability": alphas.get(scale_id),
                }
                for j, scale_id in enumerate(scale_ids)
            },
        )
        db.session.add(group)
        db.session.flush()
        audit.record("norms.built", "campaign", campaign.id, norm_group=group.id, n=group.n)
        built += 1
    db.session.commit()
    if built:
        flash(_("Local norms built."), "success")
        return 200
    return 409


def _alphas(instrument, ids: list[int]) -> dict[str, float | None]:
    """Cronbach's alpha of each scale over the same completed candidates
    (listwise, as the item analysis reports it), so a single candidate scored
    against these norms gets SEM = SD * sqrt(1 - alpha); None where the
    answers give no alpha."""
    responses = campaign_data.responses(db.session, instrument, ids)
    if not responses:
        return {}
    return {scale_id: entry["alpha"] for scale_id, entry in analyze(instrument, responses).items()}


@bp.route("/campaigns/<int:campaign_id>/demographics", methods=["GET", "POST"])
@admin_required
def demographics(campaign_id: int):
    """Import voluntary answers (``candidate_id`` and allow-listed columns)."""
    campaign = org_get_or_404(Campaign, campaign_id)
    form = DemographicsForm()
    problems: list[tuple[int, str]] = []
    status = 200
    if form.validate_on_submit():
        stored, problems = _import(campaign, form.file.data.read())
        audit.record("demographics.imported", "campaign", campaign.id, rows=stored)
        db.session.commit()
        flash(_("%(n)s rows stored.", n=stored), "success")
        status = 400 if problems else 200
    elif form.errors:
        status = 400
    return render_template(
        "admin/demographics.html",
        campaign=campaign,
        form=form,
        problems=problems,
        fields=DEMOGRAPHIC_FIELDS,
    ), status


def _import(campaign: Campaign, content: bytes) -> tuple[int, list[tuple[int, str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0, [(1, _("The file is not UTF-8 text."))]
    reader = csv.DictReader(io.StringIO(text))
    columns = [c for c in (reader.fieldnames or []) if c != "candidate_id"]
    if "candidate_id" not in (reader.fieldnames or []):
        return 0, [(1, _("The first row must name a candidate_id column."))]
    unknown = [c for c in columns if c not in DEMOGRAPHIC_FIELDS]
    if unknown:
        return 0, [(1, _("Unknown columns: %(columns)s", columns=", ".join(unknown)))]
    members = set(
        db.session.scalars(
            select(Candidate.id).where(
                Candidate.campaign_id == campaign.id, Candidate.status != "erased"
            )
        )
    )
    existing = {
        d.candidate_id: d
        for d in db.session.scalars(
            select(Demographic).where(Demographic.candidate_id.in_(members))
        )
    }
    stored, problems = 0, []
    for number, row in enumerate(reader, start=2):
        raw_id = (row.get("candidate_id") or "").strip()
        if not raw_id.isdigit() or int(raw_id) not in members:
            problems.append((number, _("No candidate %(id)s in this campaign.", id=raw_id)))
            continue
        data = {c: (row.get(c) or "").strip()[:80] for c in columns if (row.get(c) or "").strip()}
        row_model = existing.get(int(raw_id))
        if row_model is None:
            row_model = Demographic(candidate_id=int(raw_id), data=data)
            db.session.add(row_model)
            existing[int(raw_id)] = row_model
        else:
            row_model.data = data
        stored += 1
    return stored, problems
