"""`python -m evsld` is the `evsld` command."""

import sys

from evsld.cli.main import main

sys.exit(main())
