package dev.orez.cli.log;

/** The parts of orez that log, each with the label and colour of its prefix, as the original orez prints them. */
public enum Component {
    OREZ("orez", Ansi.CYAN),
    PG("orez:pg", Ansi.GREEN),
    PGLITE("pglite", Ansi.GREEN),
    PROXY("pg-proxy", Ansi.YELLOW),
    REPLICATION("orez:repl", Ansi.YELLOW),
    ZERO("orez:zero", Ansi.MAGENTA),
    S3("orez:s3", Ansi.BLUE),
    DUMP("orez:dump", Ansi.CYAN);

    private final String label;
    private final String color;

    Component(String label, String color) {
        this.label = label;
        this.color = color;
    }

    public String label() {
        return label;
    }

    String prefix(boolean colored) {
        return colored ? Ansi.BOLD + color + "[" + label + "]" + Ansi.RESET : "[" + label + "]";
    }
}
