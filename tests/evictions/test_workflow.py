"""The workflow table: every allowed move works for the eviction caseworker, every other move is refused."""

from itertools import permutations

from django.core.exceptions import ValidationError

import pytest

from evictions import services
from evictions.models import EvictionFile
from evictions.workflow import TRANSITIONS, FileStatus

EDGES = list(permutations(FileStatus.values, 2))


def _file_in(status, register, user) -> EvictionFile:
    file = register().file
    if status == FileStatus.CLOSED:
        return services.file_transition(file=file, target=FileStatus.CLOSED, acting_user=user)
    EvictionFile.objects.filter(pk=file.pk).update(status=status)
    return EvictionFile.objects.get(pk=file.pk)


@pytest.mark.parametrize(("current", "target"), EDGES)
def test_each_move_is_allowed_exactly_when_the_table_says(register, eviction_caseworker, current, target):
    file = _file_in(current, register, eviction_caseworker)
    if (current, target) in TRANSITIONS:
        moved = services.file_transition(file=file, target=target, acting_user=eviction_caseworker)
        assert moved.status == target
        assert (moved.case.closed_on is not None) == (target == FileStatus.CLOSED)
    else:
        with pytest.raises(ValidationError):
            services.file_transition(file=file, target=target, acting_user=eviction_caseworker)
        assert EvictionFile.objects.get(pk=file.pk).status == current


def test_other_roles_may_make_no_move(register, eviction_caseworker, nexus_caseworker):
    file = register().file
    with pytest.raises(ValidationError):
        services.file_transition(file=file, target=FileStatus.CLOSED, acting_user=nexus_caseworker)
