package dev.rotor.stack;

import java.net.URI;

/** Where PostgreSQL is and how its admin logs in: what {@code .rotor/stack.env} exports as ROTOR_PG_*. */
public record PostgresSettings(String host, int port, String user, String password, String database) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    static PostgresSettings fromJdbcUrl(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("ROTOR_PG_URL must look like jdbc:postgresql://host:5432/database, got a value starting "
                    + jdbcUrl.substring(0, Math.min(18, jdbcUrl.length())));
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PostgresSettings(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), user, password, database);
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
