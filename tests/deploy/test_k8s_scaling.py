"""Scaling and capacity in the manifests (issue 21): consumers scale on their lag with KEDA, autoscaled Deployments
carry no replicas of their own, a transaction-mode PgBouncer `Pooler` fronts PostgreSQL, backups go through the
Barman Cloud plugin; and `make k8s-check` validates the new kinds against their CRDs' schemas."""

from __future__ import annotations

import copy

import pytest

from tests.deploy.test_k8s_manifests import TARGETS, find, k8s_check, objects

NEW_KINDS = ("ScaledObject", "TriggerAuthentication", "Pooler", "ObjectStore")


def services() -> list[str]:
    from kit.service import service_names

    return service_names()


@pytest.mark.parametrize("target", TARGETS)
def test_the_new_kinds_are_there_and_validate_against_their_schemas(target):
    objs = objects(target)
    new = [o for o in objs if o["kind"] in NEW_KINDS]

    assert {o["kind"] for o in new} == set(NEW_KINDS)
    assert all((o["apiVersion"], o["kind"]) in k8s_check.crd_schemas() for o in new)
    assert k8s_check.schema_problems(new) == []


@pytest.mark.parametrize("target", TARGETS)
def test_each_consumer_scales_on_its_groups_lag_and_no_autoscaled_deployment_sets_replicas(target):
    from kit.service import load

    objs = objects(target)
    owners = {o["spec"]["scaleTargetRef"]["name"] for o in objs if o["kind"] in ("ScaledObject",
                                                                                  "HorizontalPodAutoscaler")}
    for service in services():
        scaled = find(objs, "ScaledObject", f"{service}-consumer")
        [trigger] = scaled["spec"]["triggers"]
        assert scaled["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                                    "name": f"{service}-consumer"}
        assert trigger["type"] == "kafka" and trigger["metadata"]["consumerGroup"] == load(service).consumes.group
        assert find(objs, "TriggerAuthentication", trigger["authenticationRef"]["name"])
        assert 1 <= scaled["spec"]["minReplicaCount"] <= scaled["spec"]["maxReplicaCount"]
    assert {f"{s}-{role}" for s in services() for role in ("api", "consumer")} | {"gateway-api"} <= owners
    for deployment in (o for o in objs if o["kind"] == "Deployment" and o["metadata"]["name"] in owners):
        assert "replicas" not in deployment["spec"], deployment["metadata"]["name"]


def test_the_kafka_credentials_of_the_scaler_are_secret_references():
    auth = find(objects("base"), "TriggerAuthentication", "iso-hcc-kafka")["spec"]

    assert {ref["parameter"] for ref in auth["secretTargetRef"]} >= {"password", "ca"}
    assert "password" not in {ref["parameter"] for ref in auth.get("configMapTargetRef", [])}


def test_a_transaction_mode_pooler_fronts_the_cluster_and_backups_use_the_barman_cloud_plugin():
    objs = objects("base")
    pooler = find(objs, "Pooler", "iso-hcc-pg-pooler-rw")["spec"]
    cluster = find(objs, "Cluster", "iso-hcc-pg")["spec"]
    store = find(objs, "ObjectStore", "iso-hcc-backups")
    scheduled = find(objs, "ScheduledBackup", "iso-hcc-pg-daily")["spec"]

    assert pooler["cluster"]["name"] == "iso-hcc-pg" and pooler["type"] == "rw"
    assert pooler["pgbouncer"]["poolMode"] == "transaction"
    assert "backup" not in cluster  # no in-tree barmanObjectStore
    [plugin] = cluster["plugins"]
    assert plugin["name"] == "barman-cloud.cloudnative-pg.io" and plugin["isWALArchiver"] is True
    assert plugin["parameters"]["barmanObjectName"] == store["metadata"]["name"]
    assert scheduled["method"] == "plugin"
    assert scheduled["pluginConfiguration"]["name"] == plugin["name"]


def test_max_connections_covers_the_poolers_server_connections():
    objs = objects("base")
    pooler = find(objs, "Pooler", "iso-hcc-pg-pooler-rw")["spec"]
    cluster = find(objs, "Cluster", "iso-hcc-pg")["spec"]
    databases = [o for o in objs if o["kind"] == "Database"]
    per_database = int(pooler["pgbouncer"]["parameters"]["max_db_connections"])
    direct = len(databases) + 1 + 10  # the migrate Jobs, the rebuild, the exporter, operator and reserved slots
    for deployment in (o for o in objs if o["kind"] == "Deployment"):
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e.get("value", "") for e in container.get("env", [])}
        if "@iso-hcc-pg-rw:" in env.get("OUTBOX_LISTEN_URL", ""):  # a relay's LISTEN, beside its pooled writes
            direct += deployment["spec"].get("replicas", 1)
        if "@iso-hcc-pg-rw:" in env.get("DATABASE_URL", ""):  # the scheduler: its leader lock and unit of work
            direct += 2 * deployment["spec"].get("replicas", 1)

    assert pooler["instances"] * len(databases) * per_database + direct <= int(
        cluster["postgresql"]["parameters"]["max_connections"])


