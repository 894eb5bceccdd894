package director.harness;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The model cache under writers in parallel (a regression's runs, test JVMs side by side): a model folder's lock
 * serialises its builders among the threads of one JVM too (two runs of one JVM asking for the same tracing model
 * while it is not built yet: the file lock alone threw OverlappingFileLockException in the second thread, and that run
 * failed); writers of one file (the cache's index) never move each other's temporary file away.
 */
@Tag("fast")
class ModelLockTest {
    @Test
    void threadsOfOneJvmTakeAFoldersLockInTurn(@TempDir Path root) throws Exception {
        Path dir = root.resolve("models").resolve("DirectorTop-0123");
        Path other = root.resolve("models").resolve("DirectorTop-4567");
        int threads = 6;
        AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger(), otherInside = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    go.await();
                    return ModelBuild.withLock(dir, () -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(30);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inside.decrementAndGet();
                        return id;
                    });
                }));
            }
            // another folder's lock is not this one's: taken while the first is held
            CountDownLatch held = new CountDownLatch(1), release = new CountDownLatch(1);
            Future<Integer> holder = pool.submit(() -> ModelBuild.withLock(other, () -> {
                otherInside.incrementAndGet();
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }));
            assertTrue(held.await(10, TimeUnit.SECONDS), "the other folder's lock was taken");
            go.countDown();
            int sum = 0;
            for (Future<Integer> f : done) sum += f.get(30, TimeUnit.SECONDS);
            release.countDown();
            assertEquals(-1, holder.get(10, TimeUnit.SECONDS));
            assertEquals(threads * (threads - 1) / 2, sum, "every thread ran its body once, none failed");
            assertEquals(1, most.get(), "one thread at a time inside one folder's lock");
            assertEquals(1, otherInside.get());
            assertTrue(Files.exists(root.resolve("models").resolve("DirectorTop-0123.lock")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writersOfOneFileInParallelNeverFailAndLeaveNoTemporaryFile(@TempDir Path root) throws Exception {
        Path file = root.resolve("index").resolve("4d0164e3a8583db3b191522d");
        int threads = 8, rounds = 200;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int r = 0; r < rounds; r++) ModelBuild.writeIfChanged(file, "/models/lib-" + id + "-" + r + ".so\n");
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            assertTrue(Files.readString(file).matches("/models/lib-\\d-" + (rounds - 1) + "\\.so\n"), Files.readString(file));
            try (var left = Files.list(file.getParent())) {
                assertEquals(List.of(file), left.toList(), "only the file itself");
            }
            // the umask's permissions, as a file written in place has (a temporary file's 0600 would make the README private)
            Path plain = Files.writeString(root.resolve("plain"), "x");
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
        } finally {
            pool.shutdownNow();
        }
    }
}
