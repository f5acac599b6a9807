package dev.orez.cli.dump;

import dev.orez.proxy.rewrite.RewriteRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The pg_dump options orez adds to the user's, so that a dump of orez's application database is the user's
 * database and loads into any PostgreSQL: orez's {@code _orez} schema stays out, and so do the extensions orez
 * created on its own (pgvector, pg_trgm) unless something of the user's uses them.
 */
public final class DumpArguments {
    /**
     * orez's default extensions that no user object depends on: no column of their types, no index with their
     * operator classes, no view, default or constraint calling their functions. Only those kinds of object count:
     * the catalogs' own bookkeeping (operator family members, casts) depends on extension objects too.
     */
    public static final String UNUSED_DEFAULT_EXTENSIONS_SQL = "SELECT e.extname FROM pg_extension e"
            + " WHERE e.extname IN ('vector', 'pg_trgm') AND NOT EXISTS ("
            + "  SELECT 1 FROM pg_depend member"
            + "  JOIN pg_depend dependent ON dependent.refclassid = member.classid AND dependent.refobjid = member.objid"
            + "  WHERE member.refclassid = 'pg_extension'::regclass AND member.refobjid = e.oid"
            + "    AND member.deptype = 'e' AND dependent.deptype IN ('n', 'a')"
            + "    AND dependent.classid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass,"
            + "      'pg_constraint'::regclass, 'pg_attrdef'::regclass, 'pg_rewrite'::regclass, 'pg_trigger'::regclass)"
            + "    AND NOT EXISTS (SELECT 1 FROM pg_depend own"
            + "      WHERE own.classid = dependent.classid AND own.objid = dependent.objid AND own.deptype = 'e'))"
            + " ORDER BY 1";

    private DumpArguments() {}

    /** The user's options, then orez's exclusions. */
    public static List<String> of(List<String> userOptions, List<String> unusedDefaultExtensions) {
        List<String> arguments = new ArrayList<>(userOptions);
        arguments.add("--exclude-schema=" + RewriteRules.INTERNAL_SCHEMA);
        for (String extension : unusedDefaultExtensions) {
            arguments.add("--exclude-extension=" + extension);
        }
        return arguments;
    }
}
