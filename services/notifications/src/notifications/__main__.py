"""`python -m notifications ...`: the notifications service's command line (kit.cli), with `scheduler`."""

from kit.cli import main
from notifications.service import SERVICE

main(SERVICE)
