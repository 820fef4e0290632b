package io.github.apscheduler4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample started as a container starts it: in a JVM of its own, on this test's class path (target/classes, with
 * whatever Boot's AOT processing generated there, and the dependencies), on a random port. Closing it stops the JVM.
 */
final class SampleProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (?:\\(s\\): )?(\\d+)");

    private final Process process;
    private final AtomicInteger port = new AtomicInteger();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private SampleProcess(Process process) {
        this.process = process;
    }

    /** Starts the sample with these JVM options, environment variables and application arguments. */
    static SampleProcess start(List<String> jvmOptions, Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SampleApplication.class.getName(),
                "--server.port=0"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        SampleProcess sample = new SampleProcess(builder.start());
        Thread reader = new Thread(sample::readOutput, "sample-output");
        reader.setDaemon(true);
        reader.start();
        return sample;
    }

    /** Waits until Tomcat has its port (or the process has ended, which fails with the process's output). */
    SampleProcess awaitPort() {
        await().atMost(Duration.ofSeconds(90)).until(() -> port.get() > 0 || !process.isAlive());
        assertThat(port.get()).as("the sample's port; it %s; its output:%n%s",
                process.isAlive() ? "runs" : "exited", String.join("\n", output)).isPositive();
        return this;
    }

    /** The lines the process has written so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port.get() + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher matcher = PORT.matcher(line);
                if (matcher.find()) {
                    port.set(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended; what it wrote until then is kept
        }
    }
}
