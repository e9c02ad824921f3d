"""ISO-HCC budget service."""
