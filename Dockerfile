FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY single_window ./single_window
COPY workers ./workers
COPY schemas ./schemas
# Editable, so the service finds schemas/ beside the package as it does in a checkout.
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["single-window", "serve", "--host", "0.0.0.0", "--port", "8000"]
