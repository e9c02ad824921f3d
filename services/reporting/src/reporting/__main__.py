"""`python -m reporting ...`: reporting's command line (kit.cli)."""

from kit.cli import main
from reporting.service import SERVICE

main(SERVICE)
