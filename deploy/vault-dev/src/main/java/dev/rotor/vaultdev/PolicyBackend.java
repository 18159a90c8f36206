package dev.rotor.vaultdev;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code sys/} endpoints about ACL policies: {@code policies/acl/<name>}, its older twin
 * {@code policy/<name>} (which calls the HCL "rules" and also lists with a plain GET), and
 * {@code capabilities-self}.
 */
final class PolicyBackend {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ACL = "policies/acl";
    private static final String LEGACY = "policy";

    private final PolicyStore policies;

    PolicyBackend(PolicyStore policies) {
        this.policies = policies;
    }

    /** @return whether {@code path} (below {@code sys/}) is one of these endpoints */
    static boolean handles(String path) {
        return path.equals("capabilities-self") || isUnder(path, ACL) || isUnder(path, LEGACY);
    }

    VaultResponse handle(VaultRequest request, String path) {
        if (path.equals("capabilities-self")) {
            request.require(Operation.UPDATE);
            return capabilitiesSelf(request);
        }
        boolean legacy = isUnder(path, LEGACY);
        String root = legacy ? LEGACY : ACL;
        String name = path.length() > root.length() + 1 ? path.substring(root.length() + 1) : "";
        if (name.isEmpty()) {
            // The old endpoint lists with GET as well as LIST; the new one only with LIST.
            if (request.operation() != Operation.LIST && !(legacy && request.operation() == Operation.READ)) {
                throw VaultError.unsupportedOperation();
            }
            return list(legacy);
        }
        String field = legacy ? "rules" : "policy";
        return switch (request.operation()) {
            case READ -> {
                Policy policy = policies.get(name).orElseThrow(VaultError::notFound);
                ObjectNode data = JSON.objectNode();
                data.put("name", policy.name());
                data.put(field, policy.raw());
                yield VaultResponse.data(data);
            }
            case UPDATE -> {
                // Both endpoints take "policy"; the old one also takes "rules", and prefers it.
                String raw = Params.stringValue(legacy && request.body().has("rules")
                        ? request.body().get("rules") : request.body().get("policy"));
                policies.put(name, raw);
                yield VaultResponse.noContent();
            }
            case DELETE -> {
                policies.delete(name);
                yield VaultResponse.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private VaultResponse list(boolean legacy) {
        ObjectNode data = JSON.objectNode();
        List<String> names = policies.names();
        names.forEach(data.putArray("keys")::add);
        if (legacy) {
            names.forEach(data.putArray("policies")::add);
        }
        return VaultResponse.data(data);
    }

    /** Vault answers per path, plus "capabilities" for the only path when one was asked about. */
    private VaultResponse capabilitiesSelf(VaultRequest request) {
        List<String> paths = Params.stringList(request.body().get("paths"));
        if (paths.isEmpty()) {
            paths = Params.stringList(request.body().get("path"));
        }
        if (paths.isEmpty()) {
            throw VaultError.badRequest("paths must be supplied");
        }
        TokenEntry token = request.token();
        Acl acl = token.isRoot() ? null : policies.aclFor(token);
        ObjectNode data = JSON.objectNode();
        for (String path : paths) {
            List<String> capabilities = acl == null ? List.of(PolicyStore.ROOT) : acl.capabilityNames(stripLeadingSlash(path));
            capabilities.forEach(data.putArray(path)::add);
        }
        if (paths.size() == 1) {
            data.set("capabilities", data.get(paths.get(0)).deepCopy());
        }
        return VaultResponse.dataAlsoAtTopLevel(data);
    }

    private static String stripLeadingSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static boolean isUnder(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
