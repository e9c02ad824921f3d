"""`python -m inspections ...`: the inspections service's command line (kit.cli)."""

from inspections.service import SERVICE
from kit.cli import main

main(SERVICE)
