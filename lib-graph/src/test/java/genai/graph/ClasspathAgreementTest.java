package genai.graph;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The notebook loads lib/target/classpath first, then this module's folder: a jar of the same artifact at another
 * version in both would give the kernel two copies of the same classes, and the first one found wins.
 */
class ClasspathAgreementTest {

    static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^-]*(?:-.+)?)\\.jar");

    static String artifact(String jar) {
        Matcher m = JAR.matcher(jar);
        return m.matches() ? m.group(1) : jar;
    }

    static Set<String> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).collect(Collectors.toSet());
        }
    }

    @Test
    void noJarOfLibsClasspathComesAgainAtAnotherVersion() throws IOException {
        Path lib = Path.of("..", "lib", "target", "classpath"), graph = Path.of("target", "classpath");
        assumeTrue(Files.isDirectory(lib) && Files.isDirectory(graph), "both classpath folders are built");
        Set<String> libJars = jars(lib), graphJars = jars(graph);
        Set<String> libArtifacts = libJars.stream().map(ClasspathAgreementTest::artifact).collect(Collectors.toSet());
        List<String> clashes = new ArrayList<>();
        for (String j : graphJars) {
            // org.neo4j:annotations and org.jetbrains:annotations share a file name, not classes.
            if (!libJars.contains(j) && libArtifacts.contains(artifact(j)) && !artifact(j).equals("annotations")) clashes.add(j);
        }
        assertEquals(List.of(), clashes, "jars in lib-graph/target/classpath at another version than lib's: pin lib's version in lib-graph/pom.xml"
                + " (for Lucene, Neo4j needs 9.11.1: set lucene.version in lib/pom.xml to it)");
        assertTrue(graphJars.stream().anyMatch(j -> j.startsWith("neo4j-kernel-")), "Neo4j is in the module's folder");
        assertFalse(graphJars.stream().anyMatch(j -> j.startsWith("genai-course-lib")), "lib's own jar is loaded by the set-up cell");
    }
}
