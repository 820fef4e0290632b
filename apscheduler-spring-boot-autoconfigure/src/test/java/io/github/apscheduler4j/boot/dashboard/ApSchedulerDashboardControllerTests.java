package io.github.apscheduler4j.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.apscheduler4j.boot.NightlyJobConfiguration;
import io.github.apscheduler4j.boot.RunTroubleConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.scheduler.Scheduler;
import org.springframework.http.MediaType;
import java.util.Map;
import io.github.apscheduler4j.job.JobSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The dashboard's page and JSON through Spring MVC's dispatcher, on a real scheduler; an application without Spring Security. */
class ApSchedulerDashboardControllerTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerDashboardAutoConfiguration.class, JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class))
            // an application without Spring Security: anyone may change jobs
            .withClassLoader(new FilteredClassLoader("org.springframework.security"))
            .withUserConfiguration(NightlyJobConfiguration.class)
            .withPropertyValues("apscheduler.timezone=UTC", "apscheduler.dashboard.enabled=true");

    @Test
    void servesThePageAndItsFilesFromTheJar() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/apscheduler")).andExpect(status().isFound())
                    .andExpect(header().string("Location", endsWith("/apscheduler/")));
            mvc.perform(get("/apscheduler/")).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith("text/html"))
                    .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                    .andExpect(content().string(containsString("<script type=\"module\" src=\"app.js\"></script>")));
            for (String file : new String[] {"app.js", "api.js", "format.js", "jobs.js", "job.js", "timeline.js"}) {
                mvc.perform(get("/apscheduler/" + file)).andExpect(status().isOk())
                        .andExpect(content().contentTypeCompatibleWith("text/javascript"));
            }
            mvc.perform(get("/apscheduler/app.css")).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith("text/css"));
            mvc.perform(get("/apscheduler/icon.svg")).andExpect(status().isOk());
        });
    }

    @Test
    void listsTheJobsWithTheirTriggersInWordsAndTheirLastRun() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/apscheduler/api/jobs")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.scheduler.state").value("RUNNING"))
                    .andExpect(jsonPath("$.scheduler.timezone").value("UTC"))
                    .andExpect(jsonPath("$.jobs", hasSize(1)))
                    .andExpect(jsonPath("$.jobs[0].id").value("nightly"))
                    .andExpect(jsonPath("$.jobs[0].name").value("Nightly report"))
                    .andExpect(jsonPath("$.jobs[0].trigger.description").value("cron[hour='3']"))
                    .andExpect(jsonPath("$.jobs[0].trigger.words").value("every day at 03:00"))
                    .andExpect(jsonPath("$.jobs[0].nextRunTime").value(endsWith("T03:00:00Z")))
                    .andExpect(jsonPath("$.jobs[0].jobstore").value("default"))
                    .andExpect(jsonPath("$.jobs[0].executor").value("default"))
                    .andExpect(jsonPath("$.jobs[0].paused").value(false))
                    .andExpect(jsonPath("$.jobs[0].lastRun").doesNotExist());
            mvc.perform(fromDashboard(post("/apscheduler/api/jobs/nightly/run"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.accepted").value(true));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/apscheduler/api/jobs"))
                    .andExpect(jsonPath("$.jobs[0].lastRun.outcome").value("SUCCESS"))
                    .andExpect(jsonPath("$.jobs[0].lastRun.durationMillis").isNumber()));
            mvc.perform(get("/apscheduler/api/jobs/nightly")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.job.id").value("nightly"))
                    .andExpect(jsonPath("$.runs", hasSize(1)))
                    .andExpect(jsonPath("$.runs[0].scheduledRunTime").doesNotExist())
                    .andExpect(jsonPath("$.runs[0].started").isString())
                    .andExpect(jsonPath("$.runs[0].duration").value(startsWith("PT")))
                    .andExpect(jsonPath("$.args").doesNotExist())
                    .andExpect(jsonPath("$.job.args").doesNotExist());
        });
    }

    @Test
    void showsAbandonedRunsAndTheRetriesOfFailedOnes() {
        contextRunner.withUserConfiguration(RunTroubleConfiguration.class).run(context -> {
            RunTroubleConfiguration.awaitTheTrouble(context);
            MockMvc mvc = mvc(context);
            mvc.perform(get("/apscheduler/api/jobs"))
                    .andExpect(jsonPath("$.jobs[?(@.id == 'nightly')].lastRun.outcome").value("ABANDONED"))
                    .andExpect(jsonPath("$.jobs[?(@.id == 'flaky')].lastRun.outcome").value("SUCCESS"));
            mvc.perform(get("/apscheduler/api/jobs/nightly"))
                    .andExpect(jsonPath("$.runs[0].outcome").value("ABANDONED"))
                    .andExpect(jsonPath("$.runs[0].durationMillis").doesNotExist())
                    .andExpect(jsonPath("$.runs[0].note").value(containsString("'web-2'")));
            mvc.perform(get("/apscheduler/api/jobs/flaky"))
                    .andExpect(jsonPath("$.runs[1].note").value(startsWith("attempt 2 follows from ")));
        });
    }

    @Test
    void unknownJobIsNotFound() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/apscheduler/api/jobs/nope")).andExpect(status().isNotFound());
            mvc.perform(fromDashboard(post("/apscheduler/api/jobs/nope/pause"))).andExpect(status().isNotFound());
            mvc.perform(fromDashboard(delete("/apscheduler/api/jobs/nope"))).andExpect(status().isNotFound());
        });
    }

    @Test
    void timelineGivesEachFireTimeInTheWindow() {
        ZonedDateTime tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC);
        long from = tomorrow.toInstant().toEpochMilli();
        contextRunner.run(context -> mvc(context)
                .perform(get("/apscheduler/api/timeline").param("from", tomorrow.toOffsetDateTime().toString())
                        .param("to", String.valueOf(from + Duration.ofDays(2).toMillis())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value(from))
                .andExpect(jsonPath("$.lanes[0].id").value("nightly"))
                .andExpect(jsonPath("$.lanes[0].fires", hasSize(2)))
                .andExpect(jsonPath("$.lanes[0].fires[0]").value(from + Duration.ofHours(3).toMillis()))
                .andExpect(jsonPath("$.lanes[0].fires[1]").value(from + Duration.ofHours(27).toMillis()))
                .andExpect(jsonPath("$.lanes[0].truncated").value(false)));
    }

    @Test
    void timelineCapsTheFireTimesOfEachJob() {
        contextRunner.withPropertyValues("apscheduler.dashboard.timeline-max-fires=1")
                .run(context -> mvc(context).perform(get("/apscheduler/api/timeline").param("to",
                                String.valueOf(System.currentTimeMillis() + Duration.ofDays(3).toMillis())))
                        .andExpect(jsonPath("$.lanes[0].fires", hasSize(1)))
                        .andExpect(jsonPath("$.lanes[0].truncated").value(true)));
    }

    @Test
    void timelineRefusesABadWindow() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/apscheduler/api/timeline").param("from", "yesterday")).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value(containsString("ISO-8601")));
            mvc.perform(get("/apscheduler/api/timeline").param("from", "2030-01-02T00:00:00Z")
                    .param("to", "2030-01-01T00:00:00Z")).andExpect(status().isBadRequest());
            mvc.perform(get("/apscheduler/api/timeline").param("from", "2030-01-01T00:00:00Z")
                    .param("to", "2030-03-01T00:00:00Z")).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value(containsString("at most 31 days")));
        });
    }

    @Test
    void withoutSpringSecurityAnyoneOnTheDashboardPausesResumesRunsAndRemoves() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            Scheduler scheduler = context.getBean(Scheduler.class);
            mvc.perform(get("/apscheduler/api/session")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.mayChangeJobs").value(true))
                    .andExpect(jsonPath("$.requiredRole").doesNotExist())
                    .andExpect(jsonPath("$.refreshMillis").value(5000))
                    .andExpect(jsonPath("$.csrfToken").doesNotExist());
            mvc.perform(fromDashboard(post("/apscheduler/api/jobs/nightly/pause"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.action").value("pause"))
                    .andExpect(jsonPath("$.job.paused").value(true));
            assertThat(scheduler.getJob("nightly").isPaused()).isTrue();
            mvc.perform(fromDashboard(post("/apscheduler/api/jobs/nightly/resume"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.job.paused").value(false))
                    .andExpect(jsonPath("$.job.nextRunTime").value(endsWith("T03:00:00Z")));
            mvc.perform(fromDashboard(post("/apscheduler/api/jobs/nightly/explode"))).andExpect(status().isBadRequest());
            mvc.perform(fromDashboard(delete("/apscheduler/api/jobs/nightly"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.action").value("remove"));
            assertThat(scheduler.getJob("nightly")).isNull();
        });
    }

    @Test
    void servedAtTheConfiguredPath() {
        contextRunner.withPropertyValues("apscheduler.dashboard.path=/ops/jobs").run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/ops/jobs/")).andExpect(status().isOk());
            mvc.perform(get("/ops/jobs/app.js")).andExpect(status().isOk());
            mvc.perform(get("/ops/jobs/api/jobs")).andExpect(jsonPath("$.jobs[0].id").value("nightly"));
            mvc.perform(get("/apscheduler/")).andExpect(status().isNotFound());
        });
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        assertThat(context).hasNotFailed();
        return MockMvcBuilders.webAppContextSetup(context).build();
    }

    /** What the dashboard's script sends with a change: its own origin and its header. */
    private static MockHttpServletRequestBuilder fromDashboard(MockHttpServletRequestBuilder request) {
        return request.header("Origin", "http://localhost").header(CrossSiteRequests.HEADER, "1");
    }

    @Test
    void withoutSpringSecurityRefusesChangesFromOtherSites() {
        contextRunner.run(context -> {
            context.getBean(Scheduler.class).addJob(JobSpec.builder(() -> { }).id("guarded")
                    .trigger("interval", Map.of("hours", 1)).build());
            MockMvc mvc = mvc(context);
            // a form posted from another site: no header, another origin, a form's body
            mvc.perform(post("/apscheduler/api/jobs/guarded/pause").header("Origin", "https://evil.example")
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.message").value("Changing jobs needs the X-APScheduler-Dashboard header"
                            + " that the dashboard sends"));
            mvc.perform(post("/apscheduler/api/jobs/guarded/pause").header(CrossSiteRequests.HEADER, "1")
                            .header("Origin", "https://evil.example"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(
                            "not 'https://evil.example'")));
            mvc.perform(delete("/apscheduler/api/jobs/guarded").header(CrossSiteRequests.HEADER, "1"))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/apscheduler/api/jobs/guarded/pause").header(CrossSiteRequests.HEADER, "1")
                            .header("Referer", "http://localhost/apscheduler/").contentType(MediaType.TEXT_PLAIN)
                            .content("x"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.message").value("Changing jobs takes no body but JSON, not 'text/plain'"));
            assertThat(context.getBean(Scheduler.class).getJob("guarded").isPaused()).isFalse();

            mvc.perform(post("/apscheduler/api/jobs/guarded/pause").header(CrossSiteRequests.HEADER, "1")
                            .header("Referer", "http://localhost/apscheduler/"))
                    .andExpect(status().isOk());
            assertThat(context.getBean(Scheduler.class).getJob("guarded").isPaused()).isTrue();
        });
    }
}
