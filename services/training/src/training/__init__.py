"""ISO-HCC training service."""
