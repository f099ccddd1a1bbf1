#!/usr/bin/env bash
# Installs the Debian packages the checks need, only when one is missing (CI starts from a clean machine).
# Chromium comes from Debian: Playwright's own browser download cannot work here (no network but npm/Debian).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v gunicorn >/dev/null || need+=(gunicorn)
python3 -c 'import django' 2>/dev/null || /usr/bin/python3 -c 'import django' 2>/dev/null || need+=(python3-django)
/usr/bin/python3 -c 'import uvicorn' 2>/dev/null || need+=(python3-uvicorn)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v caddy >/dev/null || need+=(caddy)
command -v wrk >/dev/null || need+=(wrk)
command -v ab >/dev/null || need+=(apache2-utils)
command -v systemd-analyze >/dev/null || need+=(systemd)
# The data services' checks: PostgreSQL 15, Redis 7 and Celery 5 with its Redis and PostgreSQL clients.
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
[ -x /usr/bin/psql ] || need+=(postgresql-client-15)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
/usr/bin/python3 -c 'import celery' 2>/dev/null || need+=(python3-celery)
/usr/bin/python3 -c 'import redis' 2>/dev/null || need+=(python3-redis)
# The fleet checks: PgBouncer in front of PostgreSQL 15 (Django through psycopg2), HAProxy as the ALB.
[ -x /usr/sbin/pgbouncer ] || need+=(pgbouncer)
[ -x /usr/sbin/haproxy ] || need+=(haproxy)
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
# MySQL on the box: Debian 12's default-mysql-server is MariaDB 10.11; Django reaches it through mysqlclient.
[ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
/usr/bin/python3 -c 'import MySQLdb' 2>/dev/null || need+=(python3-mysqldb)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing Debian packages (${need[*]}) and not root: run as root or 'apt-get install -y ${need[*]}'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts nginx on install where it can; the checks run their own instances on other ports.
(command -v service >/dev/null && service nginx stop >/dev/null 2>&1) || true
# Likewise PostgreSQL's and Redis's own services: the checks start their own in temp dirs.
(command -v service >/dev/null && service postgresql stop >/dev/null 2>&1) || true
(command -v service >/dev/null && service redis-server stop >/dev/null 2>&1) || true
(command -v service >/dev/null && service pgbouncer stop >/dev/null 2>&1) || true
(command -v service >/dev/null && service haproxy stop >/dev/null 2>&1) || true
(command -v service >/dev/null && service mariadb stop >/dev/null 2>&1) || true
echo "system packages: installed ${need[*]}"
