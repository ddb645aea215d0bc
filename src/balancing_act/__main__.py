"""`python -m balancing_act` runs the same command line as `balancing-act`."""

import sys

from balancing_act.cli import main

sys.exit(main())
