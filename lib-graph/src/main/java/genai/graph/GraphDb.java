package genai.graph;

import genai.stack.CourseConfig;
import genai.CourseError;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.QueryExecutionType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AccessMode;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Neo4j Community, embedded: the database runs inside this JVM (no server, no Bolt port), its files under one folder.
 * One instance per folder per JVM: {@link #open} closes an instance a previous run of the same notebook left open on
 * that folder, so re-running the cells in one kernel never meets Neo4j's store lock; a JVM shutdown hook closes
 * whatever is still open when the kernel stops.
 *
 * <p>Queries from outside the program (a person, a model) go through {@link #read}: Neo4j's planner classifies the
 * query first (EXPLAIN, which runs nothing) and a query that could write is refused with one sentence; a query that
 * passes still runs in a transaction whose access mode is READ, so the kernel itself refuses any write.
 */
public final class GraphDb implements AutoCloseable {

    /** Refusal of a query that would change the graph; its message is one sentence. */
    public static final class WriteRefused extends CourseError {
        public WriteRefused(String sentence) {
            super(sentence);
        }
    }

    /** A query Neo4j could not plan or run (syntax, unknown function, type error); the message is Neo4j's first line. */
    public static final class CypherError extends CourseError {
        public CypherError(String sentence) {
            super(sentence);
        }
    }

    private static final Map<Path, GraphDb> OPEN = new ConcurrentHashMap<>();
    private static final long DEFAULT_PAGE_CACHE = 64L * 1024 * 1024;
    /** A read query (a model's, say, with a cartesian product over every node) is stopped after this long. */
    public static final long READ_TIMEOUT_SECONDS = 20;

    private final Path home;
    private final DatabaseManagementService dbms;
    private final GraphDatabaseService db;
    private final double startSeconds;
    private final Thread hook;
    private volatile boolean closed;

    private GraphDb(Path home, DatabaseManagementService dbms, double startSeconds) {
        this.home = home;
        this.dbms = dbms;
        this.db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        this.startSeconds = startSeconds;
        this.hook = new Thread(this::shutdown, "neo4j-shutdown " + home);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The folder lesson 13 keeps its database in: {@code $COURSE_CACHE/neo4j/<name>} (COURSE_CACHE defaults to
     * {@code ~/.cache/genai-java-course}), outside the checkout like every other cache of the course.
     */
    public static Path courseHome(String name) {
        return CourseConfig.cacheDir().resolve("neo4j").resolve(name);
    }

    /**
     * Starts an embedded Neo4j on a folder (created if missing), with no network connector and a 64 MiB page cache.
     * An instance this JVM already has open on the same folder is closed first.
     *
     * @param home the database's home folder
     * @return the running database; close it (or let the shutdown hook do it)
     * @throws CourseError in one sentence when the folder is locked by another process (another kernel on the same
     *                     notebook) or Neo4j cannot start
     */
    public static synchronized GraphDb open(Path home) {
        Path key = home.toAbsolutePath().normalize();
        GraphDb previous = OPEN.remove(key);
        if (previous != null) previous.close();
        long start = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            Files.createDirectories(key);
            dbms = new DatabaseManagementServiceBuilder(key)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, DEFAULT_PAGE_CACHE)
                    .setConfig(BoltConnector.enabled, false)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
                    .build();
        } catch (Exception e) {
            String reason = rootMessage(e);
            if (reason.toLowerCase().contains("lock")) {
                throw new CourseError("The graph database in " + key + " is in use by another program (" + reason
                        + "): shut down the other notebook's kernel, then run this cell again.");
            }
            throw new CourseError("Neo4j could not start in " + key + ": " + reason);
        }
        GraphDb graph = new GraphDb(key, dbms, (System.nanoTime() - start) / 1e9);
        OPEN.put(key, graph);
        return graph;
    }

    /** Seconds that {@link #open} took to start the database. */
    public double startSeconds() {
        return startSeconds;
    }

    /** The database's home folder. */
    public Path home() {
        return home;
    }

    /** Bytes the database's files take on disk (store, indexes, transaction logs). */
    public long bytesOnDisk() {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Neo4j's own database handle, for the embedded Java API (transactions, nodes, schema). */
    public GraphDatabaseService service() {
        requireOpen();
        return db;
    }

    /**
     * Runs trusted Cypher (the program's own loading code) in one transaction that commits, with parameters.
     *
     * @return the rows, each column name to value
     * @throws CypherError when Neo4j refuses the query
     */
    public List<Map<String, Object>> write(String cypher, Map<String, Object> params) {
        requireOpen();
        try (Transaction tx = db.beginTx()) {
            List<Map<String, Object>> rows = rows(tx.execute(cypher, params));
            tx.commit();
            return rows;
        } catch (QueryExecutionException e) {
            throw new CypherError(firstLine(e));
        }
    }

    /** {@link #write(String, Map)} without parameters. */
    public List<Map<String, Object>> write(String cypher) {
        return write(cypher, Map.of());
    }

    /**
     * Neo4j's classification of a query, without running it (EXPLAIN): READ_ONLY, READ_WRITE, WRITE, SCHEMA_WRITE or DBMS.
     *
     * @throws CypherError when the query does not parse or plan
     */
    public QueryExecutionType.QueryType queryType(String cypher, Map<String, Object> params) {
        requireOpen();
        try (Transaction tx = db.beginTx()) {
            try (Result r = tx.execute("EXPLAIN " + cypher, params)) {
                return r.getQueryExecutionType().queryType();
            }
        } catch (QueryExecutionException e) {
            throw new CypherError(firstLine(e));
        }
    }

    /**
     * Runs untrusted Cypher (typed by a person, written by a model) read-only: refused with one sentence when Neo4j's
     * planner says it could write; otherwise run in a READ access-mode transaction that is never committed and is
     * stopped after {@link #READ_TIMEOUT_SECONDS}.
     *
     * @param cypher a Cypher query
     * @param params its parameters ($name in the query)
     * @return the rows, each column name to value, in the query's order
     * @throws WriteRefused when the query could create, change or delete data, indexes or databases
     * @throws CypherError  when Neo4j cannot plan or run it (its message's first line)
     */
    public List<Map<String, Object>> read(String cypher, Map<String, Object> params) {
        QueryExecutionType.QueryType type = queryType(cypher, params);
        if (type != QueryExecutionType.QueryType.READ_ONLY) {
            throw new WriteRefused("Refused: Neo4j classifies this query as " + type
                    + ", and only read-only queries run here (no CREATE, MERGE, SET, DELETE, REMOVE or index changes).");
        }
        var readOnly = SecurityContext.authDisabled(AccessMode.Static.READ, ClientConnectionInfo.EMBEDDED_CONNECTION,
                GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        try (Transaction tx = ((GraphDatabaseAPI) db).beginTransaction(KernelTransaction.Type.EXPLICIT, readOnly,
                ClientConnectionInfo.EMBEDDED_CONNECTION, READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            List<Map<String, Object>> rows = rows(tx.execute(cypher, params));
            tx.rollback();
            return rows;
        } catch (QueryExecutionException e) {
            throw new CypherError(firstLine(e));
        } catch (RuntimeException e) {
            if (rootMessage(e).contains("Write operations are not allowed")) {
                throw new WriteRefused("Refused: the query tried to write in a read-only transaction.");
            }
            throw new CypherError(firstLine(e));
        }
    }

    /** {@link #read(String, Map)} without parameters. */
    public List<Map<String, Object>> read(String cypher) {
        return read(cypher, Map.of());
    }

    /** Deletes every node, relationship, index and constraint: the state of a new database, without a restart. */
    public void clear() {
        write("MATCH (n) DETACH DELETE n");
        for (Map<String, Object> c : write("SHOW CONSTRAINTS YIELD name")) write("DROP CONSTRAINT `" + c.get("name") + "`");
        for (Map<String, Object> i : write("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")) write("DROP INDEX `" + i.get("name") + "`");
    }

    /**
     * Loads the ground-truth graph in the schema of {@link MenuGraph} (uniqueness constraints on the names first).
     *
     * @return node and relationship counts after loading, by label and by type
     */
    public Map<String, Long> loadMenus(MenuGraph menus) {
        for (String label : List.of("Restaurant", "Dish", "Allergen", "Diet", "Day")) {
            write("CREATE CONSTRAINT " + label.toLowerCase() + "_name IF NOT EXISTS FOR (n:" + label + ") REQUIRE n.name IS UNIQUE");
        }
        List<Map<String, Object>> days = new ArrayList<>();
        for (int i = 0; i < MenuGraph.DAYS.size(); i++) days.add(Map.of("name", MenuGraph.DAYS.get(i), "number", i + 1));
        write("UNWIND $days AS d MERGE (day:Day {name: d.name}) SET day.number = d.number", Map.of("days", days));
        List<Map<String, Object>> restaurants = menus.restaurants().stream().map(r -> Map.<String, Object>of(
                "name", r.name(), "cuisine", r.cuisine(), "address", r.address(), "phone", r.phone(), "days", r.openDays())).toList();
        write("""
                UNWIND $rows AS row
                MERGE (r:Restaurant {name: row.name})
                SET r.cuisine = row.cuisine, r.address = row.address, r.phone = row.phone
                WITH r, row UNWIND row.days AS dayName
                MATCH (d:Day {name: dayName}) MERGE (r)-[:OPEN_ON]->(d)""", Map.of("rows", restaurants));
        List<Map<String, Object>> dishes = menus.dishes().stream().map(d -> Map.<String, Object>of(
                "name", d.name(), "restaurant", d.restaurant(), "section", d.section(), "price", d.priceEur(),
                "description", d.description(), "declared", d.allergensDeclared(), "allergens", d.allergens(), "diets", d.diets())).toList();
        write("""
                UNWIND $rows AS row
                MATCH (r:Restaurant {name: row.restaurant})
                MERGE (d:Dish {name: row.name})
                SET d.price = row.price, d.section = row.section, d.description = row.description, d.allergensDeclared = row.declared
                MERGE (r)-[:SERVES]->(d)
                FOREACH (a IN row.allergens | MERGE (al:Allergen {name: a}) MERGE (d)-[:CONTAINS]->(al))
                FOREACH (x IN row.diets | MERGE (diet:Diet {name: x}) MERGE (d)-[:SUITABLE_FOR]->(diet))""", Map.of("rows", dishes));
        return counts();
    }

    /** Nodes per label and relationships per type, as "label" or "[:TYPE]" to count, sorted by name. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, Object> row : write("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label")) {
            out.put((String) row.get("label"), (Long) row.get("n"));
        }
        for (Map<String, Object> row : write("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type")) {
            out.put("[:" + row.get("type") + "]", (Long) row.get("n"));
        }
        return out;
    }

    /** Shuts the database down cleanly (idempotent) and removes the shutdown hook. */
    @Override
    public void close() {
        shutdown();
        OPEN.remove(home, this);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    /** Whether {@link #close} (or the shutdown hook) has run. */
    public boolean isClosed() {
        return closed;
    }

    private synchronized void shutdown() {
        if (closed) return;
        closed = true;
        dbms.shutdown();
    }

    private void requireOpen() {
        if (closed) throw new CourseError("The graph database in " + home + " is shut down: run the cell that opens it (GraphDb.open) again.");
    }

    private static List<Map<String, Object>> rows(Result result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (result) {
            while (result.hasNext()) rows.add(new LinkedHashMap<>(result.next()));
        }
        return rows;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder all = new StringBuilder();
        while (t != null) {
            if (t.getMessage() != null) all.append(t.getMessage()).append(' ');
            if (t.getCause() == t) break;
            t = t.getCause();
        }
        String s = all.toString().strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
