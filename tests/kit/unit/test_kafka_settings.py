"""How a process signs in to Kafka, read from its environment (ADR 20)."""

from __future__ import annotations

import datetime as dt
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kit.config import MissingSetting
from kit.settings import Settings

BASE = {"DATABASE_URL": "sqlite://", "KAFKA_BOOTSTRAP_SERVERS": "kafka:9092"}


def settings(**env: str) -> Settings:
    return Settings.from_env({**BASE, **env})


def test_without_kafka_settings_the_clients_connect_as_before():
    assert settings().kafka_clients().security.options() == {"security_protocol": "PLAINTEXT"}


def test_a_scram_user_signs_in_with_its_name_and_password():
    options = settings(KAFKA_SECURITY_PROTOCOL="SASL_PLAINTEXT", KAFKA_USERNAME="training",
                       KAFKA_PASSWORD="s3cret").kafka_security.options()

    assert options == {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "SCRAM-SHA-512",
                       "sasl_plain_username": "training", "sasl_plain_password": "s3cret"}


def test_the_password_is_never_shown():
    security = settings(KAFKA_SECURITY_PROTOCOL="SASL_SSL", KAFKA_USERNAME="training",
                        KAFKA_PASSWORD="s3cret").kafka_security

    assert "s3cret" not in repr(security)


@pytest.mark.parametrize("env", [
    {"KAFKA_SECURITY_PROTOCOL": "SASL_SSL"},
    {"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_USERNAME": "training"},
    {"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_USERNAME": "training", "KAFKA_PASSWORD": "x",
     "KAFKA_SASL_MECHANISM": "GSSAPI"},
    {"KAFKA_SECURITY_PROTOCOL": "TLS"},
])
def test_settings_that_cannot_sign_in_are_refused_at_start(env):
    with pytest.raises(MissingSetting):
        settings(**env)


def test_the_cluster_ca_can_come_as_pem_text_from_a_secret():
    options = settings(KAFKA_SECURITY_PROTOCOL="SASL_SSL", KAFKA_USERNAME="training", KAFKA_PASSWORD="x",
                       KAFKA_CA_CERT=ca_pem()).kafka_security.options()

    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext) and context.cert_store_stats()["x509_ca"] == 1
    assert context.check_hostname and context.verify_mode == ssl.CERT_REQUIRED


def test_or_as_a_file():
    options = settings(KAFKA_SECURITY_PROTOCOL="SSL", KAFKA_CA_FILE="/etc/kafka/ca.crt").kafka_security.options()

    assert options == {"security_protocol": "SSL", "ssl_cafile": "/etc/kafka/ca.crt"}


def ca_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cluster-ca")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()
