"""The Kubernetes manifests build, validate against the Kubernetes and CRD schemas, and keep the policy.

The same checks as `tools/k8s_check.py` (`make k8s-check`), one test per overlay and concern, plus tests that
show each check refuses what it should (a check that passes everything would prove nothing).
"""

from __future__ import annotations

import copy
import importlib.util
import sys

import pytest

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("k8s_check", ROOT / "tools" / "k8s_check.py")
k8s_check = importlib.util.module_from_spec(spec)
sys.modules["k8s_check"] = k8s_check
spec.loader.exec_module(k8s_check)

TARGETS = ["base", *(f"overlays/{name}" for name in k8s_check.OVERLAYS)]


def objects(target: str) -> list[dict]:
    try:
        return list(k8s_check.build(target))
    except k8s_check.CheckError as error:
        pytest.fail(str(error))


def find(objs: list[dict], kind: str, name: str) -> dict:
    [found] = [o for o in objs if o["kind"] == kind and o["metadata"]["name"] == name]
    return found


def test_there_are_a_dev_and_a_prod_overlay():
    assert {"dev", "prod"} <= set(k8s_check.OVERLAYS)


@pytest.mark.parametrize("target", TARGETS)
class TestEveryOverlay:
    def test_it_validates_against_the_kubernetes_and_crd_schemas(self, target):
        assert k8s_check.schema_problems(objects(target)) == []

    def test_every_workload_keeps_the_policy(self, target):
        assert k8s_check.policy_problems(objects(target)) == []

    def test_every_variable_naming_a_path_lies_under_a_mount(self, target):
        assert k8s_check.env_path_problems(objects(target)) == []

    def test_every_event_topic_has_a_kafka_topic_and_every_topic_read_a_dead_letter_topic(self, target):
        assert k8s_check.topic_problems(objects(target)) == []

    def test_it_has_every_kind_the_platform_needs(self, target):
        kinds = {o["kind"] for o in objects(target)}

        assert {"Deployment", "Service", "ServiceAccount", "ConfigMap", "Job", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy", "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic",
                "Cluster", "Database", "ScheduledBackup", "ServiceMonitor", "PodMonitor",
                "PrometheusRule"} <= kinds

    def test_each_service_runs_api_relay_consumer_and_a_migration_job(self, target):
        objs = objects(target)
        names = {(o["kind"], o["metadata"]["name"]) for o in objs}

        for service in k8s_check_services():
            for role in ("api", "relay", "consumer"):
                assert ("Deployment", f"{service}-{role}") in names
            assert ("Job", f"{service}-migrate") in names
            assert ("Service", service) in names
            command = find(objs, "Job", f"{service}-migrate")["spec"]["template"]["spec"]["containers"][0]["command"]
            assert command == ["python", "-m", service, "migrate"]
        assert ("Deployment", "gateway-api") in names


def k8s_check_services() -> list[str]:
    from kit.service import service_names

    return service_names()


@pytest.mark.parametrize("overlay", k8s_check.OVERLAYS)
def test_overlays_only_patch_and_pin_their_images(overlay):
    assert k8s_check.overlay_problems(overlay) == []


def test_the_overlays_differ_from_the_base_only_in_images_replicas_resources_and_hosts():
    base = {(o["kind"], o["metadata"]["name"]) for o in objects("base")}
    for overlay in k8s_check.OVERLAYS:
        assert {(o["kind"], o["metadata"]["name"]) for o in objects(f"overlays/{overlay}")} == base


def test_every_dockerfile_runs_as_a_non_root_user():
    assert k8s_check.dockerfile_problems() == []


