package dev.orez.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gives orez a heap sized from the machine's memory, as the original orez sized Node's: half the RAM, at least
 * 4 GiB (but never more than 3/4 of a small machine). Three PGlite engines keep their linear memory on the Java heap,
 * and the JVM's default (a quarter of RAM) is too small on an 8 GiB laptop. A heap can only be chosen at JVM start,
 * so when the user gave none, orez starts itself again with {@code -Xmx} and passes its signals and exit code through.
 */
final class HeapRelaunch {
    /** Set in the relaunched JVM so it never relaunches again. */
    static final String MARKER = "OREZ_RELAUNCHED";

    private static final long MIB = 1024 * 1024;

    private HeapRelaunch() {}

    static boolean needed() {
        if (System.getenv(MARKER) != null || "0".equals(System.getenv("OREZ_HEAP_RELAUNCH"))) {
            return false;
        }
        boolean heapChosen = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxRAMPercentage"));
        return !heapChosen && jarPath() != null && totalMemoryMib() > 0;
    }

    /** Heap in MiB for a machine with {@code totalMib} of memory. */
    static long heapMib(long totalMib) {
        long half = Math.max(4096, Math.round(totalMib * 0.5));
        return Math.min(half, totalMib * 3 / 4);
    }

    static int run(String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heapMib(totalMemoryMib()) + "m");
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-jar");
        command.add(jarPath());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(MARKER, "1");
        Process child = builder.start();
        // Ctrl-C reaches the child directly (same process group), and a second one must reach it as the second,
        // so this JVM ignores it; a SIGTERM sent to this JVM alone is passed on.
        Signals.ignoreInterrupt();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child)));
        return child.waitFor();
    }

    /**
     * Waits for the child's own orderly stop, so whoever sent the SIGTERM sees orez gone only when it is, and exits
     * with the child's code (a clean stop is 0, not the 143 of a JVM ended by a signal).
     */
    private static void stop(Process child) {
        child.toHandle().destroy();
        try {
            Runtime.getRuntime().halt(child.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The jar this JVM runs, or null when not started with {@code -jar} (tests, IDEs, embedding). */
    private static String jarPath() {
        String classPath = System.getProperty("java.class.path", "");
        boolean singleJar = !classPath.contains(java.io.File.pathSeparator)
                && classPath.toLowerCase(Locale.ROOT).endsWith(".jar");
        String javaCommand = System.getProperty("sun.java.command", "");
        return singleJar && javaCommand.startsWith(classPath) ? classPath : null;
    }

    private static long totalMemoryMib() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / MIB;
        }
        return 0;
    }
}
