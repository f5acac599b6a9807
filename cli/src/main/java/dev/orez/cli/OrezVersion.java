package dev.orez.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: orez's version from the jar manifest, and the versions of what it runs. */
final class OrezVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = OrezVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "orez " + (version == null ? "(development build)" : version),
            "PostgreSQL 18 (PGlite 0.5.16) on Chicory, zero-cache @rocicorp/zero 1.9.0",
            "Java " + Runtime.version()
        };
    }
}
