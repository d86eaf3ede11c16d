package genai.stack;

import genai.Checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What this machine offers the course, for the 00-setup-check notebook: memory, disk space where the
 * course's cache lives, and whether the CPU has every instruction-set feature the running Ollama binary
 * was compiled for. Each {@link Line} says what was measured, what the course needs and, when the machine
 * falls short, the fix.
 *
 * <p>The needs are measured on the course's own stack (2 cores, CPU only): while a lesson runs, the Java
 * kernel (heap capped at 3 GiB), Ollama with both course models loaded and Chroma use about 2 GiB of
 * resident memory together, so the course asks for 4 GiB of total memory and 1 GiB still available. A
 * complete set-up takes about 3.5 GiB of disk (the cache below about 1.8 GiB, plus Maven's, Go's and pip's
 * caches); once it is in place the lessons write less than 1 GiB more (Chroma's data, the executed
 * notebooks, temporary files), so 1 GiB must stay free.
 *
 * <p>The Ollama binary's CPU target comes from {@code $COURSE_RUN/ollama.env}, which {@code make up}
 * writes (stack/services.sh): the compiler flags and the SIMD features they turned on, named as Linux
 * names them in {@code /proc/cpuinfo}.
 */
public final class MachineReport {

    /** Total memory the course needs, in bytes: the measured 2 GiB of its processes plus the kernel heap's room to grow. */
    public static final long MEMORY_NEEDED_BYTES = 4L << 30;
    /** Memory that must still be available, in bytes, with the stack and this kernel already running. */
    public static final long MEMORY_HEADROOM_BYTES = 1L << 30;
    /** Free disk space the lessons need next to a complete set-up, in bytes. */
    public static final long DISK_HEADROOM_BYTES = 1L << 30;

    /**
     * One judged fact about the machine.
     *
     * @param check    what was checked, e.g. "total memory"
     * @param observed what this machine has, in words with units
     * @param needed   what the course needs, in words with units
     * @param ok       whether the machine meets the need
     * @param fix      the action that helps when {@code ok} is false (empty when it is true)
     */
    public record Line(String check, String observed, String needed, boolean ok, String fix) {

        /**
         * The line as a verdict.
         *
         * @return "ok", or "fix: " followed by the fix
         */
        public String verdict() {
            return ok ? "ok" : "fix: " + fix;
        }
    }

    private final List<Line> lines;

    /**
     * A report made of the given lines, in that order.
     *
     * @param lines the judged facts; copied
     */
    public MachineReport(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * Measures this machine: memory from {@code /proc/meminfo} (or the JVM's view of the operating system
     * elsewhere), the disk holding {@code COURSE_CACHE} (default {@code ~/.cache/genai-java-course}) and the
     * Ollama recorded in {@code COURSE_RUN} (default {@code $COURSE_CACHE/run}) against {@code /proc/cpuinfo}.
     *
     * @return the four lines: total memory, available memory, disk, Ollama's CPU target
     * @throws UncheckedIOException if the cache folder exists but cannot be read
     */
    public static MachineReport ofThisMachine() {
        Path cache = cacheDir();
        Path run = runDir();
        Path meminfo = Path.of("/proc/meminfo");
        long total = memInfoBytes(meminfo, "MemTotal");
        long available = memInfoBytes(meminfo, "MemAvailable");
        if (total < 0 || available < 0) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            total = os.getTotalMemorySize();
            available = os.getFreeMemorySize();
        }
        Path existing = cache;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        long free = existing == null ? 0 : existing.toFile().getUsableSpace();
        return new MachineReport(List.of(
                totalMemory(total),
                availableMemory(available),
                disk(cache, free, folderBytes(cache)),
                ollamaTarget(readEnvFile(run.resolve("ollama.env")), cpuFlags(Path.of("/proc/cpuinfo")))));
    }

    /**
     * Judges the machine's total memory.
     *
     * @param totalBytes the machine's memory, in bytes
     * @return a line that is ok when {@code totalBytes >= MEMORY_NEEDED_BYTES}
     */
    public static Line totalMemory(long totalBytes) {
        return new Line("total memory", gib(totalBytes), "at least " + gib(MEMORY_NEEDED_BYTES),
                totalBytes >= MEMORY_NEEDED_BYTES,
                "use a machine with more memory, or point OLLAMA_BASE_URL at a classroom server so the models run there");
    }

    /**
     * Judges the memory still available with the stack running.
     *
     * @param availableBytes memory the operating system can still hand out, in bytes
     * @return a line that is ok when {@code availableBytes >= MEMORY_HEADROOM_BYTES}
     */
    public static Line availableMemory(long availableBytes) {
        return new Line("memory available now", gib(availableBytes), "at least " + gib(MEMORY_HEADROOM_BYTES),
                availableBytes >= MEMORY_HEADROOM_BYTES,
                "close other programs (browsers, IDEs), or shut down the kernels of notebooks you are not using");
    }

    /**
     * Judges the free space on the disk that holds the course's cache.
     *
     * @param cache      the cache folder, named in the line
     * @param freeBytes  free space on its disk, in bytes
     * @param cacheBytes what the cache holds now, in bytes (shown, not judged)
     * @return a line that is ok when {@code freeBytes >= DISK_HEADROOM_BYTES}
     */
    public static Line disk(Path cache, long freeBytes, long cacheBytes) {
        return new Line("free disk", gib(freeBytes) + " free where the cache is (" + cache + ", holding " + gib(cacheBytes) + ")",
                "at least " + gib(DISK_HEADROOM_BYTES) + " free", freeBytes >= DISK_HEADROOM_BYTES,
                "free space on that disk, or move the cache to a bigger one: COURSE_CACHE=/path/on/bigger/disk make up");
    }

