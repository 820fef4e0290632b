package io.github.apscheduler4j.executor;

import io.github.apscheduler4j.executor.process.CorruptFrameException;
import io.github.apscheduler4j.executor.process.Frames;
import io.github.apscheduler4j.executor.process.WorkerProcess;
import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.job.JobContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs jobs in separate worker JVMs started with the application's class path, kept alive and reused: APScheduler's
 * {@code ProcessPoolExecutor} (default 5 workers). A job's target must be a static method or a public class with a
 * no-argument constructor and its arguments JSON values, as APScheduler's needs picklable functions. A worker that
 * crashes, exits or runs out of memory turns into a job error; it is replaced and the other jobs carry on. What a
 * job prints reaches this JVM's log with the job's id. Each run's {@link JobContext} travels with it, so that code in
 * the worker sees the same identity as code run in this JVM. Shutdown stops every worker, and a worker whose parent
 * dies exits by itself.
 */
public final class ProcessPoolJobExecutor extends PooledJobExecutor {

    public static final int DEFAULT_MAX_WORKERS = 5;

    private final int maxWorkers;
    private final List<String> jvmArgs;
    private final String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");
    private final BlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
    private final Set<WorkerProcess> workers = ConcurrentHashMap.newKeySet();
    private final AtomicLong runIds = new AtomicLong();
    private volatile boolean stopping;

    public ProcessPoolJobExecutor() {
        this(DEFAULT_MAX_WORKERS, List.of());
    }

    /** @param jvmArgs options for each worker JVM, such as {@code -Xmx256m} */
    public ProcessPoolJobExecutor(int maxWorkers, List<String> jvmArgs) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("max_workers must be at least 1 but was " + maxWorkers);
        }
        this.maxWorkers = maxWorkers;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    @Override
    protected int workers() {
        return maxWorkers;
    }

    /** The process ids of the live workers. */
    public Collection<Long> workerPids() {
        return workers.stream().map(WorkerProcess::pid).toList();
    }

    @Override
    public void checkJob(Job job) {
        String reference = job.target().reference();
        if (reference == null || reference.startsWith("bean:")) {
            throw new IllegalArgumentException("job '" + job.id() + "' cannot run in a process pool: its target "
                    + (reference == null ? "is in-process code" : "'" + reference + "' is a Spring bean")
                    + ", which exists only in this JVM; a process-pool job needs a static method (com.acme.Reports::nightly)"
                    + " or a public class with a no-argument constructor, as APScheduler's process pool needs picklable"
                    + " functions");
        }
        for (int i = 0; i < job.args().size(); i++) {
            requireJson(job, "args[" + i + "]", job.args().get(i));
        }
        job.kwargs().forEach((name, value) -> requireJson(job, "kwargs." + name, value));
    }

    private static void requireJson(Job job, String path, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireJson(job, path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> requireJson(job, path + "." + key, nested));
            return;
        }
        throw new IllegalArgumentException("job '" + job.id() + "' cannot run in a process pool: " + path + " is a "
                + value.getClass().getName() + ", not a JSON value (string, number, boolean, list, map or null)");
    }

    @Override
    protected ExecutorService newPool(ExecutorContext context) {
        stopping = false;
        // one thread per busy worker: each waits for its worker's reply
        return fixedPool(context, maxWorkers);
    }

    @Override
    protected Object invoke(Job job, JobContext context) throws Exception {
        WorkerProcess worker = lease(job);
        boolean reusable = false;
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "run");
            request.put("run", runIds.incrementAndGet());
            request.put("target", job.target().reference());
            request.put("args", job.args());
            request.put("kwargs", job.kwargs());
            // the worker runs the job with the same identity: JobContext.current() and JobContext parameters
            request.put("context", Frames.context(context));
            Map<String, Object> reply = worker.call(job.id(), request);
            reusable = true;
            if (Boolean.TRUE.equals(reply.get("ok"))) {
                return reply.get("value");
            }
            throw new WorkerJobException(String.valueOf(reply.get("error_class")), String.valueOf(reply.get("message")),
                    String.valueOf(reply.get("trace")), worker.pid());
        } catch (CorruptFrameException e) {
            throw new WorkerCrashedException("process-pool worker " + worker.pid() + " sent a frame that cannot be"
                    + " read while running job '" + job.id() + "' (" + e.getMessage() + "); it is destroyed and"
                    + " replaced", e);
        } catch (IOException e) {
            throw new WorkerCrashedException("process-pool worker " + worker.pid() + " ended while running job '" + job.id()
                    + "': " + worker.exitDescription() + "; it is replaced", e);
        } finally {
            if (reusable && !stopping) {
                idle.offer(worker);
            } else {
                workers.remove(worker);
                if (reusable) {
                    worker.close();
                } else {
                    worker.destroy();
                }
            }
        }
    }

    private WorkerProcess lease(Job job) throws IOException {
        requireRunning(job);
        for (WorkerProcess worker = idle.poll(); worker != null; worker = idle.poll()) {
            if (worker.isAlive()) {
                return worker;
            }
            workers.remove(worker);
            worker.close();
        }
        WorkerProcess started = WorkerProcess.start(javaCommand, classPath, jvmArgs);
        workers.add(started);
        if (stopping) {
            // shut down while it started: shutdown may have missed it
            workers.remove(started);
            started.close();
            requireRunning(job);
        }
        return started;
    }

    // shutdown(false) leaves the runs queued to the pool's threads: none of them may start a worker any more
    private void requireRunning(Job job) {
        if (stopping) {
            throw new IllegalStateException("job '" + job.id() + "' was not run: the process pool was shut down"
                    + " before its run started");
        }
    }

    @Override
    public void shutdown(boolean wait) {
        stopping = true;
        super.shutdown(wait);
        closeWorkers();
    }

    /** The workers still running a job when {@code timeout} has passed are stopped with it: their runs end in errors. */
    @Override
    public boolean shutdown(Duration timeout) {
        stopping = true;
        boolean finished = super.shutdown(timeout);
        closeWorkers();
        return finished;
    }

    private void closeWorkers() {
        for (WorkerProcess worker : List.copyOf(workers)) {
            workers.remove(worker);
            worker.close();
        }
        idle.clear();
    }

    @Override
    public String toString() {
        return "ProcessPoolJobExecutor(max_workers=" + maxWorkers + ")";
    }

    /** A job's own exception, thrown in a worker JVM: its class name, message and stack trace as text. */
    public static final class WorkerJobException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String remoteClass;
        private final String remoteTrace;

        WorkerJobException(String remoteClass, String message, String remoteTrace, long pid) {
            super(remoteClass + ": " + message + " (in process-pool worker " + pid + ")");
            this.remoteClass = remoteClass;
            this.remoteTrace = remoteTrace;
        }

        /** The class name of the exception the job threw. */
        public String remoteClass() {
            return remoteClass;
        }

        /** Its stack trace, as the worker printed it. */
        public String remoteTrace() {
            return remoteTrace;
        }
    }

    /** The worker running a job died: it exited, crashed or was killed. */
    public static final class WorkerCrashedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        WorkerCrashedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
