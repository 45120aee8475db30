"""``assess invite``: invite one candidate and print their link."""

from __future__ import annotations

import click

from assess.commands import SINGLE_LINE


@click.command("invite")
@click.option("--campaign", "campaign_id", required=True, type=int, help="Campaign id.")
@click.option("--name", required=True, type=SINGLE_LINE, help="The candidate's name.")
@click.option("--email", required=True, type=SINGLE_LINE, help="The candidate's e-mail address.")
@click.option("--locale", type=click.Choice(["en", "fi"]), default="en", show_default=True)
def invite(campaign_id: int, name: str, email: str, locale: str) -> None:
    """Invite a candidate to a campaign and print the link to send them."""
    from assess.commands import web_app
    from assess.store import db
    from assess.store.models import Campaign
    from assess.web.invitations import invitation_link, invite_candidate

    with web_app().app_context():
        campaign = db.session.get(Campaign, campaign_id)
        if campaign is None:
            raise click.ClickException(f"no campaign with id {campaign_id}")
        _, token = invite_candidate(db.session, campaign, name=name, email=email, locale=locale)
        db.session.commit()
        click.echo(invitation_link(token))
