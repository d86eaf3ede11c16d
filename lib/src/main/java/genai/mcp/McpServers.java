package genai.mcp;

import genai.CourseError;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting the course's MCP server as a child process, and checking that it is gone.
 */
public final class McpServers {

    /** The first JVM argument of every server this class starts: how {@link #running()} recognises them
     * (the JDK may cut a long command line, so the class name at its end is not reliable). */
    public static final String MARKER = "-Dgenai.mcp.server=catalogue";

    private McpServers() {}

    /**
     * The command that starts {@link CatalogueMcpServer} with this JVM's {@code java}: the class path
     * is the course library jar plus {@code lib/target/classpath/*} when the library is loaded from its
     * jar (the notebooks), or this JVM's class path otherwise (the unit tests). Give it to
     * LangChain4j's {@code StdioMcpTransport} or to a {@link ProcessBuilder}.
     *
     * <p>One catalogue server per JVM: asking for the command again first stops the servers this JVM
     * started before ({@link #stopAll()}), so re-running a notebook cell that starts a server replaces
     * the old one instead of leaving it running beside the new one (a client still holding the old
     * server sees its transport close).
     *
     * @return the command line, {@code java} first
     * @throws CourseError if the library's location cannot be found
     */
    public static List<String> catalogueCommand() {
        stopAll();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath;
        try {
            Path here = Path.of(CatalogueMcpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(here) && Files.isDirectory(here.resolveSibling("classpath"))) {
                classpath = here + File.pathSeparator + here.resolveSibling("classpath") + File.separator + "*";
            } else {
                classpath = System.getProperty("java.class.path");
            }
        } catch (Exception e) {
            throw new CourseError("The course library's location could not be found to start the MCP server: " + e.getMessage());
        }
        return List.of(java, MARKER, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, CatalogueMcpServer.class.getName());
    }

    /**
     * The live processes below this JVM that run {@link CatalogueMcpServer}: empty once every server
     * the notebook started has stopped.
     */
    public static List<ProcessHandle> running() {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> {
            String line = p.info().commandLine().orElse("") + " " + String.join(" ", p.info().arguments().orElse(new String[0]));
            if (line.contains(MARKER)) out.add(p);
        });
        return out;
    }

    /**
     * Stops every running catalogue server below this JVM (politely, then forcibly after 5 s) and
     * returns how many there were. Notebooks call it in their last cell; a JVM shutdown hook calls it
     * too, and a server also exits by itself when its input closes.
     */
    public static int stopAll() {
        List<ProcessHandle> live = running();
        for (ProcessHandle p : live) p.destroy();
        for (ProcessHandle p : live) {
            try {
                p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        return live.size();
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(McpServers::stopAll, "stop-mcp-servers"));
    }
}
