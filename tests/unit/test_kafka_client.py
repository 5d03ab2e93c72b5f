"""The Kafka client as the services run it."""
from __future__ import annotations

import pytest


def test_record_batches_are_checked_by_the_compiled_crc32c():
    # Without the crc32c package kafka-python computes each batch's CRC-32C in pure Python, about 0.7 ms per
    # 3 KB event in the relay's producer and again in every consumer: a tenth of the ingest path's CPU.
    from kafka.record import util

    assert util.crc32c_c is not None
    assert util.calc_crc32c(b"123456789") == 0xE3069283  # the standard check value of CRC-32C


def test_the_consumers_session_is_kafka_pythons_unless_the_environment_says_otherwise(monkeypatch):
    from kafka import KafkaConsumer

    from edu71.config import platform_settings

    monkeypatch.delenv("KAFKA_SESSION_TIMEOUT_MS", raising=False)
    monkeypatch.delenv("KAFKA_HEARTBEAT_INTERVAL_MS", raising=False)
    kafka = platform_settings("reports").kafka
    assert (kafka.session_timeout_ms, kafka.heartbeat_interval_ms) == (
        KafkaConsumer.DEFAULT_CONFIG["session_timeout_ms"], KafkaConsumer.DEFAULT_CONFIG["heartbeat_interval_ms"])

    monkeypatch.setenv("KAFKA_SESSION_TIMEOUT_MS", "6000")
    monkeypatch.setenv("KAFKA_HEARTBEAT_INTERVAL_MS", "2000")
    kafka = platform_settings("reports").kafka
    assert (kafka.session_timeout_ms, kafka.heartbeat_interval_ms) == (6000, 2000)


def test_a_heartbeat_interval_above_a_third_of_the_session_is_refused(monkeypatch):
    from edu71.config import platform_settings

    monkeypatch.setenv("KAFKA_SESSION_TIMEOUT_MS", "6000")
    monkeypatch.setenv("KAFKA_HEARTBEAT_INTERVAL_MS", "2001")
    with pytest.raises(ValueError, match="KAFKA_HEARTBEAT_INTERVAL_MS"):
        platform_settings("reports")
