"""A late payer brought to a joint meeting joins the file of the notice that follows for the same tenant and
landlord (called by `registration.notices_register`, whatever channel brought the notice)."""

from cases.services.common import save
from evictions.models import LatePayer, Notice, NoticeTenant


def link_to_files(notices: list[Notice], acting_user) -> list[LatePayer]:
    """Links every late payer still without a file to the file a notice for them (same person, same landlord) was
    registered in; returns those linked."""
    linked = []
    for notice in notices:
        if notice.file_id is None or notice.landlord_id is None:
            continue  # routed elsewhere: not the team's file
        persons = NoticeTenant.objects.filter(notice_id=notice.pk).values("person_id")
        waiting = LatePayer.objects.filter(
            file__isnull=True, person__in=persons, meeting__landlord_id=notice.landlord_id
        )
        for late_payer in waiting:
            late_payer.file_id = notice.file_id
            linked.append(save(late_payer, acting_user, update_fields=["file"]))
    return linked
