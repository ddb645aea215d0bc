"""The entry point of the one-folder bundle: the same command line as `balancing-act`."""

import sys

from balancing_act.cli import main

if __name__ == "__main__":
    sys.exit(main())
