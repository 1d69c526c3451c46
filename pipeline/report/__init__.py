"""The review report: static HTML an analyst opens from disk to check every extracted item against its source."""

from pipeline.report.build import write_report
from pipeline.report.failures import write_failure_report

__all__ = ["write_failure_report", "write_report"]
