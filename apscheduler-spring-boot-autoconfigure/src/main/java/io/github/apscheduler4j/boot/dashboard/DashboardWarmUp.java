package io.github.apscheduler4j.boot.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;

/**
 * Builds the job list once, and writes it as JSON, on a background thread when the application is ready: the first
 * person to open the dashboard after a deploy then waits for the data, not for classes to load and serializers to be
 * built (a few hundred milliseconds with a thousand jobs). Boot's {@code BackgroundPreinitializer} does the same for
 * its own parts. Nothing is sent anywhere, and a failure only means the first visit is slower.
 */
final class DashboardWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log log = LogFactory.getLog(DashboardWarmUp.class);

    private final ApSchedulerDashboardController dashboard;
    private final Supplier<List<HttpMessageConverter<?>>> converters;

    DashboardWarmUp(ApSchedulerDashboardController dashboard, Supplier<List<HttpMessageConverter<?>>> converters) {
        this.dashboard = dashboard;
        this.converters = converters;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread thread = new Thread(this::warmUp, "apscheduler-dashboard-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    void warmUp() {
        try {
            write(dashboard.jobs());
        } catch (RuntimeException | IOException e) {
            log.debug("Could not prepare the dashboard's job list ahead of its first visit", e);
        }
    }

    @SuppressWarnings("unchecked")
    private void write(Object body) throws IOException {
        for (HttpMessageConverter<?> converter : converters.get()) {
            if (converter.canWrite(body.getClass(), MediaType.APPLICATION_JSON)) {
                ((HttpMessageConverter<Object>) converter).write(body, MediaType.APPLICATION_JSON, new Discarded());
                return;
            }
        }
    }

    /** A response nobody reads. */
    private static final class Discarded implements HttpOutputMessage {

        private final HttpHeaders headers = new HttpHeaders();

        @Override
        public OutputStream getBody() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
