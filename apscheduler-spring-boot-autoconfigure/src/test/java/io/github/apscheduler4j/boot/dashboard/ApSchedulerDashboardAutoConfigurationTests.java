package io.github.apscheduler4j.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.web.servlet.DispatcherServlet;

class ApSchedulerDashboardAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApSchedulerDashboardAutoConfiguration.class));

    @Test
    void offByDefault() {
        contextRunner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ApSchedulerDashboardController.class));
    }

    @Test
    void onWhenEnabledInAServletWebApplication() {
        contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(ApSchedulerDashboardController.class));
    }

    @Test
    void notInAnApplicationThatIsNoWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                        ApSchedulerDashboardAutoConfiguration.class))
                .withPropertyValues("apscheduler.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ApSchedulerDashboardController.class));
    }

    @Test
    void notWithoutSpringMvc() {
        contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .withPropertyValues("apscheduler.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ApSchedulerDashboardController.class));
    }

    @Test
    void notWhenTheSchedulerIsOff() {
        contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true", "apscheduler.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ApSchedulerDashboardController.class));
    }

    @Test
    void withSpringSecurityChangingJobsNeedsTheRole() {
        contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true", "apscheduler.dashboard.role=OPS")
                .run(context -> assertThat(context.getBean(DashboardAccess.class).requiredRole()).isEqualTo("OPS"));
    }

    @Test
    void withoutSpringSecurityAnyoneMayChangeJobs() {
        contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withPropertyValues("apscheduler.dashboard.enabled=true")
                .run(context -> assertThat(context.getBean(DashboardAccess.class).requiredRole()).isNull());
    }

    @Test
    void aDashboardAccessBeanOfTheApplicationWins() {
        contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true")
                .withUserConfiguration(CustomAccess.class)
                .run(context -> assertThat(context.getBean(DashboardAccess.class).requiredRole()).isEqualTo("ROOT"));
    }

    @Test
    void aPathWithoutALeadingSlashStopsStartUpNamingTheProperty() {
        contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true", "apscheduler.dashboard.path=jobs/")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("apscheduler.dashboard.path must start with '/' and not end with one but was 'jobs/'"));
    }

    @Test
    void theJobListIsWrittenOnceAheadOfTheFirstVisit() {
        contextRunner.withPropertyValues("apscheduler.dashboard.enabled=true").run(context -> {
            List<Object> written = new ArrayList<>();
            AbstractHttpMessageConverter<Object> json = new AbstractHttpMessageConverter<>(MediaType.APPLICATION_JSON) {
                @Override
                protected boolean supports(Class<?> type) {
                    return true;
                }

                @Override
                protected Object readInternal(Class<?> type, HttpInputMessage message) {
                    throw new UnsupportedOperationException();
                }

                @Override
                protected void writeInternal(Object body, HttpOutputMessage message) {
                    written.add(body);
                }
            };
            new DashboardWarmUp(context.getBean(ApSchedulerDashboardController.class), () -> List.of(json)).warmUp();
            assertThat(written).singleElement().isInstanceOf(ApSchedulerDashboardController.JobsView.class);
            assertThat(context).hasSingleBean(DashboardWarmUp.class);
        });
    }

    @Test
    void defaults() {
        ApSchedulerDashboardProperties properties = new ApSchedulerDashboardProperties();
        assertThat(properties.isEnabled()).isFalse();
        assertThat(properties.getPath()).isEqualTo("/apscheduler");
        assertThat(properties.getRole()).isEqualTo("APSCHEDULER_ADMIN");
        assertThat(properties.getRefreshInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.getTimelineMaxFires()).isEqualTo(500);
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomAccess {

        @Bean
        DashboardAccess rootOnly() {
            return DashboardAccess.role("ROOT");
        }
    }
}
