package com.acme;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The README's example job targets. */
public final class Reports {

    public static final List<String> SENT = new CopyOnWriteArrayList<>();

    private Reports() {
    }

    public static void nightly() {
    }

    public static void send(String period, List<String> recipients) {
        SENT.add(period + " to " + recipients);
    }
}
