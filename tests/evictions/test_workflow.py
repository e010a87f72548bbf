"""The file's workflow table: every allowed move works for the eviction caseworker through the service that makes
it, every other move is refused, and a file closes only with its closure record."""

from itertools import permutations

from django.core.exceptions import ValidationError

import pytest

from evictions import services
from evictions.models import EvictionFile
from evictions.workflow import FILE, FileStatus
from tests.evictions.conftest import close

EDGES = list(permutations(FileStatus.values, 2))


def _file_in(status, register, user) -> EvictionFile:
    file = register().file
    if status == FileStatus.CLOSED:
        close(file, user)
    else:
        EvictionFile.objects.filter(pk=file.pk).update(status=status)
    return EvictionFile.objects.get(pk=file.pk)


def _move(file, target, user) -> EvictionFile:
    if target == FileStatus.CLOSED:
        close(file, user)
        return EvictionFile.objects.select_related("case").get(pk=file.pk)
    return services.file_transition(file=file, target=target, acting_user=user)


@pytest.mark.parametrize(("current", "target"), EDGES)
def test_each_move_is_allowed_exactly_when_the_table_says(register, eviction_caseworker, current, target):
    file = _file_in(current, register, eviction_caseworker)
    if FILE.allowed(current, target):
        moved = _move(file, target, eviction_caseworker)
        assert moved.status == target
        assert (moved.case.closed_on is not None) == (target == FileStatus.CLOSED)
    else:
        with pytest.raises(ValidationError):
            _move(file, target, eviction_caseworker)
        assert EvictionFile.objects.get(pk=file.pk).status == current


@pytest.mark.parametrize("current", [FileStatus.OPEN, FileStatus.READY_TO_CLOSE])
def test_a_file_is_not_closed_without_its_closure_record(register, eviction_caseworker, current):
    file = _file_in(current, register, eviction_caseworker)
    with pytest.raises(ValidationError, match="Avsluta ärendet"):
        services.file_transition(file=file, target=FileStatus.CLOSED, acting_user=eviction_caseworker)
    file.refresh_from_db()
    assert file.status == current
    assert not file.closures.exists()


def test_other_roles_may_make_no_move(register, eviction_caseworker, nexus_caseworker):
    file = register().file
    for move in (
        lambda: close(file, nexus_caseworker),
        lambda: _move(file, FileStatus.READY_TO_CLOSE, nexus_caseworker),
    ):
        with pytest.raises(ValidationError):
            move()
    assert EvictionFile.objects.get(pk=file.pk).status == FileStatus.OPEN
