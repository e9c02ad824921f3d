"""Use cases of the budget service, one module per aggregate: the only place that commits."""
