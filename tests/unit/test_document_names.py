"""mongoengine keeps one registry of document classes for the whole process, keyed by class name.

Two services' documents with one name (the tests, the security suite and the
rebuild load several services in one process) leave one of them out of it, and
then out of mongoengine's ``disconnect``: its cached collection outlives the
client and every later use fails with "Cannot use MongoClient after close".
"""
from __future__ import annotations

import importlib
import pkgutil

import mongoengine

SERVICES = ("identity", "plans", "indicators", "notifications", "reports")


def _all_document_classes() -> list[type]:
    for service in SERVICES:
        package = importlib.import_module(f"{service}.adapters")
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{service}.adapters.{module.name}")
    found, waiting = [], [mongoengine.Document]
    while waiting:
        cls = waiting.pop()
        waiting.extend(cls.__subclasses__())
        if not cls._meta.get("abstract"):
            found.append(cls)
    return found


def test_no_two_document_classes_share_a_name():
    by_name: dict[str, list[str]] = {}
    for cls in _all_document_classes():
        by_name.setdefault(cls.__name__, []).append(cls.__module__)
    shared = {name: modules for name, modules in by_name.items() if len(modules) > 1}
    assert not shared, f"document classes sharing a name across modules: {shared}"
