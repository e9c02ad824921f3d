"""`make k8s-check`: build every overlay of deploy/k8s and check what it would apply.

1. `kustomize build` of the base and of every overlay succeeds. kustomize is installed once with `go install`
   into var/cache/k8s/bin when it is not there, with a Go of at least the version kustomize's go.mod names
   (localinfra.golang.ensure_go: the `go` on PATH if recent enough, else that Go release fetched once into
   var/cache/go, starting from Debian's golang-go, installed with apt-get when there is no `go` at all).
   KUSTOMIZE=/path/to/kustomize uses another kustomize.
2. Every built-in object validates, strictly (unknown fields refused), against the Kubernetes schemas that
   the `kubernetes-validate` package ships; every custom resource against its CRD's openAPIV3Schema, also
   refusing unknown fields. The CRDs are read from K8S_CRDS (default: ../shared/k8s-crds beside the
   repository), a directory of the CustomResourceDefinitions of Strimzi, CloudNativePG, its Barman Cloud plugin
   (ObjectStore), the Prometheus operator and KEDA (ScaledObject, TriggerAuthentication), one YAML file per CRD;
   each custom kind the manifests use (CRD_KINDS) must be there.
3. Policy: every workload runs non-root with a read-only root filesystem, no privilege escalation, all
   capabilities dropped, seccomp RuntimeDefault, requests and a memory limit; long-running ones have probes;
   APIs have a preStop sleep and a grace period that covers it plus gunicorn's graceful timeout, a PDB and an HPA;
   consumers a PDB; every pod is under the namespace's default deny and at least one explicit allow; every
   event topic has a KafkaTopic and every topic a consumer reads has its `<topic>.dlq`; overlays only patch;
   images have a tag other than latest, and the prod overlay names ours by digest.
4. Paths: every environment variable that names a filesystem path (PROMETHEUS_MULTIPROC_DIR, HEALTH_FILE, any
   `*_DIR`, `*_FILE`, `*_PATH`...), whether the manifest sets it (env, envFrom ConfigMaps) or the image does
   (the runtime stage's ENV in deploy/docker/Dockerfile), lies under one of the container's volumeMounts: the
   root filesystem is read only, so a process told to write elsewhere dies at its first write (issue 21: the
   consumers' metrics folder). A variable the code only reads may name a path the image provides instead
   (READ_ONLY_ENV).

Exit status 0 when all holds; 1 with every problem printed, one a line; 2 when the check cannot run (kustomize
cannot be installed, the CRDs are missing), with one line `k8s-check: <what is missing>` on stderr.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

from localinfra import InfraError, golang

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = sorted(p.name for p in (K8S / "overlays").iterdir() if (p / "kustomization.yaml").exists())
CRDS_ENV = "K8S_CRDS"
CRDS_DEFAULT = ROOT.parent / "shared" / "k8s-crds"
CRDS_CONTENT = ("the CustomResourceDefinitions of Strimzi, CloudNativePG, its Barman Cloud plugin, the Prometheus "
                "operator and KEDA, one YAML file per CRD")
# The custom kinds the manifests use, each validated against its CRD's schema: a K8S_CRDS without one of them
# cannot check the manifests (exit 2), rather than report every object of that kind as unknown.
CRD_KINDS = {
    ("kafka.strimzi.io/v1", "Kafka"), ("kafka.strimzi.io/v1", "KafkaNodePool"), ("kafka.strimzi.io/v1", "KafkaTopic"),
    ("kafka.strimzi.io/v1", "KafkaUser"),
    ("postgresql.cnpg.io/v1", "Cluster"), ("postgresql.cnpg.io/v1", "Database"),
    ("postgresql.cnpg.io/v1", "ScheduledBackup"), ("postgresql.cnpg.io/v1", "Pooler"),
    ("barmancloud.cnpg.io/v1", "ObjectStore"),
    ("keda.sh/v1alpha1", "ScaledObject"), ("keda.sh/v1alpha1", "TriggerAuthentication"),
    ("monitoring.coreos.com/v1", "ServiceMonitor"), ("monitoring.coreos.com/v1", "PodMonitor"),
    ("monitoring.coreos.com/v1", "PrometheusRule"),
}
KUSTOMIZE_MODULE = "sigs.k8s.io/kustomize/kustomize/v5@v5.6.0"
KUSTOMIZE_GO = "1.22.7"  # the `go` line of kustomize v5.6.0's go.mod
KUSTOMIZE_CACHE = ROOT / "var" / "cache" / "k8s" / "bin"
GO_CACHE = ROOT / "var" / "cache" / "go"
KUBERNETES_VERSION = "1.33.0"  # the oldest cluster version we support (preStop `sleep` needs 1.30+)
WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}
LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of")
PRESTOP_MARGIN_SECONDS = 5
DOCKERFILE = ROOT / "deploy" / "docker" / "Dockerfile"
# A variable whose name ends so names a file or folder; PATH (where programs are found) is the image's own.
PATH_VARIABLE = re.compile(r"(^|_)(DIR|DIRECTORY|FILE|PATH|SOCKET)$|^TMPDIR$")
NOT_PATHS = frozenset({"PATH"})
# Variables the code only reads (never writes under): they may name a path the image provides, read only.
READ_ONLY_ENV: frozenset[str] = frozenset()
# Overlays that name our images by digest, not tag: what runs is exactly what `make image` built (ADR 21).
DIGEST_PINNED = frozenset({"prod"})
DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")


class CheckError(RuntimeError):
    """Something the check needs is missing (kustomize cannot be installed, the CRDs are not there)."""


# -- kustomize ---------------------------------------------------------------------------------------------

def one_line(text: object) -> str:
    """TEXT on one line: its lines joined with `; `."""
    return "; ".join(line.strip() for line in str(text).splitlines() if line.strip())


def kustomize() -> str:
    """The kustomize binary: $KUSTOMIZE, else var/cache/k8s/bin/kustomize, installed with `go install` once."""
    if os.environ.get("KUSTOMIZE"):
        chosen = os.environ["KUSTOMIZE"]
        if not (os.path.isfile(chosen) and os.access(chosen, os.X_OK)):
            raise CheckError(f"KUSTOMIZE={chosen} is not an executable file")
        return chosen
    binary = KUSTOMIZE_CACHE / "kustomize"
    if binary.exists():
        return str(binary)
    try:
        go = golang.ensure_go(KUSTOMIZE_GO, cache=GO_CACHE)
    except InfraError as error:
        raise CheckError(f"kustomize is not installed, and installing it needs Go >= {KUSTOMIZE_GO}: "
                         f"{one_line(error)}; or set KUSTOMIZE to a kustomize binary") from None
    KUSTOMIZE_CACHE.mkdir(parents=True, exist_ok=True)
    print(f"k8s-check: installing kustomize ({KUSTOMIZE_MODULE}) into {KUSTOMIZE_CACHE} with {go}, once",
          file=sys.stderr)
    env = {key: value for key, value in os.environ.items() if key != "GOROOT"}  # each go finds its own
    env.update(GOBIN=str(KUSTOMIZE_CACHE), GOFLAGS="-buildvcs=false")
    done = subprocess.run([go, "install", KUSTOMIZE_MODULE], env=env, capture_output=True, text=True)
    if done.returncode or not binary.exists():
        tail = one_line("\n".join(done.stderr.strip().splitlines()[-5:])) or f"exit {done.returncode}"
        raise CheckError(f"go install {KUSTOMIZE_MODULE} with {go} failed: {tail}")
    return str(binary)


@functools.cache
def build(target: str) -> tuple[dict, ...]:
    """The objects `kustomize build` makes of `base` or `overlays/<name>`."""
    path = K8S / target
    done = subprocess.run([kustomize(), "build", str(path)], capture_output=True, text=True)
    if done.returncode:
        raise CheckError(f"kustomize build {path.relative_to(ROOT)} failed: {one_line(done.stderr)}")
    return tuple(doc for doc in yaml.safe_load_all(done.stdout) if doc)


def name_of(obj: dict) -> str:
    return f"{obj['kind']}/{obj['metadata'].get('name')}"


# -- schemas ---------------------------------------------------------------------------------------------------

def _strict(schema: object) -> object:
    """The CRD schema refusing unknown fields, as the API server's strict field validation does."""
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: _strict(value) for key, value in schema.items()}
    if ("properties" in schema and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")):
        schema["additionalProperties"] = False
    return schema


def crds_dir() -> Path:
    """Where the CRDs are: $K8S_CRDS, else ../shared/k8s-crds beside the repository."""
    return Path(os.environ.get(CRDS_ENV) or CRDS_DEFAULT)


def crd_schemas() -> dict[tuple[str, str], dict]:
    """(apiVersion, kind) -> the strict openAPIV3Schema of each served version of the CRDs in K8S_CRDS."""
    return _crd_schemas(crds_dir().resolve())


@functools.cache
def _crd_schemas(crds: Path) -> dict[tuple[str, str], dict]:
    if not crds.is_dir():
        raise CheckError(f"no CRD schemas: {crds} is not a directory; set {CRDS_ENV} to one holding {CRDS_CONTENT} "
                         f"(default: ../shared/k8s-crds beside the repository)")
    schemas = {}
    for path in sorted(crds.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = doc["spec"]["group"], doc["spec"]["names"]["kind"]
            for version in doc["spec"]["versions"]:
                if version.get("served", True) and "schema" in version:
                    schema = _strict(version["schema"]["openAPIV3Schema"])
                    schema["properties"]["metadata"] = {"type": "object"}
                    schemas[(f"{group}/{version['name']}", kind)] = schema
    if not schemas:
        raise CheckError(f"no CRD schemas: {crds} has no CustomResourceDefinition in a *.yaml file; set {CRDS_ENV} "
                         f"to a directory holding {CRDS_CONTENT}")
    missing = sorted(f"{kind} ({version})" for version, kind in CRD_KINDS - set(schemas))
    if missing:
        raise CheckError(f"no CRD schema for {', '.join(missing)} in {crds}; set {CRDS_ENV} to a directory holding "
                         f"{CRDS_CONTENT}")
    return schemas


def schema_problems(objects: Iterable[dict]) -> list[str]:
    import jsonschema
    import kubernetes_validate

    problems = []
    for obj in objects:
        key = (obj.get("apiVersion"), obj.get("kind"))
        if key in crd_schemas():
            validator = jsonschema.Draft7Validator(crd_schemas()[key])
            for error in sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path)):
                where = "/".join(str(p) for p in error.absolute_path)
                problems.append(f"{name_of(obj)}: {where}: {error.message[:300]}")
            continue
        try:
            kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            problems.append(f"{name_of(obj)}: {key[0]} {key[1]} is neither a Kubernetes kind nor a known CRD")
        except kubernetes_validate.ValidationError as error:
            where = "/".join(str(p) for p in error.path)
            problems.append(f"{name_of(obj)}: {where}: {error.message[:300]}")
    return problems


