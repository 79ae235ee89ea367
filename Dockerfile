# The geokg API (`kg serve`); Neo4j runs in its own container (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KG_STORE_PATH=/data/store

WORKDIR /app
COPY pyproject.toml README.md ./
COPY kg ./kg
COPY ontology ./ontology
COPY loaders ./loaders
COPY api ./api
COPY cli ./cli
RUN pip install . && useradd --create-home --uid 10001 geokg && mkdir -p /data \
    && chown geokg /data

USER geokg
VOLUME ["/data"]
EXPOSE 8000
CMD ["kg", "serve", "--host", "0.0.0.0"]
