"""``python -m app``: the window without arguments, a subcommand otherwise."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
