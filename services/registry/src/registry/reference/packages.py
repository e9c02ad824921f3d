"""What the two packages made for Vietnam's 2025 reorganisation hold, read from their data files.

`vietnam-provinces` lists the 34 provinces and 3,321 communes in force from 1/7/2025 with their QĐ 19/2025 codes.
`vietnamadminunits` (MIT) lists the 63 provinces, 696 districts and 10,035 communes before, and which new commune
each old one went into. Its files are read where the package is installed, without importing it: its modules load
shapely and geopy (address geocoding), which the reference does not need.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
from pathlib import Path

import vietnam_provinces

IN_FORCE = "vietnam-provinces"
CONVERSIONS = "vietnamadminunits"


def version(package: str) -> str:
    return importlib.metadata.version(package)


def provinces_in_force() -> list[dict]:
    """The 34 provinces (`code` an int, `name`, `division_type`), each with its `wards`, the communes in force."""
    return json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))


def new_communes() -> list[dict]:
    """The communes in force as vietnamadminunits knows them: its codes and the keys its conversions use."""
    return _rows("SELECT provinceCode, provinceKey, wardCode, wardKey, ward FROM admin_units")


def old_communes() -> list[dict]:
    """Every commune before 1/7/2025 with its district and province; an island district without communes is one
    row whose commune columns are empty."""
    return _rows("SELECT provinceCode, provinceKey, province, districtCode, districtKey, district, districtType, "
                 "wardCode, wardKey, ward, wardType FROM admin_units_legacy")


def conversions() -> dict:
    """`DICT_PROVINCE` (new province key: old province keys), `DICT_PROVINCE_WARD_NO_DIVIDED` (new province key:
    {new commune key: old "province_district_commune" keys}) and `DICT_PROVINCE_WARD_DIVIDED` (new province key:
    {old key: [{newWardKey, isDefaultNewWard, ...}]}, the old communes split between several new ones)."""
    return json.loads((_data() / "converter_2025.json").read_text(encoding="utf-8"))


def _data() -> Path:
    spec = importlib.util.find_spec(CONVERSIONS)  # locates the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the package {CONVERSIONS} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(query: str) -> list[dict]:
    connection = sqlite3.connect(f"{(_data() / 'dataset.db').as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(query)]
    finally:
        connection.close()
