package io.github.apscheduler4j.boot.annotation;

import io.github.apscheduler4j.job.InvalidJobTargetException;
import io.github.apscheduler4j.job.JobFunction;
import io.github.apscheduler4j.job.JobTargetResolver;
import io.github.apscheduler4j.job.MethodJobFunction;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Resolves {@code bean:beanName.methodName} to that method of that bean, looked up in the bean factory at each run
 * (so that scoped and lazy beans work); the job's args and kwargs go to the method's parameters. The method may be
 * non-public but must not be overloaded. Other references are left to the next resolver.
 */
public class BeanJobTargetResolver implements JobTargetResolver {

    /** The scheme of the references this resolver handles. */
    public static final String PREFIX = "bean:";

    private final BeanFactory beanFactory;

    public BeanJobTargetResolver(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** The reference of {@code methodName} of the bean named {@code beanName}. */
    public static String reference(String beanName, String methodName) {
        return PREFIX + beanName + "." + methodName;
    }

    @Override
    public JobFunction resolve(String reference) {
        if (!reference.startsWith(PREFIX)) {
            return null;
        }
        // bean names may hold dots; method names cannot
        int dot = reference.lastIndexOf('.');
        if (dot <= PREFIX.length() || dot == reference.length() - 1) {
            throw new InvalidJobTargetException("job target '" + reference + "': expected bean:beanName.methodName");
        }
        String beanName = reference.substring(PREFIX.length(), dot);
        String methodName = reference.substring(dot + 1);
        if (!beanFactory.containsBean(beanName)) {
            throw new InvalidJobTargetException("job target '" + reference + "': there is no bean named '" + beanName
                    + "'");
        }
        Class<?> beanType = beanFactory.getType(beanName);
        if (beanType == null) {
            throw new InvalidJobTargetException("job target '" + reference + "': the type of bean '" + beanName
                    + "' cannot be determined");
        }
        Method method = uniqueMethod(reference, ClassUtils.getUserClass(beanType), methodName);
        // a JDK proxy only has the interface's methods: call the one it can delegate
        Method invocable = AopUtils.selectInvocableMethod(method, beanType);
        return new MethodJobFunction(() -> beanFactory.getBean(beanName), invocable);
    }

    private static Method uniqueMethod(String reference, Class<?> type, String methodName) {
        List<Method> candidates = Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(type,
                        method -> method.getName().equals(methodName) && method.getDeclaringClass() != Object.class))
                .toList();
        if (candidates.isEmpty()) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName()
                    + " has no method named '" + methodName + "'");
        }
        if (candidates.size() > 1) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName() + "." + methodName
                    + " is overloaded; give the job a method with a unique name");
        }
        return candidates.get(0);
    }
}
