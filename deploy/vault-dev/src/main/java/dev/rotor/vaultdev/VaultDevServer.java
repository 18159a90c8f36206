package dev.rotor.vaultdev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

/**
 * A Vault-compatible DEV server: HashiCorp Vault's HTTP API (v1) for KV v2, transit, token
 * auth, ACL policies and a few sys endpoints, for development and tests where no Vault binary is
 * available. It is not Vault: its seal encrypts nothing (it only makes the API answer 503 as a
 * sealed Vault does), there is no encryption at rest, and its policies are a subset of Vault's
 * HCL (see the README). It listens on 127.0.0.1 only.
 */
public final class VaultDevServer implements AutoCloseable {

    /**
     * The unseal key when none is configured: base64, as Vault prints its keys. A dev default, not
     * a secret, like the default root token.
     */
    public static final String DEFAULT_UNSEAL_KEY = "cm90b3ItZGV2LXVuc2VhbA==";

    private static final String LOOPBACK = "127.0.0.1";
    private static final int HTTP_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String rootToken;
    private final VaultState state;
    private final Seal seal;

    private VaultDevServer(HttpServer server, ExecutorService executor, String rootToken, VaultState state, Seal seal) {
        this.server = server;
        this.executor = executor;
        this.rootToken = rootToken;
        this.state = state;
        this.seal = seal;
    }

    /** Starts with {@link #DEFAULT_UNSEAL_KEY}; see {@link #start(int, Path, String, String)}. */
    public static VaultDevServer start(int port, Path dataFile, String rootToken) {
        return start(port, dataFile, rootToken, DEFAULT_UNSEAL_KEY);
    }

    /**
     * Every start is unsealed, whatever the state was when the last one stopped: a dev server's
     * convenience (a real Vault starts sealed). The seal is not saved, the data is.
     *
     * @param port      0 for an ephemeral port
     * @param dataFile  where state is kept across restarts; null keeps it in memory only
     * @param unsealKey hex or base64; what {@code sys/unseal} accepts
     */
    public static VaultDevServer start(int port, Path dataFile, String rootToken, String unsealKey) {
        if (rootToken == null || rootToken.isBlank()) {
            throw new IllegalArgumentException("A root token is required");
        }
        Seal seal = new Seal(unsealKey);
        Supplier<Instant> clock = Instant::now;
        StateStore store = dataFile == null ? StateStore.inMemory() : new FileStateStore(dataFile);
        VaultState state = store.load();
        MountTable mounts = new MountTable(state);
        mounts.seedDefaults();
        TokenStore tokens = new TokenStore(state);
        tokens.ensureRoot(rootToken, clock.get());
        PolicyStore policies = new PolicyStore(state);
        policies.seedDefault();
        store.save(state);

        VaultRouter router = new VaultRouter(mounts, tokens, policies, seal, clock);
        RequestAuthorizer authorizer = new RequestAuthorizer(policies, router);
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, task -> {
            Thread thread = new Thread(task, "rotor-vault-dev-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 0);
            server.createContext("/", new VaultHttpHandler(state, store, tokens, seal, router, authorizer, clock));
            server.setExecutor(executor);
            server.start();
            return new VaultDevServer(server, executor, rootToken, state, seal);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + port
                    + " (is another Vault or dev server running there?)", e);
        }
    }

    public String address() {
        return "http://" + LOOPBACK + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String rootToken() {
        return rootToken;
    }

    /**
     * Seals in-process, as {@code PUT sys/seal} with the root token does: from the return on, every
     * call but sys/health, sys/seal-status and sys/unseal answers 503 "Vault is sealed". A call
     * already being answered finishes first, as in Vault. Nothing is lost.
     */
    public void seal() {
        synchronized (state) {
            seal.seal();
        }
    }

    /** Unseals in-process, as {@code PUT sys/unseal} with the unseal key does. */
    public void unseal() {
        synchronized (state) {
            seal.unseal();
        }
    }

    public boolean isSealed() {
        return seal.isSealed();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Runs the server until the process is killed. Settings come from the environment:
     * ROTOR_VAULT_PORT (8200), ROTOR_VAULT_DATA (.rotor/vault/data.json), ROTOR_VAULT_TOKEN (rotor-dev-root),
     * ROTOR_VAULT_UNSEAL_KEY ({@link #DEFAULT_UNSEAL_KEY}).
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("ROTOR_VAULT_PORT", "8200"));
        Path dataFile = Path.of(env.getOrDefault("ROTOR_VAULT_DATA", ".rotor/vault/data.json"));
        String rootToken = env.getOrDefault("ROTOR_VAULT_TOKEN", "rotor-dev-root");
        String unsealKey = env.getOrDefault("ROTOR_VAULT_UNSEAL_KEY", DEFAULT_UNSEAL_KEY);

        VaultDevServer server = start(port, dataFile, rootToken, unsealKey);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rotor-vault-dev-shutdown"));
        System.out.println("Rotor Vault DEV server (NOT HashiCorp Vault; for development and tests only) listening on "
                + server.address() + ", version " + SysBackend.VERSION + ", data file " + dataFile.toAbsolutePath()
                + "; a root token (ROTOR_VAULT_TOKEN) and an unseal key (ROTOR_VAULT_UNSEAL_KEY) are configured");
        new CountDownLatch(1).await();
    }
}
