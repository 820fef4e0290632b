package io.github.apscheduler4j.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.annotation.ApsJobHolder;
import io.github.apscheduler4j.boot.autoconfigure.ApSchedulerRuntimeHints;
import io.github.apscheduler4j.boot.dashboard.ApSchedulerDashboardController;
import io.github.apscheduler4j.boot.dashboard.DashboardRuntimeHints;
import io.github.apscheduler4j.boot.jobs.JobDescriptor;
import io.github.apscheduler4j.boot.jobs.SchedulerDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

/** What a native image keeps: @ApsJob methods and job holders' public methods callable by reflection, the scripts, the dashboard, the descriptors. */
class ApSchedulerRuntimeHintsTests {

    @Test
    void apsJobMethodsOfBeansAreRegisteredForInvocation() throws NoSuchMethodException {
        RuntimeHints hints = contribute(Reports.class);

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.class.getDeclaredMethod("nightly")))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.class.getDeclaredMethod("helper")))
                .rejects(hints);
    }

    @Test
    void publicMethodsOfJobHoldersAreRegisteredForInvocation() throws NoSuchMethodException {
        RuntimeHints hints = contribute(Invoices.class);

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(
                Invoices.class.getDeclaredMethod("monthly", String.class))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Invoices.class.getDeclaredMethod("total")))
                .as("not public: no job target may name it").rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Object.class.getMethod("toString")))
                .rejects(hints);
    }

    @Test
    void beansWithoutApsJobMethodsContributeNothing() {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerBeanDefinition("plain", new RootBeanDefinition(String.class));
        assertThat(new ApsJobBeanRegistrationAotProcessor()
                .processAheadOfTime(RegisteredBean.of(beanFactory, "plain"))).isNull();
    }

    @Test
    void scriptsDashboardAndDescriptorsAreKept() {
        RuntimeHints hints = new RuntimeHints();
        new ApSchedulerRuntimeHints().registerHints(hints, getClass().getClassLoader());
        new DashboardRuntimeHints().registerHints(hints, getClass().getClassLoader());

        assertThat(RuntimeHintsPredicates.resource().forResource("io/github/apscheduler4j/jdbc/schema-postgresql.sql"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource(
                "io/github/apscheduler4j/jdbc/migration/postgresql/R__apscheduler_jobs.sql")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("io/github/apscheduler4j/jdbc/migration/changelog.yaml"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/apscheduler-dashboard/index.html"))
                .accepts(hints);
        // Jackson writes a record through its accessors
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(
                SchedulerDescriptor.class.getRecordComponents()[0].getAccessor())).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(JobDescriptor.class)).as("held by the scheduler's")
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ApSchedulerDashboardController.TimelineView.class))
                .accepts(hints);
    }

    @Test
    void bothAreRegisteredForSpringsAotProcessing() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
                .anyMatch(ApSchedulerRuntimeHints.class::isInstance).anyMatch(DashboardRuntimeHints.class::isInstance);
        assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
                .anyMatch(ApsJobBeanRegistrationAotProcessor.class::isInstance);
    }

    private static RuntimeHints contribute(Class<?> beanClass) {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
        BeanRegistrationAotContribution contribution = new ApsJobBeanRegistrationAotProcessor()
                .processAheadOfTime(RegisteredBean.of(beanFactory, "bean"));
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("com.example", "Aot")), new InMemoryGeneratedFiles());
        contribution.applyTo(generation, null);
        return generation.getRuntimeHints();
    }

    static class Reports {

        @ApsJob(id = "nightly", hour = "3")
        void nightly() {
        }

        void helper() {
        }
    }

    @ApsJobHolder
    static class Invoices {

        public void monthly(String period) {
        }

        int total() {
            return 0;
        }
    }
}
