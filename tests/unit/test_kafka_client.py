"""The Kafka client as the services run it."""
from __future__ import annotations


def test_record_batches_are_checked_by_the_compiled_crc32c():
    # Without the crc32c package kafka-python computes each batch's CRC-32C in pure Python, about 0.7 ms per
    # 3 KB event in the relay's producer and again in every consumer: a tenth of the ingest path's CPU.
    from kafka.record import util

    assert util.crc32c_c is not None
    assert util.calc_crc32c(b"123456789") == 0xE3069283  # the standard check value of CRC-32C
