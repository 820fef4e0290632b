package io.github.apscheduler4j.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ClassTargetResolverTests {

    private final ClassTargetResolver resolver = new ClassTargetResolver(getClass().getClassLoader());

    public static String greet(String greeting, int times, String name) {
        return (greeting + " ").repeat(times) + name;
    }

    public static String withOptions(String first, Map<String, Object> options) {
        return first + options;
    }

    public static String overloaded() {
        return "";
    }

    public static String overloaded(String value) {
        return value;
    }

    /** A public class run by name: a new instance per run. */
    public static final class Counter implements Callable<Integer> {
        @Override
        public Integer call() {
            return 42;
        }
    }

    /** Does not say how to run it. */
    public static final class NotRunnable {
    }

    @Test
    void callsAStaticMethodWithPositionalAndKeywordArguments() throws Exception {
        JobFunction function = resolver.resolve(ClassTargetResolver.reference(getClass(), "greet"));

        assertThat(function.invoke(List.of("hi", 2), Map.of("name", "Ada"))).isEqualTo("hi hi Ada");
        assertThat(function.invoke(List.of("hi", "1", "Bob"), Map.of())).isEqualTo("hi Bob");
    }

    @Test
    void passesLeftoverKeywordArgumentsToATrailingMap() throws Exception {
        JobFunction function = resolver.resolve(getClass().getName() + ":withOptions");

        assertThat(function.invoke(List.of("a"), Map.of("x", 1))).isEqualTo("a{x=1}");
    }

    @Test
    void instantiatesACallableClassForEachRun() throws Exception {
        JobFunction function = resolver.resolve(Counter.class.getName());

        assertThat(function.invoke(List.of(), Map.of())).isEqualTo(42);
    }

    @Test
    void leavesOtherSchemesToOtherResolvers() {
        assertThat(resolver.resolve("bean:reportService.nightly")).isNull();
    }

    @Test
    void explainsWhatIsWrongWithABadReference() {
        assertThatThrownBy(() -> resolver.resolve("com.acme.Missing::run"))
                .isInstanceOf(InvalidJobTargetException.class)
                .hasMessage("job target 'com.acme.Missing::run': class com.acme.Missing not found");
        assertThatThrownBy(() -> resolver.resolve(ClassTargetResolver.reference(getClass(), "nope")))
                .hasMessageContaining("has no public method named 'nope'");
        assertThatThrownBy(() -> resolver.resolve(ClassTargetResolver.reference(getClass(), "overloaded")))
                .hasMessageContaining("is overloaded");
        assertThatThrownBy(() -> resolver.resolve(NotRunnable.class.getName()))
                .hasMessageContaining("implements none of Runnable, Callable or JobFunction");
    }

    @Test
    void namesTheParameterAnArgumentDoesNotFit() {
        JobFunction function = resolver.resolve(ClassTargetResolver.reference(getClass(), "greet"));

        assertThatThrownBy(() -> function.invoke(List.of("hi", "many", "Ada"), Map.of()))
                .hasMessageContaining("parameter 'times' of type int cannot take the value 'many'");
        assertThatThrownBy(() -> function.invoke(List.of("hi", 1), Map.of("name", "Ada", "extra", 1)))
                .hasMessageContaining("has no parameter named [extra]");
        assertThatThrownBy(() -> function.invoke(List.of("hi", 1), Map.of()))
                .hasMessageContaining("no value for parameter 'name'");
    }
}
