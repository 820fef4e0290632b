package io.github.apscheduler4j.scheduler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The scheduler's components of one kind (job stores or executors) by alias, in the order they were added. Not thread
 * safe: the scheduler guards it with its lock, except for {@link #snapshot()}, which any thread may read without it.
 *
 * @param <T> the kind of component
 */
final class ComponentRegistry<T> {

    private final String kind;
    private final String kindPlural;
    private final BiConsumer<String, T> starter;
    private final Map<String, T> byAlias = new LinkedHashMap<>();
    // a copy made at each change, so that readers need not take the scheduler's lock, which a pass holds across store
    // calls: a slow store must not stall a health check or a listing
    private volatile Map<String, T> snapshot = Map.of();

    /**
     * @param kind what a component is called in messages ({@code job store}, {@code executor})
     * @param starter starts a component under its alias, as the scheduler starts
     */
    ComponentRegistry(String kind, String kindPlural, Map<String, T> initial, BiConsumer<String, T> starter) {
        this.kind = kind;
        this.kindPlural = kindPlural;
        this.starter = starter;
        byAlias.putAll(initial);
        changed();
    }

    private void changed() {
        snapshot = Collections.unmodifiableMap(new LinkedHashMap<>(byAlias));
    }

    /**
     * Adds a component, and starts it when the scheduler runs (else it starts with the scheduler).
     *
     * @throws IllegalArgumentException when the alias is blank or taken
     */
    void add(String alias, T component, boolean schedulerStarted) {
        SchedulerConfig.Builder.requireAlias(alias, kind);
        if (byAlias.containsKey(alias)) {
            throw new IllegalArgumentException("This scheduler already has " + article() + kind + " by the alias of \""
                    + alias + "\"");
        }
        byAlias.put(alias, component);
        try {
            if (schedulerStarted) {
                starter.accept(alias, component);
            }
        } finally {
            // readers see it once started
            changed();
        }
    }

    /** Starts every component, as the scheduler starts. */
    void startAll() {
        byAlias.forEach(starter);
    }

    void addIfAbsent(String alias, T component) {
        if (byAlias.putIfAbsent(alias, component) == null) {
            changed();
        }
    }

    /** Removes a component and returns it. @throws IllegalArgumentException when there is none by that alias */
    T remove(String alias) {
        T component = require(alias, null);
        byAlias.remove(alias);
        changed();
        return component;
    }

    /** The component by that alias, or {@code null}. */
    T get(String alias) {
        return byAlias.get(alias);
    }

    /**
     * The component by that alias.
     *
     * @param jobId the job that names it, for the message, or {@code null}
     * @throws IllegalArgumentException when there is none, listing those there are
     */
    T require(String alias, String jobId) {
        T component = byAlias.get(alias);
        if (component == null) {
            throw new IllegalArgumentException("No such " + kind + ": '" + alias + "'"
                    + (jobId == null ? "" : " (named by job '" + jobId + "')") + "; known " + kindPlural + ": "
                    + byAlias.keySet());
        }
        return component;
    }

    /** Calls {@code action} for the component by {@code alias}, or for every one when {@code alias} is {@code null}. */
    void forEachMatching(String alias, BiConsumer<String, T> action) {
        byAlias.forEach((key, component) -> {
            if (alias == null || alias.equals(key)) {
                action.accept(key, component);
            }
        });
    }

    void forEach(BiConsumer<String, T> action) {
        byAlias.forEach(action);
    }

    /** The components, in the order of adding. */
    Iterable<T> components() {
        return byAlias.values();
    }

    /** The aliases, for messages. */
    Iterable<String> aliases() {
        return byAlias.keySet();
    }

    /** The components as of the last change, in the order of adding; read without the scheduler's lock. */
    Map<String, T> snapshot() {
        return snapshot;
    }

    /** The component by {@code alias} as {@link #snapshot()} has it, or every one when {@code alias} is {@code null}. */
    Map<String, T> snapshot(String alias) {
        Map<String, T> all = snapshot;
        if (alias == null) {
            return all;
        }
        T component = all.get(alias);
        return component == null ? Map.of() : Map.of(alias, component);
    }

    private String article() {
        return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    }
}
