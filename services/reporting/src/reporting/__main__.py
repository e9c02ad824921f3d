"""`python -m reporting ...`: reporting's command line (kit.cli), and `verify`, the consistency check."""

import sys

from kit.cli import main
from reporting import cli
from reporting.service import SERVICE

if sys.argv[1:2] == ["verify"]:
    # The check reads the services' APIs through the gateway and needs no database, so it runs before kit's
    # command line, which requires DATABASE_URL.
    raise SystemExit(cli.main(sys.argv[2:]))
main(SERVICE)
