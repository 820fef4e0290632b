package io.github.apscheduler4j.boot.dashboard;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may change jobs from the dashboard: everyone who reaches it, or, when Spring Security is on the class path, only
 * users in a role ({@link HttpServletRequest#isUserInRole}, which Spring Security answers from the user's
 * authorities: role {@code APSCHEDULER_ADMIN} is authority {@code ROLE_APSCHEDULER_ADMIN}). Who may see the dashboard
 * is the application's security configuration's decision, as for any other page. Without Spring Security, whose CSRF
 * token guards the changes otherwise, a change must also come from the dashboard itself ({@link CrossSiteRequests}).
 */
public final class DashboardAccess {

    private final String role;

    private DashboardAccess(String role) {
        this.role = role;
    }

    /** Anyone who reaches the dashboard may change jobs: for applications without Spring Security. */
    public static DashboardAccess everyone() {
        return new DashboardAccess(null);
    }

    /** Only users in {@code role} may change jobs. */
    public static DashboardAccess role(String role) {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("role must not be blank but was '" + role + "'");
        }
        return new DashboardAccess(role);
    }

    /**
     * Why {@code request} may not change jobs, or {@code null} when it may: a role it lacks, or, without Spring Security,
     * a request from another site.
     */
    public String refusal(HttpServletRequest request) {
        if (role == null) {
            return CrossSiteRequests.refusal(request);
        }
        return request.isUserInRole(role) ? null : "Changing jobs needs the role " + role;
    }

    /** Whether the user making {@code request} may pause, resume, run or remove jobs. */
    public boolean mayChangeJobs(HttpServletRequest request) {
        return role == null || request.isUserInRole(role);
    }

    /** The role changing jobs needs, or {@code null} when anyone may. */
    public String requiredRole() {
        return role;
    }

    @Override
    public String toString() {
        return role == null ? "DashboardAccess(everyone)" : "DashboardAccess(role=" + role + ")";
    }
}