class TestTheSchemasRefuse:
    """A mistake in each new kind is found by the CRD's schema."""

    @pytest.mark.parametrize(("kind", "name", "path", "value", "expected"), [
        ("ScaledObject", "registry-consumer", ("spec", "minReplicas"), 1, "minReplicas"),
        ("ScaledObject", "registry-consumer", ("spec", "maxReplicaCount"), "six", "six"),
        ("TriggerAuthentication", "iso-hcc-kafka", ("spec", "secretRef"), [], "secretRef"),
        ("Pooler", "iso-hcc-pg-pooler-rw", ("spec", "pgbouncer", "poolMode"), "statement", "statement"),
        ("ObjectStore", "iso-hcc-backups", ("spec", "retentionPolicy"), "30 days", "30 days"),
        ("ObjectStore", "iso-hcc-backups", ("spec", "configuration", "destination"), "s3://x", "destination"),
    ])
    def test_a_wrong_field(self, kind, name, path, value, expected):
        obj = copy.deepcopy(find(objects("base"), kind, name))
        parent = obj
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = value

        problems = k8s_check.schema_problems([obj])
        assert problems and any(expected in p for p in problems), problems

    def test_a_crd_directory_without_one_of_the_new_kinds_cannot_check(self, tmp_path, monkeypatch):
        for path in k8s_check.crds_dir().glob("*.yaml"):
            if not path.name.startswith("keda-scaledobjects"):
                (tmp_path / path.name).write_text(path.read_text())
        monkeypatch.setenv(k8s_check.CRDS_ENV, str(tmp_path))

        with pytest.raises(k8s_check.CheckError, match="ScaledObject"):
            k8s_check.crd_schemas()


@pytest.mark.parametrize("target", TARGETS)
def test_every_relay_listens_on_the_primary_and_writes_through_the_pooler(target):
    """LISTEN needs a session of its own, which a transaction-mode pooler does not keep (ADR 23)."""
    relays = [o for o in objects(target) if o["kind"] == "Deployment" and o["metadata"]["name"].endswith("-relay")]
    assert len(relays) == 5
    for relay in relays:
        [container] = relay["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e.get("value", "") for e in container["env"]}
        assert "@iso-hcc-pg-rw:5432/" in env["OUTBOX_LISTEN_URL"], relay["metadata"]["name"]
        assert "@iso-hcc-pg-pooler-rw:5432/" in env["DATABASE_URL"], relay["metadata"]["name"]


@pytest.mark.parametrize("target", TARGETS)
def test_the_notifications_scheduler_holds_its_leader_lock_on_the_primary_not_through_the_pooler(target):
    """A session advisory lock through a transaction-mode pooler would be lent to another client with its server
    connection: the scheduler connects to the primary itself, and two replicas share one lock (ADR 28)."""
    scheduler = find(objects(target), "Deployment", "notifications-scheduler")
    [container] = scheduler["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e.get("value", "") for e in container.get("env", [])}

    assert container["command"] == ["python", "-m", "notifications", "scheduler"]
    assert "@iso-hcc-pg-rw:5432/notifications" in env["DATABASE_URL"]
    assert not any(name.startswith("KAFKA_") for name in env)
