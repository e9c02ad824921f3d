"""The printable lists of a class, as XLSX or PDF; the document libraries are imported where they are used."""
