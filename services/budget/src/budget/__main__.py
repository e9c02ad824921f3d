"""`python -m budget ...`: the budget service's command line (kit.cli)."""

from budget.service import SERVICE
from kit.cli import main

main(SERVICE)
