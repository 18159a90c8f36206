# verifier-service: logs in with the staged credential before it is promoted.
#
# Covers VaultStagingStore.read: GET secret/data/rotor-staging/<store path>, the staging path that
# the rotator's event names (mount "secret", as ./rotor up and the demo lay it out; for another
# mount, repeat the block with its name). Nothing else: never a store entry, never a write.
# The health check (HEAD sys/health) needs no token.

path "secret/data/rotor-staging/*" {
  capabilities = ["read"]
}
