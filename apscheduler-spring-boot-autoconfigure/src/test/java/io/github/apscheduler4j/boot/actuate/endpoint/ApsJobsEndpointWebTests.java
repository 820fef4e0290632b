package io.github.apscheduler4j.boot.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.apscheduler4j.boot.NightlyJobConfiguration;
import io.github.apscheduler4j.boot.RunTroubleConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApsJobsEndpointAutoConfiguration;
import io.github.apscheduler4j.scheduler.Scheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The endpoint over HTTP, through Spring MVC's dispatcher and Boot's exposure and access rules; no server. */
class ApsJobsEndpointWebTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApsJobsEndpointAutoConfiguration.class, JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class,
                    JacksonEndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
                    ManagementContextAutoConfiguration.class, ServletManagementContextAutoConfiguration.class))
            // as in an application: "unrestricted" binds to Access.UNRESTRICTED
            .withInitializer(context -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
            .withUserConfiguration(NightlyJobConfiguration.class)
            .withPropertyValues("apscheduler.timezone=UTC", "management.endpoints.web.exposure.include=apsjobs");

    @Test
    void listsTheSchedulerAndItsJobs() {
        contextRunner.run(context -> mvc(context).perform(get("/actuator/apsjobs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("RUNNING"))
                .andExpect(jsonPath("$.timezone").value("UTC"))
                .andExpect(jsonPath("$.now").value(endsWith("Z")))
                .andExpect(jsonPath("$.status").doesNotExist())
                .andExpect(jsonPath("$.jobstores.default.type").value("memory"))
                .andExpect(jsonPath("$.executors.default.type").value("threadpool"))
                .andExpect(jsonPath("$.jobs[0].id").value("nightly"))
                .andExpect(jsonPath("$.jobs[0].trigger.description").value("cron[hour='3']"))
                .andExpect(jsonPath("$.jobs[0].trigger.arguments.hour").value("3"))
                .andExpect(jsonPath("$.jobs[0].trigger.words").value("every day at 03:00"))
                .andExpect(jsonPath("$.jobs[0].nextRunTime").value(endsWith("T03:00:00Z")))
                .andExpect(jsonPath("$.jobs[0].maxInstances").value(1))
                .andExpect(jsonPath("$.jobs[0].misfireGraceTime").value("PT1S")));
    }

    @Test
    void showsOneJobAndAnUnknownOneIsNotFound() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/actuator/apsjobs/nightly")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.id").value("nightly"))
                    .andExpect(jsonPath("$.target").exists())
                    .andExpect(jsonPath("$.job").doesNotExist())
                    .andExpect(jsonPath("$.runs").isArray());
            mvc.perform(get("/actuator/apsjobs/nope")).andExpect(status().isNotFound());
        });
    }

    @Test
    void argumentValuesAreSanitizedByDefault() {
        contextRunner.run(context -> mvc(context).perform(get("/actuator/apsjobs/nightly"))
                .andExpect(jsonPath("$.args[0]").value("******"))
                .andExpect(jsonPath("$.kwargs.password").value("******")));
    }

    @Test
    void argumentValuesAreShownWhenAlwaysShown() {
        contextRunner.withPropertyValues("management.endpoint.apsjobs.show-values=always")
                .run(context -> mvc(context).perform(get("/actuator/apsjobs/nightly"))
                        .andExpect(jsonPath("$.args[0]").value("monthly"))
                        .andExpect(jsonPath("$.kwargs.password").value("secret")));
    }

    @Test
    void argumentValuesAreShownToAuthorizedUsersOnlyWhenAuthorized() {
        contextRunner.withPropertyValues("management.endpoint.apsjobs.show-values=when-authorized",
                "management.endpoint.apsjobs.roles=ops").run(context -> {
                    MockMvc mvc = mvc(context);
                    mvc.perform(get("/actuator/apsjobs/nightly")).andExpect(jsonPath("$.args[0]").value("******"));
                    mvc.perform(get("/actuator/apsjobs/nightly").principal(() -> "alice"))
                            .andExpect(jsonPath("$.args[0]").value("******"));
                    mvc.perform(get("/actuator/apsjobs/nightly").principal(() -> "bob").with(request -> {
                        request.addUserRole("ops");
                        return request;
                    })).andExpect(jsonPath("$.args[0]").value("monthly"));
                });
    }

    @Test
    void writeAndDeleteOperationsAreOffByDefault() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            int pause = mvc.perform(post("/actuator/apsjobs/nightly").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"action\": \"pause\"}")).andReturn().getResponse().getStatus();
            int remove = mvc.perform(delete("/actuator/apsjobs/nightly")).andReturn().getResponse().getStatus();
            assertThat(pause).isBetween(400, 499);
            assertThat(remove).isBetween(400, 499);
            assertThat(context.getBean(Scheduler.class).getJob("nightly").isPaused()).isFalse();
        });
    }

    @Test
    void unrestrictedAccessPausesResumesRunsAndRemoves() {
        contextRunner.withPropertyValues("management.endpoint.apsjobs.access=unrestricted").run(context -> {
            MockMvc mvc = mvc(context);
            Scheduler scheduler = context.getBean(Scheduler.class);
            mvc.perform(action("nightly", "pause")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.action").value("pause"))
                    .andExpect(jsonPath("$.job.paused").value(true))
                    // written by the endpoint's own JSON mapper, which leaves nulls out
                    .andExpect(content().string(not(containsString("nextRunTime"))));
            assertThat(scheduler.getJob("nightly").isPaused()).isTrue();
            mvc.perform(action("nightly", "resume")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.job.paused").value(false));
            mvc.perform(action("nightly", "run")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.accepted").value(true));
            mvc.perform(delete("/actuator/apsjobs/nightly")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.action").value("remove"))
                    .andExpect(jsonPath("$.job.id").value("nightly"));
            assertThat(scheduler.getJob("nightly")).isNull();
        });
    }

    @Test
    void unknownJobIsNotFoundAndUnknownActionIsABadRequest() {
        contextRunner.withPropertyValues("management.endpoint.apsjobs.access=unrestricted").run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(action("nope", "pause")).andExpect(status().isNotFound());
            mvc.perform(delete("/actuator/apsjobs/nope")).andExpect(status().isNotFound());
            mvc.perform(action("nightly", "explode")).andExpect(status().isBadRequest());
            mvc.perform(post("/actuator/apsjobs/nightly").contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isBadRequest());
        });
    }

    @Test
    void aJobsRunsShowItsRetriesAndItsAbandonedRuns() {
        contextRunner.withUserConfiguration(RunTroubleConfiguration.class).run(context -> {
            RunTroubleConfiguration.awaitTheTrouble(context);
            MockMvc mvc = mvc(context);
            mvc.perform(get("/actuator/apsjobs/nightly")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.runs[0].outcome").value("ABANDONED"))
                    .andExpect(jsonPath("$.runs[0].scheduledRunTime").value("2026-01-01T03:00:00Z"))
                    .andExpect(jsonPath("$.runs[0].started").doesNotExist())
                    .andExpect(jsonPath("$.runs[0].error").doesNotExist())
                    .andExpect(jsonPath("$.runs[0].note").value(containsString("instance 'web-2' stopped")));
            mvc.perform(get("/actuator/apsjobs/flaky")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.runs[0].outcome").value("SUCCESS"))
                    .andExpect(jsonPath("$.runs[0].note").doesNotExist())
                    .andExpect(jsonPath("$.runs[1].outcome").value("ERROR"))
                    .andExpect(jsonPath("$.runs[1].error").value(containsString("first attempt fails")))
                    .andExpect(jsonPath("$.runs[1].note").value(startsWith("attempt 2 follows from ")));
            mvc.perform(get("/actuator/apsjobs"))
                    .andExpect(jsonPath("$.jobs[?(@.id == 'nightly')].lastRun.outcome").value("ABANDONED"));
        });
    }

    @Test
    void notExposedOverHttpUnlessIncluded() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> mvc(context).perform(get("/actuator/apsjobs")).andExpect(status().isNotFound()));
    }

    private static RequestBuilder action(String id, String action) {
        return post("/actuator/apsjobs/" + id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\": \"" + action + "\"}");
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        assertThat(context).hasNotFailed();
        return MockMvcBuilders.webAppContextSetup(context).build();
    }
}
