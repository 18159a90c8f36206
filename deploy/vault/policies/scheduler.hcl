# scheduler-service: knows where credentials are and which version is current, never what they are.
#
# Covers, on mount "secret" (as ./rotor up and the demo lay it out; for another mount, repeat the
# block with its name):
#   VaultStoreEntries.exists (registration: the store and admin entries exist) ... GET secret/metadata/<path>
#   VaultStoreEntries.currentVersion (RevertService) ............................. GET secret/metadata/<store path>
# What an entry holds (its keys, its account) is checked by the rotator before any login, not here.

path "secret/metadata/*" {
  capabilities = ["read", "list"]
}
