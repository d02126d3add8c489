"""Entry script of the PyInstaller bundle: the same as the `solo-check` command.

Without a command it opens the window; `report`, `score` and `check-content` run headless.
"""

import sys

from solo_check.cli import main

if __name__ == "__main__":
    sys.exit(main())
