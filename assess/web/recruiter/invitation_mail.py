"""The invitation e-mail, in the candidate's language."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

import questionnaires
from assess.store.models import Campaign, Candidate
from questionnaires.length import session_minutes


def invitation_message(campaign: Campaign, candidate: Candidate, link: str) -> tuple[str, str]:
    """Subject and plain-text body of ``candidate``'s invitation."""
    with force_locale(candidate.locale):
        subject = _("Invitation: %(organisation)s", organisation=campaign.organisation.name)
        body = _(
            "Hello %(name)s,\n\n"
            "%(organisation)s invites you to answer a questionnaire about working "
            "in customer service. It takes about %(minutes)s minutes, and you can stop "
            "and continue later with the same link.\n\n"
            "%(link)s\n\n"
            "The link is personal; please do not share it. The results support the "
            "hiring decision, which a person makes.\n",
            name=candidate.name,
            organisation=campaign.organisation.name,
            link=link,
            minutes=session_minutes(questionnaires.load_pinned(campaign.instruments)),
        )
    return subject, body