# -- policy ------------------------------------------------------------------------------------------------------

def pod_template(obj: dict) -> dict:
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]
    return obj["spec"]["template"]


def gunicorn_graceful_timeout() -> int:
    """What kit.serve gives gunicorn, read from its source so the manifests cannot drift from it."""
    source = (ROOT / "libs" / "kit" / "src" / "kit" / "serve.py").read_text()
    found = re.search(r'"graceful_timeout":\s*(\d+)', source)
    if not found:
        raise CheckError("graceful_timeout not found in libs/kit/src/kit/serve.py")
    return int(found.group(1))


def _selects(selector: dict, labels: dict) -> bool:
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        value, operator = labels.get(expression["key"]), expression["operator"]
        if operator == "In" and value not in expression["values"]:
            return False
        if operator == "NotIn" and value in expression["values"]:
            return False
        if operator == "Exists" and value is None:
            return False
        if operator == "DoesNotExist" and value is not None:
            return False
    return True


def container_problems(where: str, pod: dict, container: dict) -> list[str]:
    problems = []
    pod_ctx, ctx = pod.get("securityContext") or {}, container.get("securityContext") or {}
    if not (ctx.get("runAsNonRoot") or pod_ctx.get("runAsNonRoot")):
        problems.append(f"{where}: not runAsNonRoot")
    if ctx.get("runAsUser", pod_ctx.get("runAsUser")) == 0:
        problems.append(f"{where}: runAsUser 0")
    if ctx.get("readOnlyRootFilesystem") is not True:
        problems.append(f"{where}: root filesystem not read-only")
    if ctx.get("allowPrivilegeEscalation") is not False:
        problems.append(f"{where}: allowPrivilegeEscalation not false")
    if "ALL" not in ((ctx.get("capabilities") or {}).get("drop") or []):
        problems.append(f"{where}: capabilities not dropped (drop: [ALL])")
    seccomp = (ctx.get("seccompProfile") or pod_ctx.get("seccompProfile") or {}).get("type")
    if seccomp not in ("RuntimeDefault", "Localhost"):
        problems.append(f"{where}: no seccomp profile RuntimeDefault")
    resources = container.get("resources") or {}
    for kind in ("cpu", "memory"):
        if kind not in (resources.get("requests") or {}):
            problems.append(f"{where}: no {kind} request")
    if "memory" not in (resources.get("limits") or {}):
        problems.append(f"{where}: no memory limit")
    return problems


