"""Migration 0014: the deadlines that booked visits used to be are deleted, the letters keep their booked time.
Migration 0017: a letter sent before is tied to the persons of its file.
Migration 0018: a notice names its first tenant, and the migration stops on a notice registered twice."""

from datetime import datetime, time, timedelta

from django.utils import timezone

import pytest

from cases.models import Deadline
from evictions import services
from evictions.models import Letter, LetterKind
from evictions.services import LetterInput
from tests.evictions.conftest import notice_input, tenant
from tests.migrations import migrate

BEFORE = [("evictions", "0013_notice_tenant_person_required")]


@pytest.mark.django_db(transaction=True)
def test_booked_visits_stored_as_deadlines_lose_the_deadline_and_keep_their_time(register, eviction_caseworker):
    notice = register(children_in_household=True)
    booked = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=3), time(10)))
    letter = services.letter_create(
        file=notice.file, data=LetterInput(kind=LetterKind.VISIT, booked_at=booked), acting_user=eviction_caseworker
    )
    try:
        old = migrate(BEFORE)
        OldDeadline, OldLetter = old.get_model("cases", "Deadline"), old.get_model("evictions", "Letter")  # noqa: N806
        day = booked.date()
        visit = OldDeadline.objects.create(
            case_id=notice.file.case_id,
            label="Bokat besök",
            starts_on=timezone.localdate(),
            due_on=day,
            original_due_on=day,
        )
        OldLetter.objects.filter(pk=letter.pk).update(visit_deadline=visit)
    finally:
        migrate()
    assert not Deadline.objects.filter(pk=visit.pk).exists()
    assert Deadline.objects.filter(pk=notice.recovery_deadline_id).exists()  # the statutory period stays
    assert Letter.objects.get(pk=letter.pk).booked_at == booked


@pytest.mark.django_db(transaction=True)
def test_letters_sent_before_name_the_persons_of_their_file(register, eviction_caseworker):
    notice = register(notice_input(tenants=(tenant(), tenant())))
    letter = services.letter_create(
        file=notice.file, data=LetterInput(kind=LetterKind.CONTACT), acting_user=eviction_caseworker
    )
    persons = {t.person_id for t in notice.tenants.all()}
    try:
        migrate([("evictions", "0016_import_files_to_team_lead")])
    finally:
        migrate()
    assert set(Letter.objects.get(pk=letter.pk).recipients.values_list("pk", flat=True)) == persons


@pytest.mark.django_db(transaction=True)
def test_notices_registered_before_name_their_first_tenant(register):
    notice = register(notice_input(tenants=(tenant(), tenant())))
    first = notice.tenants.order_by("pk").first().person_id
    try:
        old = migrate([("evictions", "0017_letters_name_their_persons")])
        assert not hasattr(old.get_model("evictions", "Notice")(), "first_tenant_id")
    finally:
        migrate()
    assert type(notice).objects.get(pk=notice.pk).first_tenant_id == first


@pytest.mark.django_db(transaction=True)
def test_the_migration_stops_on_a_notice_registered_twice_naming_the_notices_by_id_only(register):
    notice = register()
    name = notice.tenants.get().family_name
    old = migrate([("evictions", "0017_letters_name_their_persons")])
    OldNotice, OldTenant = old.get_model("evictions", "Notice"), old.get_model("evictions", "NoticeTenant")  # noqa: N806
    try:
        twice = OldNotice.objects.get(pk=notice.pk)
        twice.pk, twice.recovery_deadline_id = None, None
        twice.save()
        tenant_row = OldTenant.objects.get(notice_id=notice.pk)
        tenant_row.pk, tenant_row.notice_id = None, twice.pk
        tenant_row.save()
        with pytest.raises(
            RuntimeError, match=rf"notice ids \[\[{notice.pk}, {twice.pk}\]\]|\[{twice.pk}, {notice.pk}\]"
        ) as stopped:
            migrate([("evictions", "0018_notice_first_tenant")])
        assert name not in str(stopped.value)
        OldTenant.objects.filter(notice_id=twice.pk).delete()
        OldNotice.objects.filter(pk=twice.pk).delete()
    finally:
        migrate()
    assert type(notice).objects.filter(pk=notice.pk).exists()
