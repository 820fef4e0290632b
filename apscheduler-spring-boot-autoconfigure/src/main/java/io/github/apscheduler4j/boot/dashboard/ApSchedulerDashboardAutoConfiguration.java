package io.github.apscheduler4j.boot.dashboard;

import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.jobs.ApSchedulerJobsService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Auto-configuration of the jobs dashboard at {@code apscheduler.dashboard.path} ({@code /apscheduler}), in a servlet
 * web application with Spring MVC, when {@code apscheduler.dashboard.enabled=true}. With Spring Security on the class
 * path, changing jobs needs the role {@code apscheduler.dashboard.role}; without it, anyone who reaches the page may.
 */
@AutoConfiguration(after = ApSchedulerAutoConfiguration.class)
@ConditionalOnBooleanProperty("apscheduler.dashboard.enabled")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(ApSchedulerJobsService.class)
@EnableConfigurationProperties(ApSchedulerDashboardProperties.class)
public final class ApSchedulerDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ApSchedulerDashboardController apSchedulerDashboardController(ApSchedulerJobsService jobs, DashboardAccess access,
            ApSchedulerDashboardProperties properties) {
        return new ApSchedulerDashboardController(jobs, access, properties);
    }

    /** The job list built and written once when the application is ready, with the converters Spring MVC uses. */
    @Bean
    DashboardWarmUp apSchedulerDashboardWarmUp(ApSchedulerDashboardController dashboard,
            ObjectProvider<RequestMappingHandlerAdapter> handlerAdapter) {
        return new DashboardWarmUp(dashboard, () -> handlerAdapter.stream()
                .flatMap(adapter -> adapter.getMessageConverters().stream()).toList());
    }

    /** The page's script and style sheet, from the jar, next to the page. */
    @Bean
    WebMvcConfigurer apSchedulerDashboardResources(ApSchedulerDashboardProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(properties.getPath() + "/*.js", properties.getPath() + "/*.css",
                        properties.getPath() + "/*.svg")
                        .addResourceLocations("classpath:/" + ApSchedulerDashboardController.RESOURCES)
                        .setCacheControl(CacheControl.noCache());
            }
        };
    }

    /** With Spring Security: changing jobs needs the role. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.Authentication")
    static class SecuredAccessConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DashboardAccess apSchedulerDashboardAccess(ApSchedulerDashboardProperties properties) {
            return DashboardAccess.role(properties.getRole());
        }
    }

    /** Without Spring Security: anyone who reaches the dashboard may change jobs, as the README warns. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.core.Authentication")
    static class OpenAccessConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DashboardAccess apSchedulerDashboardAccess() {
            return DashboardAccess.everyone();
        }
    }
}
