package io.github.apscheduler4j.jdbc;

import java.util.Locale;

/** H2 2.x: embedded when it runs in this process, in memory or in a file, rather than behind a TCP server. */
final class H2Dialect extends JdbcDialect {

    H2Dialect() {
        super("H2", "h2");
    }

    @Override
    public boolean isEmbedded(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    /** H2 applies the {@code LIMIT} before it skips locked rows: a second instance would read none. */
    @Override
    boolean skipsLockedRows() {
        return false;
    }
}
