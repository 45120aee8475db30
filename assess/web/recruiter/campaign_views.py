"""Campaigns: create one, invite candidates one by one or from a CSV,
follow their status, resend a link. Links that no e-mail carried are shown
on the page that made them, once, for the recruiter to copy; they are never
stored in plain form."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

import questionnaires
from assess.store import audit, db
from assess.store.models import Campaign, Candidate, RoleProfileVersion
from assess.web.auth import current_user, org_get_or_404, org_select
from assess.web.mail import mail_configured
from assess.web.recruiter import operations
from assess.web.recruiter.forms import ActionForm, CampaignForm, InviteCsvForm, InviteForm
from assess.web.recruiter.results import display_status, latest_expiries
from assess.web.recruiter.views import bp, locale, recruiter_required


def _campaign_form() -> CampaignForm:
    form = CampaignForm()
    versions = db.session.scalars(
        org_select(RoleProfileVersion).order_by(
            RoleProfileVersion.title, RoleProfileVersion.version.desc()
        )
    )
    form.role_profile_version_id.choices = [
        SelectChoice(
            v.id,
            _(
                "%(title)s, version %(version)s",
                title=v.definition.get("title", {}).get(locale()) or v.title,
                version=v.version,
            ),
        )
        for v in versions
    ]
    form.instruments.choices = [
        SelectChoice(i, questionnaires.load(i).title.get(locale(), i))
        for i in questionnaires.available()
    ]
    return form


@bp.route("/campaigns/new", methods=["GET", "POST"])
@recruiter_required
def new_campaign():
    form = _campaign_form()
    if not form.is_submitted():
        form.instruments.data = [choice.value for choice in form.instruments.choices]
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            campaign = operations.create_campaign(db.session, current_user.row, form.data)
        except LookupError:
            abort(404)
        except operations.RoleProblems as error:
            problems = error.messages
        else:
            audit.record("campaign.created", "campaign", campaign.id)
            db.session.commit()
            return redirect(url_for("recruiter.campaign", campaign_id=campaign.id))
    return render_template("recruiter/campaign_new.html", form=form, problems=problems)


def campaign_page(
    campaign: Campaign,
    *,
    invite_form: InviteForm | None = None,
    csv_form: InviteCsvForm | None = None,
    invited: list[operations.Invited] = (),
    bad_rows: list[tuple[int, list[str]]] = (),
    status: int = 200,
):
    candidates = list(
        db.session.scalars(
            select(Candidate)
            .where(Candidate.campaign_id == campaign.id, Candidate.status != "erased")
            .order_by(Candidate.created_at, Candidate.id)
        )
    )
    expiries = latest_expiries(db.session, [c.id for c in candidates])
    statuses = {c.id: display_status(c, expiries.get(c.id)) for c in candidates}
    invite_form = invite_form or InviteForm(formdata=None)
    invite_form.locale.choices = _language_choices(campaign)
    return (
        render_template(
            "recruiter/campaign.html",
            campaign=campaign,
            candidates=candidates,
            statuses=statuses,
            invite_form=invite_form,
            csv_form=csv_form or InviteCsvForm(formdata=None),
            resend_form=ActionForm(formdata=None),
            invited=invited,
            bad_rows=bad_rows,
            mail_configured=mail_configured(),
        ),
        status,
    )


def _language_choices(campaign: Campaign) -> list[SelectChoice]:
    names = {"en": "English", "fi": "suomi"}
    return [SelectChoice(code, names.get(code, code)) for code in campaign.languages]


@bp.get("/campaigns/<int:campaign_id>")
@recruiter_required
def campaign(campaign_id: int):
    return campaign_page(org_get_or_404(Campaign, campaign_id))


@bp.post("/campaigns/<int:campaign_id>/invite")
@recruiter_required
def invite(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    form = InviteForm()
    form.locale.choices = _language_choices(campaign)
    if not form.validate():
        return campaign_page(campaign, invite_form=form, status=422)
    invited = operations.invite(
        db.session, campaign, form.name.data, form.email.data, form.locale.data
    )
    audit.record("candidate.invited", "candidate", invited.candidate.id, mailed=invited.mailed)
    db.session.commit()
    return campaign_page(campaign, invited=[invited])


@bp.post("/campaigns/<int:campaign_id>/invite-csv")
@recruiter_required
def invite_csv(campaign_id: int):
    campaign = org_get_or_404(Campaign, campaign_id)
    form = InviteCsvForm()
    if not form.validate():
        return campaign_page(campaign, csv_form=form, status=422)
    already = set(
        db.session.scalars(
            select(Candidate.email).where(
                Candidate.campaign_id == campaign.id, Candidate.email.is_not(None)
            )
        )
    )
    parsed = operations.parse_invitation_csv(
        form.file.data.read(), list(campaign.languages), already
    )
    invited = [
        operations.invite(db.session, campaign, row["name"], row["email"], row["locale"])
        for row in parsed.good
    ]
    audit.record(
        "candidate.invited_csv",
        "campaign",
        campaign.id,
        invited=len(invited),
        refused=len(parsed.bad),
    )
    db.session.commit()
    return campaign_page(
        campaign,
        invited=invited,
        bad_rows=parsed.bad,
        status=200 if invited or not parsed.bad else 422,
    )


@bp.post("/candidates/<int:candidate_id>/resend")
@recruiter_required
def resend(candidate_id: int):
    candidate = org_get_or_404(Candidate, candidate_id)
    if not ActionForm().validate():
        abort(400)
    if candidate.status not in ("invited", "started"):
        abort(409)
    invited = operations.resend_invitation(db.session, candidate)
    audit.record("candidate.reinvited", "candidate", candidate.id, mailed=invited.mailed)
    db.session.commit()
    return campaign_page(candidate.campaign, invited=[invited])
