package io.github.apscheduler4j.benchmarks.boot;

import io.github.apscheduler4j.benchmarks.support.Bench;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Start-up cost of the starter: {@link MinimalBootApp} (Spring MVC, Actuator) started from this module's class path,
 * and from the same class path without this project's auto-configuration and starter jars; the time from the JVM's
 * start to the application being ready, {@code runs} starts each, taking turns. If a path to the sample app's jar is
 * given ({@code sample-app/target/sample-app.jar}, built with {@code mvn -pl sample-app -am package}), it also times
 * that, which cannot run without the starter, from Spring Boot's own "process running for" figure. Every JVM runs
 * with {@link #JVM}. Arguments: {@code [runs [sample-app.jar]]}, defaults 11 and none.
 */
public final class StartupBenchmark {

    static final List<String> JVM = List.of("-Xmx512m");
    private static final Pattern STARTED = Pattern.compile("Started \\w+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        Path sampleJar = args.length > 1 ? Path.of(args[1]) : null;
        System.out.println(Bench.machine());
        String full = System.getProperty("java.class.path");
        String without = Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.contains("apscheduler-spring-boot-"))
                .collect(Collectors.joining(File.pathSeparator));
        if (without.equals(full)) {
            throw new IllegalStateException("the class path holds no apscheduler-spring-boot jar");
        }
        Map<String, List<Double>> ready = new LinkedHashMap<>();
        ready.put("minimal app, without the starter", new ArrayList<>());
        ready.put("minimal app, with the starter", new ArrayList<>());
        if (sampleJar != null) {
            ready.put("sample-app (with the starter)", new ArrayList<>());
        }
        for (int run = 1; run <= runs + 1; run++) {
            // the first round warms the file cache and is not counted
            double a = minimal(without, 0);
            double b = minimal(full, 1);
            double c = sampleJar != null ? sample(sampleJar) : 0;
            System.out.printf("%s %d: without %.3f s, with %.3f s%s%n", run == 1 ? "warm-up" : "run", run, a, b,
                    sampleJar != null ? String.format(", sample-app %.3f s", c) : "");
            if (run > 1) {
                List<List<Double>> lists = new ArrayList<>(ready.values());
                lists.get(0).add(a);
                lists.get(1).add(b);
                if (sampleJar != null) {
                    lists.get(2).add(c);
                }
            }
        }
        Bench.Table table = new Bench.Table("application", "JVM start to ready, s (median)", "best, s");
        ready.forEach((name, list) -> table.row(name, Bench.fmt(Bench.median(list), 3),
                Bench.fmt(list.stream().mapToDouble(d -> d).min().orElse(0), 3)));
        // each run starts the two one after the other: the difference within a run is spared the machine's slower minutes
        List<Double> without0 = new ArrayList<>(ready.values()).get(0);
        List<Double> with1 = new ArrayList<>(ready.values()).get(1);
        List<Double> deltas = new ArrayList<>();
        for (int i = 0; i < without0.size(); i++) {
            deltas.add(with1.get(i) - without0.get(i));
        }
        System.out.println();
        System.out.print(table);
        System.out.printf("%nThe starter adds %.0f ms: the median of the %d differences within a run (%.0f ms best against"
                + " best).%n", Bench.median(deltas) * 1000, deltas.size(),
                (with1.stream().mapToDouble(d -> d).min().orElse(0) - without0.stream().mapToDouble(d -> d).min().orElse(0))
                        * 1000);
    }

    private static double minimal(String classPath, int expectedSchedulers) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        command.add("-cp");
        command.add(classPath);
        command.add(MinimalBootApp.class.getName());
        String result = null;
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith(Bench.RESULT)) {
                    result = line.substring(Bench.RESULT.length());
                }
            }
        }
        process.waitFor();
        if (result == null) {
            output.forEach(line -> System.out.println("    | " + line));
            throw new IllegalStateException("the minimal app did not start");
        }
        String[] values = result.split(" ");
        if (Integer.parseInt(values[1]) != expectedSchedulers) {
            throw new IllegalStateException("expected " + expectedSchedulers + " scheduler beans, got " + values[1]);
        }
        return Long.parseLong(values[0]) / 1000.0;
    }

    private static double sample(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is not a file");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=0");
        command.add("--spring.main.banner-mode=off");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        throw new IllegalStateException("the sample app did not report its start");
    }
}
