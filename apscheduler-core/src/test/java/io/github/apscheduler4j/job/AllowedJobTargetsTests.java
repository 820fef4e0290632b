package io.github.apscheduler4j.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.scheduler.BackgroundScheduler;
import io.github.apscheduler4j.scheduler.SchedulerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedJobTargetsTests {

    private final ClassTargetResolver anyOutsideNeverList = new ClassTargetResolver(getClass().getClassLoader());

    public static String report() {
        return "report";
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.System::exit", "java.lang.Runtime", "java.lang.Runtime::getRuntime",
            "javax.naming.InitialContext", "jdk.internal.misc.Unsafe::getUnsafe", "sun.misc.Unsafe",
            "com.sun.jndi.ldap.LdapCtxFactory", "org.springframework.util.FileSystemUtils::deleteRecursively",
            "io.github.apscheduler4j.executor.process.ProcessWorker::main", "java.lang.System:exit"})
    void refusesTheNeverListWhateverIsAllowed(String reference) {
        for (ClassTargetResolver resolver : List.of(anyOutsideNeverList, new ClassTargetResolver(
                getClass().getClassLoader(), AllowedJobTargets.of(List.of("java", "org", "io", "sun", "com", "jdk",
                        "javax"))))) {
            assertThatThrownBy(() -> resolver.resolve(reference)).isInstanceOf(RefusedJobTargetException.class)
                    .hasMessageStartingWith("job target '" + reference + "' is refused: ")
                    .hasMessageContaining("which job targets may never name");
        }
    }

    @Test
    void refusesAMethodThatANeverListedClassDeclares() {
        assertThatThrownBy(() -> anyOutsideNeverList.resolve(getClass().getName() + "::hashCode"))
                .isInstanceOf(RefusedJobTargetException.class)
                .hasMessageContaining("java.lang.Object is in java.*");
    }

    @Test
    void theProjectsOwnTestClassesStayUsable() throws Exception {
        assertThat(anyOutsideNeverList.resolve(ClassTargetResolver.reference(getClass(), "report")).invoke(List.of(),
                java.util.Map.of())).isEqualTo("report");
    }

    @Test
    void anAllowListRefusesWhatItDoesNotName() {
        ClassTargetResolver acme = new ClassTargetResolver(getClass().getClassLoader(),
                AllowedJobTargets.of(List.of("com.acme.**")));

        assertThatThrownBy(() -> acme.resolve(ClassTargetResolver.reference(getClass(), "report")))
                .isInstanceOf(RefusedJobTargetException.class)
                .hasMessage("job target '" + getClass().getName() + "::report' is refused: " + getClass().getName()
                        + " is not among the allowed job targets [com.acme]");
        assertThat(new ClassTargetResolver(getClass().getClassLoader(), AllowedJobTargets.of(List.of(getClass()
                .getName()))).resolve(ClassTargetResolver.reference(getClass(), "report"))).isNotNull();
        assertThat(new ClassTargetResolver(getClass().getClassLoader(), AllowedJobTargets.of(List.of(
                "io.github.apscheduler4j.job.*"))).resolve(ClassTargetResolver.reference(getClass(), "report")))
                .isNotNull();
    }

    @Test
    void patternsMatchWholeNamesOnly() {
        AllowedJobTargets acme = AllowedJobTargets.of(List.of("com.acme", "org.example.Reports"));

        assertThat(acme.allows("com.acme.Reports")).isTrue();
        assertThat(acme.allows("com.acme.jobs.Nightly")).isTrue();
        assertThat(acme.allows("com.acmeevil.Reports")).isFalse();
        assertThat(acme.allows("org.example.Reports$Nightly")).isTrue();
        assertThat(acme.allows("org.example.ReportsEvil")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "com..acme", "com.acme.", "*", "com.*.jobs", "1com"})
    void refusesPatternsThatAreNoPackageOrClassName(String pattern) {
        assertThatIllegalArgumentException().isThrownBy(() -> AllowedJobTargets.of(List.of(pattern)))
                .withMessageContaining("'" + pattern + "' is not a package or class name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[Ljava.lang.System;::exit", "com.acme/Reports::run", "com.acme.Reports ::run"})
    void refusesReferencesThatNameNoClass(String reference) {
        assertThatThrownBy(() -> anyOutsideNeverList.resolve(reference)).isInstanceOf(RefusedJobTargetException.class)
                .hasMessageContaining("is not a class name");
    }

    @Test
    void addJobRefusesATargetNamingItAndTheRule() {
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .allowedJobTargets("com.acme").build());

        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.addJob(JobSpec.builder("java.lang.System::exit")
                .args(List.of(3)).build()))
                .withMessage("job target 'java.lang.System::exit' is refused: java.lang.System is in java.*, which job"
                        + " targets may never name");
        assertThatIllegalArgumentException().isThrownBy(() -> scheduler.addJob(JobSpec.builder(
                ClassTargetResolver.reference(getClass(), "report")).build()))
                .withMessageContaining("is not among the allowed job targets [com.acme]");
        assertThat(scheduler.getJobs()).isEmpty();
    }

    @Test
    void inProcessFunctionsAreNotReferencesAndAreNotChecked() {
        BackgroundScheduler scheduler = new BackgroundScheduler(SchedulerConfig.builder()
                .allowedJobTargets("com.acme").build());

        scheduler.addJob(JobSpec.builder(JobTarget.of((args, kwargs) -> "in process")).id("lambda").build());

        assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("lambda");
    }
}
