"""Routes of reporting: a province reads its figures and writes its periodic reports; the Ministry oversees them
all (api/national.py, the one module that reads across provinces)."""

from reporting.api import figures, reports
from reporting.api import national as national  # adds the Ministry's routes to both Blueprints: import it first

BLUEPRINTS = [figures.blp, reports.blp]
