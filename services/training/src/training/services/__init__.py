"""Use cases of the training service, one module per aggregate; each use case owns its transaction."""