def policy_problems(objects: Iterable[dict]) -> list[str]:
    objects = list(objects)
    problems = []
    by_kind: dict[str, list[dict]] = {}
    for obj in objects:
        by_kind.setdefault(obj["kind"], []).append(obj)
        if obj["kind"] in WORKLOADS:
            missing = [label for label in LABELS if label not in (obj["metadata"].get("labels") or {})]
            if missing:
                problems.append(f"{name_of(obj)}: no label {', '.join(missing)}")
    policies = by_kind.get("NetworkPolicy", [])
    deny_all = [p for p in policies if p["spec"].get("podSelector") == {}
                and set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
                and not p["spec"].get("ingress") and not p["spec"].get("egress")]
    if not deny_all:
        problems.append("no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)")
    allows = [p for p in policies if p not in deny_all and p["spec"].get("podSelector") != {}]
    grace = gunicorn_graceful_timeout()
    hpa_targets = {h["spec"]["scaleTargetRef"]["name"] for h in by_kind.get("HorizontalPodAutoscaler", [])}
    pdbs = by_kind.get("PodDisruptionBudget", [])

    for obj in (o for o in objects if o["kind"] in WORKLOADS):
        template = pod_template(obj)
        pod, labels = template["spec"], template["metadata"].get("labels") or {}
        component = labels.get("app.kubernetes.io/component")
        for container in pod.get("initContainers", []) + pod["containers"]:
            problems += container_problems(f"{name_of(obj)} container {container['name']}", pod, container)
        if not any(_selects(p["spec"]["podSelector"], labels) for p in allows):
            problems.append(f"{name_of(obj)}: no NetworkPolicy allows anything for its pods")
        if obj["kind"] not in ("Deployment", "StatefulSet", "DaemonSet"):
            continue
        for container in pod["containers"]:
            for probe in ("livenessProbe", "readinessProbe"):
                if probe not in container:
                    problems.append(f"{name_of(obj)} container {container['name']}: no {probe}")
        if obj["kind"] == "Deployment" and component in ("api", "consumer", "relay") and not any(
                _selects(p["spec"]["selector"], labels) for p in pdbs):
            problems.append(f"{name_of(obj)}: no PodDisruptionBudget")
        for pdb in (p for p in pdbs if _selects(p["spec"]["selector"], labels)):
            if pdb["spec"].get("maxUnavailable") in (0, "0%") or pdb["spec"].get("minAvailable") == "100%":
                problems.append(f"PodDisruptionBudget/{pdb['metadata']['name']}: blocks node drains")
        if component == "api":
            problems += api_problems(obj, pod, grace, hpa_targets)
    return problems


