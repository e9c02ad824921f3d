"""ISO-HCC shared infrastructure. No business rules live here."""

from kit import validation

validation.install()  # marshmallow's refusals carry their codes (kit.validation), before any schema is made
