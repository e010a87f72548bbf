import pytest

from kompotten.tasks import check_worker_database


@pytest.mark.worker
def test_a_task_sent_over_redis_is_run_by_the_worker_which_sees_the_database(celery_worker_over_redis):
    result = check_worker_database.delay()
    assert result.get(timeout=30) == {"municipalities": 290}
    assert result.successful()
