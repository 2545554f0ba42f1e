"""The worker's Celery app, configured from the same Settings as the API."""

from single_window.config import get_settings
from single_window.logs import configure_logging
from single_window.queue import make_celery

settings = get_settings()
configure_logging(settings.log_level, settings.log_format)
app = make_celery(settings)
app.conf.include = ["workers.tasks"]
