package dev.orez.pglite.emscripten;

import com.dylibso.chicory.annotations.HostModule;
import com.dylibso.chicory.annotations.WasmExport;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import dev.orez.pglite.fs.Errno;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Clocks and libc's time conversions. PGlite runs with {@code TZ=UTC} and Postgres converts time zones with its
 * own tz database, so libc only ever needs UTC.
 */
@HostModule("env")
public final class TimeImports {
    private static final int CLOCK_REALTIME = 0;

    private final WasmProcess process;

    public TimeImports(WasmProcess process) {
        this.process = process;
    }

    public HostFunction[] toHostFunctions() {
        return TimeImports_ModuleFactory.toHostFunctions(this);
    }

    @WasmExport("clock_time_get")
    public int clockTimeGet(int clockId, long precision, int timeOut) {
        if (clockId < 0 || clockId > 3) {
            return Errno.EINVAL;
        }
        long nanos = clockId == CLOCK_REALTIME ? realtimeNanos() : System.nanoTime();
        process.memory().writeLong(timeOut, nanos);
        return 0;
    }

    private static long realtimeNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @WasmExport("emscripten_date_now")
    public double dateNow() {
        return System.currentTimeMillis();
    }

    @WasmExport("emscripten_get_now")
    public double getNow() {
        return Signals.nowMs();
    }

    @WasmExport("_tzset_js")
    public void tzset(int timezoneOut, int daylightOut, int standardNameOut, int summerNameOut) {
        Memory memory = process.memory();
        memory.writeI32(timezoneOut, 0);
        memory.writeI32(daylightOut, 0);
        memory.writeCString(standardNameOut, "UTC");
        memory.writeCString(summerNameOut, "UTC");
    }

    @WasmExport("_localtime_js")
    public int localtime(long epochSeconds, int tmOut) {
        return gmtime(epochSeconds, tmOut);
    }

    @WasmExport("_gmtime_js")
    public int gmtime(long epochSeconds, int tmOut) {
        ZonedDateTime t = java.time.Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC);
        Memory memory = process.memory();
        memory.writeI32(tmOut, t.getSecond());
        memory.writeI32(tmOut + 4, t.getMinute());
        memory.writeI32(tmOut + 8, t.getHour());
        memory.writeI32(tmOut + 12, t.getDayOfMonth());
        memory.writeI32(tmOut + 16, t.getMonthValue() - 1);
        memory.writeI32(tmOut + 20, t.getYear() - 1900);
        memory.writeI32(tmOut + 24, t.getDayOfWeek().getValue() % 7);
        memory.writeI32(tmOut + 28, t.getDayOfYear() - 1);
        memory.writeI32(tmOut + 32, 0); // tm_isdst
        memory.writeI32(tmOut + 36, 0); // tm_gmtoff
        return 0;
    }

    /** mktime normalizes out-of-range fields (e.g. day 32), which adding from January 1st does too. */
    @WasmExport("_mktime_js")
    public long mktime(int tm) {
        Memory memory = process.memory();
        LocalDateTime time = LocalDateTime.of(memory.readInt(tm + 20) + 1900, 1, 1, 0, 0)
                .plusMonths(memory.readInt(tm + 16))
                .plusDays(memory.readInt(tm + 12) - 1L)
                .plusHours(memory.readInt(tm + 8))
                .plusMinutes(memory.readInt(tm + 4))
                .plusSeconds(memory.readInt(tm));
        return time.toEpochSecond(ZoneOffset.UTC);
    }

    /** Postgres arms SIGALRM for statement_timeout, lock_timeout and the idle timeouts. */
    @WasmExport("_setitimer_js")
    public int setitimer(int which, double timeoutMs) {
        return process.signals().setTimer(which, timeoutMs);
    }
}
