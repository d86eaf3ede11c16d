package genai.graph;

import genai.CourseError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** One embedded Neo4j for the whole class: it takes seconds to start. */
class GraphDbTest {

    @TempDir
    static Path home;
    static GraphDb db;

    @BeforeAll
    static void start() {
        db = GraphDb.open(home);
        db.loadMenus(MenuGraphTest.GRAPH);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void loadsTheGroundTruthInTheWrittenSchema() {
        Map<String, Long> counts = db.counts();
        assertEquals(7L, counts.get("Restaurant"));
        assertEquals((long) MenuGraphTest.GRAPH.dishes().size(), counts.get("Dish"));
        assertEquals(7L, counts.get("Day"));
        long truthContains = MenuGraphTest.GRAPH.triples().stream().filter(t -> t.relation().equals("CONTAINS")).count();
        assertEquals(truthContains, counts.get("[:CONTAINS]"));
        var monday = db.read("MATCH (r:Restaurant)-[:OPEN_ON]->(:Day {name: $day}) RETURN r.name AS name", Map.of("day", "Monday"));
        assertEquals(List.of(Map.of("name", "Ramen-ya Kaze")), monday);
    }

    @Test
    void aQueryThatWouldWriteIsRefusedInOneSentenceAndChangesNothing() {
        long before = db.counts().get("Dish");
        for (String q : List.of("CREATE (:Dish {name: 'Ghost'})", "MATCH (d:Dish) DETACH DELETE d",
                "MATCH (d:Dish {name: 'Shiro'}) SET d.price = 0 RETURN d", "CREATE INDEX ghost FOR (n:Dish) ON (n.section)",
                "MATCH (d:Dish {name: 'Shiro'}) CALL { WITH d SET d.price = 1.0 } RETURN d.name",
                "MATCH (d:Dish) WITH collect(d) AS dishes FOREACH (x IN dishes | SET x.price = 0) RETURN size(dishes)",
                "MERGE (d:Dish {name: 'Shiro'}) RETURN d.price")) {
            var e = assertThrows(GraphDb.WriteRefused.class, () -> db.read(q), q);
            assertTrue(e.getMessage().startsWith("Refused:") && !e.getMessage().contains("\n"), e.getMessage());
        }
        assertEquals(before, db.counts().get("Dish"));
        assertEquals(13.0, db.read("MATCH (d:Dish {name: 'Shiro'}) RETURN d.price AS p").get(0).get("p"));
    }

    @Test
    void theReadTransactionItselfRefusesWrites() {
        // A procedure that writes but that the planner classifies as a read would still meet the READ access mode;
        // no such procedure ships with Community, so the kernel's refusal is checked through a write the mode forbids.
        var ctx = org.neo4j.internal.kernel.api.security.SecurityContext.authDisabled(
                org.neo4j.internal.kernel.api.security.AccessMode.Static.READ,
                org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo.EMBEDDED_CONNECTION, "neo4j");
        try (var tx = ((org.neo4j.kernel.internal.GraphDatabaseAPI) db.service()).beginTransaction(
                org.neo4j.kernel.api.KernelTransaction.Type.EXPLICIT, ctx)) {
            var e = assertThrows(RuntimeException.class, () -> tx.execute("CREATE (:Dish {name: 'Ghost'})").close());
            assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
        }
    }

    @Test
    void everyQuestionsReferenceTemplateGivesItsExactAnswerOnTheGroundTruth() throws Exception {
        var questions = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of("..", "data", "graph", "questions.json").toFile()).path("questions");
        assertTrue(questions.size() >= 30, "questions: " + questions.size());
        for (var q : questions) {
            ObjectNodeHolder.check(q);
            var slots = (com.fasterxml.jackson.databind.node.ObjectNode) q.path("slots").deepCopy();
            slots.put("template", q.path("template").asText());
            var filled = CypherTemplates.fill(slots, MenuGraphTest.GRAPH);
            var expected = new java.util.ArrayList<String>();
            q.path("answer").forEach(a -> expected.add(a.asText()));
            var got = CypherTemplates.run(db, filled);
            assertTrue(Answers.sameSet(got, expected), q.path("id").asText() + " " + q.path("question").asText() + ": " + got + " vs " + expected);
        }
    }

    /** The fields every question must have. */
    static final class ObjectNodeHolder {
        static void check(com.fasterxml.jackson.databind.JsonNode q) {
            for (String f : List.of("id", "kind", "question", "template", "slots", "answer")) assertTrue(q.has(f), q + " lacks " + f);
            assertTrue(List.of("one hop", "two hops", "aggregation", "negation").contains(q.path("kind").asText()), q.toString());
        }
    }

    @Test
    void aBadQueryGivesNeo4jsFirstLine() {
        var e = assertThrows(GraphDb.CypherError.class, () -> db.read("MATCH (d:Dish RETURN d"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void vectorIndexAnswersANearestNeighbourQuery() {
        db.write("CREATE VECTOR INDEX test_vec IF NOT EXISTS FOR (n:Probe) ON n.v OPTIONS {indexConfig: {`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}");
        db.write("UNWIND [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.7, 0.7, 0.0]] AS v CREATE (:Probe {v: v, x: v[0]})");
        db.write("CALL db.awaitIndexes(60)");
        var hits = db.read("CALL db.index.vector.queryNodes('test_vec', 2, [0.9, 0.1, 0.0]) YIELD node, score RETURN node.x AS x, score");
        assertEquals(1.0, hits.get(0).get("x"));
        assertEquals(0.7, hits.get(1).get("x"));
        db.write("MATCH (n:Probe) DELETE n");
        db.write("DROP INDEX test_vec");
    }

    @Test
    void reopeningTheSameFolderInOneJvmClosesThePreviousInstance(@TempDir Path other) {
        GraphDb first = GraphDb.open(other);
        first.write("CREATE (:Probe {x: 1})");
        GraphDb second = GraphDb.open(other);
        assertTrue(first.isClosed());
        assertEquals(1L, second.read("MATCH (n:Probe) RETURN count(n) AS n").get(0).get("n"));
        var e = assertThrows(CourseError.class, () -> first.read("RETURN 1"));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        second.close();
        second.close();
        assertTrue(second.isClosed());
    }
}
