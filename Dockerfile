# One image for web, worker, beat, flower and the one-off migrate job (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # The processes import the project from /app (settings find locale/ and var/ beside it),
    # not from the copy `pip install .` leaves in site-packages.
    PYTHONPATH=/app \
    DJANGO_STATIC_ROOT=/app/var/static

WORKDIR /app
RUN useradd --create-home --uid 10001 --user-group lunova

# Dependencies first, from the runtime lock (each package checked against its hash; no
# development tool): this layer is rebuilt only when the lock changes.
COPY requirements/base.txt requirements/
RUN pip install --require-hashes -r requirements/base.txt
COPY pyproject.toml ./
COPY lunova/__init__.py lunova/
COPY zoom_worker/__init__.py zoom_worker/
RUN touch celery_app.py manage.py && pip install --no-deps . && rm -rf build *.egg-info

COPY . .
RUN python manage.py collectstatic --no-input \
    && mkdir -p var/flower \
    && chown -R lunova:lunova var

USER lunova
EXPOSE 8000 5555 9808
# WEB_THREADS also sizes, in the settings, how many requests may wait on `Prefer: wait` at once.
CMD ["sh", "-c", "exec gunicorn lunova.wsgi --bind 0.0.0.0:8000 --worker-class gthread --threads ${WEB_THREADS:-8}"]
