"""The tests' brokers are formatted with a cluster id drawn in Python, as ``kafka-storage random-uuid`` draws one."""
from __future__ import annotations

import base64

from edu71_testing import _cluster_id


def test_a_drawn_cluster_id_is_kafka_s_shape_and_never_reads_as_an_option():
    # One in 64 URL-safe base64 ids starts with "-": 2,000 draws meet one with near certainty (1 - (63/64)^2000).
    drawn = [_cluster_id() for _ in range(2000)]
    assert not [i for i in drawn if i.startswith("-")]
    assert all(len(base64.urlsafe_b64decode(i + "==")) == 16 for i in drawn)
    assert len(set(drawn)) == len(drawn)


def test_ports_handed_out_are_never_handed_out_again():
    from edu71_testing import free_port

    ports = [free_port() for _ in range(200)]
    assert len(set(ports)) == len(ports)
