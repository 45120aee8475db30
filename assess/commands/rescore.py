"""``assess rescore``: re-score a campaign's completed candidates."""

from __future__ import annotations

import click


@click.command("rescore")
@click.option("--campaign", "campaign_id", required=True, type=int, help="Campaign id.")
def rescore(campaign_id: int) -> None:
    """Re-score every completed candidate of a campaign (new local norms, a
    new scoring version): one bulk-scoring job, inline or on a worker when
    REDIS_URL is set. Adds a result only where it changed."""
    from assess.commands import web_app
    from assess.jobs import submit
    from assess.store import db
    from assess.store.models import Campaign, Job

    with web_app().app_context():
        campaign = db.session.get(Campaign, campaign_id)
        if campaign is None:
            raise click.ClickException(f"no campaign with id {campaign_id}")
        job = submit(
            "bulk_score", {"campaign_id": campaign.id}, organisation_id=campaign.organisation_id
        )
        db.session.expire_all()
        job = db.session.get(Job, job.id)
        if job.status == "failed":
            raise click.ClickException(f"re-scoring failed: {job.error}")
        if job.status == "success":
            click.echo(
                f"Re-scored {job.total} candidate(s) of campaign {campaign.id} (job {job.id})."
            )
        else:
            click.echo(f"Re-scoring campaign {campaign.id} queued as job {job.id}.")
