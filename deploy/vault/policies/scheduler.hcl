# scheduler-service: knows where credentials are and which version is current, never what they are.
#
# Covers, on mount "secret" (as ./rotor up and the demo lay it out; for another mount, repeat the
# block with its name):
#   VaultStoreEntries.currentVersion (RevertService) ... GET  secret/metadata/<store path>
#   checking that entries exist ........................ GET/LIST secret/metadata/<path>
# Not covered, on purpose: VaultStoreEntries.shape, which RegistrationValidator calls for the store
# entry and the admin entry at registration, reads GET secret/data/<path> (the values) to check the
# key names and the username. With this policy that read is denied (403) and registration fails
# until the scheduler checks existence through metadata instead.

path "secret/metadata/*" {
  capabilities = ["read", "list"]
}
