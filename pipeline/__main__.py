import sys

from pipeline.cli import main

if __name__ == "__main__":  # worker processes import this module as __mp_main__: it must not run the CLI
    sys.exit(main())
