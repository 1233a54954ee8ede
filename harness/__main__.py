"""`python -m harness COMMAND`: toolchain, deploy (see harness/cli.py)."""
import sys

from harness.cli import main

sys.exit(main())
