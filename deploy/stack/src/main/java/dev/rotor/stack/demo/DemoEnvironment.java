package dev.rotor.stack.demo;

/** The stack's addresses, as {@code ./rotor up} wrote them to stack.env. */
record DemoEnvironment(String kafka, String schedulerUrl, String auditUrl, String vaultAddr, String vaultToken,
        String pgHost, int pgPort, String pgUser, String pgPassword, String pgDatabase) {

    static DemoEnvironment fromEnv() {
        return new DemoEnvironment(required("ROTOR_KAFKA"), required("ROTOR_SCHEDULER_URL"), required("ROTOR_AUDIT_URL"), required("ROTOR_VAULT_ADDR"),
                required("ROTOR_VAULT_TOKEN"), required("ROTOR_PG_HOST"), Integer.parseInt(required("ROTOR_PG_PORT")),
                required("ROTOR_PG_USER"), required("ROTOR_PG_PASSWORD"), required("ROTOR_PG_DB"));
    }

    String pgJdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the demo through ./rotor demo, which loads .rotor/stack.env");
        }
        return value;
    }

    @Override
    public String toString() {
        return "DemoEnvironment[scheduler=" + schedulerUrl + ", audit=" + auditUrl + ", vault=" + vaultAddr + ", pg=" + pgHost + ":" + pgPort + "]";
    }
}
