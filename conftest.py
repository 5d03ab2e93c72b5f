# The real Kafka + FerretDB session fixtures live with the shared package.
pytest_plugins = ["edu71.testing"]
