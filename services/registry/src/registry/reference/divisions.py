"""Vietnam's administrative divisions before and after 1/7/2025 as rows of `administrative_units` and
`unit_successions`, from the packages of `registry.reference.packages` (docs/adr/0015-divisions-from-packages.md).

The two packages are joined on names, not codes: vietnamadminunits names the new communes of its conversions by
key, and its own copy of their codes differs from the codes in force for some communes (123 in 1.0.4). The code of
vietnam-provinces wins and each difference is reported in `Divisions.mismatches`. Whatever cannot be joined (a
commune one package has and the other lacks, an old commune without exactly one default successor, a new one
without predecessors) raises `DivisionsInconsistent`: the reference is loaded whole or not at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

from registry.reference import packages
from registry.reference.packages import CONVERSIONS, IN_FORCE

OLD_SCHEME, NEW_SCHEME = "QD124_2004", "QD19_2025"
LAST_DAY_BEFORE, EFFECTIVE = date(2025, 6, 30), date(2025, 7, 1)
BASIS_BEFORE, BASIS_IN_FORCE, BASIS_PROVINCES = "QD124-2004", "QD19-2025", "NQ202-2025"
BASIS_COMMUNES = "UBTVQH15-XA-2025"  # migration 0008 adds it to legal_bases
UNIT_TYPES = {"tỉnh": "TINH", "thành phố trung ương": "THANH_PHO_TW", "quận": "QUAN", "huyện": "HUYEN",
              "thị xã": "THI_XA", "thành phố": "THANH_PHO_THUOC_TINH", "xã": "XA", "phường": "PHUONG",
              "thị trấn": "THI_TRAN", "đặc khu": "DAC_KHU"}
# Tone marks written on the first vowel ("Hoà") or the second ("Hòa"): the packages spell some names each way.
TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
         "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
PROVIDES = {IN_FORCE: "34 tỉnh và 3.321 xã từ 1/7/2025, mã QĐ 19/2025 / the provinces and communes in force",
            CONVERSIONS: "63 tỉnh, huyện và xã trước 1/7/2025 (mã QĐ 124/2004) và chuyển đổi sang đơn vị mới / "
                         "the units before 1/7/2025 and where each went"}


class DivisionsInconsistent(Exception):
    """The packages disagree in a way the loader cannot settle; `problems` says each in a line."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problems: " + "; ".join(problems[:20]))
        self.problems = problems


@dataclass(frozen=True)
class Mismatch:
    """A commune in force whose code in vietnamadminunits is not its code in vietnam-provinces."""

    province: str
    name: str
    package_code: str
    code: str


@dataclass(frozen=True)
class Divisions:
    """Rows for `administrative_units` and `unit_successions` (without ids), each naming its `source`; the
    packages read (`name`, `version`, `provides`, `notes`); and the codes on which they disagreed."""

    units: list[dict]
    successions: list[dict]
    sources: list[dict]
    mismatches: list[Mismatch]


def load() -> Divisions:
    provinces, old = packages.provinces_in_force(), packages.old_communes()
    problems: list[str] = []
    new_codes, mismatches = _codes_in_force(provinces, packages.new_communes(), problems)
    successions = _successions(packages.conversions(), new_codes, old, problems)
    problems += _unsettled(successions, old, provinces)
    units = _units_in_force(provinces) + _units_before(old)
    problems += sorted({f"unknown unit type {unit['unit_type']!r}" for unit in units
                        if unit["unit_type"] not in UNIT_TYPES.values()})
    if problems:
        raise DivisionsInconsistent(problems)
    sources = [{"name": name, "version": packages.version(name), "provides": PROVIDES[name], "notes": None}
               for name in (IN_FORCE, CONVERSIONS)]
    if mismatches:
        sources[1]["notes"] = (f"{len(mismatches)} mã xã mới khác mã của {IN_FORCE}; dùng mã của {IN_FORCE}, ghép "
                               f"theo tên / {len(mismatches)} new commune codes differ from those of {IN_FORCE}, "
                               "which were kept (joined by name)")
    return Divisions(units, successions, sources, mismatches)


def name_key(name: str) -> str:
    """A unit's name as compared across the packages: case, tone placement, spaces and dashes aside."""
    name = unicodedata.normalize("NFC", name).lower()
    for written, canonical in TONES.items():
        name = name.replace(written, canonical)
    return re.sub(r"\W", "", name)


def _codes_in_force(provinces: list[dict], communes: list[dict], problems: list[str]) -> tuple[dict, list]:
    """vietnamadminunits' keys of the new provinces (its province key) and communes (province key, commune key)
    -> their codes in force, and the communes whose code it gives differently."""
    in_force = {(f"{p['code']:02d}", name_key(w["name"])): f"{w['code']:05d}" for p in provinces for w in p["wards"]}
    codes: dict = {row["provinceKey"]: row["provinceCode"] for row in communes}
    problems += [f"{CONVERSIONS} province {code} is not in {IN_FORCE}" for code in set(codes.values())
                 - {f"{p['code']:02d}" for p in provinces}]
    mismatches = []
    for row in communes:
        code = in_force.get((row["provinceCode"], name_key(row["ward"])))
        if code is None:
            problems.append(f"{CONVERSIONS} commune {row['wardCode']} {row['ward']} is not in {IN_FORCE}")
            continue
        if code != row["wardCode"]:
            mismatches.append(Mismatch(row["provinceCode"], row["ward"], row["wardCode"], code))
        codes[row["provinceKey"], row["wardKey"]] = code
    found = Counter(code for key, code in codes.items() if isinstance(key, tuple))
    problems += [f"{IN_FORCE} commune {code} is {'not' if not found[code] else 'twice'} in {CONVERSIONS}"
                 for code in sorted(set(in_force.values())) if found[code] != 1]
    return codes, mismatches


