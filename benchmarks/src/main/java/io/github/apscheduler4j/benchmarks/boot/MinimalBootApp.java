package io.github.apscheduler4j.benchmarks.boot;

import io.github.apscheduler4j.benchmarks.support.Bench;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal web application (Spring MVC on Tomcat, Actuator, one controller) that {@link StartupBenchmark} starts with
 * and without this project's starter on the class path: it prints the time from the JVM's start to the application
 * being ready, and whether a scheduler bean was made, then exits.
 */
@SpringBootApplication
@RestController
public class MinimalBootApp {

    @GetMapping("/hello")
    public String hello() {
        return "hello";
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(MinimalBootApp.class, "--server.port=0",
                "--spring.main.banner-mode=off");
        long ready = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        int schedulers = context.getBeanNamesForType(io.github.apscheduler4j.scheduler.Scheduler.class).length;
        System.out.println(Bench.RESULT + String.format(Locale.ROOT, "%d %d %d", ready, schedulers,
                context.getBeanDefinitionCount()));
        System.exit(SpringApplication.exit(context));
    }
}
