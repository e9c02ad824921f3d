"""`python -m registry ...`: the registry's command line (kit.cli)."""

from kit.cli import main
from registry.service import SERVICE

main(SERVICE)
