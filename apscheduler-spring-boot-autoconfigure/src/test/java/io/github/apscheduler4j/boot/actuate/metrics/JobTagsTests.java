package io.github.apscheduler4j.boot.actuate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTagsTests {

    private final JobTags tags = new JobTags(2);

    @Test
    void foldsGeneratedIdsIntoOneTag() {
        assertThat(tags.tagOf("0123456789abcdef0123456789abcdef", "default")).isEqualTo(JobTags.GENERATED);
        assertThat(tags.tagOf("fedcba9876543210fedcba9876543210", "default")).isEqualTo(JobTags.GENERATED);
        assertThat(tags.taggedJobs()).isZero();
    }

    @Test
    void tagsJobsWithTheirOwnIdUpToTheBoundAndTheRestAsOther() {
        assertThat(tags.tagOf("nightly", "default")).isEqualTo("nightly");
        assertThat(tags.tagOf("hourly", "default")).isEqualTo("hourly");
        assertThat(tags.tagOf("weekly", "default")).isEqualTo(JobTags.OTHER);
        assertThat(tags.tagOf("nightly", "default")).as("a tagged job keeps its tag").isEqualTo("nightly");
    }

    @Test
    void aRemovedJobFreesItsTagAndItsLateRunsCountAsOther() {
        tags.tagOf("nightly", "default");
        List<String> removedMeters = new ArrayList<>();

        tags.removed("nightly", removedMeters::add);

        assertThat(removedMeters).containsExactly("nightly");
        assertThat(tags.tagOf("nightly", "default")).as("a run that ends after its job was removed")
                .isEqualTo(JobTags.OTHER);
        assertThat(tags.tagOf("weekly", "default")).as("the freed tag is taken").isEqualTo("weekly");
        tags.added("nightly");
        assertThat(tags.tagOf("nightly", "default")).as("added again").isEqualTo("nightly");
    }

    @Test
    void removingAllJobsOfAStoreFreesTheirTagsOnly() {
        tags.tagOf("a", "main");
        tags.tagOf("b", "archive");
        List<String> removedMeters = new ArrayList<>();

        tags.allRemoved("main", removedMeters::add);

        assertThat(removedMeters).containsExactly("a");
        assertThat(tags.taggedJobs()).isOne();
    }

    @Test
    void refusesANegativeBoundNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JobTags(-1))
                .withMessageContaining("apscheduler.metrics.max-job-tags").withMessageContaining("-1");
    }
}
