package dev.orez.cli.log;

/** The few ANSI escape sequences the log prefixes use. */
final class Ansi {
    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String BLUE = "\u001b[34m";
    static final String MAGENTA = "\u001b[35m";
    static final String CYAN = "\u001b[36m";

    private Ansi() {}

    /**
     * Colour when a person is watching: a terminal, or FORCE_COLOR set; never when NO_COLOR is set
     * (the conventions most command-line tools follow).
     */
    static boolean wanted() {
        if (System.getenv("NO_COLOR") != null) {
            return false;
        }
        return System.getenv("FORCE_COLOR") != null || System.console() != null;
    }
}
