package io.github.apscheduler4j.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.apscheduler4j.boot.jobs.JobRunOutcome;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every {@link JobRunOutcome} as the dashboard's page draws it: a badge with the outcome in words (format.js, run by
 * Node.js where it is installed) and a colour for the badge and the duration chart's bar (app.css).
 */
class DashboardOutcomeTests {

    private static final String DASHBOARD = "META-INF/apscheduler-dashboard/";

    @Test
    void everyOutcomeHasItsColour() throws Exception {
        String css = Files.readString(resource("app.css"));
        for (JobRunOutcome outcome : JobRunOutcome.values()) {
            String name = outcome.name().toLowerCase(Locale.ROOT);
            assertThat(css).as("app.css").containsPattern("\\.outcome-" + name + "[ ,]")
                    .containsPattern("\\.chart \\.bar-" + name + "[ ,]");
        }
    }

    @Test
    void everyOutcomeIsABadgeInWords() throws Exception {
        String node = findNode();
        assumeTrue(node != null, "Node.js is not installed: format.js is not run");
        String outcomes = String.join(",", Arrays.stream(JobRunOutcome.values()).map(o -> "'" + o + "'").toList());
        String script = "import { outcomeBadge } from '" + resource("format.js").toUri() + "';\n"
                + "for (const outcome of [" + outcomes + "]) console.log(outcomeBadge(outcome));\n";
        Process process = new ProcessBuilder(node, "--input-type=module", "-e", script).redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node finished").isTrue();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed.lines()).containsExactly(
                "<span class=\"badge outcome-success\">Success</span>",
                "<span class=\"badge outcome-error\">Error</span>",
                "<span class=\"badge outcome-missed\">Missed</span>",
                "<span class=\"badge outcome-skipped\">Skipped</span>",
                "<span class=\"badge outcome-abandoned\">Abandoned</span>");
    }

    private static Path resource(String file) throws URISyntaxException {
        URL url = DashboardOutcomeTests.class.getClassLoader().getResource(DASHBOARD + file);
        assertThat(url).as(file).isNotNull();
        return Path.of(url.toURI());
    }

    private static String findNode() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path node = Path.of(dir, "node");
            if (Files.isExecutable(node)) {
                return node.toString();
            }
        }
        return null;
    }
}
