package dev.rotor.vaultdev;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Vaults a contract suite runs against: always the dev server, in-process on a free port, and
 * also a real Vault when VAULT_ADDR and VAULT_TOKEN are both set (setting one of them is an error,
 * never a silent skip). VAULT_TOKEN must be allowed to mount engines and write policies, e.g. a
 * root token. The seal test needs VAULT_UNSEAL_KEY as well and is reported as aborted without it.
 */
final class ContractTargets implements AutoCloseable {

    private final VaultDevServer devServer;
    private final List<ContractTarget> targets;

    private ContractTargets(VaultDevServer devServer, List<ContractTarget> targets) {
        this.devServer = devServer;
        this.targets = targets;
    }

    static ContractTargets start(String devRootToken) {
        VaultDevServer devServer = VaultDevServer.start(0, null, devRootToken, VaultDevServer.DEFAULT_UNSEAL_KEY);
        List<ContractTarget> targets = new ArrayList<>();
        targets.add(ContractTarget.mount("dev-server", devServer.address(), devServer.rootToken(),
                VaultDevServer.DEFAULT_UNSEAL_KEY));

        String address = System.getenv("VAULT_ADDR");
        String token = System.getenv("VAULT_TOKEN");
        boolean hasAddress = address != null && !address.isBlank();
        boolean hasToken = token != null && !token.isBlank();
        if (hasAddress != hasToken) {
            devServer.close();
            fail("Set both VAULT_ADDR and VAULT_TOKEN to run the contract against a real Vault, or neither");
        }
        if (hasAddress) {
            String unsealKey = System.getenv("VAULT_UNSEAL_KEY");
            boolean hasUnsealKey = unsealKey != null && !unsealKey.isBlank();
            if (!hasUnsealKey) {
                System.err.println("!! VAULT_UNSEAL_KEY is not set: the seal test will NOT run against " + address
                        + " (it is reported as aborted). Set it to that Vault's unseal key to check sealing there.");
            }
            targets.add(ContractTarget.mount("real-vault", address, token, hasUnsealKey ? unsealKey : null));
        }
        return new ContractTargets(devServer, targets);
    }

    Stream<ContractTarget> stream() {
        return targets.stream();
    }

    @Override
    public void close() {
        targets.forEach(ContractTarget::unmount);
        devServer.close();
    }
}
