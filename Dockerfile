FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY cli ./cli
COPY cypher ./cypher
COPY examples ./examples
RUN pip install --no-cache-dir -e .
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["newsgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
