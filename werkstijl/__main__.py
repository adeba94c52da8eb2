import sys

from werkstijl.cli import main

sys.exit(main())
