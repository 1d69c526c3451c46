"""Imported once by the worker forkserver so every forked worker starts warm: pipeline and readers imported,
spaCy pipeline built, word frequencies loaded. Forked workers share these pages with the forkserver, so the
memory is paid once, not per worker."""

import gc

import pipeline.read.html  # noqa: F401  (readers load their libraries lazily; workers want them loaded)
import pipeline.read.pdf  # noqa: F401
import pipeline.read.text  # noqa: F401
from pipeline.nlp import build_nlp
from pipeline.process import process_file  # noqa: F401  (imports the extractors)
from pipeline.read.quality import warm_up as warm_up_quality
from pipeline.text.words import zipf

build_nlp()
zipf("the")
warm_up_quality()
# Everything loaded so far lives as long as the workers: the collector need not scan it, and scanning it would
# touch (and so copy) pages every worker otherwise shares with the forkserver.
gc.freeze()
