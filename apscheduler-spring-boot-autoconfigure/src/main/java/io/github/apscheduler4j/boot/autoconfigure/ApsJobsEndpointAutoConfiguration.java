package io.github.apscheduler4j.boot.autoconfigure;

import io.github.apscheduler4j.boot.actuate.endpoint.ApsJobsEndpoint;
import io.github.apscheduler4j.boot.actuate.endpoint.ApsJobsEndpointWebExtension;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code apsjobs} actuator endpoint, when the actuator is on the class path and the
 * endpoint is exposed ({@code management.endpoints.web.exposure.include=apsjobs}).
 */
@AutoConfiguration(after = ApSchedulerAutoConfiguration.class)
@ConditionalOnClass({ ApsJobsEndpoint.class, ConditionalOnAvailableEndpoint.class, SanitizingFunction.class })
@ConditionalOnAvailableEndpoint(ApsJobsEndpoint.class)
@EnableConfigurationProperties(ApsJobsEndpointProperties.class)
public final class ApsJobsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnBean(ApSchedulerJobsService.class)
    @ConditionalOnMissingBean
    ApsJobsEndpoint apsJobsEndpoint(ApSchedulerJobsService jobs, ObjectProvider<SanitizingFunction> sanitizingFunctions) {
        return new ApsJobsEndpoint(jobs, sanitizingFunctions.orderedStream().toList());
    }

    @Bean
    @ConditionalOnBean(ApsJobsEndpoint.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    ApsJobsEndpointWebExtension apsJobsEndpointWebExtension(ApsJobsEndpoint endpoint,
            ApsJobsEndpointProperties properties) {
        return new ApsJobsEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
    }
}
