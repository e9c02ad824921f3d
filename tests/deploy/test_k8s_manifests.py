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

    def test_each_service_runs_its_processes_and_a_migration_job(self, target):
        """An api; a relay if it publishes events; a consumer if it consumes; a Deployment of each of its own
        kinds (the notifications scheduler): the processes `make up` starts (localinfra.topology.kinds)."""
        from localinfra.topology import kinds

        objs = objects(target)
        names = {(o["kind"], o["metadata"]["name"]) for o in objs}

        for service in k8s_check_services():
            deployments = {name.removeprefix(f"{service}-") for kind, name in names
                           if kind == "Deployment" and name.startswith(f"{service}-")}
            assert deployments == {"consumer" if kind == "consume" else kind for kind in kinds(service)}, service
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


def test_the_prod_overlay_refuses_our_images_by_tag_and_accepts_them_by_digest():
    deployment = copy.deepcopy(find(objects("overlays/prod"), "Deployment", "registry-api"))
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["image"] = "registry.example.gov.vn/iso-hcc/registry:1.0.0"

    [problem] = k8s_check.image_problems("prod", [deployment])
    assert "not pinned by digest" in problem
    container["image"] = "registry.example.gov.vn/iso-hcc/registry@sha256:" + "0" * 64
    assert k8s_check.image_problems("prod", [deployment]) == []
    container["image"] = "registry.example.gov.vn/iso-hcc/registry:1.0.0"
    assert k8s_check.image_problems("dev", [deployment]) == []  # dev keeps tags


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


# ---- Alerts (issue 21, item 6): a severity, both languages, a runbook section that exists, and only metrics that
# something exports.

SEVERITIES = {"page", "ticket"}

# Metrics of the exporters the alerts name (docs/operations/alerts.md), as their projects document them.
EXPORTED_ELSEWHERE = {
    # Prometheus itself
    "up",
    # CloudNativePG's instance manager: its collector and default monitoring queries
    "cnpg_collector_up", "cnpg_backends_total", "cnpg_backends_waiting_total", "cnpg_pg_settings_setting",
    "cnpg_pg_replication_lag", "cnpg_pg_replication_streaming_replicas", "cnpg_pg_stat_archiver_failed_count",
    "cnpg_pg_stat_archiver_archived_count", "cnpg_pg_stat_archiver_last_failed_time",
    "cnpg_pg_stat_archiver_last_archived_time", "cnpg_pg_stat_archiver_seconds_since_last_archival",
    "cnpg_pg_database_size_bytes", "cnpg_pg_stat_database_xact_commit", "cnpg_pg_stat_database_xact_rollback",
    "cnpg_pg_stat_database_deadlocks", "cnpg_collector_pg_wal", "cnpg_pg_postmaster_start_time",
    # CloudNativePG's PgBouncer exporter (the Pooler)
    "cnpg_pgbouncer_pools_cl_active", "cnpg_pgbouncer_pools_cl_waiting", "cnpg_pgbouncer_pools_sv_active",
    "cnpg_pgbouncer_pools_sv_idle", "cnpg_pgbouncer_pools_maxwait",
    # the Barman Cloud plugin (supersedes cnpg_collector_last_available_backup_timestamp)
    "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp",
    "barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp",
    "barman_cloud_cloudnative_pg_io_first_recoverability_point",
    # Strimzi's Kafka Exporter
    "kafka_brokers", "kafka_consumergroup_lag", "kafka_consumergroup_current_offset", "kafka_consumergroup_members",
    "kafka_topic_partition_current_offset", "kafka_topic_partition_oldest_offset", "kafka_topic_partitions",
    "kafka_topic_partition_under_replicated_partition", "kafka_topic_partition_in_sync_replica",
    # kube-state-metrics and the kubelet
    "kube_deployment_status_replicas_available", "kube_deployment_spec_replicas",
    "kubelet_volume_stats_used_bytes", "kubelet_volume_stats_capacity_bytes",
    # cAdvisor
    "container_cpu_usage_seconds_total", "container_memory_working_set_bytes",
}
PROMQL_WORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
                "offset", "inf", "nan"}


def alerts(objs: list[dict]) -> list[dict]:
    return [rule for o in objs if o["kind"] == "PrometheusRule"
            for group in o["spec"]["groups"] for rule in group["rules"] if "alert" in rule]


