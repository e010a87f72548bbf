# Production image for web, worker and beat (see docker-compose.yml). Every process starts through
# bin/production, the same script the production smoke test runs (tests/production/test_smoke.py).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static ./static
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=kompotten.settings.base
# postgresql-client: pg_dump and pg_restore for `manage.py backup` and `manage.py restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
       postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home kompotten
WORKDIR /app
COPY pyproject.toml constraints.txt ./
COPY . .
RUN pip install --no-cache-dir -c constraints.txt . \
    && DJANGO_DEBUG=true python manage.py compilemessages --ignore=node_modules -v 0
COPY --from=assets /app/static/build ./static/build
# Production settings refuse to load without secrets; the build needs none of them, so it gets throw-away ones.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-xx DJANGO_ALLOWED_HOSTS=build \
       bin/production collectstatic \
    && mkdir -p /data/private_media && chown kompotten /data/private_media
USER kompotten
EXPOSE 8000
ENTRYPOINT ["bin/production"]
CMD ["web"]
