package io.github.apscheduler4j.benchmarks.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the runnable benchmarks share: the machine line, quiet logging, percentiles, heap readings, tables. */
public final class Bench {

    private Bench() {
    }

    /**
     * Logs only warnings from every library measured, so that no run is timed writing log lines (each library's
     * per-job log lines are at INFO or below). Call first thing in {@code main}, before any logger exists.
     */
    public static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.github.apscheduler4j", "warn");
    }

    /** The prefix of the lines a forked run prints for its parent to read; everything else is passed through. */
    public static final String RESULT = "RESULT ";

    /**
     * Runs {@code main} in a fresh JVM on this JVM's class path with {@code jvmArgs}, so that each scheduler is measured
     * alone, its code compiled for itself (as JMH forks): returns the values of the {@link #RESULT} lines it printed.
     */
    public static List<String> fork(Class<?> main, List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        List<String> results = new ArrayList<>();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(RESULT)) {
                        results.add(line.substring(RESULT.length()));
                    } else {
                        System.out.println("    | " + line);
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(main.getSimpleName() + " " + Arrays.toString(args) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return results;
    }

    public static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s: Java %s (%s), %d processors, max heap %d MiB, %s",
                LocalDate.now(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                rt.availableProcessors(), rt.maxMemory() >> 20, ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** The used heap after full collections, in bytes. */
    public static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A main's whole-number arguments in order, each of those not given taken from {@code defaults}. */
    public static int[] intArgs(String[] args, int... defaults) {
        int[] values = defaults.clone();
        for (int i = 0; i < Math.min(args.length, values.length); i++) {
            values[i] = Integer.parseInt(args[i]);
        }
        return values;
    }

    /** The {@code p}-th percentile (0-100) of {@code values}, nearest rank. */
    public static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    public static String fmt(double value, int decimals) {
        return String.format(Locale.US, "%,." + decimals + "f", value);
    }

    /** A Markdown table with right-aligned columns after the first. */
    public static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        public Table(String... header) {
            rows.add(header);
        }

        public Table row(Object... cells) {
            String[] row = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = String.valueOf(cells[i]);
            }
            rows.add(row);
            return this;
        }

        @Override
        public String toString() {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                out.append('|');
                for (int i = 0; i < columns; i++) {
                    String cell = row[i];
                    String pad = " ".repeat(widths[i] - cell.length());
                    out.append(' ').append(i == 0 || r == 0 ? cell + pad : pad + cell).append(" |");
                }
                out.append('\n');
                if (r == 0) {
                    out.append('|');
                    for (int i = 0; i < columns; i++) {
                        out.append(i == 0 ? "-" : "-").append("-".repeat(widths[i])).append(i == 0 ? "-|" : ":|");
                    }
                    out.append('\n');
                }
            }
            return out.toString();
        }
    }
}
