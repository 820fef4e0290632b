package io.github.apscheduler4j.executor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;

/**
 * Virtual threads through the Java 21 API, looked up at run time: the project compiles for Java 17, where they
 * do not exist and asking for them fails with a message saying so.
 */
public final class VirtualThreads {

    private static final MethodHandle NEW_PER_TASK_EXECUTOR = find(() -> MethodHandles.publicLookup().findStatic(
            java.util.concurrent.Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)));
    private static final MethodHandle OF_VIRTUAL = find(() -> MethodHandles.publicLookup().findStatic(Thread.class,
            "ofVirtual", MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))));

    private VirtualThreads() {
    }

    private interface Lookup {
        MethodHandle find() throws ReflectiveOperationException;
    }

    private static MethodHandle find(Lookup lookup) {
        try {
            return lookup.find();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    public static boolean available() {
        return NEW_PER_TASK_EXECUTOR != null && OF_VIRTUAL != null;
    }

    /** @throws UnsupportedOperationException naming {@code what} and the running Java version, before Java 21 */
    public static void requireAvailable(String what) {
        if (!available()) {
            throw new UnsupportedOperationException(what + " needs virtual threads, which need Java 21 or later; this JVM is "
                    + Runtime.version().feature() + " (" + System.getProperty("java.home") + ")");
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
    public static ExecutorService newPerTaskExecutor() {
        requireAvailable("a virtual-thread executor");
        try {
            return (ExecutorService) NEW_PER_TASK_EXECUTOR.invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual-thread executor", e);
        }
    }

    /** {@code Thread.ofVirtual().name(name).unstarted(task)}. */
    public static Thread unstarted(String name, Runnable task) {
        requireAvailable("a virtual thread");
        try {
            Object builder = OF_VIRTUAL.invoke();
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class).invoke(builder, name);
            return (Thread) builderType.getMethod("unstarted", Runnable.class).invoke(builder, task);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual thread", e);
        }
    }
}
