"""`python -m registry api|relay|consume|migrate|seed-demo|import-xlsx`."""

from __future__ import annotations

from kit.service import Service
from registry import cli, consumers, demo, migrate
from registry.config import DEFAULT_BIND, SERVICE
from registry.runtime import Runtime, create_app


def import_xlsx(service: Service, settings, args) -> None:
    if not (args.file and args.tenant):
        raise SystemExit("import-xlsx needs FILE and --tenant (layout in docs/registry-xlsx.md)")
    raise SystemExit(cli.run_import(service.build(settings), args.file, args.tenant, partial=args.partial))


def import_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", help="import-xlsx: the workbook (layout in docs/registry-xlsx.md)")
    parser.add_argument("--tenant", help="import-xlsx: the province, e.g. an-giang")
    parser.add_argument("--partial", action="store_true", help="import-xlsx: import the valid rows, list the rest")


REGISTRY = Service(
    name=SERVICE, runtime=Runtime, create_app=create_app, migrate=migrate.upgrade, topics=consumers.TOPICS,
    default_bind=DEFAULT_BIND, seed=lambda runtime: f"demo data: {demo.seed(runtime.uow)} agencies added",
    commands={"import-xlsx": import_xlsx}, arguments=import_arguments,
)

if __name__ == "__main__":
    REGISTRY.main()