def test_the_api_grace_period_covers_the_prestop_sleep_and_gunicorns_graceful_timeout():
    api = find(objects("base"), "Deployment", "registry-api")["spec"]["template"]["spec"]
    sleep = api["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]

    assert api["terminationGracePeriodSeconds"] >= sleep + k8s_check.gunicorn_graceful_timeout() + 5


class TestTheChecksRefuse:
    """Each check finds the mistake it exists for."""

    def test_an_unknown_field_in_a_deployment(self):
        deployment = copy.deepcopy(find(objects("base"), "Deployment", "registry-api"))
        deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}

        [problem] = k8s_check.schema_problems([deployment])
        assert "livenesProbe" in problem

    def test_an_unknown_field_in_a_custom_resource(self):
        topic = copy.deepcopy(find(objects("base"), "KafkaTopic", "registry-agency"))
        topic["spec"]["partition"] = 3

        [problem] = k8s_check.schema_problems([topic])
        assert "partition" in problem

    def test_a_wrong_type_in_a_custom_resource(self):
        cluster = copy.deepcopy(find(objects("base"), "Cluster", "iso-hcc-pg"))
        cluster["spec"]["instances"] = "three"

        assert k8s_check.schema_problems([cluster])

    def test_a_kind_no_schema_knows(self):
        [problem] = k8s_check.schema_problems([{"apiVersion": "example.com/v1", "kind": "Thing",
                                                "metadata": {"name": "x"}}])
        assert "neither a Kubernetes kind nor a known CRD" in problem

    def test_a_root_container_without_probes_resources_or_read_only_root(self):
        objs = copy.deepcopy(objects("base"))
        api = find(objs, "Deployment", "registry-api")
        pod = api["spec"]["template"]["spec"]
        del pod["securityContext"]["runAsNonRoot"]
        container = pod["containers"][0]
        del container["securityContext"]
        del container["readinessProbe"]
        del container["resources"]
        del container["lifecycle"]

        problems = "\n".join(k8s_check.policy_problems(objs))
        for expected in ("not runAsNonRoot", "root filesystem not read-only", "allowPrivilegeEscalation",
                         "capabilities not dropped", "no readinessProbe", "no cpu request", "no memory limit",
                         "no preStop sleep"):
            assert expected in problems

    def test_a_grace_period_shorter_than_prestop_and_gunicorn(self):
        objs = copy.deepcopy(objects("base"))
        find(objs, "Deployment", "gateway-api")["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 30

        [problem] = k8s_check.policy_problems(objs)
        assert "terminationGracePeriodSeconds 30" in problem

    def test_a_missing_default_deny_and_a_pod_no_policy_selects(self):
        objs = [o for o in copy.deepcopy(objects("base"))
                if not (o["kind"] == "NetworkPolicy" and o["metadata"]["name"] in ("default-deny-all",
                                                                                  "metrics-from-prometheus"))]
        find(objs, "Deployment", "redis")["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"] = "x"

        problems = k8s_check.policy_problems(objs)
        assert any("no default-deny" in p for p in problems)
        assert any("Deployment/redis: no NetworkPolicy" in p for p in problems)

    def test_a_variable_naming_a_folder_no_volume_is_mounted_at(self):
        """Issue 21: PROMETHEUS_MULTIPROC_DIR set for every pod, the metrics folder mounted in the APIs only."""
        objs = copy.deepcopy(objects("overlays/prod"))
        consumer = find(objs, "Deployment", "registry-consumer")["spec"]["template"]["spec"]["containers"][0]
        consumer["volumeMounts"] = [m for m in consumer["volumeMounts"] if m["name"] != "metrics"]

        [problem] = k8s_check.env_path_problems(objs)
        assert problem.startswith("Deployment/registry-consumer container consumer: PROMETHEUS_MULTIPROC_DIR=")
        assert "outside its volumeMounts" in problem

    def test_a_path_set_in_a_configmap_or_by_the_image_counts_too(self):
        objs = copy.deepcopy(objects("base"))
        find(objs, "ConfigMap", "registry-config")["data"]["EXPORT_DIR"] = "/srv/exports"
        job = find(objs, "Job", "registry-migrate")["spec"]["template"]["spec"]["containers"][0]
        job["volumeMounts"] = [m for m in job["volumeMounts"] if m["name"] != "metrics"]

        problems = "\n".join(k8s_check.env_path_problems(objs))
        assert "Deployment/registry-api container api: EXPORT_DIR=/srv/exports" in problems
        assert "Job/registry-migrate container migrate: PROMETHEUS_MULTIPROC_DIR" in problems  # the image's ENV
        assert "HEALTH_FILE" not in problems  # under its mount

    def test_a_missing_dead_letter_topic(self):
        objs = [o for o in objects("base") if not (o["kind"] == "KafkaTopic"
                                                   and o["metadata"]["name"] == "registry-agency-dlq")]

        problems = k8s_check.topic_problems(objs)
        assert problems and all("registry.agency.dlq" in p for p in problems)


def test_every_command_in_the_manifests_is_a_command_of_its_service():
    import re
    import subprocess

    wanted: dict[str, set[str]] = {}
    for obj in objects("base"):
        if obj["kind"] not in k8s_check.WORKLOADS:
            continue
        for container in k8s_check.pod_template(obj)["spec"]["containers"]:
            command = container.get("command") or []
            if command[:2] == ["python", "-m"]:
                wanted.setdefault(command[2], set()).add(command[3])
    assert set(wanted) == {*k8s_check_services(), "gateway"}

    for module, commands in wanted.items():
        usage = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True).stdout
        choices = re.findall(r"\{([a-z,-]+)\}", usage)[0]
        assert commands <= set(choices.split(",")), (module, commands, choices)
