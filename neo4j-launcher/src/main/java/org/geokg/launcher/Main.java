package org.geokg.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import inet.ipaddr.IPAddressString;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import picocli.CommandLine;

/**
 * Runs the real Neo4j 5.26 engine embedded, as a local server: Bolt and HTTP (with Neo4j Browser
 * when its jar is on the classpath) on 127.0.0.1, auth on, data under the given home folder.
 *
 * <p>Usage: {@code Main --home DIR [--bolt-port 7687] [--http-port 7474] [--pagecache 256m]
 * [--plugins DIR] [--password PW]}; plugin jars (the geokg.project procedure) are loaded from
 * {@code --plugins} as a Neo4j server loads its plugins folder. The password may also come from
 * the {@code NEO4J_LAUNCHER_PASSWORD} env var
 * (preferred: it stays out of {@code ps}). The heap is set by the JVM flags of the caller.
 */
public final class Main {

    /** Printed once every connector answers, so callers can wait for it. */
    public static final String READY = "geokg-neo4j-launcher READY";

    static final String PASSWORD_ENV = "NEO4J_LAUNCHER_PASSWORD";
    static final String LOOPBACK = "127.0.0.1";
    /** Every IPv4 and IPv6 address: LOAD CSV may fetch from none. */
    static final List<IPAddressString> BLOCK_ALL =
            List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0"));

    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parseArgs(args);
        Path home = Path.of(require(opts, "home")).toAbsolutePath();
        int boltPort = Integer.parseInt(opts.getOrDefault("bolt-port", "7687"));
        int httpPort = Integer.parseInt(opts.getOrDefault("http-port", "7474"));
        String pagecache = opts.getOrDefault("pagecache", "256m");
        Path plugins = Path.of(opts.getOrDefault("plugins", home.resolve("plugins").toString()));
        String password = opts.getOrDefault("password", System.getenv(PASSWORD_ENV));

        Files.createDirectories(home);
        if (isFresh(home)) {
            setInitialPassword(home, password);
        }
        long started = System.nanoTime();
        DatabaseManagementService service;
        try {
            service = build(home, boltPort, httpPort, pagecache, plugins);
        } catch (RuntimeException e) {
            e.printStackTrace();
            fail("Neo4j did not start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(service, stopped), "neo4j-stop"));

        String version = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally(
                        "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                        Map.of(),
                        result -> String.valueOf(result.next().get("v")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "%s version=%s bolt=bolt://%s:%d http=http://%s:%d/browser/ home=%s started_ms=%d%n",
                READY, version, LOOPBACK, boltPort, LOOPBACK, httpPort, home, took.toMillis());
        System.out.flush();
        stopped.await();
    }

    /** The embedded service, with every setting the server needs made explicit. */
    static DatabaseManagementService build(
            Path home, int boltPort, int httpPort, String pagecache, Path plugins) {
        return new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(LOOPBACK, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(LOOPBACK, boltPort))
                .setConfig(HttpConnector.enabled, true)
                .setConfig(HttpConnector.listen_address, new SocketAddress(LOOPBACK, httpPort))
                .setConfig(HttpConnector.advertised_address, new SocketAddress(LOOPBACK, httpPort))
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache))
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins.toAbsolutePath())
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                // The projection can be rebuilt from the record, and community Neo4j has no
                // incremental backup to serve: keep the transaction logs recovery needs, not the
                // default 2 days of them (a 1M-event rebuild left 26 GB beside an 8 GB store).
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // LOAD CSV must not read this machine's files nor reach the network: no file
                // URLs, and every address blocked for http(s) URLs (docs/neo4j.md#locked-down).
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist, BLOCK_ALL)
                // Netty waits 2 x 5 s of "quiet period" on shutdown by default; Neo4j's own test
                // builders set it to 0. The databases are checkpointed and closed before this.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
    }

    /** A home without a system database has never started: the initial password still applies. */
    static boolean isFresh(Path home) {
        return !Files.exists(home.resolve("data").resolve("databases").resolve("system"));
    }

    /** Same as `neo4j-admin dbms set-initial-password`: writes data/dbms/auth.ini, read on first start. */
    static void setInitialPassword(Path home, String password) {
        if (password == null || password.isEmpty()) {
            fail("no initial password: pass --password or set " + PASSWORD_ENV);
        }
        var command = new SetInitialPasswordCommand(new ExecutionContext(home, home.resolve("conf")));
        int code = new CommandLine(command).execute(password);
        if (code != 0) {
            fail("set-initial-password failed with exit code " + code);
        }
    }

    private static void shutdown(DatabaseManagementService service, CountDownLatch stopped) {
        System.out.println("geokg-neo4j-launcher stopping");
        try {
            service.shutdown();
        } finally {
            System.out.println("geokg-neo4j-launcher stopped");
            System.out.flush();
            stopped.countDown();
        }
    }

    /** `--key value` pairs; anything else is a usage error. */
    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("usage: --home DIR [--bolt-port N] [--http-port N] [--pagecache SIZE] [--plugins DIR] [--password PW]");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String key) {
        String value = opts.get(key);
        if (value == null) {
            fail("missing --" + key);
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("geokg-neo4j-launcher error: " + message);
        System.exit(2);
    }
}
