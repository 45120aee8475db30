#!/bin/sh
# The entrypoint of the container image, usable as well on any host:
#
#   deploy/entrypoint.sh serve [ARGS]   migrate, then serve (gunicorn -c gunicorn.conf.py ARGS)
#   deploy/entrypoint.sh worker [ARGS]  migrate, then run an RQ worker (assess worker ARGS)
#   deploy/entrypoint.sh migrate  migrate the database and stop
#   deploy/entrypoint.sh CMD...   run any other command as given
#
# Configuration comes from the environment (docs/deploy.md lists it):
# DATABASE_URL, REDIS_URL, SECRET_KEY, ASSESS_BASE_URL, ASSESS_TRUSTED_HOSTS,
# ASSESS_PROXY_COUNT, ASSESS_BIND, ASSESS_WORKERS. Migrating is safe from
# several hosts at once: on PostgreSQL one migrates while the others wait.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
gunicorn_conf=${ASSESS_GUNICORN_CONF:-"$here/../gunicorn.conf.py"}
assess=${ASSESS_COMMAND:-assess}

role=${1:-serve}
[ $# -gt 0 ] && shift
case "$role" in
  serve)
    "$assess" db upgrade
    exec gunicorn -c "$gunicorn_conf" "$@"
    ;;
  worker)
    if [ -z "${REDIS_URL:-}${ASSESS_REDIS_URL:-}" ]; then
      echo "entrypoint: the worker needs REDIS_URL" >&2
      exit 2
    fi
    "$assess" db upgrade
    exec "$assess" worker "$@"
    ;;
  migrate)
    exec "$assess" db upgrade
    ;;
  *)
    exec "$role" "$@"
    ;;
esac
