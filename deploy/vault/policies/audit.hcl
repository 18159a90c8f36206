# audit-service: makes no Vault call at all (it reads Kafka topics and serves its own API), so
# this policy grants no path. A token with it has only Vault's default policy: it can look
# itself up, renew and revoke itself, and nothing in any secrets engine.
#
# Kept as a file so that every service has one and a test shows the audit token reads nothing.
