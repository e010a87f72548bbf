"""Which code makes which report: the one switch from a run's kind to the module that builds its file."""

from reports.models import ReportKind, ReportRun


def build(run: ReportRun, progress) -> bytes:
    from reports import committee, monthly, register_extract  # noqa: PLC0415 - WeasyPrint, matplotlib and openpyxl load on demand

    if run.kind == ReportKind.REGISTER_EXTRACT:
        return register_extract.build(run, progress)
    if run.kind == ReportKind.MONTHLY:
        return monthly.build(run, progress)
    return committee.build(run, progress)
