package io.github.apscheduler4j.mongodb;

import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import java.util.Objects;

/**
 * Where a MongoDB store keeps its jobs, as configuration names it: {@code database} ({@value MongoJobStore#DEFAULT_DATABASE}
 * unless set), {@code collection} ({@value MongoJobStore#DEFAULT_COLLECTION}) and {@code runs_collection}, the
 * collection of claimed runs ({@code <collection>_runs} unless set; {@code null} here). Read once, by the URI factory
 * and by Spring Boot's store on the application's client alike; errors name the option.
 */
public record MongoStoreOptions(String database, String collection, String runsCollection) {

    /** The option names, for {@link ConfigOptions#requireOnly}. */
    public static final String[] NAMES = {"database", "collection", "runs_collection"};

    public MongoStoreOptions {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(collection, "collection");
    }

    /** The runs collection derived from {@code collection}. */
    public MongoStoreOptions(String database, String collection) {
        this(database, collection, null);
    }

    /** @throws InvalidConfigurationException naming {@code database} or {@code collection} when MongoDB cannot take it */
    public static MongoStoreOptions from(ConfigOptions options) {
        return new MongoStoreOptions(name(options, "database", MongoJobStore.DEFAULT_DATABASE),
                name(options, "collection", MongoJobStore.DEFAULT_COLLECTION),
                options.string("runs_collection", null) == null ? null : name(options, "runs_collection", null));
    }

    private static String name(ConfigOptions options, String key, String defaultValue) {
        String value = options.string(key, defaultValue);
        String problem = key.equals("database") ? MongoJobStore.databaseProblem(value)
                : MongoJobStore.collectionProblem(value);
        if (problem != null) {
            throw new InvalidConfigurationException(key, value, problem);
        }
        return value;
    }

    /** Sets the database and collections on {@code builder}. @return the builder */
    public MongoJobStore.Builder applyTo(MongoJobStore.Builder builder) {
        builder.database(database).collection(collection);
        return runsCollection == null ? builder : builder.runsCollection(runsCollection);
    }
}
