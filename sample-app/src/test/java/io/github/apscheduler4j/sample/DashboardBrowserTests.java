package io.github.apscheduler4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The jobs dashboard in a real browser: Debian's {@code chromium} driven through its {@code chromium-driver}, headless,
 * with a fresh profile and no network but the application's. Screenshots go to {@code target/screenshots/}. Without
 * the two packages the tests are skipped, with the reason printed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(Lifecycle.PER_CLASS)
class DashboardBrowserTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("apscheduler.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("apscheduler.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> SAMPLE_JOBS = List.of("heartbeat", "report", "cleanup", "weekend-cleanup",
            "greeting", "invoices", "crunch", "digest");
    private static final int MANY_JOBS = 1000;

    @LocalServerPort
    private int port;

    @Autowired
    private Scheduler scheduler;

    private Path profile;
    private ChromeDriverService service;
    private WebDriver browser;

    /** Why there is no browser; {@code null} when there is one. */
    private String noBrowser;

    @BeforeAll
    void startBrowser() throws IOException {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " is missing"
                : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER + " is missing" : null;
        if (missing != null) {
            noBrowser = "DashboardBrowserTests skipped: " + missing
                    + " (apt-get install -y chromium chromium-driver, as .ci/run does)";
            System.out.println(noBrowser);
            return;
        }
        profile = Files.createTempDirectory("apscheduler-chromium-");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--force-device-scale-factor=1", "--lang=en-US");
        // the packaged driver, given by path: Selenium Manager neither looks for nor downloads one
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void desktopWidth() {
        assumeTrue(noBrowser == null, () -> noBrowser);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void listsTheSampleJobsFiltersAndSortsThem() throws IOException {
        open("/apscheduler/");
        waitFor().until(driver -> rowIds().containsAll(SAMPLE_JOBS));
        assertThat(cell("heartbeat", "Trigger")).isEqualTo("every 10 seconds");
        assertThat(cell("heartbeat", "Store")).isEqualTo("default");
        assertThat(cell("heartbeat", "Executor")).isEqualTo("default");
        assertThat(cell("heartbeat", "Paused")).isEqualTo("No");
        assertThat(cell("report", "Trigger")).isEqualTo("every 20 seconds");
        assertThat(cell("crunch", "Executor")).isEqualTo("processpool");
        assertThat(cell("digest", "Trigger")).isEqualTo("every day at 06:30");
        // the heartbeat runs every 10 seconds: its last outcome shows up without reloading the page
        waitFor().until(driver -> cell("heartbeat", "Last run").equals("Success"));
        assertThat(cell("heartbeat", "Duration")).endsWith("ms");
        screenshot("jobs");

        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("cleanup");
        // in any order: the table sorts by next run, and which of the two runs first depends on the day of the week
        waitFor().until(driver -> Set.copyOf(rowIds()).equals(Set.of("cleanup", "weekend-cleanup")) && rowIds().size() == 2);
        assertThat(browser.findElement(By.id("job-count")).getText()).startsWith("2 of ");
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        waitFor().until(driver -> rowIds().size() >= SAMPLE_JOBS.size());

        WebElement idHeader = browser.findElement(By.cssSelector("th[data-key='id']"));
        idHeader.findElement(By.tagName("button")).click();
        assertThat(idHeader.getAttribute("aria-sort")).isEqualTo("ascending");
        List<String> ascending = rowIds();
        assertThat(ascending).isSorted();
        // from the keyboard as well: the headers are buttons
        idHeader.findElement(By.tagName("button")).sendKeys(Keys.ENTER);
        assertThat(idHeader.getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(rowIds()).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void pausesAJobAndSeesItPaused() throws IOException {
        open("/apscheduler/");
        waitFor().until(driver -> rowIds().contains("report"));
        try {
            clickInRow("report", "pause");
            waitFor().until(driver -> cell("report", "Paused").equals("Paused"));
            assertThat(browser.findElements(By.cssSelector("#jobs-body tr[data-id='report'] button[data-action='resume']"))).hasSize(1);
            assertThat(cell("report", "Next run")).isEqualTo("—");
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Paused Report.");
            assertThat(scheduler.getJob("report").isPaused()).isTrue();
            script("document.querySelector(\"#jobs-body tr[data-id='report']\").scrollIntoView({block: 'center'})");
            screenshot("jobs-paused");

            clickInRow("report", "resume");
            waitFor().until(driver -> cell("report", "Paused").equals("No"));
            assertThat(scheduler.getJob("report").isPaused()).isFalse();
            // the row was drawn again, and the keyboard focus is on its button still, now "Pause"
            assertThat(script("const e = document.activeElement; return e.closest('tr').dataset.id + ' ' + e.textContent"))
                    .isEqualTo("report Pause");
        } finally {
            scheduler.resumeJob("report", null);
        }
    }

    @Test
    void runsAJobNowAndSeesANewHistoryRow() throws IOException {
        open("/apscheduler/#/jobs/greeting");
        waitFor().until(ExpectedConditions.textToBe(By.id("job-heading"), "Greeting"));
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-actions button[data-action='run']")));
        int before = historyRows();
        browser.findElement(By.cssSelector("#job-actions button[data-action='run']")).click();
        waitFor().until(driver -> historyRows() > before);
        WebElement newest = browser.findElement(By.cssSelector("#runs-body tr"));
        assertThat(newest.findElements(By.tagName("td")).get(0).getText()).isEqualTo("on demand");
        assertThat(newest.findElements(By.tagName("td")).get(3).getText()).isEqualTo("Success");
        assertThat(browser.findElements(By.cssSelector("#duration-chart svg rect"))).hasSizeGreaterThanOrEqualTo(before + 1);
        assertThat(browser.findElement(By.cssSelector("#duration-chart svg")).getAttribute("aria-label"))
                .startsWith("Durations of the last");
        fullPageScreenshot("job");
    }

    @Test
    void removesAJobOnlyOnceConfirmed() throws IOException {
        scheduler.addJob(JobSpec.builder(() -> { }).id("disposable").name("Disposable")
                .trigger("interval", Map.of("hours", 1)).replaceExisting(true).build());
        open("/apscheduler/#/jobs/disposable");
        waitFor().until(ExpectedConditions.textToBe(By.id("job-heading"), "Disposable"));
        By remove = By.cssSelector("#job-actions button[data-action='remove']");
        waitFor().until(ExpectedConditions.elementToBeClickable(remove)).click();
        WebElement dialog = browser.findElement(By.id("confirm-remove"));
        waitFor().until(driver -> dialog.isDisplayed());
        screenshot("remove-confirmation");
        dialog.findElement(By.cssSelector("button[value='cancel']")).click();
        waitFor().until(driver -> !dialog.isDisplayed());
        assertThat(scheduler.getJob("disposable")).isNotNull();

        browser.findElement(remove).click();
        waitFor().until(driver -> dialog.isDisplayed());
        dialog.findElement(By.cssSelector("button[value='remove']")).click();
        waitFor().until(driver -> scheduler.getJob("disposable") == null);
        waitFor().until(ExpectedConditions.textToBe(By.id("status"), "Removed Disposable."));
        waitFor().until(driver -> !rowIds().isEmpty() && !rowIds().contains("disposable"));
    }

    @Test
    void drawsTheTimelineAndZooms() throws IOException {
        open("/apscheduler/#/timeline");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline svg .now-line")));
        List<String> lanes = browser.findElements(By.cssSelector("#timeline svg a")).stream()
                .map(lane -> lane.getDomAttribute("href")).toList();
        assertThat(lanes).contains("#/jobs/heartbeat", "#/jobs/digest");
        // the heartbeat fires every 10 seconds: more than the timeline draws one by one in 24 hours
        assertThat(browser.findElements(By.cssSelector("#timeline svg .dense"))).isNotEmpty();
        assertThat(browser.findElement(By.id("timeline-summary")).getText()).contains("busiest stretch");
        fullPageScreenshot("timeline-24h");

        browser.findElement(By.cssSelector(".zoom button[data-span='1h']")).click();
        waitFor().until(ExpectedConditions.attributeToBe(By.cssSelector(".zoom button[data-span='1h']"), "aria-pressed", "true"));
        assertThat(browser.getCurrentUrl()).endsWith("#/timeline?span=1h");
        waitFor().until(driver -> browser.findElement(By.id("timeline-summary")).getText().contains("next hour"));
        screenshot("timeline-1h");
        browser.findElement(By.cssSelector(".zoom button[data-span='7d']")).click();
        waitFor().until(driver -> browser.findElement(By.id("timeline-summary")).getText().contains("next 7 days"));
    }

    @Test
    void fitsAPhoneScreen() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/apscheduler/");
        waitFor().until(driver -> rowIds().containsAll(SAMPLE_JOBS));
        Object overflow = script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in pixels").isLessThanOrEqualTo(0);
        screenshot("jobs-phone");
    }

    @Test
    void rendersAThousandJobsInUnderASecond() throws IOException {
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < MANY_JOBS; i++) {
                String id = String.format("load-%04d", i);
                ids.add(id);
                JobSpec.Builder job = JobSpec.builder(() -> { }).id(id).name("Load job " + i);
                switch (i % 3) {
                    case 0 -> job.trigger("interval", Map.of("minutes", 5 + i % 55));
                    case 1 -> job.trigger("cron", Map.of("hour", i % 24, "minute", i % 60));
                    default -> job.trigger("cron", Map.of("day_of_week", "mon-fri", "hour", 9, "minute", i % 60));
                }
                scheduler.addJob(job.build());
            }
            int expectedRows = scheduler.getJobs().size();
            List<Double> times = new ArrayList<>();
            for (int load = 0; load < 3; load++) {
                // a fresh page each time: from navigation to the browser having painted every row
                open("about:blank");
                open("/apscheduler/");
                waitFor().until(driver -> script("return document.body.dataset.jobsRendered || null") != null);
                double rendered = ((Number) script(
                        "return performance.getEntriesByName('apscheduler:jobs-rendered')[0].startTime")).doubleValue();
                System.out.println("Dashboard load " + load + ": " + script("const jobs = performance.getEntriesByType('resource')"
                        + ".find(e => e.name.endsWith('api/jobs')); const nav = performance.getEntriesByType('navigation')[0];"
                        + " return `page ${Math.round(nav.responseEnd)} ms, DOMContentLoaded ${Math.round(nav.domContentLoadedEventEnd)} ms,"
                        + " api/jobs ${Math.round(jobs.startTime)}-${Math.round(jobs.responseEnd)} ms (${Math.round(jobs.transferSize / 1024)} KiB),"
                        + " data ${Math.round(performance.getEntriesByName('apscheduler:jobs-data')[0].startTime)} ms,"
                        + " html ${Math.round(performance.getEntriesByName('apscheduler:jobs-html')[0].startTime)} ms,"
                        + " rows painted ${Math.round(performance.getEntriesByName('apscheduler:jobs-rendered')[0].startTime)} ms`"));
                assertThat(browser.findElements(By.cssSelector("#jobs-body tr"))).hasSize(expectedRows);
                times.add(rendered);
            }
            System.out.printf("Dashboard with %d jobs rendered in %.0f ms, %.0f ms, %.0f ms (first load, then twice more)%n",
                    expectedRows, times.get(0), times.get(1), times.get(2));
            screenshot("jobs-1000");
            assertThat(times).allSatisfy(time -> assertThat(time).as("milliseconds to render %d jobs", expectedRows)
                    .isLessThan(1000.0));
        } finally {
            ids.forEach(id -> {
                if (scheduler.getJob(id) != null) {
                    scheduler.removeJob(id, null);
                }
            });
        }
    }

    private void open(String path) {
        browser.get(path.startsWith("about:") ? path : "http://127.0.0.1:" + port + path);
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    @SuppressWarnings("unchecked")
    private List<String> rowIds() {
        return (List<String>) script("return [...document.querySelectorAll('#jobs-body tr')].map(tr => tr.dataset.id)");
    }

    /** The text of a row's cell, read in one step: the table is redrawn at each refresh. */
    private String cell(String id, String label) {
        Object text = script("const row = [...document.querySelectorAll('#jobs-body tr')].find(tr => tr.dataset.id === arguments[0]);"
                + " return row ? row.querySelector(`td[data-label='${arguments[1]}']`).innerText.trim() : null;", id, label);
        return (String) text;
    }

    /** Clicks a row's button, again should the row be redrawn between finding and clicking it. */
    private void clickInRow(String id, String action) {
        waitFor().ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(By.cssSelector("#jobs-body tr[data-id='" + id + "'] button[data-action='" + action + "']"))
                    .click();
            return true;
        });
    }

    /** The pointer where it hovers nothing: a hover underline is no part of the picture. */
    private void pointerAway() {
        new Actions(browser).moveToLocation(0, 0).perform();
    }

    private int historyRows() {
        return browser.findElements(By.cssSelector("#runs-body tr")).size();
    }

    /** The whole page, however long, through the DevTools protocol: a window cannot grow past the screen. */
    private void fullPageScreenshot(String name) throws IOException {
        pointerAway();
        Number width = (Number) script("return document.documentElement.clientWidth");
        Number height = (Number) script("return document.documentElement.scrollHeight");
        Map<String, Object> picture = ((ChromeDriver) browser).executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) picture.get("data")));
    }

    private void screenshot(String name) throws IOException {
        pointerAway();
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
