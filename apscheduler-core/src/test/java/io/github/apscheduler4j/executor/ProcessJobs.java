package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.job.JobContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** What the worker's run knows of itself, as JSON values, with whether {@link JobContext#current()} agrees. */
    public static Map<String, Object> identity(String label, JobContext context) {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("label", label);
        seen.put("job_id", context.jobId());
        seen.put("jobstore", context.jobstore());
        seen.put("scheduled_fire_time", context.scheduledFireTime() == null ? null
                : context.scheduledFireTime().toString());
        seen.put("started", context.started().toString());
        seen.put("attempt", context.attempt());
        seen.put("instance_id", context.instanceId());
        seen.put("fire_id", context.fireId());
        seen.put("current", JobContext.current().equals(context));
        seen.put("pid", pid());
        return seen;
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

    /**
     * Writes a frame of its own past the worker's protocol, on its standard output: {@code length} with {@code body}, as a
     * job with a native library or a stray {@code FileDescriptor.out} could.
     */
    public static void writeFrame(int length, String body) throws java.io.IOException {
        java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.FileOutputStream(
                java.io.FileDescriptor.out));
        out.writeInt(length);
        out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }
}
