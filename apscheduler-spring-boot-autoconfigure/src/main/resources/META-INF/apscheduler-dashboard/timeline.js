// The timeline: one lane per job, a mark per fire time, the past runs, a "now" line, and above them how many runs
// fall in each slice of time, so that the eye finds where they pile up.
import { esc, formatClock, formatDateTime, formatDay, formatSpan, formatTime, zoneOffset } from './format.js';

export const SPANS = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 };
const SECOND = 1e3;
const MINUTE = 60e3;
const HOUR = 3600e3;
const DAY = 86400e3;
const STEPS = [10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE,
    30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];
const AXIS = 40;
const LOAD = 46;
const LANE = 24;
const RIGHT = 14;
const DENSE_PIXELS = 3;
const SVG = 'http://www.w3.org/2000/svg';

let last = null;

/** The window to ask for: a little of the past, to show the last runs, and the span ahead. */
export function windowFor(span, now) {
    const length = SPANS[span] ?? SPANS['24h'];
    return { from: Math.round(now - length / 12), to: Math.round(now + length) };
}

export function initTimeline() {
    let pending;
    window.addEventListener('resize', () => {
        clearTimeout(pending);
        pending = setTimeout(() => last && draw(last.data, last.span), 150);
    });
}

export function showTimeline(data, span) {
    last = { data, span };
    for (const button of document.querySelectorAll('.zoom button')) {
        button.setAttribute('aria-pressed', String(button.dataset.span === span));
    }
    draw(data, span);
}

/** The first step, on the zone's clock, that cuts the window in at most {@code count} pieces. */
function stepFor(length, count) {
    return STEPS.find(step => length / step <= count) ?? DAY;
}

/** A lane's fire times as the picture needs them: how often it fires, and whether to draw each fire or a band. */
function shapeOf(lane, msPerPixel, to) {
    const fires = lane.fires;
    if (fires.length < 2) {
        return { dense: false, gap: null, estimate: fires.length };
    }
    const gap = (fires[fires.length - 1] - fires[0]) / (fires.length - 1);
    // the fires not computed (past the cap) are about as frequent as those computed
    const estimate = fires.length + (lane.truncated ? Math.floor((to - fires[fires.length - 1]) / gap) : 0);
    return { dense: lane.truncated || gap / msPerPixel < DENSE_PIXELS, gap, estimate };
}

