package io.github.apscheduler4j.executor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Targets that the process-pool tests run in worker JVMs. */
public final class ProcessJobs {

    private ProcessJobs() {
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static String greet(String name, int times) {
        System.out.println("greeting " + name);
        return ("hello " + name + " ").repeat(times).trim();
    }

    public static void exit(int code) {
        System.exit(code);
    }

    public static void exhaustMemory() {
        long[][] hoard = new long[1][];
        hoard[0] = new long[Integer.MAX_VALUE - 8];
        System.out.println(hoard[0].length);
    }

    /** Blocks until {@code path} exists (at most a minute), so a test can hold a run open without sleeping itself. */
    public static long holdUntil(String path) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(Path.of(path)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return ProcessHandle.current().pid();
    }
}
