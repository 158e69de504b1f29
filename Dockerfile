# The newsgraph API image: serves saved queries over a graph store (the compose stack's
# Neo4j). Serving needs neither spaCy nor its model, so by default every dependency of
# pyproject.toml but those two is installed, then the package itself without dependencies
# (about 250 MB less installed: spaCy, its model, thinc, numpy...; the same steps in a
# fresh virtualenv served the app). --build-arg WITH_NLP=1 installs everything, for
# `newsgraph ingest` inside the container. Runs as an unprivileged user.
FROM python:3.11-slim

ARG WITH_NLP=0
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY newsgraph ./newsgraph
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY cli ./cli
COPY cypher ./cypher
COPY examples ./examples

RUN if [ "$WITH_NLP" = "1" ]; then \
      pip install . ; \
    else \
      python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; print('\n'.join(d for d in deps if not d.lower().startswith(('spacy', 'en-core-web-sm'))))" > /tmp/serve-requirements.txt \
      && pip install -r /tmp/serve-requirements.txt \
      && pip install --no-deps . ; \
    fi \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin newsgraph

USER newsgraph
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["newsgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
