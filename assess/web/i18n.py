"""Languages: Flask-Babel with one message catalogue per blueprint.

The locale is, in order: the candidate's own choice (kept in the session),
the signed-in user's language, then the browser's ``Accept-Language`` among
the configured languages. Every ``translations`` folder under
``assess/web`` is a catalogue directory, so a blueprint brings its own.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel import Locale
from flask import Flask, current_app, request, session
from flask_babel import Babel, get_locale

babel = Babel()

SESSION_LOCALE_KEY = "locale"
"""Where a visitor's chosen language is kept in the session."""

WEB_ROOT = Path(__file__).parent


def translation_directories(root: Path = WEB_ROOT) -> list[str]:
    """Every ``translations`` folder under ``root``, sorted for a stable merge."""
    return sorted(str(path) for path in root.rglob("translations") if path.is_dir())


def select_locale() -> Locale:
    """The language of this request (one of ``LANGUAGES``), as a shared
    ``Locale`` so Flask-Babel need not parse it on every request."""
    return _locale(_select_language())


@functools.cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def _select_language() -> str:
    languages = tuple(current_app.config["LANGUAGES"])
    chosen = session.get(SESSION_LOCALE_KEY)
    if chosen in languages:
        return chosen
    user_locale = _signed_in_user_locale()
    if user_locale in languages:
        return user_locale
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def _signed_in_user_locale() -> str | None:
    # Flask-Login is set up by the staff blueprints; without it there is no user.
    if not hasattr(current_app, "login_manager"):
        return None
    from flask_login import current_user

    if current_user and current_user.is_authenticated:
        return getattr(current_user, "locale", None)
    return None


def current_language() -> str:
    """The request's language code, e.g. ``"fi"``, for ``<html lang>``."""
    locale = get_locale()
    return locale.language if locale else current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", ";".join(translation_directories()))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["current_language"] = current_language
