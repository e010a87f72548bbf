from datetime import timedelta

from django.utils import timezone

import pytest
from axes.models import AccessFailureLog, AccessLog

from kompotten.tasks import prune_login_records

pytestmark = pytest.mark.django_db


def test_login_records_older_than_the_retention_are_pruned_and_newer_ones_kept(settings):
    settings.LOGIN_RECORD_DAYS = 90
    old, new = timezone.now() - timedelta(days=91), timezone.now() - timedelta(days=89)
    for at in (old, new):
        for model in (AccessLog, AccessFailureLog):
            row = model.objects.create(username="a@uppsala.example", ip_address="10.0.0.1", user_agent="x")
            model.objects.filter(pk=row.pk).update(attempt_time=at)  # the field is auto_now_add
    assert prune_login_records() == 2
    assert list(AccessLog.objects.values_list("attempt_time", flat=True)) == [new]
    assert AccessFailureLog.objects.count() == 1
