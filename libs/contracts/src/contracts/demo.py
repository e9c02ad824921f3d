"""The demo provinces, as every service's demo knows them: the registry demo (`registry.demo.figures`) writes their
agencies; training and budget seed their own records from each province's first demo year and wait until the
registry's agencies (ended ones included) have reached their replicas, without reading the registry."""

from __future__ import annotations

FIRST_YEAR = {"binh-thuan": 2015, "an-giang": 2016, "ho-chi-minh": 2016, "thai-binh": 2012}
AGENCIES = {"binh-thuan": 167, "an-giang": 197, "ho-chi-minh": 63, "thai-binh": 41}
