"""The session cookie: Flask's signed cookie, signed with less work.

Flask builds a new signing serializer when it opens a session and again
when it saves one, and itsdangerous's constructor serializes an empty dict
to learn the serializer's output type; with the default digest wrapped in
a Python function, every HMAC also takes the standard library's pure-Python
path. Here the serializer is made once per secret key and the digest is
``hashlib.sha1`` itself, so HMAC runs in OpenSSL. The cookies are the same:
same salt, key derivation, digest and payload format.
"""

from __future__ import annotations

import hashlib

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

_CACHE = "assess.session_serializer"


class SignedCookieSessions(SecureCookieSessionInterface):
    digest_method = staticmethod(hashlib.sha1)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached = app.extensions.get(_CACHE)
        if cached is None or cached[0] != keys:
            cached = app.extensions[_CACHE] = (keys, super().get_signing_serializer(app))
        return cached[1]
