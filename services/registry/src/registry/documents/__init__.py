"""Files in and out: the agency spreadsheet (XLSX)."""
