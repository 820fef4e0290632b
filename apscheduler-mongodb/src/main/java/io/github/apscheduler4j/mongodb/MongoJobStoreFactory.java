package io.github.apscheduler4j.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.config.InvalidConfigurationException;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.JobStoreFactory;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: mongodb}: a {@link MongoJobStore} on a client of its own, which connects when first used and is closed
 * when the store shuts down. Options: {@code uri} ({@code mongodb://localhost} unless set), {@code database}
 * ({@code apscheduler}) and {@code collection} ({@code jobs}), as APScheduler's {@code MongoDBJobStore}, and
 * {@code runs_collection}, where the claimed runs are kept ({@code <collection>_runs}).
 */
public final class MongoJobStoreFactory implements JobStoreFactory {

    @Override
    public Set<String> names() {
        return Set.of("mongodb", MongoJobStore.class.getName(), "apscheduler.jobstores.mongodb:MongoDBJobStore");
    }

    private static String[] options() {
        String[] names = new String[MongoStoreOptions.NAMES.length + 1];
        names[0] = "uri";
        System.arraycopy(MongoStoreOptions.NAMES, 0, names, 1, MongoStoreOptions.NAMES.length);
        return names;
    }

    @Override
    public JobStore create(Map<String, Object> options) {
        ConfigOptions config = ConfigOptions.of(options).requireOnly(options());
        String uri = config.string("uri", "mongodb://localhost");
        ConnectionString connection;
        try {
            connection = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("uri", uri, "is not a MongoDB connection string such as"
                    + " mongodb://localhost:27017 (" + e.getMessage() + ")");
        }
        MongoStoreOptions where = MongoStoreOptions.from(config);
        MongoClient client = MongoClients.create(connection);
        return where.applyTo(MongoJobStore.builder(client)).ownedClient(client).build();
    }
}
