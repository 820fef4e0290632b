package io.github.apscheduler4j.sample;

import java.util.stream.LongStream;

/**
 * Work for the process pool: a static method, so that a worker JVM can run it (a bean lives in this JVM only).
 * It returns the worker's process id with its result, to show that it ran elsewhere.
 */
public final class Reports {

    private Reports() {
    }

    /** Sums the squares up to {@code n}: a stand-in for CPU-heavy work that should not share the web server's JVM. */
    public static String crunch(int n) {
        long sum = LongStream.rangeClosed(1, n).map(i -> i * i).sum();
        String result = "sum of squares to " + n + " = " + sum + " (computed in process " + ProcessHandle.current().pid()
                + ")";
        System.out.println(result);
        return result;
    }
}
