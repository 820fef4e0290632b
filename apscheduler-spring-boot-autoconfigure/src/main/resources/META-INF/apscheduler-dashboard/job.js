// One job: what it is, its actions, a chart of its last runs' durations and its run history.
import { esc, formatDateTime, formatDuration, formatRelative, outcomeBadge, toMillis } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
let onAction = () => {};

export function initJob(actionHandler) {
    onAction = actionHandler;
    document.getElementById('job-actions').addEventListener('click', event => {
        const button = event.target.closest('button[data-action]');
        if (button) {
            onAction(button.dataset.action, button.dataset.id, button.dataset.name);
        }
    });
}

export function showJob(details, session, now) {
    const job = details.job;
    document.getElementById('job-heading').textContent = job.name;
    document.title = `${job.name} · APScheduler dashboard`;
    document.getElementById('job-id').innerHTML = `ID <code>${esc(job.id)}</code>`;
    drawActions(job, session);
    const next = toMillis(job.nextRunTime);
    const facts = [
        ['Trigger', `${esc(job.trigger.words)}<br><code>${esc(job.trigger.description)}</code>`],
        ['Next run', next == null ? 'none: paused' : `<time datetime="${esc(job.nextRunTime)}">${formatDateTime(next)}</time> (${formatRelative(next, now)})`],
        ['Paused', job.paused ? '<span class="badge paused">Paused</span>' : 'No'],
        ...(job.notRunnableHere == null ? [] : [['Not runnable here', esc(job.notRunnableHere)]]),
        ['Last run', `${outcomeBadge(job.lastRun?.outcome)} ${formatDuration(job.lastRun?.durationMillis)}`],
        ['Runs', `<code>${esc(job.target)}</code>`],
        ['Store', esc(job.jobstore)],
        ['Executor', esc(job.executor)],
        ['Coalesce', job.coalesce ? 'Yes' : 'No'],
        ['Max instances', esc(job.maxInstances)],
        ['Misfire grace time', job.misfireGraceTime ? esc(job.misfireGraceTime) : 'no limit'],
    ];
    document.getElementById('job-facts').innerHTML = facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('');
    drawChart(details.runs);
    drawRuns(details.runs);
}

function drawActions(job, session) {
    const container = document.getElementById('job-actions');
    if (!session.mayChangeJobs) {
        container.innerHTML = `<p class="note">Read-only: changing jobs needs the role ${esc(session.requiredRole)}.</p>`;
        return;
    }
    const id = esc(job.id);
    const name = esc(job.name);
    const wanted = `${job.paused}`;
    if (container.dataset.for === job.id && container.dataset.paused === wanted) {
        // the same buttons: keep them, and the focus on them
        return;
    }
    const focused = container.contains(document.activeElement) ? document.activeElement.dataset.slot : null;
    container.dataset.for = job.id;
    container.dataset.paused = wanted;
    container.innerHTML = (job.paused
        ? `<button type="button" class="primary" data-slot="toggle" data-action="resume" data-id="${id}" data-name="${name}">Resume</button>`
        : `<button type="button" data-slot="toggle" data-action="pause" data-id="${id}" data-name="${name}">Pause</button>`)
        + `<button type="button" data-slot="run" data-action="run" data-id="${id}" data-name="${name}">Run now</button>`
        + `<button type="button" class="danger" data-slot="remove" data-action="remove" data-id="${id}" data-name="${name}">Remove…</button>`;
    if (focused) {
        container.querySelector(`[data-slot="${focused}"]`)?.focus();
    }
}

function drawRuns(runs) {
    document.getElementById('runs-body').innerHTML = runs.map(run => {
        const due = toMillis(run.scheduledRunTime);
        const started = toMillis(run.started);
        return `<tr><td class="nowrap">${due == null ? '<span class="muted">on demand</span>' : formatDateTime(due)}</td>`
            + `<td class="nowrap">${started == null ? '<span class="muted">did not start</span>' : formatDateTime(started)}</td>`
            + `<td class="nowrap">${formatDuration(run.durationMillis)}</td>`
            + `<td>${outcomeBadge(run.outcome)}</td>`
            + `<td class="error">${esc(run.error ?? '')}${run.note ? `<span class="run-note">${esc(run.note)}</span>` : ''}</td></tr>`;
    }).join('');
    document.getElementById('runs-empty').hidden = runs.length > 0;
    document.getElementById('runs-table').hidden = runs.length === 0;
}

/** A bar per run, oldest on the left, as tall as it took; runs that never started are a short bar of their colour. */
function drawChart(runs) {
    const container = document.getElementById('duration-chart');
    if (runs.length === 0) {
        container.innerHTML = '<p class="muted">No runs to chart yet.</p>';
        return;
    }
    const chronological = runs.slice().reverse();
    const durations = chronological.map(run => run.durationMillis).filter(d => d != null);
    const most = niceCeiling(Math.max(...durations, 1));
    const width = Math.min(Math.max(container.clientWidth || 600, 280), 896);
    const height = 180;
    const left = 62;
    const bottom = 22;
    const top = 10;
    const plot = width - left - 8;
    const slot = plot / Math.max(chronological.length, 10);
    const y = d => top + (height - top - bottom) * (1 - d / most);
    const parts = [
        `<line class="grid" x1="${left}" x2="${width - 8}" y1="${y(most / 2)}" y2="${y(most / 2)}"/>`,
        `<line class="grid" x1="${left}" x2="${width - 8}" y1="${y(most)}" y2="${y(most)}"/>`,
        `<text class="label" x="${left - 6}" y="${y(most) + 4}" text-anchor="end">${esc(formatDuration(most))}</text>`,
        `<text class="label" x="${left - 6}" y="${y(most / 2) + 4}" text-anchor="end">${esc(formatDuration(most / 2))}</text>`,
        `<text class="label" x="${left - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`,
        `<text class="label" x="${left}" y="${height - 4}">oldest</text>`,
        `<text class="label" x="${width - 8}" y="${height - 4}" text-anchor="end">newest</text>`,
    ];
    chronological.forEach((run, i) => {
        const d = run.durationMillis;
        const barTop = d == null ? y(0) - 3 : Math.min(y(d), y(0) - 2);
        const when = formatDateTime(toMillis(run.started ?? run.scheduledRunTime));
        parts.push(`<rect class="bar-${esc(run.outcome.toLowerCase())}" x="${left + i * slot + slot * 0.15}" y="${barTop}" width="${slot * 0.7}" height="${y(0) - barTop}">`
            + `<title>${esc(when)}: ${esc(run.outcome.toLowerCase())}${d == null ? '' : `, ${esc(formatDuration(d))}`}</title></rect>`);
    });
    parts.push(`<line class="axis" x1="${left}" x2="${width - 8}" y1="${y(0)}" y2="${y(0)}"/>`);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', chartSummary(chronological, durations));
    svg.innerHTML = parts.join('');
    container.replaceChildren(svg);
}

function chartSummary(runs, durations) {
    if (durations.length === 0) {
        return `Durations: none of the last ${runs.length} runs started.`;
    }
    const sorted = durations.slice().sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return `Durations of the last ${runs.length} runs, oldest first: from ${formatDuration(sorted[0])} to `
        + `${formatDuration(sorted[sorted.length - 1])}, median ${formatDuration(median)}.`;
}

/** 1, 2 or 5 times a power of ten, at least {@code value}: round numbers on the axis. */
function niceCeiling(value) {
    const power = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 5, 10].map(m => m * power).find(v => v >= value);
}
