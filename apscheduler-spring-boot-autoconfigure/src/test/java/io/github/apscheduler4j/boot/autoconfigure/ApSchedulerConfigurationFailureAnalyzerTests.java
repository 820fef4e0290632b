package io.github.apscheduler4j.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.annotation.ApsJob;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

class ApSchedulerConfigurationFailureAnalyzerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApSchedulerAutoConfiguration.class));

    @Test
    void unknownJobStoreTypeNamesThePropertyAndTheKnownTypes() {
        FailureAnalysis analysis = analyze("apscheduler.jobstores.main.type=nope");
        assertThat(analysis.getDescription()).isEqualTo(
                "Invalid value 'nope' for 'apscheduler.jobstores.main.type': unknown job store type; known types: jdbc, memory,"
                        + " mongodb, redis, sqlalchemy");
        assertThat(analysis.getAction()).startsWith("Update 'apscheduler.jobstores.main.type'")
                .contains("known job store types (jdbc, memory, mongodb, redis, sqlalchemy)").contains("apscheduler-jdbc");
    }

    @Test
    void badStoreOptionNamesTheProperty() {
        assertThat(analyze("apscheduler.jobstores.default.type=sqlalchemy",
                "apscheduler.jobstores.default.url=jdbc:h2:mem:x", "apscheduler.jobstores.default.table=jobs")
                .getDescription())
                .contains("'apscheduler.jobstores.default.table'").contains("unknown option");
    }

    @Test
    void unknownExecutorTypeNamesThePropertyAndTheKnownTypes() {
        FailureAnalysis analysis = analyze("apscheduler.executors.gevent.type=gevent");
        assertThat(analysis.getDescription()).startsWith(
                "Invalid value 'gevent' for 'apscheduler.executors.gevent.type': unknown executor type; known types: ")
                .contains("threadpool").contains("processpool");
        assertThat(analysis.getAction()).startsWith("Update 'apscheduler.executors.gevent.type'")
                .contains("known executor types (").contains("threadpool");
    }

    @Test
    void executorWithoutTypeOrClassNamesTheProperty() {
        assertThat(analyze("apscheduler.executors.reports.max_workers=4").getDescription())
                .contains("'apscheduler.executors.reports.type'").contains("needs a type");
    }

    @Test
    void unknownClassNamesTheProperty() {
        FailureAnalysis analysis = analyze("apscheduler.executors.default.class=com.acme.NoSuchExecutor");
        assertThat(analysis.getDescription()).isEqualTo(
                "Invalid value 'com.acme.NoSuchExecutor' for 'apscheduler.executors.default.class': class not found");
        assertThat(analysis.getAction()).contains("io.github.apscheduler4j.executor.JobExecutor");
    }

    @Test
    void unknownTimezoneNamesTheProperty() {
        assertThat(analyze("apscheduler.timezone=Mars/Olympus").getDescription())
                .startsWith("Invalid value 'Mars/Olympus' for 'apscheduler.timezone': is not a known time zone");
    }

    @Test
    void zeroMaxWorkersNamesTheProperty() {
        FailureAnalysis analysis = analyze("apscheduler.executors.default.type=threadpool",
                "apscheduler.executors.default.max_workers=0");
        assertThat(analysis.getDescription())
                .isEqualTo("Invalid value '0' for 'apscheduler.executors.default.max_workers': must be at least 1");
        assertThat(analysis.getAction()).isEqualTo(
                "Update 'apscheduler.executors.default.max_workers' in the application's configuration.");
    }

    @Test
    void unknownExecutorOptionListsTheKnownOptions() {
        assertThat(analyze("apscheduler.executors.default.type=threadpool", "apscheduler.executors.default.workers=3")
                .getDescription()).contains("'apscheduler.executors.default.workers'").contains("max_workers");
    }

    @Test
    void zeroMaxInstancesNamesTheProperty() {
        assertThat(analyze("apscheduler.job-defaults.max-instances=0").getDescription())
                .isEqualTo("Invalid value '0' for 'apscheduler.job_defaults.max_instances': must be at least 1");
    }

    @Test
    void badRunPolicyDefaultsAndLeasesNameTheProperty() {
        assertThat(analyze("apscheduler.job-defaults.retry-backoff=0").getDescription())
                .isEqualTo("Invalid value 'PT0S' for 'apscheduler.job_defaults.retry_backoff': must be positive");
        assertThat(analyze("apscheduler.job_defaults.retries=-1").getDescription())
                .startsWith("Invalid value '-1' for 'apscheduler.job_defaults.retries': ");
        assertThat(analyze("apscheduler.lease_duration=0").getDescription())
                .isEqualTo("Invalid value 'PT0S' for 'apscheduler.lease_duration': must be positive");
    }

    @Test
    void invalidTriggerOnAnApsJobNamesTheMethodThenTheField() {
        FailureAnalysis analysis = analyze(ReportServiceConfiguration.class);
        assertThat(analysis.getDescription()).isEqualTo(
                "Invalid @ApsJob method 'ReportService.nightly': cron field 'hour': value 25 is outside 0-23");
        assertThat(analysis.getAction()).isEqualTo("Fix the @ApsJob annotation of ReportService.nightly.");
    }

    @Test
    void executorAnApsJobNamesThatDoesNotExistFailsStartUp() {
        assertThat(analyze(MissingExecutorConfiguration.class).getDescription()).isEqualTo(
                "Invalid @ApsJob method 'ExportService.export': executor: 'reports' does not exist;"
                        + " known executors: default");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new ApSchedulerConfigurationFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
    }

    private FailureAnalysis analyze(String... properties) {
        return analyze(contextRunner.withPropertyValues(properties));
    }

    private FailureAnalysis analyze(Class<?> configuration) {
        return analyze(contextRunner.withUserConfiguration(configuration));
    }

    private static FailureAnalysis analyze(ApplicationContextRunner runner) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.run(context -> {
            assertThat(context).hasFailed();
            analysis[0] = new ApSchedulerConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(analysis[0]).isNotNull();
        return analysis[0];
    }

    static class ReportServiceConfiguration {

        @Bean
        ReportService reportService() {
            return new ReportService();
        }
    }

    static class ReportService {

        @ApsJob(hour = "25")
        void nightly() {
        }
    }

    static class MissingExecutorConfiguration {

        @Bean
        ExportService exportService() {
            return new ExportService();
        }
    }

    static class ExportService {

        @ApsJob(minutes = "5", executor = "reports")
        void export() {
        }
    }
}
