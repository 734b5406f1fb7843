"""The attack suite (tests only, not a Django app): probes generated from the URL conf and the OpenAPI
schema. See README.md."""
