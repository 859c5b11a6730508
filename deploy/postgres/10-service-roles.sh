#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume: one login role per
# service, each owning its own schema and nothing else; the public schema is locked down.
# Passwords come from the container's environment (see docker-compose.yml).
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" \
  -v users_password="$USERS_DB_PASSWORD" \
  -v articles_password="$ARTICLES_DB_PASSWORD" \
  -v comments_password="$COMMENTS_DB_PASSWORD" \
  -v recommendations_password="$RECOMMENDATIONS_DB_PASSWORD" <<'SQL'
-- Nobody but the owner and the roles below may connect or create schemas.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE ROLE users_svc LOGIN PASSWORD :'users_password';
GRANT CONNECT ON DATABASE :"db" TO users_svc;
CREATE SCHEMA users AUTHORIZATION users_svc;
ALTER ROLE users_svc SET search_path = users;

CREATE ROLE articles_svc LOGIN PASSWORD :'articles_password';
GRANT CONNECT ON DATABASE :"db" TO articles_svc;
CREATE SCHEMA articles AUTHORIZATION articles_svc;
ALTER ROLE articles_svc SET search_path = articles;

CREATE ROLE comments_svc LOGIN PASSWORD :'comments_password';
GRANT CONNECT ON DATABASE :"db" TO comments_svc;
CREATE SCHEMA comments AUTHORIZATION comments_svc;
ALTER ROLE comments_svc SET search_path = comments;

CREATE ROLE recommendations_svc LOGIN PASSWORD :'recommendations_password';
GRANT CONNECT ON DATABASE :"db" TO recommendations_svc;
CREATE SCHEMA recommendations AUTHORIZATION recommendations_svc;
ALTER ROLE recommendations_svc SET search_path = recommendations;
SQL