function draw(data, span) {
    const now = Date.parse(data.scheduler.now);
    const container = document.getElementById('timeline');
    const width = Math.max(container.clientWidth || 800, 300);
    const label = width < 600 ? 110 : 200;
    const plot = width - label - RIGHT;
    const length = data.to - data.from;
    const x = t => label + ((t - data.from) / length) * plot;
    const height = AXIS + LOAD + data.lanes.length * LANE + 6;
    const offset = zoneOffset(data.from);
    const parts = [];

    // ticks on the scheduler zone's whole minutes, hours and days
    const tick = stepFor(length, plot / 80);
    for (let t = Math.ceil((data.from + offset) / tick) * tick - offset; t < data.to; t += tick) {
        const midnight = (t + offset) % DAY === 0;
        const text = tick >= DAY || (midnight && tick >= HOUR) ? formatDay(t) : formatClock(t);
        parts.push(`<line class="tick" x1="${x(t)}" x2="${x(t)}" y1="${AXIS - 4}" y2="${height}"/>`
            + `<text class="tick-label" x="${x(t)}" y="${AXIS - 8}" text-anchor="middle"${midnight ? ' font-weight="700"' : ''}>${esc(text)}</text>`);
    }

    // how many runs fall in each slice of the window, all jobs together, slices on the zone's clock
    const slice = stepFor(length, plot / 5);
    const firstSlice = Math.floor((data.from + offset) / slice) * slice - offset;
    const counts = new Array(Math.ceil((data.to - firstSlice) / slice)).fill(0);
    const add = t => counts[Math.floor((t - firstSlice) / slice)]++;
    const shapes = data.lanes.map(lane => shapeOf(lane, length / plot, data.to));
    let total = 0;
    data.lanes.forEach((lane, i) => {
        lane.fires.forEach(add);
        const shape = shapes[i];
        if (lane.truncated) {
            // past the cap: each slice gets its share of the runs estimated at the same pace
            const after = lane.fires[lane.fires.length - 1];
            for (let k = Math.floor((after - firstSlice) / slice); k < counts.length; k++) {
                const start = Math.max(firstSlice + k * slice, after);
                const end = Math.min(firstSlice + (k + 1) * slice, data.to);
                counts[k] += Math.max(end - start, 0) / shape.gap;
            }
        }
        total += shape.estimate;
    });
    for (let k = 0; k < counts.length; k++) {
        counts[k] = Math.round(counts[k]);
    }
    const most = Math.max(...counts, 1);
    const busiest = counts.indexOf(most);
    const about = data.lanes.some(lane => lane.truncated) ? 'about ' : '';
    parts.push(`<text class="load-label" x="8" y="${AXIS + LOAD / 2 + 4}">All jobs</text>`);
    counts.forEach((count, i) => {
        if (count > 0) {
            const start = firstSlice + i * slice;
            const left = Math.max(x(start), label);
            const h = Math.max((count / most) * (LOAD - 10), 2);
            parts.push(`<rect class="load-bar" x="${left}" y="${AXIS + LOAD - 4 - h}" width="${Math.max(x(start + slice) - left - 1, 1)}" height="${h}" fill-opacity="${(0.35 + 0.65 * count / most).toFixed(2)}">`
                + `<title>${esc(formatDateTime(start))} – ${esc(formatTime(start + slice))}: ${about}${count} ${count === 1 ? 'run' : 'runs'}</title></rect>`);
        }
    });

    // one lane per job
    const chars = Math.floor((label - 16) / 7);
    data.lanes.forEach((lane, i) => {
        const y = AXIS + LOAD + i * LANE;
        const shape = shapes[i];
        const name = lane.name.length > chars ? `${lane.name.slice(0, chars - 1)}…` : lane.name;
        const often = shape.gap ? `, about every ${formatSpan(shape.gap)}` : '';
        const summary = lane.paused ? 'paused'
            : `${lane.truncated ? 'about ' : ''}${shape.estimate} ${shape.estimate === 1 ? 'run' : 'runs'} in the window${often}`;
        parts.push(`<a href="#/jobs/${encodeURIComponent(lane.id)}" aria-label="${esc(lane.name)}: ${esc(summary)}">`
            + `<rect class="lane-bg${i % 2 ? ' odd' : ''}" x="0" y="${y}" width="${width}" height="${LANE}"/>`
            + `<text class="lane-label${lane.paused ? ' lane-paused' : ''}" x="8" y="${y + 16}">${esc(name)}${lane.paused ? ' (paused)' : ''}</text>`
            + `<title>${esc(lane.name)} (${esc(lane.id)}): ${esc(summary)}</title></a>`);
        if (shape.dense) {
            // too many to draw one by one: a band from the first fire on, saying how often
            const start = x(lane.fires[0]);
            const end = lane.truncated ? label + plot : x(lane.fires[lane.fires.length - 1]);
            parts.push(`<rect class="dense" x="${start}" y="${y + 5}" width="${Math.max(end - start, 2)}" height="${LANE - 10}" rx="3">`
                + `<title>${esc(lane.name)}: ${esc(summary)}</title></rect>`);
            if (end - start > 90) {
                parts.push(`<text class="dense-label" x="${start + 6}" y="${y + 16}">every ~${esc(formatSpan(shape.gap))}</text>`);
            }
        } else if (lane.fires.length > 0) {
            parts.push(`<path class="fires" d="${lane.fires.map(f => `M${x(f).toFixed(1)} ${y + 4}v${LANE - 8}`).join('')}"/>`);
        }
        for (const run of lane.runs) {
            const ok = run.outcome === 'SUCCESS';
            parts.push(`<circle class="${ok ? 'run-success' : 'run-problem'}" cx="${x(run.at)}" cy="${y + LANE / 2}" r="4">`
                + `<title>${esc(lane.name)}: ${esc(run.outcome.toLowerCase())} at ${esc(formatDateTime(run.at))}</title></circle>`);
        }
    });

    const nowX = x(now);
    parts.push(`<line class="now-line" x1="${nowX}" x2="${nowX}" y1="4" y2="${height}"/>`
        + `<text class="now-label" x="${nowX - 5}" y="13" text-anchor="end">now</text>`);

    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('height', String(height));
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-labelledby', 'timeline-heading');
    svg.setAttribute('aria-describedby', 'timeline-summary');
    svg.innerHTML = parts.join('');
    container.replaceChildren(svg);

    const jobs = data.lanes.filter(lane => lane.fires.length > 0).length;
    const spanText = { '1h': 'hour', '24h': '24 hours', '7d': '7 days' }[span] ?? 'window';
    document.getElementById('timeline-summary').textContent = total === 0
        ? `No runs in the next ${spanText}.`
        : `${about}${total.toLocaleString()} runs of ${jobs} ${jobs === 1 ? 'job' : 'jobs'} in the next ${spanText}; `
          + `the busiest stretch is ${formatDateTime(firstSlice + busiest * slice)} – ${formatTime(firstSlice + (busiest + 1) * slice)}, `
          + `with ${about}${most} ${most === 1 ? 'run' : 'runs'}.`;
    drawTable(data, now, shapes);
}

/** The same as a table, for those who do not see the picture. */
function drawTable(data, now, shapes) {
    const rows = data.lanes.map((lane, i) => `<tr><th scope="row"><a href="#/jobs/${encodeURIComponent(lane.id)}">${esc(lane.name)}</a></th>`
        + `<td>${lane.paused ? 'paused' : `${lane.truncated ? 'about ' : ''}${shapes[i].estimate}`}</td>`
        + `<td>${lane.fires.filter(f => f >= now).slice(0, 3).map(f => esc(formatDateTime(f))).join(', ')}</td></tr>`).join('');
    document.getElementById('timeline-table').innerHTML = '<table><thead><tr><th scope="col">Job</th>'
        + '<th scope="col">Runs in the window</th><th scope="col">Next three</th></tr></thead>'
        + `<tbody>${rows}</tbody></table>`;
}