def api_problems(obj: dict, pod: dict, grace: int, hpa_targets: set[str]) -> list[str]:
    problems = []
    [container] = pod["containers"]
    if "startupProbe" not in container:
        problems.append(f"{name_of(obj)}: no startupProbe")
    paths = {probe: (container.get(probe) or {}).get("httpGet", {}).get("path")
             for probe in ("livenessProbe", "readinessProbe")}
    if paths != {"livenessProbe": "/livez", "readinessProbe": "/readyz"}:
        problems.append(f"{name_of(obj)}: probes must be /livez (liveness) and /readyz (readiness), not {paths}")
    sleep = (((container.get("lifecycle") or {}).get("preStop") or {}).get("sleep") or {}).get("seconds")
    if not sleep:
        problems.append(f"{name_of(obj)}: no preStop sleep (endpoints are removed asynchronously)")
    period = pod.get("terminationGracePeriodSeconds", 30)
    if period < (sleep or 0) + grace + PRESTOP_MARGIN_SECONDS:
        problems.append(f"{name_of(obj)}: terminationGracePeriodSeconds {period} < preStop {sleep} s + gunicorn "
                        f"graceful timeout {grace} s + {PRESTOP_MARGIN_SECONDS} s")
    if obj["spec"].get("strategy", {}).get("rollingUpdate", {}).get("maxUnavailable") not in (0, "0%"):
        problems.append(f"{name_of(obj)}: rolling update may take a serving replica away first (maxUnavailable)")
    if obj["metadata"]["name"] not in hpa_targets:
        problems.append(f"{name_of(obj)}: no HorizontalPodAutoscaler")
    return problems


