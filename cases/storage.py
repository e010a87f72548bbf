"""Uploaded files live outside the static and public URL space; only permission-checked views serve them."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def private_storage():
    return _private_storage


_private_storage = PrivateStorage()
