package dev.orez.wasm.build;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The npm registry tarballs come from, chosen the way npm itself chooses it, so a mirror or proxy configured for npm is
 * honoured without extra setup.
 */
public final class NpmRegistry {
    static final String DEFAULT_BASE = "https://registry.npmjs.org/";

    private final String base;

    private NpmRegistry(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    /** The registry configured for this process: its environment, {@code ./.npmrc}, then {@code ~/.npmrc}. */
    static NpmRegistry fromNpmConfig() throws IOException {
        return fromNpmConfig(System::getenv, Path.of(".npmrc"), Path.of(System.getProperty("user.home"), ".npmrc"));
    }

    /**
     * First set wins: {@code npm_config_registry}, {@code NPM_CONFIG_REGISTRY}, the project's .npmrc, the user's
     * .npmrc, the public registry.
     */
    public static NpmRegistry fromNpmConfig(Function<String, String> env, Path projectNpmrc, Path userNpmrc)
            throws IOException {
        for (String variable : new String[] {"npm_config_registry", "NPM_CONFIG_REGISTRY"}) {
            String value = env.apply(variable);
            if (value != null && !value.isBlank()) {
                return new NpmRegistry(value.trim());
            }
        }
        for (Path npmrc : new Path[] {projectNpmrc, userNpmrc}) {
            Optional<String> registry = registryIn(npmrc);
            if (registry.isPresent()) {
                return new NpmRegistry(registry.get());
            }
        }
        return new NpmRegistry(DEFAULT_BASE);
    }

    /** The {@code registry=} setting of an ini-style .npmrc; like npm, a later line overrides an earlier one. */
    private static Optional<String> registryIn(Path npmrc) throws IOException {
        if (!Files.isRegularFile(npmrc)) {
            return Optional.empty();
        }
        String registry = null;
        for (String line : Files.readAllLines(npmrc, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            String key = equals < 0 ? "" : line.substring(0, equals).trim();
            String value = equals < 0 ? "" : unquoted(line.substring(equals + 1).trim());
            if (key.equals("registry") && !value.isEmpty()) {
                registry = value;
            }
        }
        return Optional.ofNullable(registry);
    }

    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    /** The registry's base URL, ending in {@code /}; handed to an npm child process so it uses the same registry. */
    public String baseUrl() {
        return base;
    }

    URI tarballUri(NpmPackage npmPackage) {
        return URI.create(base + npmPackage.tarballPath());
    }
}
