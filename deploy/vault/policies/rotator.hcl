# rotator-service: the only service that writes credentials.
#
# Covers, on the KV v2 mount "secret" that ./rotor up and the demo use (for a secret registered
# in another mount, repeat these blocks with that mount's name):
#   Kv.read / CredentialStore.current, atVersion ..... GET  secret/data/<store path>[?version=N]
#   CredentialStore.promote (check-and-set) .......... POST secret/data/<store path>   (exists: update)
#   CredentialStore.admin ............................ GET  secret/data/admin/<kind>   (the demo's admin paths)
#   CredentialStore.recordFinished, finished ......... GET/POST secret/metadata/<store path> (custom metadata)
#   CredentialStore.stage, markSetting, staging ...... POST/GET secret/data/rotor-staging/<store path>
#   CredentialStore.dropStaging (Kv.deleteAll) ....... DELETE secret/metadata/rotor-staging/<store path>
#   CredentialStore.stagingPaths (DeadlineReaper) .... LIST secret/metadata/rotor-staging[/...]
#   SecretLeases.hold ................................ GET/POST secret/data/rotor-leases/<store path>
# Store paths are whatever a registration names, so they are a glob; the more specific globs
# below win over it (Vault takes the longest), which keeps staging, leases and admin apart.

# Store entries: read, and promote over the current version. Never create one: an operator
# writes the entry before registering it.
path "secret/data/*" {
  capabilities = ["read", "update"]
}

# The audit chain's key is the audit's alone: whoever reads it can forge the chain.
path "secret/data/rotor/audit/*" {
  capabilities = ["deny"]
}

# Admin credentials are read to change a password, never written.
path "secret/data/admin/*" {
  capabilities = ["read"]
}

# The last ends of rotations, in each store entry's custom metadata.
path "secret/metadata/*" {
  capabilities = ["read", "update"]
}

# Staging: created with cas=0, read back, marked once, dropped when the rotation ends.
path "secret/data/rotor-staging/*" {
  capabilities = ["create", "read", "update"]
}
# The reaper lists the staging folder (LIST secret/metadata/rotor-staging/ matches this glob too).
path "secret/metadata/rotor-staging/*" {
  capabilities = ["list", "delete"]
}

# Leases that keep two rotators off one secret.
path "secret/data/rotor-leases/*" {
  capabilities = ["create", "read", "update"]
}
