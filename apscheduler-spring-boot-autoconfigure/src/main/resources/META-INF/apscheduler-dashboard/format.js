// Text for the page: escaping, times in the scheduler's time zone, durations, outcomes.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The value as HTML text or attribute value. */
export function esc(value) {
    return value == null ? '' : String(value).replace(/[&<>"']/g, c => ESCAPES[c]);
}

let zone = null;
let dateTime;
let clock;
let clockSeconds;
let day;

function formatter(options, timeZone) {
    try {
        return new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    } catch (e) {
        // a zone the browser does not know ("+02:00"): the browser's own
        return new Intl.DateTimeFormat(undefined, options);
    }
}

/** Times are shown in the scheduler's zone, as its triggers see them. */
export function setTimeZone(timeZone) {
    if (timeZone === zone) {
        return;
    }
    zone = timeZone;
    dateTime = formatter({ month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }, timeZone);
    clock = formatter({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone);
    clockSeconds = formatter({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }, timeZone);
    day = formatter({ weekday: 'short', day: 'numeric', month: 'short' }, timeZone);
}
setTimeZone(undefined);

/** "Nov 24, 13:05:20" */
export const formatDateTime = millis => (millis == null || Number.isNaN(millis) ? '' : dateTime.format(millis));
/** "13:05" */
export const formatClock = millis => clock.format(millis);
/** "13:05:20" */
export const formatTime = millis => clockSeconds.format(millis);
/** "Mon, Nov 24" */
export const formatDay = millis => day.format(millis);

/** "in 5 s", "3 min ago" */
export function formatRelative(millis, now) {
    const seconds = Math.round((millis - now) / 1000);
    const abs = Math.abs(seconds);
    if (abs < 1) {
        return 'now';
    }
    let text;
    if (abs < 60) {
        text = `${abs} s`;
    } else if (abs < 3600) {
        text = `${Math.round(abs / 60)} min`;
    } else if (abs < 172800) {
        text = `${Math.round(abs / 3600)} h`;
    } else {
        text = `${Math.round(abs / 86400)} d`;
    }
    return seconds > 0 ? `in ${text}` : `${text} ago`;
}

/** "10 s", "5 min", "2 h", "1 d": a span of time, roughly */
export function formatSpan(millis) {
    if (millis < 60e3) return `${Math.max(Math.round(millis / 1000), 1)} s`;
    if (millis < 3600e3) return `${Math.round(millis / 60e3)} min`;
    if (millis < 86400e3) return `${Math.round(millis / 3600e3)} h`;
    return `${Math.round(millis / 86400e3)} d`;
}

/** "0.4 ms", "12 ms", "1.25 s", "2 min 5 s" */
export function formatDuration(millis) {
    if (millis == null) {
        return '';
    }
    if (millis < 10) {
        return `${millis.toFixed(1)} ms`;
    }
    if (millis < 1000) {
        return `${Math.round(millis)} ms`;
    }
    if (millis < 60000) {
        return `${(millis / 1000).toFixed(millis < 10000 ? 2 : 1)} s`;
    }
    return `${Math.floor(millis / 60000)} min ${Math.round((millis % 60000) / 1000)} s`;
}

const OUTCOMES = { SUCCESS: 'Success', ERROR: 'Error', MISSED: 'Missed', SKIPPED: 'Skipped', ABANDONED: 'Abandoned' };

/** A run's outcome as a coloured badge with its name in words (the colour is never the only sign). */
export function outcomeBadge(outcome) {
    if (!outcome) {
        return '<span class="muted">Not run yet</span>';
    }
    return `<span class="badge outcome-${esc(outcome.toLowerCase())}">${esc(OUTCOMES[outcome] ?? outcome)}</span>`;
}

/** Epoch milliseconds of an ISO-8601 time, or null. */
export const toMillis = iso => (iso ? Date.parse(iso) : null);

let offsetParts = null;

/** The scheduler zone's offset from UTC at {@code millis}, in milliseconds: ticks fall on its whole hours and days. */
export function zoneOffset(millis) {
    if (offsetParts === null || offsetParts.zone !== zone) {
        offsetParts = { zone, format: formatter({ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' }, zone) };
    }
    const parts = Object.fromEntries(offsetParts.format.formatToParts(millis).map(part => [part.type, part.value]));
    const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
    return wall - Math.floor(millis / 1000) * 1000;
}
