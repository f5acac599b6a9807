package dev.orez.cli;

import picocli.CommandLine;

/** Entry point of orez.jar: sizes the heap (by relaunching when needed), then runs the {@code orez} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (servesDatabases(args) && HeapRelaunch.needed()) {
            System.exit(HeapRelaunch.run(args));
        }
        System.exit(commandLine().execute(args));
    }

    /** Only the main command runs the databases; help, version and {@code orez s3} need no big heap. */
    private static boolean servesDatabases(String[] args) {
        try {
            CommandLine.ParseResult parsed = commandLine().parseArgs(args);
            return !parsed.hasSubcommand() && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false; // the command reports it
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new OrezCommand());
    }
}
