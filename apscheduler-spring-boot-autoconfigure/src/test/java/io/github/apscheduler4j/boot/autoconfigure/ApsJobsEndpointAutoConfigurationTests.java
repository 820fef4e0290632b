package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.boot.actuate.endpoint.ApsJobsEndpoint;
import io.github.apscheduler4j.boot.actuate.endpoint.ApsJobsEndpointWebExtension;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ApsJobsEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class,
                    ApsJobsEndpointAutoConfiguration.class))
            // as in an application: "unrestricted" binds to Access.UNRESTRICTED
            .withInitializer(context -> context.getEnvironment().setConversionService(new ApplicationConversionService()));

    @Test
    void endpointAndWebExtensionExistWhenExposedOverHttp() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=apsjobs")
                .run(context -> assertThat(context).hasSingleBean(ApsJobsEndpoint.class)
                        .hasSingleBean(ApsJobsEndpointWebExtension.class));
    }

    @Test
    void noEndpointUnlessExposed() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(ApsJobsEndpoint.class));
    }

    @Test
    void noWebExtensionWhenExposedOverJmxOnly() {
        contextRunner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=apsjobs")
                .run(context -> assertThat(context).hasSingleBean(ApsJobsEndpoint.class)
                        .doesNotHaveBean(ApsJobsEndpointWebExtension.class));
    }

    @Test
    void noEndpointWhenAccessIsNone() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=apsjobs",
                "management.endpoint.apsjobs.access=none")
                .run(context -> assertThat(context).doesNotHaveBean(ApsJobsEndpoint.class));
    }

    @Test
    void noEndpointWhenTheSchedulerIsOff() {
        contextRunner.withPropertyValues("management.endpoints.web.exposure.include=apsjobs", "apscheduler.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ApsJobsEndpoint.class));
    }

    @Test
    void noEndpointWithoutTheActuator() {
        contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
                .withPropertyValues("management.endpoints.web.exposure.include=apsjobs")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApsJobsEndpoint.class));
    }

    @Test
    void showValuesDefaultsToNever() {
        assertThat(new ApsJobsEndpointProperties().getShowValues()).isEqualTo(Show.NEVER);
        assertThat(new ApsJobsEndpointProperties().getRoles()).isEmpty();
    }
}