def image_env(dockerfile: Path = DOCKERFILE) -> dict[str, str]:
    """The ENV of the Dockerfile's last stage (the runtime image): what every ISO-HCC container starts with."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text())
    env: dict[str, str] = {}
    for line in text.splitlines():
        if re.match(r"^FROM\s", line):
            env = {}
        elif found := re.match(r"^ENV\s+(.*)$", line):
            for name, value in re.findall(r'([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)', found.group(1)):
                env[name] = value.strip('"')
    return env


def _ours(image: str) -> bool:
    """An image built from deploy/docker/Dockerfile (`iso-hcc/<service>`, under any registry)."""
    return "iso-hcc/" in image


def container_env(container: dict, configmaps: dict[str, dict]) -> dict[str, str]:
    """The variables a container starts with that the check can know: its image's ENV (ours), then its envFrom
    ConfigMaps, then its env values and ConfigMap keys (Secrets are not in the manifests)."""
    env = dict(image_env()) if _ours(container.get("image", "")) else {}
    for source in container.get("envFrom") or []:
        if "configMapRef" in source:
            data = configmaps.get(source["configMapRef"]["name"], {})
            env.update({source.get("prefix", "") + k: str(v) for k, v in data.items()})
    for item in container.get("env") or []:
        if "value" in item:
            env[item["name"]] = str(item["value"])
        elif (ref := (item.get("valueFrom") or {}).get("configMapKeyRef")) and ref["key"] in configmaps.get(
                ref["name"], {}):
            env[item["name"]] = str(configmaps[ref["name"]][ref["key"]])
    return env


def _under(path: str, folder: str) -> bool:
    path, folder = os.path.normpath(path), os.path.normpath(folder)
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def env_path_problems(objects: Iterable[dict]) -> list[str]:
    """Every variable naming a path lies under one of its container's volumeMounts (or READ_ONLY_ENV)."""
    objects = list(objects)
    configmaps = {o["metadata"]["name"]: o.get("data") or {} for o in objects if o["kind"] == "ConfigMap"}
    problems = []
    for obj in (o for o in objects if o["kind"] in WORKLOADS):
        pod = pod_template(obj)["spec"]
        for container in pod.get("initContainers", []) + pod["containers"]:
            mounts = [m["mountPath"] for m in container.get("volumeMounts") or []]
            for name, value in sorted(container_env(container, configmaps).items()):
                if name in NOT_PATHS or not PATH_VARIABLE.search(name) or not value.startswith("/"):
                    continue
                if any(_under(value, mount) for mount in mounts) or name in READ_ONLY_ENV:
                    continue
                problems.append(f"{name_of(obj)} container {container['name']}: {name}={value} is outside its "
                                f"volumeMounts ({', '.join(mounts) or 'none'}); the root filesystem is read only: "
                                f"mount a volume there or do not set {name}")
    return problems


