package io.github.apscheduler4j.boot.restart;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerAutoConfiguration;
import io.github.apscheduler4j.boot.autoconfigure.ApsJobsEndpointAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application that {@link ApsJobRestartTests} kills and starts again: a web application with the starter, its
 * {@code apsjobs} endpoint over HTTP on a port of its own, and two {@code @ApsJob}s, an hourly interval without a start
 * date and a nightly cron job. The store is given on the command line. Run as a JVM of its own, it prints
 * {@value #READY} and its port once started, and halts when the JVM that started it ends.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ApSchedulerAutoConfiguration.class, ApsJobsEndpointAutoConfiguration.class,
        JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class,
        JacksonEndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
        ManagementContextAutoConfiguration.class, ServletManagementContextAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class})
public class RestartedApplication {

    /** The line the application prints, with its port, once it has started. */
    public static final String READY = "RESTARTED-APPLICATION-READY";

    /** What every start of the application is given, besides its store. */
    static final String[] SETTINGS = {"--server.port=0", "--spring.main.banner-mode=off", "--apscheduler.timezone=UTC",
            "--management.endpoints.web.exposure.include=apsjobs", "--management.endpoint.apsjobs.access=unrestricted"};

    @Bean
    ReportJobs reportJobs() {
        return new ReportJobs();
    }

    /** The declared jobs. */
    public static class ReportJobs {

        /** Every hour from an hour after the first start: its phase is the first start's. */
        @ApsJob(id = "heartbeat", hours = "1")
        public void heartbeat() {
        }

        @ApsJob(id = "nightly", hour = "3")
        public void nightly() {
        }
    }

    /** Starts the application (with {@link #SETTINGS} and {@code args}); the caller closes it. */
    static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[SETTINGS.length + args.length];
        System.arraycopy(SETTINGS, 0, all, 0, SETTINGS.length);
        System.arraycopy(args, 0, all, SETTINGS.length, args.length);
        return new SpringApplicationBuilder(RestartedApplication.class).run(all);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Runs until killed; {@code args} name the store. */
    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(1)));
        ConfigurableApplicationContext context = start(args);
        System.out.println(READY + " " + port(context));
        System.out.flush();
    }
}
