package io.github.apscheduler4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package map of {@code docs/architecture.md} true: every main source file of every module may import only
 * the project packages its package is allowed to. Components (stores, executors, triggers, jobs, events and the store
 * modules) sit below the scheduler that uses them; configuration sits below them all. A source scan rather than a
 * byte-code one, so that the store modules, which this module cannot see on its class path, are checked too.
 */
class PackageDependencyTests {

    private static final String ROOT_PACKAGE = "io.github.apscheduler4j";
    private static final Set<String> ENGINE = Set.of("config", "trigger", "trigger.cron", "job", "event", "store",
            "executor", "executor.process", "time", "annotation", "scheduler");

    /** What each package may import of the project, besides itself; a package missing here fails the test. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("config", Set.of()),
            Map.entry("time", Set.of()),
            Map.entry("annotation", Set.of()),
            Map.entry("event", Set.of()),
            Map.entry("trigger.cron", Set.of()),
            Map.entry("trigger", Set.of("trigger.cron")),
            Map.entry("job", Set.of("trigger")),
            Map.entry("store", Set.of("config", "job", "trigger")),
            Map.entry("executor.process", Set.of("job")),
            Map.entry("executor", Set.of("config", "event", "job", "executor.process")),
            Map.entry("scheduler", Set.of("config", "trigger", "job", "event", "store", "executor", "time")),
            Map.entry("jdbc", Set.of("config", "job", "store", "trigger")),
            Map.entry("mongodb", Set.of("config", "job", "store", "trigger")),
            Map.entry("redis", Set.of("config", "job", "store", "trigger")),
            Map.entry("boot.jobs", ENGINE),
            Map.entry("boot.event", ENGINE),
            Map.entry("boot.annotation", ENGINE),
            Map.entry("boot.actuate.health", ENGINE),
            Map.entry("boot.actuate.metrics", ENGINE),
            Map.entry("boot.observation", union(ENGINE, "boot.actuate.metrics")),
            Map.entry("boot.actuate.endpoint", union(ENGINE, "boot.jobs")),
            Map.entry("boot.autoconfigure", union(ENGINE, "jdbc", "mongodb", "redis", "boot.jobs", "boot.event",
                    "boot.annotation", "boot.actuate.health", "boot.actuate.metrics", "boot.actuate.endpoint",
                    "boot.observation")),
            Map.entry("boot.dashboard", union(ENGINE, "boot.jobs", "boot.autoconfigure")));

    private static final Pattern PACKAGE = Pattern.compile("^package " + Pattern.quote(ROOT_PACKAGE) + "\\.([\\w.]+);",
            Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT_PACKAGE)
            + "\\.([a-z][\\w]*(?:\\.[a-z][\\w]*)*)\\.[A-Z]", Pattern.MULTILINE);
    // the modules whose code is the product; benchmarks, the sample and test support may use anything
    private static final Set<String> PRODUCT_MODULES = Set.of("apscheduler-core", "apscheduler-jdbc",
            "apscheduler-mongodb", "apscheduler-redis", "apscheduler-spring-boot-autoconfigure");

    @Test
    void everyPackageImportsOnlyWhatTheArchitectureAllows() {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Path source : productSources()) {
            files++;
            String text = read(source);
            Matcher declared = PACKAGE.matcher(text);
            if (!declared.find()) {
                continue;
            }
            String pkg = declared.group(1);
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                violations.add(source + ": package " + pkg + " has no rule in " + getClass().getSimpleName()
                        + " (and docs/architecture.md)");
                continue;
            }
            Matcher imported = IMPORT.matcher(text);
            while (imported.find()) {
                String target = imported.group(1);
                if (!target.equals(pkg) && !allowed.contains(target)) {
                    violations.add(source + ": " + pkg + " imports " + target);
                }
            }
        }
        assertThat(files).as("main source files scanned").isGreaterThan(100);
        assertThat(violations).as("imports the package map forbids").isEmpty();
    }

    @Test
    void theRulesHaveNoCycle() {
        for (String pkg : ALLOWED.keySet()) {
            assertThat(reachable(pkg, new TreeSet<>())).as("packages %s depends on, directly or not", pkg)
                    .doesNotContain(pkg);
        }
    }

    private static Set<String> reachable(String from, Set<String> seen) {
        for (String next : ALLOWED.getOrDefault(from, Set.of())) {
            if (seen.add(next)) {
                reachable(next, seen);
            }
        }
        return seen;
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static List<Path> productSources() {
        Path root = repositoryRoot();
        List<Path> sources = new ArrayList<>();
        for (String module : PRODUCT_MODULES) {
            Path main = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** The directory of the parent pom: the test runs in a module's directory, one level below. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("apscheduler-core"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
