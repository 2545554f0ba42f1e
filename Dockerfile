FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY single_window ./single_window
COPY workers ./workers
# single_window/schemas links to it: a plain install copies the schemas into the package.
COPY schemas ./schemas
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["single-window", "serve", "--host", "0.0.0.0", "--port", "8000"]
