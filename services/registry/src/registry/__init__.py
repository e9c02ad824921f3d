"""The agency registry: the Sở KH&CN's list of agencies and the state of their quality systems."""
