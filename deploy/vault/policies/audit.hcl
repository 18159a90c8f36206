# audit-service: reads Kafka topics and serves its own API; its one Vault call is for the key of
# the audit chain (VaultChainKey), on the KV v2 mount "secret" that ./rotor up and the demo use:
#   created by the first instance (cas=0), read by every other .... POST/GET secret/data/rotor/audit/chain-key
# Nothing else: no store entry, staging entry or lease. With ROTOR_AUDIT_CHAIN_KEY_MOUNT/_PATH set
# elsewhere, name that path here instead.
#
# Nobody else's token reaches this path (whoever reads the key can forge the chain): the rotator's
# policy, the only other one on secret/data/*, denies secret/data/rotor/audit/*.

path "secret/data/rotor/audit/chain-key" {
  capabilities = ["create", "read"]
}
