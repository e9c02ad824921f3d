"""`python -m training ...`: the training service's command line (kit.cli)."""

from kit.cli import main
from training.service import SERVICE

main(SERVICE)
