# A thin image for self-hosters: the package, gunicorn.conf.py and the
# entrypoint script. Everything the container does is in
# deploy/entrypoint.sh, which CI runs directly (tests/test_deploy.py).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ASSESS_INSTANCE_PATH=/var/lib/assess \
    ASSESS_BIND=0.0.0.0:8000

WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY assess ./assess
COPY questionnaires ./questionnaires
COPY reports ./reports
RUN pip install --no-cache-dir '.[postgres,queue]' \
    && useradd --system --home-dir /var/lib/assess --create-home assess
COPY gunicorn.conf.py ./
COPY deploy/entrypoint.sh ./deploy/entrypoint.sh

USER assess
EXPOSE 8000
# Environment (see docs/deploy.md): DATABASE_URL, REDIS_URL, SECRET_KEY,
# ASSESS_BASE_URL, ASSESS_TRUSTED_HOSTS, ASSESS_PROXY_COUNT, ASSESS_WORKERS.
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["serve"]