def topic_problems(objects: Iterable[dict]) -> list[str]:
    """Every event topic has a KafkaTopic with partitions and retention; every topic read has a `.dlq`."""

    import contracts
    from kit.service import load, service_names

    topics = {o["spec"].get("topicName", o["metadata"]["name"]): o["spec"]
              for o in objects if o["kind"] == "KafkaTopic"}
    problems = []
    for topic in sorted({contracts.topic_of(t) for t, _ in contracts.REGISTRY}):
        spec = topics.get(topic)
        if spec is None:
            problems.append(f"no KafkaTopic for {topic}")
        elif not spec.get("partitions") or "retention.ms" not in (spec.get("config") or {}):
            problems.append(f"KafkaTopic {topic}: partitions and retention.ms must be set")
    for service in service_names():
        for topic in load(service).topics:
            if f"{topic}.dlq" not in topics:
                problems.append(f"no dead-letter KafkaTopic {topic}.dlq (read by {service})")
    return problems


def overlay_problems(name: str) -> list[str]:
    """An overlay patches the base; it never adds manifests of its own (STYLE.md 4.9)."""
    kustomization = yaml.safe_load((K8S / "overlays" / name / "kustomization.yaml").read_text())
    problems = []
    if kustomization.get("resources") != ["../../base"]:
        problems.append(f"overlays/{name}: resources must be only ../../base, not {kustomization.get('resources')}")
    for field in ("components", "generators", "configMapGenerator", "secretGenerator", "crds"):
        if field in kustomization:
            problems.append(f"overlays/{name}: `{field}` adds objects; overlays only patch")
    return problems + image_problems(name, build(f"overlays/{name}"))


def image_problems(name: str, objects: Iterable[dict]) -> list[str]:
    """Every image has a tag other than latest; ours, in a DIGEST_PINNED overlay, a digest (`make image`)."""
    problems = []
    for obj in objects:
        for container in (pod_template(obj)["spec"]["containers"] if obj["kind"] in WORKLOADS else []):
            image = container["image"]
            if name in DIGEST_PINNED and _ours(image):
                if not DIGEST.search(image):
                    problems.append(f"overlays/{name} {name_of(obj)}: image {image} is not pinned by digest "
                                    "(`make image` writes the digests)")
            elif ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
                problems.append(f"overlays/{name} {name_of(obj)}: image {image} has no pinned tag")
    return problems


def dockerfile_problems() -> list[str]:
    problems = []
    dockerfiles = sorted((ROOT / "deploy" / "docker").glob("Dockerfile*")) + sorted(ROOT.glob("services/*/Dockerfile"))
    dockerfiles = [d for d in dockerfiles if not d.name.endswith(".dockerignore")]
    if not dockerfiles:
        problems.append("no Dockerfile under deploy/docker")
    for path in dockerfiles:
        users = re.findall(r"^USER\s+(\S+)", path.read_text(), flags=re.MULTILINE)
        if not users or users[-1].split(":")[0] in ("root", "0"):
            problems.append(f"{path.relative_to(ROOT)}: the last USER must be a non-root user")
    return problems


def all_problems() -> list[str]:
    crd_schemas()  # what the check needs first, before the minutes kustomize's installation may take
    problems = dockerfile_problems()
    for target in ["base", *(f"overlays/{name}" for name in OVERLAYS)]:
        objects = build(target)
        found = (schema_problems(objects) + policy_problems(objects) + topic_problems(objects)
                 + env_path_problems(objects))
        if target != "base":
            found += overlay_problems(target.split("/")[1])
        problems += [f"{target}: {p}" for p in found]
    return problems


def main() -> int:
    try:
        problems = all_problems()
    except CheckError as error:
        print(f"k8s-check: {one_line(error)}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    targets = ", ".join(["base", *OVERLAYS])
    print(f"k8s-check: {targets}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
