package dev.orez.cli;

import java.util.Set;
import picocli.CommandLine;

/** Entry point of orez.jar: sizes the heap (by relaunching when needed), then runs the {@code orez} command. */
public final class Main {
    private static final Set<String> DATABASE_SUBCOMMANDS = Set.of("pg_dump", "pg_restore");

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (servesDatabases(args) && HeapRelaunch.needed()) {
            System.exit(HeapRelaunch.run(args));
        }
        System.exit(commandLine().execute(args));
    }

    /** The main command, pg_dump and pg_restore run databases; help, version and {@code orez s3} need no big heap. */
    private static boolean servesDatabases(String[] args) {
        try {
            CommandLine.ParseResult parsed = commandLine().parseArgs(args);
            CommandLine.ParseResult command = parsed.hasSubcommand() ? parsed.subcommand() : parsed;
            boolean opensDatabases = !parsed.hasSubcommand()
                    || DATABASE_SUBCOMMANDS.contains(command.commandSpec().name());
            return opensDatabases && !command.isUsageHelpRequested() && !command.isVersionHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false; // the command reports it
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new OrezCommand());
    }
}
