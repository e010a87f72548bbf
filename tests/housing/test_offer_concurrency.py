"""Two handlers offer the same flat at the same moment: the row lock lets exactly one succeed."""

import threading
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from housing import services
from housing.models import Offer
from tests.housing.conftest import approve, flat, refer


def test_concurrent_offers_of_the_same_flat_cannot_both_succeed(
    transactional_db, nexus_caseworker, housing_handler, stock, districts
):
    applicants = []
    for days in (30, 10):
        application = refer(nexus_caseworker, referred_on=timezone.localdate() - timedelta(days=days + 5))
        approve(application, housing_handler, decided_on=timezone.localdate() - timedelta(days=days))
        applicants.append(application)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    barrier = threading.Barrier(2)
    outcomes = []

    def offer(application):
        try:
            barrier.wait()
            services.offer_make(
                flat=free,
                application=application,
                answer_by=timezone.localdate(),
                acting_user=housing_handler,
                out_of_order_reason="Samtidigt erbjudande i test",
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=offer, args=(a,)) for a in applicants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Offer.objects.count() == 1