def platform_metrics() -> set[str]:
    """What the platform exports: kit.metrics and the gateway's own collectors, with their sample suffixes."""
    import prometheus_client

    import gateway.limits  # noqa: F401  (registers gateway_rate_limit_fallback_total)
    import kit.metrics  # noqa: F401
    import notifications.metrics  # noqa: F401  (the scheduler's)

    return {name for names in prometheus_client.REGISTRY._collector_to_names.values() for name in names}


def kafka_jmx_patterns(objs: list[dict]) -> list:
    """The names Strimzi's JMX exporter can produce from the `kafka-metrics` rules, as regular expressions."""
    import re

    import yaml

    config = yaml.safe_load(find(objs, "ConfigMap", "kafka-metrics")["data"]["kafka-metrics-config.yml"])
    return [re.compile(re.sub(r"\\\$\d", "[a-z0-9_]+", re.escape(rule["name"].lower())))
            for rule in config["rules"] if "name" in rule]


def metrics_read(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (strings, label matchers, ranges and grouping labels removed)."""
    import re

    text = re.sub(r'"(\\.|[^"\\])*"', "", expr)
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", text):
        rest = text[match.end():].lstrip()
        if rest.startswith("(") or match.group() in PROMQL_WORDS or re.fullmatch(r"\d.*", match.group()):
            continue
        names.add(match.group())
    return names


# The MBean attribute behind each JMX metric an alert reads, as the JMX exporter writes it before the rules apply
# (`domain<key=value, ...><>attribute`, keys in the MBean name's order).
KAFKA_MBEANS = {
    "kafka_server_replicamanager_underreplicatedpartitions":
        "kafka.server<type=ReplicaManager, name=UnderReplicatedPartitions><>Value",
    "kafka_server_replicamanager_underminisrpartitioncount":
        "kafka.server<type=ReplicaManager, name=UnderMinIsrPartitionCount><>Value",
    "kafka_controller_kafkacontroller_offlinepartitionscount":
        "kafka.controller<type=KafkaController, name=OfflinePartitionsCount><>Value",
}


def jmx_name(objs: list[dict], mbean: str) -> str | None:
    """The metric name the `kafka-metrics` rules give MBEAN: the first rule whose pattern matches it, its `$n`
    filled in, lower-cased as `lowercaseOutputName` asks; None when no rule matches (the exporter drops it)."""
    import re

    import yaml

    config = yaml.safe_load(find(objs, "ConfigMap", "kafka-metrics")["data"]["kafka-metrics-config.yml"])
    for rule in config["rules"]:
        if "name" in rule and (match := re.fullmatch(rule["pattern"], mbean)):
            name = re.sub(r"\$(\d)", lambda ref: match.group(int(ref.group(1))), rule["name"])
            return name.lower() if config.get("lowercaseOutputName") else name
    return None


def unexported(objs: list[dict], expr: str) -> set[str]:
    patterns = kafka_jmx_patterns(objs)
    known = platform_metrics() | EXPORTED_ELSEWHERE
    return {name for name in metrics_read(expr)
            if name not in known and not any(p.fullmatch(name) for p in patterns)}


def runbook_problem(url: str) -> str | None:
    import re

    path, _, anchor = url.partition("#")
    file = ROOT / path
    if not path.startswith("docs/operations/") or not file.is_file():
        return f"{url}: no such runbook"
    headings, fenced = [], False
    for line in file.read_text().splitlines():
        fenced ^= line.lstrip().startswith("```")
        if not fenced and line.startswith("#"):
            headings.append(line.lstrip("#").strip())
    slugs = {re.sub(r"[^a-z0-9 _-]", "", heading.lower()).replace(" ", "-") for heading in headings}
    if not anchor or anchor not in slugs:
        return f"{url}: no section #{anchor} in {path}"
    return None


class TestTheAlerts:
    def test_every_alert_has_a_severity_a_summary_in_both_languages_and_a_runbook_section(self):
        problems = []
        for rule in alerts(objects("base")):
            annotations = rule.get("annotations", {})
            if rule.get("labels", {}).get("severity") not in SEVERITIES:
                problems.append(f"{rule['alert']}: severity not one of {sorted(SEVERITIES)}")
            if " / " not in annotations.get("summary", ""):
                problems.append(f"{rule['alert']}: summary is not 'Vietnamese / English'")
            if problem := runbook_problem(annotations.get("runbook_url", "")):
                problems.append(f"{rule['alert']}: {problem}")
        assert problems == []

    def test_every_metric_an_alert_reads_is_exported(self):
        objs = objects("base")
        problems = {rule["alert"]: missing for rule in alerts(objs) if (missing := unexported(objs, rule["expr"]))}
        assert problems == {}

    def test_the_alerts_runbook_has_a_section_for_every_alert_and_no_other(self):
        import re

        sections = set(re.findall(r"^## (IsoHcc\w+)$", (ROOT / "docs/operations/alerts.md").read_text(), re.M))
        assert sections == {rule["alert"] for rule in alerts(objects("base"))}

    def test_the_alerts_cover_what_issue_21_asks_for(self):
        exprs = "\n".join(rule["expr"] for rule in alerts(objects("base")))
        for metric in ("cnpg_backends_total", "cnpg_pg_replication_lag", "cnpg_pg_stat_archiver_failed_count",
                       "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp",
                       "kafka_server_replicamanager_underreplicatedpartitions", "kafka_consumergroup_lag",
                       "kubelet_volume_stats_used_bytes", "kube_deployment_status_replicas_available",
                       "gateway_rate_limit_fallback_total", "outbox_backlog",
                       "kafka_controller_kafkacontroller_offlinepartitionscount"):
            assert metric in exprs, metric

    def test_every_kafka_jmx_metric_an_alert_reads_is_what_a_kafka_metrics_rule_makes_of_its_mbean(self):
        objs = objects("base")
        jmx = {name for rule in alerts(objs) for name in metrics_read(rule["expr"])
               if name.startswith(("kafka_server_", "kafka_controller_"))}

        assert jmx == set(KAFKA_MBEANS)
        assert {metric: jmx_name(objs, mbean) for metric, mbean in KAFKA_MBEANS.items()} == {
            metric: metric for metric in KAFKA_MBEANS}

    def test_every_relay_consumer_and_scheduler_is_watched_for_absence(self):
        import re

        objs = objects("base")
        [missing] = [rule["expr"] for rule in alerts(objs) if rule["alert"] == "IsoHccLoopMissing"]
        loops = {o["metadata"]["name"] for o in objs if o["kind"] == "Deployment"
                 and o["metadata"]["labels"].get("app.kubernetes.io/component") in ("relay", "consumer",
                                                                                    "scheduler")}
        assert set(re.findall(r'deployment="([a-z-]+)"', missing)) == loops

    def test_every_dashboard_is_a_configmap_grafana_picks_up(self):
        import json

        dashboards = [o for o in objects("base") if o["kind"] == "ConfigMap"
                      and o["metadata"].get("labels", {}).get("grafana_dashboard") == "1"]
        assert {o["metadata"]["name"] for o in dashboards} >= {"iso-hcc-dashboard", "iso-hcc-postgres-dashboard",
                                                               "iso-hcc-kafka-dashboard"}
        objs = objects("base")
        for configmap in dashboards:
            [(name, text)] = configmap["data"].items()
            dashboard = json.loads(text)
            for panel in dashboard["panels"]:
                for target in panel.get("targets", []):
                    assert not unexported(objs, target["expr"]), (name, panel["title"], target["expr"])


class TestTheAlertChecksRefuse:
    def test_a_metric_nobody_exports(self):
        objs = objects("base")
        assert unexported(objs, 'sum by (pod) (cnpg_backends_totl{name="x"}) > 0.8') == {"cnpg_backends_totl"}
        assert unexported(objs, "kafka_controller_kafkacontroller_offlinepartitionscount > 0") == set()
        assert unexported(objs, "kafka_controller_kafkacontroler_offlinepartitionscount > 0") == {
            "kafka_controller_kafkacontroler_offlinepartitionscount"}
        assert unexported(objs, "rate(kafka_network_requestmetrics_requests_total[5m]) > 0") == {
            "kafka_network_requestmetrics_requests_total"}  # no kafka.network rule in kafka-metrics
        assert unexported(objs, "rate(gateway_rate_limit_fallback_total[5m]) > 0") == set()

    def test_an_mbean_no_rule_matches_or_names_otherwise(self):
        objs = objects("base")
        assert jmx_name(objs, "kafka.network<type=RequestMetrics, name=RequestsPerSec, request=Produce><>Count") is None
        assert jmx_name(objs, "kafka.controller<type=ControllerStats, name=UncleanLeaderElectionsPerSec><>Count") == (
            "kafka_controller_controllerstats_uncleanleaderelections_total")
        assert jmx_name(objs, "kafka.controller<type=KafkaController, name=ActiveControllerCount><>Value") != (
            "kafka_controller_kafkacontroller_offlinepartitionscount")

    def test_a_runbook_section_that_does_not_exist(self):
        assert runbook_problem("docs/operations/alerts.md#isohccdatabaseconnections") is None
        assert "no section" in runbook_problem("docs/operations/alerts.md#isohccnosuchalert")
        assert "no such runbook" in runbook_problem("docs/operations/nothing.md#x")


# ---- CloudNativePG is scraped: a PodMonitor carrying the label the Prometheus CR selects by (install.md) selects
# the pods CloudNativePG makes for each Cluster and Pooler, on their exporter's port; CNPG's own PodMonitors are off.

PROMETHEUS_SELECTS = {"app.kubernetes.io/part-of": "iso-hcc"}
MONITOR_KINDS = {"ServiceMonitor", "PodMonitor", "PrometheusRule"}


def cnpg_pods(objs: list[dict]) -> dict[str, dict]:
    """The labels CloudNativePG puts on the pods of each Cluster and Pooler (and the exporter port it names
    `metrics`: 9187 on an instance, 9127 on a pooler)."""
    pods = {}
    for obj in objs:
        name = obj["metadata"]["name"]
        if obj["kind"] == "Cluster":
            pods[k8s_check.name_of(obj)] = {"cnpg.io/cluster": name, "cnpg.io/podRole": "instance"}
        elif obj["kind"] == "Pooler":
            pods[k8s_check.name_of(obj)] = {"cnpg.io/cluster": obj["spec"]["cluster"]["name"],
                                            "cnpg.io/poolerName": name, "cnpg.io/podRole": "pooler"}
    return pods


def scrape_problems(objs: list[dict]) -> list[str]:
    name_of, selects = k8s_check.name_of, k8s_check._selects
    problems = [f"{name_of(o)}: not labelled {PROMETHEUS_SELECTS}" for o in objs if o["kind"] in MONITOR_KINDS
                and not selects({"matchLabels": PROMETHEUS_SELECTS}, o["metadata"].get("labels") or {})]
    problems += [f"{name_of(o)}: monitoring.enablePodMonitor makes a PodMonitor the Prometheus does not select"
                 for o in objs if o["kind"] in ("Cluster", "Pooler")
                 and (o["spec"].get("monitoring") or {}).get("enablePodMonitor")]
    monitors = [o for o in objs if o["kind"] == "PodMonitor"]
    for pod, labels in cnpg_pods(objs).items():
        scraping = [m["metadata"]["name"] for m in monitors if selects(m["spec"]["selector"], labels)
                    and "metrics" in {e.get("port") for e in m["spec"]["podMetricsEndpoints"]}]
        if len(scraping) != 1:
            problems.append(f"{pod}: its pods' metrics port is scraped by {len(scraping)} PodMonitors {scraping}")
    return problems


class TestCloudNativePGIsScraped:
    @pytest.mark.parametrize("target", TARGETS)
    def test_each_cluster_and_pooler_is_scraped_once_through_a_monitor_prometheus_selects(self, target):
        objs = objects(target)
        assert {"Cluster/iso-hcc-pg", "Pooler/iso-hcc-pg-pooler-rw"} <= set(cnpg_pods(objs))
        assert scrape_problems(objs) == []

    def test_the_instances_and_the_pooler_let_prometheus_reach_their_exporters(self):
        objs = objects("base")
        from_monitoring = {(policy["metadata"]["name"], port["port"])
                           for policy in objs if policy["kind"] == "NetworkPolicy"
                           for rule in policy["spec"].get("ingress", [])
                           if any(peer.get("namespaceSelector", {}).get("matchLabels", {}).get(
                               "kubernetes.io/metadata.name") == "monitoring" for peer in rule["from"])
                           for port in rule.get("ports", [])}
        assert {("postgres", 9187), ("postgres-pooler", 9127)} <= from_monitoring

    def test_the_check_refuses_an_unlabelled_monitor_cnpgs_own_monitor_and_an_unscraped_pooler(self):
        objs = copy.deepcopy(objects("base"))
        find(objs, "PodMonitor", "iso-hcc-pg")["metadata"]["labels"].pop("app.kubernetes.io/part-of")
        find(objs, "Cluster", "iso-hcc-pg")["spec"]["monitoring"] = {"enablePodMonitor": True}
        objs.remove(find(objs, "PodMonitor", "iso-hcc-pg-pooler"))

        assert scrape_problems(objs) == [
            f"PodMonitor/iso-hcc-pg: not labelled {PROMETHEUS_SELECTS}",
            "Cluster/iso-hcc-pg: monitoring.enablePodMonitor makes a PodMonitor the Prometheus does not select",
            "Pooler/iso-hcc-pg-pooler-rw: its pods' metrics port is scraped by 0 PodMonitors []",
        ]


# ---- Every Kafka user's client reaches the brokers' client listener: the listener's networkPolicyPeers (Strimzi
# makes a NetworkPolicy of them) and our NetworkPolicy `kafka` both admit its pods on 9092 (ADR 20).

NAMESPACE = "iso-hcc"
# Where each KafkaUser's client runs: its pods' labels and namespace.
KAFKA_CLIENTS = {
    **{name: ({"app.kubernetes.io/name": name}, NAMESPACE)
       for name in ("registry", "inspections", "training", "budget", "reporting", "notifications")},
    "dlq-replay": ({"app.kubernetes.io/name": "dlq-replay"}, NAMESPACE),  # docs/operations/replay-dlq.md's pod
    "iso-hcc-keda": ({"app.kubernetes.io/name": "keda-operator"}, "keda"),  # KEDA's operator, in its namespace
}


def peer_admits(peer: dict, labels: dict, namespace: str) -> bool:
    """A NetworkPolicyPeer of a policy in NAMESPACE admits a pod (LABELS) of NAMESPACE: podSelector alone means
    that namespace's pods; namespaceSelector, those namespaces' pods (of podSelector when both are there)."""
    if "namespaceSelector" in peer:
        if not k8s_check._selects(peer["namespaceSelector"], {"kubernetes.io/metadata.name": namespace}):
            return False
    elif namespace != NAMESPACE:
        return False
    return "podSelector" not in peer or k8s_check._selects(peer["podSelector"], labels)


def unreachable_kafka_users(objs: list[dict]) -> list[str]:
    [kafka] = [o for o in objs if o["kind"] == "Kafka"]
    [listener] = [x for x in kafka["spec"]["kafka"]["listeners"] if x["port"] == 9092]
    policy = find(objs, "NetworkPolicy", "kafka")
    rules = [rule for rule in policy["spec"]["ingress"]
             if not rule.get("ports") or 9092 in {p.get("port") for p in rule["ports"]}]
    problems = []
    for user in sorted(o["metadata"]["name"] for o in objs if o["kind"] == "KafkaUser"):
        labels, namespace = KAFKA_CLIENTS.get(user, ({}, "unknown"))
        if not any(peer_admits(peer, labels, namespace) for peer in listener["networkPolicyPeers"]):
            problems.append(f"{user}: not among the listener's networkPolicyPeers")
        if not any(peer_admits(peer, labels, namespace) for rule in rules for peer in rule["from"]):
            problems.append(f"{user}: the NetworkPolicy kafka does not let it in on 9092")
    return problems


class TestEveryKafkaUserReachesTheListener:
    def test_every_kafka_user_has_a_known_client(self):
        users = {o["metadata"]["name"] for o in objects("base") if o["kind"] == "KafkaUser"}
        assert users == set(KAFKA_CLIENTS)

    @pytest.mark.parametrize("target", TARGETS)
    def test_the_listener_and_the_network_policy_admit_every_kafka_users_client(self, target):
        assert unreachable_kafka_users(objects(target)) == []

    def test_the_check_refuses_a_client_left_out(self):
        objs = copy.deepcopy(objects("base"))
        [kafka] = [o for o in objs if o["kind"] == "Kafka"]
        for peer in kafka["spec"]["kafka"]["listeners"][0]["networkPolicyPeers"]:
            for expression in peer.get("podSelector", {}).get("matchExpressions", []):
                expression["values"].remove("dlq-replay")

        assert unreachable_kafka_users(objs) == ["dlq-replay: not among the listener's networkPolicyPeers"]