    /**
     * Judges whether this CPU runs the Ollama the course uses.
     *
     * @param ollama   the KEY=value pairs of {@code ollama.env} (ORIGIN, FLAGS, ARCH, FEATURES, ...); empty when
     *                 the file is missing
     * @param cpuFlags this CPU's feature flags as {@code /proc/cpuinfo} names them; empty when unknown
     * @return a line that fails only when the course built the binary for features this CPU lacks
     */
    public static Line ollamaTarget(Map<String, String> ollama, Set<String> cpuFlags) {
        String origin = ollama.getOrDefault("ORIGIN", "");
        String needed = "every CPU feature the binary was compiled for";
        switch (origin) {
            case "external":
                return new Line("Ollama's CPU code", "a server the course did not start (" + ollama.getOrDefault("URL", "?")
                        + "): its own build, checked where it runs", needed, true, "");
            case "installed":
                return new Line("Ollama's CPU code", "installed Ollama " + ollama.getOrDefault("BIN", "")
                        + ": its official builds pick their CPU code when they start", needed, true, "");
            case "built":
                break;
            default:
                return new Line("Ollama's CPU code", "not recorded: Ollama was not started by 'make up'", needed, true, "");
        }
        String features = ollama.getOrDefault("FEATURES", "").trim();
        if (ollama.getOrDefault("FLAGS", "").isBlank()) {
            return new Line("Ollama's CPU code", "built by the course before targets were recorded ("
                    + ollama.getOrDefault("BIN", "?") + "); it is answering, so it runs here", needed, true, "");
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String feature : features.isEmpty() ? new String[0] : features.split("\\s+")) {
            if (!cpuFlags.isEmpty() && !cpuFlags.contains(feature)) {
                missing.add(feature);
            }
        }
        String observed = "built for " + ollama.get("FLAGS") + " (gcc: " + ollama.getOrDefault("ARCH", "?") + "): "
                + (features.isEmpty() ? "no SIMD features" : features)
                + (cpuFlags.isEmpty() ? "; this CPU's features are unknown" : missing.isEmpty() ? "; this CPU has all of them" : "; this CPU lacks " + String.join(" ", missing));
        return new Line("Ollama's CPU code", observed, needed, missing.isEmpty(),
                "this binary was built on another machine: run 'make down' then 'make up', which builds one for this CPU");
    }

    /**
     * The judged lines.
     *
     * @return the lines, in the order they were measured
     */
    public List<Line> lines() {
        return lines;
    }

    /**
     * The report as a table for the notebook: one row per line, columns check, this machine, the course
     * needs, verdict.
     *
     * @return a Tablesaw table
     */
    public Table table() {
        return Table.create("This machine and what the course needs",
                StringColumn.create("check", lines.stream().map(Line::check).toList()),
                StringColumn.create("this machine", lines.stream().map(Line::observed).toList()),
                StringColumn.create("the course needs", lines.stream().map(Line::needed).toList()),
                StringColumn.create("verdict", lines.stream().map(Line::verdict).toList()));
    }

    /**
     * Prints a pass line per line, or stops at the first one that falls short.
     *
     * @throws Checks.CheckFailed naming the check, what was measured and the fix
     */
    public void check() {
        for (Line line : lines) {
            Checks.check(line.check() + ": " + line.needed(), line.ok(), line.ok() ? line.observed() : line.observed() + "; " + line.verdict());
        }
    }

    /**
     * Reads a file of KEY=value lines, skipping blank lines and comments.
     *
     * @param file the file
     * @return the pairs in file order; empty when the file does not exist or cannot be read
     */
    static Map<String, String> readEnvFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.strip().startsWith("#")) {
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return values;
    }

    /**
     * The first CPU's feature flags from a {@code /proc/cpuinfo}-style file.
     *
     * @param cpuinfo the file
     * @return the flags; empty when the file is missing (not Linux) or has no flags line
     */
    static Set<String> cpuFlags(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    return new LinkedHashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException e) {
            // not Linux: the features stay unknown
        }
        return Set.of();
    }

    /**
     * One value of a {@code /proc/meminfo}-style file.
     *
     * @param meminfo the file
     * @param key     e.g. "MemAvailable"
     * @return the value in bytes, or -1 when the file or the key is missing
     */
    static long memInfoBytes(Path meminfo, String key) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith(key + ":")) {
                    String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * ("kB".equals(parts.length > 1 ? parts[1] : "") ? 1024 : 1);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Bytes in the regular files under a folder, not following links; 0 when it does not exist. */
    private static long folderBytes(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        AtomicLong total = new AtomicLong();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total.addAndGet(attrs.isRegularFile() ? attrs.size() : 0);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + folder, e);
        }
        return total.get();
    }

    /** The course's cache folder ({@link CourseConfig#cacheDir()}). */
    static Path cacheDir() {
        return CourseConfig.cacheDir();
    }

    /** Where {@code make up} keeps the services' pid files, logs and records: {@code $COURSE_RUN}, default {@code <cache>/run}. */
    static Path runDir() {
        return Path.of(envOr("COURSE_RUN", cacheDir().resolve("run").toString()));
    }

    private static String envOr(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    @Override
    public String toString() {
        List<String> rows = new ArrayList<>();
        for (Line line : lines) {
            rows.add(line.check() + ": " + line.observed() + " (needs " + line.needed() + ") " + line.verdict());
        }
        return String.join("\n", rows);
    }
}
