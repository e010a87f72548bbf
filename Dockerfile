# Production image for web, worker and beat (see docker-compose.yml).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static ./static
RUN npm run build && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/build/

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=kompotten.settings.base
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home kompotten
WORKDIR /app
COPY pyproject.toml constraints.txt ./
COPY . .
RUN pip install --no-cache-dir -c constraints.txt . \
    && DJANGO_DEBUG=true python manage.py compilemessages --ignore=node_modules -v 0
COPY --from=assets /app/static/build ./static/build
RUN DJANGO_DEBUG=true python manage.py collectstatic --no-input -v 0 \
    && mkdir -p /data/private_media && chown kompotten /data/private_media
USER kompotten
EXPOSE 8000
CMD ["gunicorn", "kompotten.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
