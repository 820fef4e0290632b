package io.github.apscheduler4j.test;

import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;

class MemoryJobStoreContractTest extends JobStoreContract {

    @Override
    protected JobStore createStore() {
        return new MemoryJobStore();
    }
}
