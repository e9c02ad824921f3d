"""The architecture contracts of ADR 12 hold, and each one fails when the import it forbids is made.

The contracts are read from pyproject.toml (`[tool.importlinter]`, what `make lint` runs with lint-imports) and
checked here against the real import graph; then an import that breaks one is added to a copy of the graph (a
route importing a repository, a service importing another service...) and that contract must fail.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache
from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract

CONFIG = api.read_configuration(str(Path(__file__).resolve().parents[2] / "pyproject.toml"))
CONTRACTS = {options["id"]: options for options in CONFIG["contracts_options"]}
TYPES = {"layers": LayersContract, "forbidden": ForbiddenContract, "independence": IndependenceContract}


@cache
def real_graph() -> grimp.ImportGraph:
    session = CONFIG["session_options"]
    return grimp.build_graph(*session["root_packages"], include_external_packages=True, cache_dir=None)


def kept(contract_id: str, graph: grimp.ImportGraph) -> bool:
    options = CONTRACTS[contract_id]
    contract = TYPES[options["type"]](name=options["name"], session_options=CONFIG["session_options"],
                                      contract_options=options)
    return contract.check(deepcopy(graph), verbose=False).kept


def with_import(importer: str, imported: str) -> grimp.ImportGraph:
    graph = deepcopy(real_graph())
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    return graph


@pytest.mark.parametrize("contract_id", sorted(CONTRACTS))
def test_the_code_keeps_the_contract(contract_id):
    assert kept(contract_id, real_graph())


BREAKS = {
    "a route importing a repository": ("routes-call-use-cases", "registry.api.agencies", "registry.repository"),
    "a consumer querying with SQLAlchemy": ("routes-call-use-cases", "budget.consumers", "sqlalchemy"),
    "a service importing another service": ("services-independent", "budget.services.lines", "registry.model"),
    "kit importing a service": ("shared-import-no-service", "kit.runtime", "reporting.orm"),
    "the gateway importing a service": ("shared-import-no-service", "gateway.app", "registry.service"),
    "contracts importing kit": ("contracts-stand-alone", "contracts.registry", "kit.db"),
    "a use case importing Flask": ("use-cases-know-no-http", "inspections.services.plans", "flask"),
    "a model importing SQLAlchemy": ("rules-are-pure", "training.model", "sqlalchemy"),
    "a model importing the unit of work": ("rules-are-pure", "reporting.model", "kit.uow"),
    "a use case importing a route": ("service-layers", "training.services.classes", "training.api.classes"),
    "a repository importing a use case": ("service-layers", "budget.repository", "budget.services.lines"),
    "kit's database module importing the runtime": ("kit-layers", "kit.db", "kit.runtime"),
}


@pytest.mark.parametrize("contract_id, importer, imported", BREAKS.values(), ids=BREAKS)
def test_the_contract_fails_when_the_import_it_forbids_is_made(contract_id, importer, imported):
    assert kept(contract_id, real_graph())

    assert not kept(contract_id, with_import(importer, imported))


def test_a_module_outside_the_layout_fails_the_layer_contract():
    graph = deepcopy(real_graph())
    graph.add_module("registry.helpers")

    assert not kept("service-layers", graph)
