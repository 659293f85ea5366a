package partnergraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * Starts a Neo4j 5 Community server in this process: Bolt on 127.0.0.1 on a
 * free port, no HTTP, authentication on with a random password for the user
 * neo4j, data in a temporary folder that is deleted on exit. When Bolt
 * answers it writes NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD lines to
 * stdout, or to the file named by the first argument (written whole, then
 * renamed, so a reader never sees half of it). SIGTERM or SIGINT stop it.
 */
public final class Neo4jServer {
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("partnergraph-neo4j-");
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);

        Neo4j neo4j;
        try {
            neo4j = start(work);
        } catch (RuntimeException | Error e) {
            deleteTree(work);
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("neo4j-server: stopping");
            neo4j.close();
            deleteTree(work);
            stopped.countDown();
        }));

        neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));

        String uri = "bolt://127.0.0.1:" + neo4j.boltURI().getPort();
        String out = "NEO4J_URI=" + uri + "\nNEO4J_USERNAME=neo4j\nNEO4J_PASSWORD=" + password + "\n";
        if (args.length > 0) {
            Path file = Path.of(args[0]);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } else {
            System.out.print(out);
            System.out.flush();
        }
        System.err.println("neo4j-server: Neo4j " + neo4j.config().get(GraphDatabaseSettings.initial_default_database)
                + " database ready at " + uri + " (data in " + work + ")");
        stopped.await();
    }

    private static Neo4j start(Path work) {
        return Neo4jBuilders.newInProcessBuilder(work)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", 0))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .build();
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("neo4j-server: could not delete " + root + ": " + e.getMessage());
        }
    }
}
