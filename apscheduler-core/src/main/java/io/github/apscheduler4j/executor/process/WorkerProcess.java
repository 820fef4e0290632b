package io.github.apscheduler4j.executor.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One worker JVM of a process pool: started with the application's class path, used by one run at a time. */
public final class WorkerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream replies;
    // the job whose run the worker is doing or did last, for the log lines it prints (they may arrive after its reply)
    private volatile String currentJob = "-";
    private long runs;

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.replies = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        Thread pump = new Thread(this::pumpOutput, "apscheduler-worker-" + process.pid() + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts a worker JVM and waits for it to say it is ready. */
    public static WorkerProcess start(String javaCommand, String classPath, List<String> jvmArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(jvmArgs);
        command.addAll(launch(classPath));
        WorkerProcess worker = new WorkerProcess(new ProcessBuilder(command).start());
        Map<String, Object> ready;
        try {
            ready = worker.read();
        } catch (IOException e) {
            // something else writes to its standard output (a JVM option, an agent): it would never answer a run
            worker.destroy();
            throw new IOException("process-pool worker " + worker.pid() + " did not start: its first frame cannot be"
                    + " read (" + e.getMessage() + "); it is destroyed", e);
        }
        if (ready == null || !"ready".equals(ready.get("type"))) {
            worker.destroy();
            throw new IOException("process-pool worker did not start (" + worker.exitDescription() + ")");
        }
        log.debug("Started process-pool worker {}", worker.pid());
        return worker;
    }

    /**
     * How to start {@link ProcessWorker} with the application's class path. An application started with
     * {@code java -jar} from a Spring Boot jar has only that jar on its class path, its classes nested inside: the
     * worker is then started through Boot's launcher, as the application was.
     */
    static List<String> launch(String classPath) {
        if (isSpringBootJar(classPath)) {
            return List.of("-cp", classPath, "-Dloader.main=" + ProcessWorker.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher");
        }
        return List.of("-cp", classPath, ProcessWorker.class.getName());
    }

    private static boolean isSpringBootJar(String classPath) {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
            return jar.getEntry("BOOT-INF/classes/") != null || jar.getEntry("BOOT-INF/lib/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends one run and waits for its reply.
     *
     * @throws CorruptFrameException when the reply cannot be read or answers another run: destroy the worker
     * @throws IOException when the worker dies on the way
     */
    public Map<String, Object> call(String jobId, Map<String, Object> request) throws IOException {
        currentJob = jobId;
        Frames.write(requests, request);
        Map<String, Object> reply = read();
        if (reply == null) {
            throw new IOException("the worker ended");
        }
        if (!"result".equals(reply.get("type")) || !(reply.get("ok") instanceof Boolean)
                || !String.valueOf(request.get("run")).equals(String.valueOf(reply.get("run")))) {
            throw new CorruptFrameException("the reply " + abbreviate(reply) + " does not answer run "
                    + request.get("run"), null);
        }
        runs++;
        return reply;
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Ends the worker at once: it sent what it should not, and would not understand an exit request. */
    public void destroy() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.debug("Destroyed process-pool worker {} after {} runs", pid(), runs);
    }

    private Map<String, Object> read() throws IOException {
        return Frames.read(replies);
    }

    /** How the worker ended, for error messages: its exit code once it has exited. */
    public String exitDescription() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return "process " + pid() + " exited with code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "process " + pid() + " stopped answering";
    }

    private void pumpOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.info("[worker {} job {}] {}", process.pid(), currentJob, line);
            }
        } catch (IOException e) {
            // the worker is gone; its exit is reported by the run that was waiting on it
        }
    }

    /** Asks the worker to exit, and makes sure it does. */
    @Override
    public void close() {
        try {
            Frames.write(requests, Map.of("type", "exit"));
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.debug("Stopped process-pool worker {} after {} runs", pid(), runs);
    }
}
