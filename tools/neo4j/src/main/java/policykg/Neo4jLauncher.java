package policykg;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j Community DBMS in this JVM with only the Bolt connector, so policykg can
 * test against (and users can run) a real Neo4j 5 without Docker or a Neo4j install.
 *
 * <pre>java -jar neo4j-launcher.jar --data DIR [--port 7687] [--password PW] [--ignore-stdin]
 *     [--config server.memory.pagecache.size=2g ...]</pre>
 *
 * {@code --config NAME=VALUE} (repeatable) sets any Neo4j setting, as neo4j.conf would (the
 * page cache defaults to 128 MB here, for tests).
 *
 * Prints {@code READY bolt://127.0.0.1:PORT} once Bolt accepts connections.  Stops cleanly
 * on SIGTERM/Ctrl-C, and when stdin closes (so a server started by a process that dies
 * does not outlive it) unless {@code --ignore-stdin} is given.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        String data = null, password = null;
        int port = 7687;
        boolean watchStdin = true;
        Map<String, String> config = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--password" -> password = args[++i];
                case "--ignore-stdin" -> watchStdin = false;
                case "--config" -> {
                    String[] kv = args[++i].split("=", 2);
                    if (kv.length != 2) fail("--config wants NAME=VALUE, got " + args[i]);
                    config.put(kv[0], kv[1]);
                }
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (data == null) fail("--data DIR is required");
        if (portTaken(port)) fail("port " + port + " is already in use");

        try {
            start(Path.of(data).toAbsolutePath(), port, password, config);
        } catch (Exception e) {  // exit: Neo4j's own threads would keep a failed JVM alive
            e.printStackTrace();
            System.err.println("neo4j-launcher: Neo4j did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if (watchStdin) {
            InputStream in = System.in;
            try {
                while (in.read() != -1) { /* input is ignored; only its end matters */ }
            } catch (IOException ignored) {
            }
            System.exit(0);  // runs the shutdown hook
        }
        Thread.currentThread().join();
    }

    private static void start(Path home, int port, String password, Map<String, String> config)
            throws InterruptedException {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                // client-set transaction timeouts are checked this often (default 2s)
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                // Netty waits this many quiet seconds per event loop group on shutdown (default 5)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .loadPropertiesFromFile(settingsFile(home, config))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        if (password != null) {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        }
        for (int i = 0; !portTaken(port); i++) {  // Bolt binds asynchronously on some versions
            if (i > 600) fail("Bolt did not start listening on port " + port);
            Thread.sleep(50);
        }
    }

    /** The --config settings as a properties file (neo4j.conf syntax) in the data directory. */
    private static Path settingsFile(Path home, Map<String, String> config) {
        StringBuilder text = new StringBuilder();
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            java.nio.file.Files.createDirectories(home);
            Path file = home.resolve("launcher-settings.conf");
            java.nio.file.Files.writeString(file, text.toString());
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean portTaken(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void fail(String message) {
        System.err.println("neo4j-launcher: " + message);
        System.exit(2);
    }
}