def _successions(conversions: dict, new: dict, old: list[dict], problems: list[str]) -> list[dict]:
    old_codes = {_old_key(row): row["wardCode"] or row["districtCode"] for row in old}
    old_codes |= {row["provinceKey"]: row["provinceCode"] for row in old}

    def succession(old_key, new_key, event_type: str, is_default: bool, basis: str) -> dict | None:
        if old_key not in old_codes or new_key not in new:
            problems.append(f"{CONVERSIONS}: {old_key} -> {new_key} names a unit it does not list")
            return None
        return _succession(old_codes[old_key], new[new_key], event_type, is_default, basis)

    rows = [succession(old_key, province, "MERGED_INTO", True, BASIS_PROVINCES)
            for province, old_keys in conversions["DICT_PROVINCE"].items() for old_key in old_keys]
    rows += [succession(old_key, (province, commune), "MERGED_INTO", True, BASIS_COMMUNES)
             for province, communes in conversions["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
             for commune, old_keys in communes.items() for old_key in old_keys]
    rows += [succession(old_key, (province, part["newWardKey"]), "DIVIDED_INTO", part["isDefaultNewWard"],
                        BASIS_COMMUNES)
             for province, divided in conversions["DICT_PROVINCE_WARD_DIVIDED"].items()
             for old_key, parts in divided.items() for part in parts]
    rows = [row for row in rows if row is not None]
    return rows + _districts(rows, old)


def _districts(successions: list[dict], old: list[dict]) -> list[dict]:
    """Each district into the province its province became (the district level ended on 30/6/2025); an island
    district that became a special zone (đặc khu) keeps that commune as its default successor instead."""
    province_of = {row["from_code"]: row["to_code"] for row in successions if len(row["from_code"]) == 2}
    into_commune = {row["from_code"] for row in successions if len(row["from_code"]) == 3}
    districts = {row["districtCode"]: row["provinceCode"] for row in old}
    return [_succession(district, province_of[province], "LEVEL_ABOLISHED", district not in into_commune,
                        BASIS_COMMUNES) for district, province in sorted(districts.items()) if province in province_of]


def _unsettled(successions: list[dict], old: list[dict], provinces: list[dict]) -> list[str]:
    """Old units without exactly one default successor, and units in force without a predecessor."""
    defaults = Counter(row["from_code"] for row in successions if row["is_default"])
    olds = {row["provinceCode"] for row in old} | {row["districtCode"] for row in old}
    olds |= {row["wardCode"] for row in old if row["wardCode"]}
    reached = {row["to_code"] for row in successions}
    in_force = {f"{p['code']:02d}" for p in provinces} | {f"{w['code']:05d}" for p in provinces for w in p["wards"]}
    return ([f"{OLD_SCHEME} {code} has {defaults[code]} default successors" for code in sorted(olds)
             if defaults[code] != 1]
            + [f"{NEW_SCHEME} {code} has no predecessor" for code in sorted(in_force - reached)])


def _succession(from_code: str, to_code: str, event_type: str, is_default: bool, basis: str) -> dict:
    return {"from_scheme": OLD_SCHEME, "from_code": from_code, "to_scheme": NEW_SCHEME, "to_code": to_code,
            "event_type": event_type, "effective_date": EFFECTIVE, "legal_basis_code": basis,
            "is_default": is_default, "source": CONVERSIONS}


def _units_in_force(provinces: list[dict]) -> list[dict]:
    units = []
    for province in provinces:
        code, kind = f"{province['code']:02d}", province["division_type"]
        name = province["name"] if province["name"].startswith(("Thành phố", "Tỉnh")) else f"Tỉnh {province['name']}"
        units.append(_unit(NEW_SCHEME, code, "TINH", kind, name, None, IN_FORCE))
        units += [_unit(NEW_SCHEME, f"{ward['code']:05d}", "XA", ward["division_type"], ward["name"], code,
                        IN_FORCE) for ward in province["wards"]]
    return units


def _units_before(old: list[dict]) -> list[dict]:
    provinces = {row["provinceCode"]: row["province"] for row in old}
    districts = {row["districtCode"]: row for row in old}
    units = [_unit(OLD_SCHEME, code, "TINH", "thành phố trung ương" if name.startswith("Thành phố") else "tỉnh", name,
                   None, CONVERSIONS) for code, name in sorted(provinces.items())]
    units += [_unit(OLD_SCHEME, code, "HUYEN", row["districtType"], row["district"], row["provinceCode"], CONVERSIONS)
              for code, row in sorted(districts.items())]
    units += [_unit(OLD_SCHEME, row["wardCode"], "XA", row["wardType"], row["ward"], row["districtCode"], CONVERSIONS)
              for row in old if row["wardCode"]]
    return units


def _unit(scheme: str, code: str, level: str, kind: str, name: str, parent: str | None, source: str) -> dict:
    before = scheme == OLD_SCHEME
    return {"scheme": scheme, "code": code, "level": level, "unit_type": UNIT_TYPES.get(kind.lower(), kind),
            "name": re.sub(r"\s+", " ", name).strip(), "parent_code": parent,
            "valid_from": None if before else EFFECTIVE, "valid_to": LAST_DAY_BEFORE if before else None,
            "tenant_id": None, "legal_basis_code": BASIS_BEFORE if before else BASIS_IN_FORCE, "source": source}


def _old_key(row: dict) -> str:
    return f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
