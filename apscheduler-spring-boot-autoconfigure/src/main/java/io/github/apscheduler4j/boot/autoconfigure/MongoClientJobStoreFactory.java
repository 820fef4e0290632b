package io.github.apscheduler4j.boot.autoconfigure;

import com.mongodb.client.MongoClient;
import io.github.apscheduler4j.config.ConfigOptions;
import io.github.apscheduler4j.mongodb.MongoJobStore;
import io.github.apscheduler4j.mongodb.MongoJobStoreFactory;
import io.github.apscheduler4j.mongodb.MongoStoreOptions;
import io.github.apscheduler4j.store.JobStore;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code type: mongodb} without {@code uri}: a {@link MongoJobStore} on the application's {@code MongoClient}
 * (Boot's, from {@code spring.mongodb.*}), in database {@code apscheduler} and collection {@code jobs} unless
 * {@code database} and {@code collection} say otherwise (claimed runs in {@code runs_collection}, by default
 * {@code <collection>_runs}). Without a {@code MongoClient} bean, the engine's factory
 * connects to {@code uri} (default {@code mongodb://localhost}), as APScheduler does.
 */
final class MongoClientJobStoreFactory implements ApplicationJobStoreFactory {

    private static final Set<String> NAMES = new MongoJobStoreFactory().names();

    private final ObjectProvider<MongoClient> client;

    MongoClientJobStoreFactory(ObjectProvider<MongoClient> client) {
        this.client = client;
    }

    @Override
    public JobStore create(Map<String, Object> entry) {
        ConfigOptions options = StoreEntries.onApplicationConnection(entry, NAMES, "uri");
        MongoClient available = client.getIfAvailable();
        if (options == null || available == null) {
            return null;
        }
        return MongoStoreOptions.from(options.requireOnly(MongoStoreOptions.NAMES))
                .applyTo(MongoJobStore.builder(available)).build();
    }
}
