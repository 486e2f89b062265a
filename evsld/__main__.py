"""`python -m evsld` is the `evsld` command: the editor, or a CLI verb."""

import sys

from evsld.launcher import main

sys.exit(main())
