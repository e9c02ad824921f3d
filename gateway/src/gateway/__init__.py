"""The ISO-HCC gateway: routing and authentication, no business logic."""
