package io.github.apscheduler4j.boot.actuate.endpoint;

import io.github.apscheduler4j.boot.actuate.endpoint.ApsJobsEndpoint.Response;
import io.github.apscheduler4j.boot.jobs.JobActionDescriptor;
import io.github.apscheduler4j.boot.jobs.JobDetailsDescriptor;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code apsjobs} endpoint over HTTP: an unknown job id is a 404 (a bad action is a 400, from the endpoint), and
 * argument values are shown as {@code management.endpoint.apsjobs.show-values} says for the requesting user.
 */
@EndpointWebExtension(endpoint = ApsJobsEndpoint.class)
public class ApsJobsEndpointWebExtension {

    private final ApsJobsEndpoint delegate;
    private final Show showValues;
    private final Set<String> roles;

    public ApsJobsEndpointWebExtension(ApsJobsEndpoint delegate, Show showValues, Set<String> roles) {
        this.delegate = delegate;
        this.showValues = showValues;
        this.roles = roles;
    }

    @ReadOperation
    public WebEndpointResponse<Response<JobDetailsDescriptor>> job(SecurityContext securityContext, @Selector String id) {
        return orNotFound(delegate.jobDetails(id, showValues.isShown(securityContext, roles)));
    }

    @WriteOperation
    public WebEndpointResponse<Response<JobActionDescriptor>> jobAction(@Selector String id, String action) {
        return orNotFound(delegate.jobAction(id, action));
    }

    @DeleteOperation
    public WebEndpointResponse<Response<JobActionDescriptor>> removeJob(@Selector String id) {
        return orNotFound(delegate.removeJob(id));
    }

    private static <T> WebEndpointResponse<T> orNotFound(T body) {
        return body != null ? new WebEndpointResponse<>(body)
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }
}
