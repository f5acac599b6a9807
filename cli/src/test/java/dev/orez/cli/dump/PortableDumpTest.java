package dev.orez.cli.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PortableDumpTest {
    /** pg_dump 17's output for a table orez tracks, trimmed to the parts that matter. */
    private static final String DUMP = String.join(
            "\n",
            "SET statement_timeout = 0;",
            "SET transaction_timeout = 0;",
            "SET lock_timeout = 0;",
            "",
            "--",
            "-- Name: note; Type: TABLE; Schema: public; Owner: postgres",
            "--",
            "",
            "CREATE TABLE public.note (",
            "    id integer NOT NULL,",
            "    body text",
            ");",
            "",
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
            "",
            "--",
            "-- Name: note _orez_capture_inserts; Type: TRIGGER; Schema: public; Owner: postgres",
            "--",
            "",
            "CREATE TRIGGER _orez_capture_inserts AFTER INSERT ON public.note REFERENCING NEW TABLE AS inserted_rows"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION _orez.capture_inserts();",
            "",
            "",
            "--",
            "-- Name: note note_touch; Type: TRIGGER; Schema: public; Owner: postgres",
            "--",
            "",
            "CREATE TRIGGER note_touch BEFORE UPDATE ON public.note FOR EACH ROW EXECUTE FUNCTION public.touch();",
            "",
            "",
            "--",
            "-- Name: _orez_on_ddl_end; Type: EVENT TRIGGER; Schema: -; Owner: postgres",
            "--",
            "",
            "CREATE EVENT TRIGGER _orez_on_ddl_end ON ddl_command_end",
            "   EXECUTE FUNCTION _orez.on_ddl_end();",
            "",
            "",
            "--",
            "-- PostgreSQL database dump complete",
            "--",
            "");

    @Test
    void leavesOutOrezsTriggersAndTheSettingOlderServersReject() throws IOException {
        String expected = String.join(
                "\n",
                "SET statement_timeout = 0;",
                "SET lock_timeout = 0;",
                "",
                "--",
                "-- Name: note; Type: TABLE; Schema: public; Owner: postgres",
                "--",
                "",
                "CREATE TABLE public.note (",
                "    id integer NOT NULL,",
                "    body text",
                ");",
                "",
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
                "",
                "--",
                "-- Name: note note_touch; Type: TRIGGER; Schema: public; Owner: postgres",
                "--",
                "",
                "CREATE TRIGGER note_touch BEFORE UPDATE ON public.note FOR EACH ROW EXECUTE FUNCTION public.touch();",
                "",
                "",
                "--",
                "-- PostgreSQL database dump complete",
                "--",
                "");
        assertEquals(expected, filter(DUMP, 1));
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
