package io.github.apscheduler4j.test;

import static io.github.apscheduler4j.test.ContractJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apscheduler4j.job.Job;
import io.github.apscheduler4j.store.JobClaim;
import io.github.apscheduler4j.store.JobStore;
import io.github.apscheduler4j.store.MemoryJobStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryJobStoreContractTest extends JobStoreContract {

    @Override
    protected JobStore createStore() {
        return new MemoryJobStore();
    }

    @Test
    void returnsJobsDueAtTheSameInstantInTheOrderTheyWereScheduled() {
        for (String id : List.of("m", "z", "a", "k")) {
            store.addJob(job(id, T0));
        }
        store.addJob(job("earlier", T0.minusSeconds(5)));

        assertThat(store.dueJobs(T0)).extracting(Job::id).containsExactly("earlier", "m", "z", "a", "k");
    }

    @Test
    void drainsALargeBacklogDueAtOneInstantWhileJobsComeAndGo() {
        int jobs = 1_000;
        for (int i = 0; i < jobs; i++) {
            store.addJob(job("job-" + i, T0));
        }
        // every third job removed, in an order that is not the stored one, then half of them added again
        for (int i = jobs - 1; i >= 0; i -= 3) {
            store.removeJob("job-" + i);
        }
        for (int i = jobs - 1; i >= 0; i -= 6) {
            store.addJob(job("job-" + i, T0));
        }
        List<Job> due = store.dueJobs(T0);
        List<String> expected = new ArrayList<>();
        due.forEach(job -> expected.add(job.id()));
        assertThat(expected).doesNotHaveDuplicates().hasSize(jobs - 334 + 167);
        assertThat(expected.subList(jobs - 334, expected.size())).as("the jobs added again, last").startsWith("job-999",
                "job-993");

        // claimed in batches, as the scheduler does, some moved on and the rest removed
        for (int from = 0; from < due.size(); from += 256) {
            List<JobClaim> batch = new ArrayList<>();
            for (Job job : due.subList(from, Math.min(from + 256, due.size()))) {
                batch.add(new JobClaim(job, job.id().endsWith("7") ? T0.plusSeconds(60).atZone(ContractJobs.ZONE) : null));
            }
            assertThat(store.claimJobs(batch).cardinality()).as("claims won").isEqualTo(batch.size());
        }

        assertThat(store.dueJobs(T0)).isEmpty();
        assertThat(store.allJobs()).extracting(Job::id)
                .containsExactlyElementsOf(expected.stream().filter(id -> id.endsWith("7")).sorted().toList());
        assertThat(store.nextRunTime()).isEqualTo(T0.plusSeconds(60));
    }
}
