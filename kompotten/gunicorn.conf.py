"""Gunicorn's settings for the web process (`bin/production web`), from the environment.

Access logging is off: `kompotten.middleware.RequestLogMiddleware` writes one JSON line per request, with the
request id and without the query string. Gunicorn's own lines (start, stop, worker timeouts) use the same format.
"""

import os

bind = os.environ.get("KOMPOTTEN_BIND", "0.0.0.0:8000")  # noqa: S104 - inside the container, behind the proxy
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("KOMPOTTEN_WEB_TIMEOUT", "60"))
graceful_timeout = 30
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "kompotten.structured_logging.SafeJsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
    "root": {"handlers": [], "level": "WARNING"},
}
