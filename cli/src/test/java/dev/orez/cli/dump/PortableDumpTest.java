package dev.orez.cli.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortableDumpTest {
    /** pg_dump 18's output for a table orez tracks, trimmed to the parts that matter, one object a block. */
    private static final String PREAMBLE =
            lines("SET statement_timeout = 0;", "SET transaction_timeout = 0;", "SET lock_timeout = 0;", "");

    private static final String TABLE = lines(
            "--",
            "-- Name: note; Type: TABLE; Schema: public; Owner: postgres",
            "--",
            "",
            "CREATE TABLE public.note (",
            "    id integer NOT NULL,",
            "    body text",
            ");",
            "");
    /** Rows that look like object heads and settings: data is never filtered. */
    private static final String DATA = lines(
            "--",
            "-- Data for Name: note; Type: TABLE DATA; Schema: public; Owner: postgres",
            "--",
            "",
            "COPY public.note (id, body) FROM stdin;",
            "1\t--",
            "--",
            "-- Name: x _orez_capture_inserts; Type: TRIGGER; Schema: public; Owner: postgres",
            "2\tSET transaction_timeout = 0;",
            "\\.",
            "",
            "");

    private static final String OREZ_TRIGGER = lines(
            "--",
            "-- Name: note _orez_capture_inserts; Type: TRIGGER; Schema: public; Owner: postgres",
            "--",
            "",
            "CREATE TRIGGER _orez_capture_inserts AFTER INSERT ON public.note REFERENCING NEW TABLE AS inserted_rows"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION _orez.capture_inserts();",
            "",
            "");
    private static final String USER_TRIGGER = lines(
            "--",
            "-- Name: note note_touch; Type: TRIGGER; Schema: public; Owner: postgres",
            "--",
            "",
            "CREATE TRIGGER note_touch BEFORE UPDATE ON public.note FOR EACH ROW EXECUTE FUNCTION public.touch();",
            "",
            "");
    private static final String OREZ_EVENT_TRIGGER = lines(
            "--",
            "-- Name: _orez_on_ddl_end; Type: EVENT TRIGGER; Schema: -; Owner: postgres",
            "--",
            "",
            "CREATE EVENT TRIGGER _orez_on_ddl_end ON ddl_command_end",
            "   EXECUTE FUNCTION _orez.on_ddl_end();",
            "",
            "");
    private static final String END = lines("--", "-- PostgreSQL database dump complete", "--");

    private static final String DUMP = PREAMBLE + TABLE + DATA + OREZ_TRIGGER + USER_TRIGGER + OREZ_EVENT_TRIGGER + END;

    @Test
    void leavesOutOrezsTriggersAndTheSettingOlderServersReject() throws IOException {
        String preamble = lines("SET statement_timeout = 0;", "SET lock_timeout = 0;", "");
        assertEquals(preamble + TABLE + DATA + USER_TRIGGER + END, filter(DUMP, 1));
    }

    @Test
    void theResultDoesNotDependOnHowTheOutputIsCut() throws IOException {
        String whole = filter(DUMP, DUMP.length());
        for (int chunk : new int[] {1, 2, 3, 7, 64}) {
            assertEquals(whole, filter(DUMP, chunk), "chunks of " + chunk);
        }
    }

    @Test
    void aLastLineWithoutNewlineIsKept() throws IOException {
        assertEquals("SELECT 1;\n--\nSELECT 2;", filter("SELECT 1;\n--\nSELECT 2;", 5));
    }

    private static String lines(String... lines) {
        return String.join("\n", List.of(lines)) + "\n";
    }

    private static String filter(String dump, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);
        try (PortableDump filter = new PortableDump(out)) {
            for (int i = 0; i < bytes.length; i += chunk) {
                filter.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
