# Image for docker-compose.yml: the portal, its Celery worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/srv/imag/var MEDIA_ROOT=/srv/imag/media
WORKDIR /app
# postgresql-client: pg_dump and pg_restore for backup_portal; bookworm ships 15, as the db service.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext fonts-noto-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY imag imag
COPY coordination coordination
COPY strategy strategy
COPY meetings meetings
COPY reporting reporting
COPY ops ops
COPY demo demo
RUN pip install --no-cache-dir .
COPY manage.py ./
COPY templates templates
COPY static static
COPY locale locale
RUN SECRET_KEY=build-only python manage.py collectstatic --no-input \
    && SECRET_KEY=build-only python manage.py compile_translations
RUN useradd --system --home /srv/imag imag && mkdir -p /srv/imag/var /srv/imag/media \
    && chown -R imag /srv/imag
USER imag
EXPOSE 8000
CMD ["gunicorn", "imag.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
