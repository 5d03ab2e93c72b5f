# The real Kafka + FerretDB session fixtures: the tests' own package (lib/edu71-testing), not the services'.
pytest_plugins = ["edu71_testing"]
