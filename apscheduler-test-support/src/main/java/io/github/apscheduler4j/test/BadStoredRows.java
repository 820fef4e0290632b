package io.github.apscheduler4j.test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Corrupt and hostile job rows, made from the state of a good one: not JSON, wrong types, huge numbers, deep nesting,
 * an unknown format or trigger, a 10 MB state, a row of Python APScheduler's with its pickled state, and targets no
 * application may run. Each must be quarantined or skipped with a reason naming it, and kept as written.
 */
public final class BadStoredRows {

    // the good state's arguments: a list (nested lists in it end before its ",kwargs") and a map before the trigger
    private static final String ARGS = "\"args\":\\[.*?\\],\"kwargs\"";
    private static final String KWARGS = "\"kwargs\":\\{.*?\\},\"trigger\"";

    private BadStoredRows() {
    }

    private static String withArgs(String state, String args) {
        String replaced = state.replaceFirst(ARGS, java.util.regex.Matcher.quoteReplacement("\"args\":" + args
                + ",\"kwargs\""));
        if (replaced.equals(state)) {
            throw new IllegalArgumentException("no args in " + state);
        }
        return replaced;
    }

    /**
     * The rows by id, their states made from {@code good}, the state of a job of id {@code goodId} whose target is
     * {@code target}.
     */
    public static Map<String, String> generate(String good, String goodId, String target) {
        Map<String, String> rows = new LinkedHashMap<>();
        Random random = new Random(20261205);
        rows.put("not-json-empty", "");
        rows.put("not-json-text", "not json");
        rows.put("not-json-truncated", good.substring(0, good.length() / 2));
        rows.put("not-json-array", "[1,2,3]");
        rows.put("not-json-null", "null");
        for (int i = 0; i < 3; i++) {
            byte[] bytes = new byte[64];
            random.nextBytes(bytes);
            rows.put("not-json-random-" + i, new String(bytes, StandardCharsets.ISO_8859_1));
        }
        // APScheduler 3's SQLAlchemy store: the job's __getstate__ pickled (protocol 4), read as text
        rows.put("python-pickled", "\u0080\u0004\u0095\u00c5\u0001\u0000\u0000\u0000\u0000\u0000\u0000}\u0094(\u008c"
                + "\u0007version\u0094K\u0001\u008c\u0002id\u0094\u008c\u0005tick\u0094\u008c\u0004func\u0094\u008c"
                + "\u000ftasks:tick\u0094\u008c\u0007trigger\u0094\u008c\u001dapscheduler.triggers.interval\u0094.");
        rows.put("format-unknown", good.replace("\"format\":1", "\"format\":99"));
        rows.put("format-text", good.replace("\"format\":1", "\"format\":\"1\""));
        rows.put("trigger-unknown", good.replace("\"interval\"", "\"weekly\""));
        rows.put("trigger-not-a-map", good.replaceFirst("\"trigger\":\\{", "\"trigger\":\"interval\",\"x\":{"));
        rows.put("args-not-a-list", withArgs(good, "\"rm -rf\""));
        rows.put("kwargs-not-a-map", good.replaceFirst(KWARGS, "\"kwargs\":[1],\"trigger\""));
        rows.put("coalesce-not-a-boolean", good.replaceFirst("\"coalesce\":(true|false)", "\"coalesce\":\"yes\""));
        rows.put("max-instances-text", good.replaceFirst("\"max_instances\":\\d+", "\"max_instances\":\"many\""));
        rows.put("max-instances-huge", good.replaceFirst("\"max_instances\":\\d+", "\"max_instances\":"
                + "9".repeat(400)));
        rows.put("misfire-huge", good.replaceFirst("\"misfire_grace_time\":[^,}]+", "\"misfire_grace_time\":1e400"));
        rows.put("interval-huge", good.replaceFirst("\"minutes\":1", "\"minutes\":1e300"));
        rows.put("target-not-text", good.replace("\"" + target + "\"", "{\"class\":\"java.lang.Runtime\"}"));
        rows.put("deep-nesting", withArgs(good, "[".repeat(5_000) + "]".repeat(5_000)));
        rows.put("state-10-mb", withArgs(good, "[\"" + "x".repeat(10 * 1024 * 1024) + "\"]"));
        rows.put("target-system-exit", withArgs(good.replace(target, "java.lang.System::exit"), "[3]"));
        rows.put("target-runtime", good.replace(target, "java.lang.Runtime"));
        rows.put("target-bean-data-source", good.replace(target, "bean:dataSource.close"));
        rows.put("target-worker-main", good.replace(target,
                "io.github.apscheduler4j.executor.process.ProcessWorker::main"));
        rows.put("target-spring", good.replace(target, "org.springframework.util.FileSystemUtils::deleteRecursively"));
        rows.put("target-array-class", good.replace(target, "[Ljava.lang.System;::exit"));
        rows.put("target-100k", good.replace(target, "com.acme." + "A".repeat(100_000) + "::run"));
        Map<String, String> withIds = new LinkedHashMap<>();
        // PostgreSQL's text holds no NUL character: binary junk without it
        rows.forEach((id, state) -> withIds.put(id, state.replace("\"id\":\"" + goodId + "\"", "\"id\":\"" + id
                + "\"").replace('\u0000', '\u0001')));
        return withIds;
    }
}
