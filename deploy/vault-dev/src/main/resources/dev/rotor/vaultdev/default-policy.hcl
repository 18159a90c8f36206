# Vault's built-in "default" policy, as far as this server has the endpoints it names: every
# non-root token gets it unless created with no_default_policy. It can be changed, not deleted.

# Allow tokens to look up their own properties
path "auth/token/lookup-self" {
    capabilities = ["read"]
}

# Allow tokens to renew themselves
path "auth/token/renew-self" {
    capabilities = ["update"]
}

# Allow tokens to revoke themselves
path "auth/token/revoke-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own capabilities on a path
path "sys/capabilities-self" {
    capabilities = ["update"]
}

# Allow a token to renew a lease via lease_id in the request body
path "sys/leases/renew" {
    capabilities = ["update"]
}
