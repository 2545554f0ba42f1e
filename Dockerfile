FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY single_window ./single_window
COPY workers ./workers
COPY schemas ./schemas
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["single-window", "serve", "--host", "0.0.0.0", "--port", "8000"]
