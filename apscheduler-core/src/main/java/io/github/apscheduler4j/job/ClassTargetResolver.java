package io.github.apscheduler4j.job;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Resolves {@code com.acme.Reports::nightly} (APScheduler's {@code module:function}; {@code com.acme.Reports:nightly}
 * is read too) to a public method, static or called on a new instance, and {@code com.acme.Nightly} to a public
 * class with a public no-argument constructor implementing {@link Runnable}, {@link Callable} or
 * {@link JobFunction}, instantiated for each run. References of another scheme ({@code bean:...}) are left to
 * other resolvers. Each class is checked against the {@link AllowedJobTargets} before it is loaded, and the class
 * declaring the method once found: a refused one throws {@link RefusedJobTargetException}.
 */
public final class ClassTargetResolver implements JobTargetResolver {

    private final ClassLoader classLoader;
    private final AllowedJobTargets allowed;

    public ClassTargetResolver(ClassLoader classLoader, AllowedJobTargets allowed) {
        this.classLoader = classLoader;
        this.allowed = allowed;
    }

    /** Resolves any class outside the never-list ({@link AllowedJobTargets#outsideNeverList()}). */
    public ClassTargetResolver(ClassLoader classLoader) {
        this(classLoader, AllowedJobTargets.outsideNeverList());
    }

    /** Resolves any class outside the never-list with the thread's context class loader. */
    public ClassTargetResolver() {
        this(Thread.currentThread().getContextClassLoader());
    }

    /** The reference of a method that this resolver resolves. */
    public static String reference(Class<?> type, String methodName) {
        return type.getName() + "::" + methodName;
    }

    @Override
    public JobFunction resolve(String reference) {
        int separator = reference.indexOf("::");
        int length = 2;
        if (separator < 0) {
            separator = reference.indexOf(':');
            length = 1;
            if (separator >= 0 && reference.substring(0, separator).indexOf('.') < 0) {
                return null;
            }
        }
        if (separator < 0) {
            return instanceFunction(reference, loadClass(reference, reference));
        }
        Class<?> type = loadClass(reference, reference.substring(0, separator));
        return methodFunction(reference, type, reference.substring(separator + length));
    }

    private Class<?> loadClass(String reference, String className) {
        allowed.checkName(reference, className);
        try {
            Class<?> type = Class.forName(className, false, classLoader);
            AllowedJobTargets.checkNeverListed(reference, type);
            return type;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidJobTargetException("job target '" + reference + "': class " + className + " not found", e);
        }
    }

    private static JobFunction methodFunction(String reference, Class<?> type, String methodName) {
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals(methodName))
                .toList();
        if (candidates.isEmpty()) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName()
                    + " has no public method named '" + methodName + "'");
        }
        if (candidates.size() > 1) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName() + "."
                    + methodName + " is overloaded; give the job a method with a unique name");
        }
        Method method = candidates.get(0);
        AllowedJobTargets.checkNeverListed(reference, method.getDeclaringClass());
        if (Modifier.isStatic(method.getModifiers())) {
            return new MethodJobFunction(null, method);
        }
        return new MethodJobFunction(newInstances(reference, type), method);
    }

    private static JobFunction instanceFunction(String reference, Class<?> type) {
        Supplier<?> instances = newInstances(reference, type);
        if (JobFunction.class.isAssignableFrom(type)) {
            return (args, kwargs) -> ((JobFunction) instances.get()).invoke(args, kwargs);
        }
        if (Callable.class.isAssignableFrom(type)) {
            return (args, kwargs) -> ((Callable<?>) instances.get()).call();
        }
        if (Runnable.class.isAssignableFrom(type)) {
            return (args, kwargs) -> {
                ((Runnable) instances.get()).run();
                return null;
            };
        }
        throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName()
                + " implements none of Runnable, Callable or JobFunction; name a method with Class::method");
    }

    private static Supplier<?> newInstances(String reference, Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName()
                    + " must be a public, concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new InvalidJobTargetException("job target '" + reference + "': " + type.getName()
                    + " has no public no-argument constructor", e);
        }
        return () -> {
            try {
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + type.getName() + " for job target '" + reference
                        + "'", e.getCause() != null ? e.getCause() : e);
            }
        };
    }
}
