"""Turn development reports (PDF, HTML, text) into a validated dataset of organisations, figures and
recommendations, each with provenance back to its source."""

__version__ = "0.1.0"

# Bump when extraction rules change in a way that alters output: re-ingestion keys cached results on it.
PIPELINE_VERSION = f"{__version__}+rules.9"
