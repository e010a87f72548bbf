"""The deployment's host municipality: configuration (KOMPOTTEN_HOST_MUNICIPALITY), never hard-coded."""

from django.conf import settings

from kompotten.models import Municipality


def host_municipality() -> Municipality:
    return Municipality.objects.select_related("county").get(code=settings.HOST_MUNICIPALITY_CODE)
