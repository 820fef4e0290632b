package io.github.apscheduler4j.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.github.apscheduler4j.boot.NightlyJobConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.scheduler.Scheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The dashboard in an application with Spring Security: the application's rules decide who sees it, and changing jobs
 * needs the role {@code apscheduler.dashboard.role} on top. The security configuration is the README's.
 */
class ApSchedulerDashboardSecurityTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerDashboardAutoConfiguration.class, JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class))
            .withUserConfiguration(SecurityConfiguration.class, NightlyJobConfiguration.class)
            .withPropertyValues("apscheduler.timezone=UTC", "apscheduler.dashboard.enabled=true");

    @Test
    void anonymousUsersSeeNothing() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/apscheduler/")).andExpect(status().isUnauthorized());
            mvc.perform(get("/apscheduler/api/jobs")).andExpect(status().isUnauthorized());
            mvc.perform(post("/apscheduler/api/jobs/nightly/pause").with(csrf())).andExpect(status().isUnauthorized());
        });
    }

    @Test
    void usersWithoutTheRoleSeeTheJobsButCannotChangeThem() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/apscheduler/api/jobs").with(user("viewer"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.jobs[0].id").value("nightly"));
            mvc.perform(get("/apscheduler/api/session").with(user("viewer"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.user").value("viewer"))
                    .andExpect(jsonPath("$.mayChangeJobs").value(false))
                    .andExpect(jsonPath("$.requiredRole").value("APSCHEDULER_ADMIN"));
            mvc.perform(post("/apscheduler/api/jobs/nightly/pause").with(user("viewer")).with(csrf()))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.message").value("Changing jobs needs the role APSCHEDULER_ADMIN"));
            mvc.perform(delete("/apscheduler/api/jobs/nightly").with(user("viewer")).with(csrf()))
                    .andExpect(status().isForbidden());
            assertThat(context.getBean(Scheduler.class).getJob("nightly").isPaused()).isFalse();
        });
    }

    @Test
    void usersWithTheRoleChangeJobsSendingTheCsrfTokenTheSessionGives() {
        contextRunner.run(context -> {
            MockMvc mvc = mvc(context);
            // as the page does: read the header and token once, send them with each change in the same session
            MvcResult session = mvc.perform(get("/apscheduler/api/session").with(user("admin").roles("APSCHEDULER_ADMIN")))
                    .andExpect(jsonPath("$.mayChangeJobs").value(true))
                    .andExpect(jsonPath("$.csrfHeader").value("X-CSRF-TOKEN"))
                    .andExpect(jsonPath("$.csrfToken").isString())
                    .andReturn();
            MockHttpSession httpSession = (MockHttpSession) session.getRequest().getSession();
            String token = JsonPath.read(session.getResponse().getContentAsString(), "$.csrfToken");
            // without the token, Spring Security refuses the change before the dashboard sees it
            mvc.perform(post("/apscheduler/api/jobs/nightly/pause").session(httpSession)
                    .with(user("admin").roles("APSCHEDULER_ADMIN"))).andExpect(status().isForbidden());
            mvc.perform(post("/apscheduler/api/jobs/nightly/pause").session(httpSession)
                    .with(user("admin").roles("APSCHEDULER_ADMIN")).header("X-CSRF-TOKEN", token))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.job.paused").value(true));
            assertThat(context.getBean(Scheduler.class).getJob("nightly").isPaused()).isTrue();
        });
    }

    @Test
    void theRoleIsConfigurable() {
        contextRunner.withPropertyValues("apscheduler.dashboard.role=OPS").run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(post("/apscheduler/api/jobs/nightly/run").with(user("admin").roles("APSCHEDULER_ADMIN"))
                    .with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/apscheduler/api/jobs/nightly/run").with(user("ops").roles("OPS")).with(csrf()))
                    .andExpect(status().isOk());
        });
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        assertThat(context).hasNotFailed();
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    // the README's configuration: every page needs a signed-in user, the dashboard's changes need the role
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class SecurityConfiguration {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(withDefaults())
                    .formLogin(withDefaults());
            return http.build();
        }
    }
}
