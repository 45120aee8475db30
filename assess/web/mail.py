"""Outgoing e-mail.

With ``MAIL_SERVER`` configured, messages go out over SMTP (STARTTLS when
``MAIL_USE_TLS`` is set, login when ``MAIL_USERNAME`` is). Without it
nothing is sent and :func:`send` answers ``False``; the screens then show
the invitation link for the recruiter to copy into their own mail.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app

from assess.text_input import single_line


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def send(to: str, subject: str, body: str) -> bool:
    """Send a plain-text message; ``True`` when it was handed to the SMTP
    server, ``False`` when no server is configured. Header values (``to``,
    ``subject``) are made one line first.

    Raises
    ------
    smtplib.SMTPException, OSError
        When the configured server refuses or cannot be reached; the caller
        decides whether to show the link instead.
    """
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return False
    message = EmailMessage()
    # Header values are one line each, whatever text they were built from
    # (an organisation's name in the subject): a line break cannot add a header.
    message["From"] = single_line(config.get("MAIL_SENDER", "assess@localhost"))
    message["To"] = single_line(to)
    message["Subject"] = single_line(subject)
    message.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT", 25)), timeout=10) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(message)
    return True
