"""The review report: static HTML an analyst opens from disk to check every extracted item against its source.

Its names are loaded on first use: the page-writing processes import only pipeline.report.pages, which must not
pull in the tables' libraries (pandas, pandera) through this package."""

__all__ = ["write_failure_report", "write_report"]


def __getattr__(name: str):
    if name == "write_report":
        from pipeline.report.build import write_report

        return write_report
    if name == "write_failure_report":
        from pipeline.report.failures import write_failure_report

        return write_failure_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
