package io.github.apscheduler4j.scheduler;

import java.time.Duration;
import javax.swing.Timer;

/** Runs the passes on Swing's event-dispatch thread through {@link Timer}: APScheduler's {@code QtScheduler}. */
final class SwingTimerLoop extends TimerLoop {

    @Override
    protected Scheduled schedule(Runnable pass, Duration delay) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, delay.toMillis()));
        Timer timer = new Timer(millis, event -> pass.run());
        timer.setRepeats(false);
        timer.start();
        return timer::stop;
    }
}
