"""The Celery app. Configuration comes from Django settings (CELERY_*), read in kompotten.settings.base."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompotten.settings.base")

app = Celery("kompotten")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
