package io.github.apscheduler4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own, started from this test's class path with a small heap, its output in {@code target/<logs>/<name>.log}:
 * what a multi-instance or restart test runs its instances in, so that killing one (SIGKILL) is a real crash.
 */
public record ChildJvm(String name, Process process, Path log) {

    /**
     * @param logs the folder under {@code target/} for the output
     * @param name what the JVM is called in its log's name and in messages
     */
    public static ChildJvm start(String logs, String name, Class<?> mainClass, List<String> arguments)
            throws IOException {
        Path folder = Path.of("target", logs);
        Files.createDirectories(folder);
        Path log = folder.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                mainClass.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(name, process, log);
    }

    /**
     * Waits until the JVM prints a line starting with {@code prefix}, and returns the rest of that line, trimmed.
     *
     * @throws IllegalStateException when the JVM exits first, with its output
     */
    public String awaitLine(String prefix, Duration timeout) {
        await(name + " printing '" + prefix + "'").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            return output().lines().anyMatch(line -> line.startsWith(prefix));
        });
        String line = output().lines().filter(each -> each.startsWith(prefix)).findFirst().orElseThrow();
        return line.substring(prefix.length()).trim();
    }

    /** SIGKILL: no shutdown hook, no clean-up, no graceful stop of a scheduler or a store. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s killed", name).isTrue();
    }

    /** SIGTERM: the JVM runs its shutdown hooks (a scheduler shuts down, waiting for its runs). */
    public void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s stopped", name).isTrue();
    }

    /** Kills the JVM if it still runs: for a {@code finally}, whatever the test's outcome. */
    public void destroy() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Everything the JVM printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
