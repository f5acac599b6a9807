package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmRegistryTest {
    private static final NpmPackage PACKAGE = new NpmPackage(
            "@scope/pkg",
            "1.0.0",
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==");

    @TempDir
    Path dir;

    private Path projectNpmrc() {
        return dir.resolve("project.npmrc");
    }

    private Path userNpmrc() {
        return dir.resolve("user.npmrc");
    }

    private URI tarballUri(Map<String, String> env) throws IOException {
        return NpmRegistry.fromNpmConfig(env::get, projectNpmrc(), userNpmrc()).tarballUri(PACKAGE);
    }

    @Test
    void theLowerCaseEnvironmentVariableComesFirst() throws IOException {
        Files.writeString(projectNpmrc(), "registry=http://project.test/\n");
        Map<String, String> env = Map.of(
                "npm_config_registry", "http://lower.test/",
                "NPM_CONFIG_REGISTRY", "http://upper.test/");

        assertEquals(URI.create("http://lower.test/@scope/pkg/-/pkg-1.0.0.tgz"), tarballUri(env));
    }

    @Test
    void theUpperCaseEnvironmentVariableBeatsNpmrcFiles() throws IOException {
        Files.writeString(projectNpmrc(), "registry=http://project.test/\n");

        assertEquals(
                URI.create("http://upper.test/@scope/pkg/-/pkg-1.0.0.tgz"),
                tarballUri(Map.of("NPM_CONFIG_REGISTRY", "http://upper.test/")));
    }

    @Test
    void theProjectNpmrcBeatsTheUserNpmrc() throws IOException {
        Files.writeString(
                projectNpmrc(),
                "# registry=http://commented.test/\n"
                        + "; another comment\n"
                        + "fund=false\n"
                        + "  registry = http://project.test/mirror  \n");
        Files.writeString(userNpmrc(), "registry=http://user.test/\n");

        assertEquals(URI.create("http://project.test/mirror/@scope/pkg/-/pkg-1.0.0.tgz"), tarballUri(Map.of()));
    }

    @Test
    void theUserNpmrcIsUsedWhenTheProjectHasNoRegistry() throws IOException {
        Files.writeString(projectNpmrc(), "audit=false\n");
        Files.writeString(userNpmrc(), "registry=\"http://user.test/\"\n");

        assertEquals(URI.create("http://user.test/@scope/pkg/-/pkg-1.0.0.tgz"), tarballUri(Map.of()));
    }

    @Test
    void aBlankEnvironmentVariableCountsAsUnset() throws IOException {
        Files.writeString(userNpmrc(), "registry=http://user.test/\n");

        assertEquals(
                URI.create("http://user.test/@scope/pkg/-/pkg-1.0.0.tgz"),
                tarballUri(Map.of("npm_config_registry", " ")));
    }

    @Test
    void withoutConfigurationThePublicRegistryIsUsed() throws IOException {
        assertEquals(URI.create(NpmRegistry.DEFAULT_BASE + "@scope/pkg/-/pkg-1.0.0.tgz"), tarballUri(Map.of()));
    }

    @Test
    void theBaseUrlAlwaysEndsInASlashSoAChildNpmGetsTheSameRegistry() throws IOException {
        NpmRegistry registry = NpmRegistry.fromNpmConfig(
                Map.of("npm_config_registry", "http://mirror.test/npm")::get, projectNpmrc(), userNpmrc());

        assertEquals("http://mirror.test/npm/", registry.baseUrl());
    }
}
