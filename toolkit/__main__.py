"""``python -m toolkit``: the command line (see ``toolkit --help``)."""

import sys

from toolkit.cli.main import main

sys.exit(main())
