"""The parts of `make image` and `make image-check` that need no build: the prod overlay's digests are written in
place of tags, and the manifest test's sandbox takes a built image's root and configuration when
MANIFEST_IMAGE_ROOT names them (the build itself runs in `make image-check`, not in `make test`)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile

import pytest
import yaml

from tests.deploy import built_images, pods
from tools.image import base, pin

DIGEST = "sha256:" + "ab" * 32


def container(image: str = "registry.example.gov.vn/iso-hcc/registry@" + DIGEST, **fields) -> dict:
    return {"name": "c", "image": image, **fields}


@pytest.fixture
def image_root(tmp_path, monkeypatch):
    """A built registry image as tools/image/roots.py exports it: /var/run a link to /run, as in Debian."""
    rootfs = tmp_path / "registry" / "rootfs"
    for folder in ("run", "tmp", "usr/bin"):
        (rootfs / folder).mkdir(parents=True)
    (rootfs / "var").mkdir()
    os.symlink("/run", rootfs / "var" / "run")
    config = {"Env": ["PATH=/opt/iso-hcc/bin:/usr/bin", "BIND=0.0.0.0:8080"], "WorkingDir": "/tmp",
              "Entrypoint": ["/usr/local/bin/iso-hcc-service"], "Cmd": ["api"]}
    (tmp_path / "registry" / "config.json").write_text(json.dumps(config))
    monkeypatch.setenv(built_images.IMAGE_ROOT_ENV, str(tmp_path))
    return rootfs


def rootfs_tar(path):
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("etc/hostname")
        info.size, info.mtime = 0, base.EPOCH
        tar.addfile(info, io.BytesIO(b""))
    return path


class TestTheBaseImageLayout:
    def test_the_same_tar_gives_the_same_digest(self, tmp_path):
        digests = []
        for run in ("a", "b"):
            layout = tmp_path / run
            layout.mkdir()
            digests.append(base.oci_layout(rootfs_tar(tmp_path / f"{run}.tar"), layout, "amd64"))

        assert digests[0] == digests[1]

    def test_every_blob_is_stored_under_its_own_digest_and_the_index_names_the_manifest(self, tmp_path):
        digest = base.oci_layout(rootfs_tar(tmp_path / "rootfs.tar"), tmp_path, "amd64")

        blobs = sorted((tmp_path / "blobs" / "sha256").iterdir())
        assert all(hashlib.sha256(b.read_bytes()).hexdigest() == b.name for b in blobs)
        assert len(blobs) == 3  # the layer, the config, the manifest
        [entry] = json.loads((tmp_path / "index.json").read_text())["manifests"]
        assert entry["digest"] == digest
        manifest = json.loads((tmp_path / "blobs" / "sha256" / digest.removeprefix("sha256:")).read_text())
        config = json.loads((tmp_path / "blobs" / "sha256" / manifest["config"]["digest"][7:]).read_text())
        assert config["rootfs"]["diff_ids"] == [manifest["layers"][0]["digest"]]  # an uncompressed layer


class TestTheProdOverlayByDigest:
    def test_each_image_gets_its_digest_in_place_of_its_tag_and_keeps_its_registry(self, tmp_path):
        kustomization = tmp_path / "kustomization.yaml"
        shutil.copy(pin.PROD, kustomization)

        changed = pin.pin_digests({"gateway": DIGEST, "registry": DIGEST}, kustomization)

        images = {i["name"]: i for i in yaml.safe_load(kustomization.read_text())["images"]}
        assert images["iso-hcc/gateway"] == {"name": "iso-hcc/gateway", "digest": DIGEST,
                                             "newName": "registry.example.gov.vn/iso-hcc/gateway"}
        assert "digest" in images["iso-hcc/registry"] and "newTag" not in images["iso-hcc/registry"]
        assert set(changed) <= {"gateway", "registry"}

    def test_writing_the_same_digests_again_changes_nothing(self, tmp_path):
        kustomization = tmp_path / "kustomization.yaml"
        shutil.copy(pin.PROD, kustomization)
        pin.pin_digests({"gateway": DIGEST}, kustomization)
        before = kustomization.read_text()

        assert pin.pin_digests({"gateway": DIGEST}, kustomization) == []
        assert kustomization.read_text() == before

    def test_an_image_the_overlay_does_not_name_is_refused(self, tmp_path):
        kustomization = tmp_path / "kustomization.yaml"
        shutil.copy(pin.PROD, kustomization)

        with pytest.raises(LookupError):
            pin.pin_digests({"billing": DIGEST}, kustomization)


class TestTheSandboxInABuiltImage:
    def test_the_images_root_is_the_sandboxs_root_and_its_workdir_the_start(self, image_root):
        c = container(volumeMounts=[{"name": "m", "mountPath": "/var/run/iso-hcc/metrics"}])

        args = pods.sandbox({}, c, info_fd=9)

        assert args[1:4] == ["--ro-bind", str(image_root), "/"]
        assert args[args.index("--chdir") + 1] == "/tmp"
        assert "/run/iso-hcc/metrics" in args  # the link /var/run -> /run resolved inside the image

    def test_links_resolve_inside_the_image_not_on_the_machine(self, image_root):
        (image_root / "etc").mkdir()
        os.symlink("../run/x", image_root / "etc" / "rel")

        assert built_images.resolve_in(image_root, "/var/run/iso-hcc") == "/run/iso-hcc"
        assert built_images.resolve_in(image_root, "/etc/rel/y") == "/run/x/y"

    def test_the_command_replaces_entrypoint_and_cmd_as_kubernetes_does(self, image_root):
        assert pods.argv(container(command=["python", "-m", "registry"], args=["relay"])) == [
            "python", "-m", "registry", "relay"]
        assert pods.argv(container(command=["python", "-m", "registry", "api"])) == ["python", "-m", "registry", "api"]
        assert pods.argv(container(args=["consume"])) == ["/usr/local/bin/iso-hcc-service", "consume"]
        assert pods.argv(container()) == ["/usr/local/bin/iso-hcc-service", "api"]

    def test_path_and_environment_are_the_images(self, image_root):
        assert pods.local_path(container()) == "/opt/iso-hcc/bin:/usr/bin"
        assert pods.built_image(container()).env["BIND"] == "0.0.0.0:8080"

    def test_a_third_party_container_keeps_the_machines_root(self, image_root):
        assert pods.built_image(container("redis:7.2")) is None
        assert pods.sandbox({}, container("redis:7.2"), info_fd=9)[1:4] == ["--ro-bind", "/", "/"]

    def test_an_image_not_exported_is_an_error_not_the_machines_root(self, image_root):
        with pytest.raises(FileNotFoundError, match="image-check"):
            pods.built_image(container("iso-hcc/budget:1.0"))


def test_without_manifest_image_root_the_machines_root_and_virtualenv_are_used(monkeypatch):
    monkeypatch.delenv(built_images.IMAGE_ROOT_ENV, raising=False)

    assert pods.built_image(container()) is None
    assert pods.local_path(container()).startswith(str(pods.VENV_BIN))
    assert pods.sandbox({}, container(), info_fd=9)[1:4] == ["--ro-bind", "/", "/"]
