package io.github.apscheduler4j.executor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recognizes a job's asynchronous result: a {@link CompletionStage}, a {@link Flow.Publisher}, or a Reactive
 * Streams {@code Publisher} (Reactor's {@code Mono} and {@code Flux}, found by name so that no dependency is needed).
 * The job counts as running until the result completes; a publisher's last element is the job's result.
 */
final class AsyncResults {

    private static final String REACTIVE_PUBLISHER = "org.reactivestreams.Publisher";
    private static final String REACTIVE_SUBSCRIBER = "org.reactivestreams.Subscriber";

    private AsyncResults() {
    }

    /** The stage the result completes with, or {@code null} when the result is not asynchronous. */
    static CompletionStage<?> toStage(Object result) {
        if (result instanceof CompletionStage<?> stage) {
            return stage;
        }
        if (result instanceof Flow.Publisher<?> publisher) {
            return fromFlow(publisher);
        }
        if (result != null) {
            Class<?> publisherType = interfaceNamed(result.getClass(), REACTIVE_PUBLISHER);
            if (publisherType != null) {
                return fromReactiveStreams(result, publisherType);
            }
        }
        return null;
    }

    /** The failure a stage completed with, without the wrapping that {@code CompletableFuture} adds. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T> CompletionStage<T> fromFlow(Flow.Publisher<T> publisher) {
        CompletableFuture<T> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<T>() {
            private T last;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                last = item;
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(last);
            }
        });
        return done;
    }

    private static CompletionStage<Object> fromReactiveStreams(Object publisher, Class<?> publisherType) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        try {
            ClassLoader loader = publisherType.getClassLoader();
            Class<?> subscriberType = Class.forName(REACTIVE_SUBSCRIBER, false, loader);
            AtomicReference<Object> last = new AtomicReference<>();
            InvocationHandler handler = (proxy, method, args) -> onSignal(method, args, last, done);
            Object subscriber = Proxy.newProxyInstance(loader, new Class<?>[] {subscriberType}, handler);
            publisherType.getMethod("subscribe", subscriberType).invoke(publisher, subscriber);
        } catch (ReflectiveOperationException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private static Object onSignal(Method method, Object[] args, AtomicReference<Object> last,
            CompletableFuture<Object> done) throws ReflectiveOperationException {
        switch (method.getName()) {
            case "onSubscribe" -> {
                Object subscription = args[0];
                Method request = subscription.getClass().getMethod("request", long.class);
                request.trySetAccessible();
                request.invoke(subscription, Long.MAX_VALUE);
            }
            case "onNext" -> last.set(args[0]);
            case "onError" -> done.completeExceptionally((Throwable) args[0]);
            case "onComplete" -> done.complete(last.get());
            case "toString" -> {
                return "apscheduler job subscriber";
            }
            case "hashCode" -> {
                return System.identityHashCode(done);
            }
            case "equals" -> {
                return args[0] == done;
            }
            default -> {
                // no other signal exists
            }
        }
        return null;
    }

    private static Class<?> interfaceNamed(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> candidate : current.getInterfaces()) {
                if (candidate.getName().equals(name)) {
                    return candidate;
                }
                Class<?> inherited = interfaceNamed(candidate, name);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }
}
