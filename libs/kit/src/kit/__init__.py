"""ISO-HCC shared infrastructure. No business rules live here."""
