package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionLockTest {
    @TempDir
    Path cacheDir;

    @Test
    void aSecondProvisionerWaitsUntilTheFirstIsDoneAndSaysSo() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> second;
        try (ProvisionLock first = ProvisionLock.acquire(cacheDir, progress::add)) {
            second = CompletableFuture.runAsync(() -> {
                try (ProvisionLock lock = ProvisionLock.acquire(cacheDir, line -> {
                    progress.add(line);
                    waiting.countDown();
                })) {
                    progress.add("second holds the lock");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(waiting.await(10, TimeUnit.SECONDS), "the second provisioner reports that it waits");
            Thread.sleep(100);
            assertFalse(second.isDone(), "the second provisioner waits while the first holds the lock");
        }
        second.get(10, TimeUnit.SECONDS);

        assertEquals(
                List.of(
                        "waiting for another thread that is provisioning zero-cache in " + cacheDir,
                        "second holds the lock"),
                progress);
        assertTrue(cacheDir.resolve(ProvisionLock.FILE_NAME).toFile().isFile());
    }
}
