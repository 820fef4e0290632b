package io.github.apscheduler4j.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apscheduler4j.annotation.ApsJob;
import io.github.apscheduler4j.annotation.ApsJobHolder;
import io.github.apscheduler4j.job.AllowedJobTargets;
import io.github.apscheduler4j.job.InvalidJobTargetException;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.RefusedJobTargetException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;

class BeanJobTargetResolverTests {

    private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
    private final BeanJobTargetResolver resolver = new BeanJobTargetResolver(beanFactory);

    @Test
    void resolvesAMethodOfABeanAndPassesTheJobsArguments() throws Exception {
        beanFactory.registerSingleton("my.reports", new Reports());
        JobFunction function = resolver.resolve("bean:my.reports.render");
        assertThat(function.invoke(List.of("pdf"), Map.of("copies", 2))).isEqualTo("pdf x2");
    }

    @Test
    void callsThroughAJdkProxy() throws Exception {
        ProxyFactory proxy = new ProxyFactory(new Reports());
        proxy.addInterface(Renderer.class);
        beanFactory.registerSingleton("reports", proxy.getProxy());
        assertThat(resolver.resolve("bean:reports.render").invoke(List.of("csv", 1), Map.of())).isEqualTo("csv x1");
    }

    @Test
    void leavesOtherReferencesToTheNextResolver() {
        assertThat(resolver.resolve("com.acme.Reports::render")).isNull();
    }

    @Test
    void refusesUnknownBeansAndMethodsNamingThem() {
        beanFactory.registerSingleton("reports", new Reports());
        assertThatThrownBy(() -> resolver.resolve("bean:nobody.render")).isInstanceOf(InvalidJobTargetException.class)
                .hasMessage("job target 'bean:nobody.render': there is no bean named 'nobody'");
        assertThatThrownBy(() -> resolver.resolve("bean:reports.print")).isInstanceOf(InvalidJobTargetException.class)
                .hasMessageContaining("has no method named 'print'");
        assertThatThrownBy(() -> resolver.resolve("bean:reports")).isInstanceOf(InvalidJobTargetException.class)
                .hasMessageContaining("expected bean:beanName.methodName");
    }

    @Test
    void refusesMethodsOfBeansThatAreNeitherApsJobsNorOfAJobHolder() {
        beanFactory.registerSingleton("dataSource", new Closer());
        assertThatThrownBy(() -> resolver.resolve("bean:dataSource.close"))
                .isInstanceOf(RefusedJobTargetException.class)
                .hasMessage("job target 'bean:dataSource.close' is refused: the method is not annotated @ApsJob, and the"
                        + " bean's type " + Closer.class.getName() + " is neither marked @ApsJobHolder nor among"
                        + " apscheduler.job-targets.allowed []");
    }

    @Test
    void allowsApsJobMethodsEvenNonPublicAndBeanTypesTheAllowedPatternsName() throws Exception {
        beanFactory.registerSingleton("closer", new Closer());
        assertThat(resolver.resolve("bean:closer.scheduled").invoke(List.of(), Map.of())).isEqualTo("scheduled");
        BeanJobTargetResolver allowingCloser = new BeanJobTargetResolver(beanFactory,
                AllowedJobTargets.of(List.of(Closer.class.getName())));
        assertThat(allowingCloser.resolve("bean:closer.close")).isNotNull();
        assertThatThrownBy(() -> allowingCloser.resolve("bean:closer.hidden"))
                .isInstanceOf(RefusedJobTargetException.class).hasMessageContaining("hidden is not public");
    }

    @Test
    void refusesNeverListedBeanTypesWhateverIsAllowed() {
        beanFactory.registerSingleton("environment", new StandardEnvironment());
        BeanJobTargetResolver allowingSpring = new BeanJobTargetResolver(beanFactory,
                AllowedJobTargets.of(List.of("org.springframework")));
        assertThatThrownBy(() -> allowingSpring.resolve("bean:environment.setActiveProfiles"))
                .isInstanceOf(RefusedJobTargetException.class)
                .hasMessageContaining("org.springframework.core.env.StandardEnvironment is in org.springframework.*");
    }

    public static class Closer {

        public void close() {
        }

        @ApsJob(minutes = "1")
        String scheduled() {
            return "scheduled";
        }

        void hidden() {
        }
    }

    @ApsJobHolder
    public interface Renderer {

        String render(String format, int copies);
    }

    static class Reports implements Renderer {

        @Override
        public String render(String format, int copies) {
            return format + " x" + copies;
        }
    }
}
