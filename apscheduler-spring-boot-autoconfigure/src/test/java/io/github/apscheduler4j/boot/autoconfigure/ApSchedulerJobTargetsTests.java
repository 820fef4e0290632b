package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.apscheduler4j.job.ClassTargetResolver;
import io.github.apscheduler4j.job.JobSpec;
import io.github.apscheduler4j.scheduler.AbstractScheduler;
import io.github.apscheduler4j.scheduler.Scheduler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code apscheduler.job-targets.*}: the application's packages and the allowed patterns, never the never-list. */
class ApSchedulerJobTargetsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class))
            .withPropertyValues("apscheduler.auto-start=false");

    public static void report() {
    }

    @Test
    void allowsStaticTargetsInTheApplicationsPackagesOnly() {
        contextRunner.withInitializer(context -> AutoConfigurationPackages.register(
                        (org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory(),
                        getClass().getPackageName()))
                .run(context -> {
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    scheduler.addJob(JobSpec.builder(ClassTargetResolver.reference(getClass(), "report")).id("ok")
                            .build());
                    assertThatIllegalArgumentException().isThrownBy(() -> scheduler.addJob(JobSpec.builder(
                            "org.h2.tools.Server::main").build()))
                            .withMessage("job target 'org.h2.tools.Server::main' is refused: org.h2.tools.Server is"
                                    + " not among the allowed job targets [" + getClass().getPackageName() + "]");
                    assertThat(((AbstractScheduler) scheduler).config().allowedJobTargets().patterns())
                            .containsExactly(getClass().getPackageName());
                });
    }

    @Test
    void allowsMoreWithThePropertyButNeverTheNeverList() {
        contextRunner.withPropertyValues("apscheduler.job-targets.allowed=com.acme.**," + getClass().getName()
                        + ",java.lang")
                .run(context -> {
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    scheduler.addJob(JobSpec.builder(ClassTargetResolver.reference(getClass(), "report")).build());
                    assertThatIllegalArgumentException().isThrownBy(() -> scheduler.addJob(JobSpec.builder(
                            "java.lang.System::exit").args(List.of(3)).build()))
                            .withMessageContaining("java.lang.System is in java.*, which job targets may never name");
                });
    }

    @Test
    void aPatternThatIsNoNameFailsStartUpNamingTheProperty() {
        contextRunner.withPropertyValues("apscheduler.job-targets.allowed=com.acme,com..evil").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(io.github.apscheduler4j.config.InvalidConfigurationException.class)
                    .hasMessage("Invalid value 'com..evil' for 'apscheduler.job-targets.allowed[1]': expected a package"
                            + " or class name (com.acme, com.acme.**, com.acme.Reports)");
        });
    }
}
