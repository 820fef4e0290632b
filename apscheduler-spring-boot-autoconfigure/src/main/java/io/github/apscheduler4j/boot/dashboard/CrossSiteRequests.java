package io.github.apscheduler4j.boot.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.MediaType;

/**
 * Tells the dashboard's own requests from cross-site ones where no Spring Security CSRF token guards its changes. A
 * change must come from the dashboard's origin ({@code Origin}, or else {@code Referer}, naming this server's scheme,
 * host and port), carry the {@value #HEADER} header, which an HTML form cannot send and another site's script cannot
 * send without a CORS pre-flight this application does not grant, and have no body but JSON.
 */
final class CrossSiteRequests {

    /** The header the dashboard's script sends with every change. */
    static final String HEADER = "X-APScheduler-Dashboard";

    private CrossSiteRequests() {
    }

    /** Why the request is refused as cross-site, or {@code null} when it comes from the dashboard. */
    static String refusal(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header == null || header.isBlank()) {
            return "Changing jobs needs the " + HEADER + " header that the dashboard sends";
        }
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        if (source == null || !sameOrigin(source, request)) {
            return "Changing jobs needs a request from the dashboard's own origin (Origin or Referer "
                    + ownOrigin(request) + "), not " + (source == null ? "none" : "'" + source + "'");
        }
        String type = request.getContentType();
        if ((type != null || request.getContentLengthLong() > 0) && !isJson(type)) {
            return "Changing jobs takes no body but JSON, not '" + type + "'";
        }
        return null;
    }

    private static boolean isJson(String type) {
        try {
            return type != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean sameOrigin(String source, HttpServletRequest request) {
        URI uri;
        try {
            uri = URI.create(source.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                && uri.getHost().equalsIgnoreCase(request.getServerName())
                && port(scheme, uri.getPort()) == port(scheme, request.getServerPort());
    }

    private static int port(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "https".equals(scheme) ? 443 : 80;
    }

    private static String ownOrigin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }
}
