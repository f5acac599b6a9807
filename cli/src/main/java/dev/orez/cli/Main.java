package dev.orez.cli;

import picocli.CommandLine;

/** Entry point of orez.jar: sizes the heap (by relaunching when needed), then runs the {@code orez} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (HeapRelaunch.needed()) {
            System.exit(HeapRelaunch.run(args));
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new OrezCommand());
    }
}
