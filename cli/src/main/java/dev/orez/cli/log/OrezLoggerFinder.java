package dev.orez.cli.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Routes the {@link System.Logger}s of the engine, proxy, replication and S3 modules (which know nothing of the
 * command line) to orez's prefixed console log, so a user sees one consistent stream. Installed as a service.
 */
public final class OrezLoggerFinder extends System.LoggerFinder {

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Bridge(name, Log.of(componentOf(name)));
    }

    static Component componentOf(String loggerName) {
        if (loggerName.startsWith("orez.proxy") || loggerName.startsWith("dev.orez.proxy")) {
            return Component.PROXY;
        }
        if (loggerName.startsWith("dev.orez.replication")) {
            return Component.REPLICATION;
        }
        if (loggerName.startsWith("dev.orez.pglite")) {
            return Component.PGLITE;
        }
        if (loggerName.startsWith("dev.orez.cli.s3")) {
            return Component.S3;
        }
        return Component.OREZ;
    }

    private static final class Bridge implements System.Logger {
        private final String name;
        private final Log log;

        Bridge(String name, Log log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && log.shows(toOrez(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (!isLoggable(level)) {
                return;
            }
            String text = message;
            if (thrown != null) {
                // The cause in one line for users; the whole trace only for someone debugging.
                text += ": " + thrown + (log.shows(LogLevel.DEBUG) ? "\n" + stackTrace(thrown) : "");
            }
            emit(level, text);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                emit(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        }

        private void emit(Level level, String text) {
            switch (toOrez(level)) {
                case ERROR -> log.error(text);
                case WARN -> log.warn(text);
                case INFO -> log.info(text);
                default -> log.debug(text);
            }
        }

        /** INFO from a library is routine progress; DEBUG and TRACE are for someone debugging. */
        private static LogLevel toOrez(Level level) {
            switch (level) {
                case ERROR:
                    return LogLevel.ERROR;
                case WARNING:
                    return LogLevel.WARN;
                case INFO:
                    return LogLevel.INFO;
                default:
                    return LogLevel.DEBUG;
            }
        }

        private static String stackTrace(Throwable thrown) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            return trace.toString();
        }
    }
}
