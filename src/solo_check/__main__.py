"""`python -m solo_check`: the same as the `solo-check` command."""

import sys

from .cli import main

sys.exit(main())
