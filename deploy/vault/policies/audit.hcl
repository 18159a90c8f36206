# audit-service: reads Kafka topics and serves its own API; its one Vault call is for the key of
# the audit chain (VaultChainKey), on the KV v2 mount "secret" that ./rotor up and the demo use:
#   created by the first instance (cas=0), read by every other .... POST/GET secret/data/rotor/audit/chain-key
# Nothing else: no store entry, staging entry or lease. With ROTOR_AUDIT_CHAIN_KEY_MOUNT/_PATH set
# elsewhere, name that path here instead.
#
# Nobody else's token should reach this path (whoever reads the key can forge the chain). The
# rotator's policy grants read and update on secret/data/*, which still covers it: it needs a
# 'deny' block for secret/data/rotor/audit/* (see SECURITY.md, known gaps).

path "secret/data/rotor/audit/chain-key" {
  capabilities = ["create", "read"]
}
