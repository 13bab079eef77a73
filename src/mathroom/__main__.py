"""`python -m mathroom`."""

import sys

from mathroom.app import main

sys.exit(main())
