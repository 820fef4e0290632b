package io.github.apscheduler4j.executor.process;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobContext;
import io.github.apscheduler4j.job.JobFunction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of a process-pool worker JVM: reads run requests from standard input, runs each job's target and
 * answers on standard output, one framed JSON message each way ({@link Frames}); each target runs with the run's
 * {@link JobContext}, which the request carries, as its thread's {@link JobContext#current()}. What jobs print goes
 * to standard error, which the parent logs with the job's id. The worker ends at the end of its input, or when its
 * parent dies.
 */
public final class ProcessWorker {

    private ProcessWorker() {
    }

    public static void main(String[] args) throws Exception {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        // the protocol owns standard output: whatever a job prints goes to standard error
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        ClassTargetResolver resolver = new ClassTargetResolver(ProcessWorker.class.getClassLoader());
        Frames.write(out, Map.of("type", "ready", "pid", ProcessHandle.current().pid()));
        for (Map<String, Object> request = Frames.read(in); request != null; request = Frames.read(in)) {
            if ("exit".equals(request.get("type"))) {
                return;
            }
            Frames.write(out, run(resolver, request));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(ClassTargetResolver resolver, Map<String, Object> request) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "result");
        reply.put("run", request.get("run"));
        try {
            JobFunction function = resolver.resolve((String) request.get("target"));
            JobContext context = Frames.context((Map<String, Object>) request.get("context"));
            Object value = JobContext.callWith(context, () -> function.invoke((List<Object>) request.get("args"),
                    (Map<String, Object>) request.get("kwargs")));
            reply.put("ok", true);
            reply.put("value", jsonValue(value));
        } catch (Throwable failure) {
            reply.put("ok", false);
            reply.put("error_class", failure.getClass().getName());
            reply.put("message", String.valueOf(failure.getMessage()));
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            reply.put("trace", trace.toString());
        }
        return reply;
    }

    /** The value itself when it is plain JSON, else its text. */
    private static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        try {
            return Frames.JSON.readValue(Frames.JSON.writeValueAsBytes(value), Object.class);
        } catch (RuntimeException e) {
            return value.toString();
        }
    }
}
