// The jobs table: filterable, sortable by any column, with pause, resume and run now per row.
import { esc, formatDateTime, formatDuration, formatRelative, outcomeBadge, toMillis } from './format.js';

const COLUMNS = [
    { key: 'id', label: 'ID', value: job => job.id },
    { key: 'name', label: 'Name', value: job => job.name },
    { key: 'trigger', label: 'Trigger', value: job => job.trigger.words },
    { key: 'next', label: 'Next run', value: job => job.next },
    { key: 'jobstore', label: 'Store', value: job => job.jobstore },
    { key: 'executor', label: 'Executor', value: job => job.executor },
    { key: 'paused', label: 'Paused', value: job => (job.paused ? 1 : 0) },
    { key: 'outcome', label: 'Last run', value: job => job.lastRun?.outcome ?? null },
    { key: 'duration', label: 'Duration', value: job => job.lastRun?.durationMillis ?? null },
];

const state = { sortKey: 'next', direction: 'ascending', filter: '', jobs: [], now: Date.now(), mayChange: false };

let onAction = () => {};
const body = () => document.getElementById('jobs-body');

/** Builds the header once and listens to the filter, the headers and the rows' buttons. */
export function initJobs(actionHandler) {
    onAction = actionHandler;
    const header = document.getElementById('jobs-header');
    header.innerHTML = COLUMNS.map(column => `<th scope="col" role="columnheader" data-key="${column.key}" aria-sort="none">`
        + `<button type="button" class="sort">${esc(column.label)}</button></th>`).join('')
        + '<th scope="col" role="columnheader" class="unsortable">Actions</th>';
    header.addEventListener('click', event => {
        const th = event.target.closest('th[data-key]');
        if (!th) {
            return;
        }
        const key = th.dataset.key;
        state.direction = state.sortKey === key && state.direction === 'ascending' ? 'descending' : 'ascending';
        state.sortKey = key;
        render();
    });
    let pending;
    document.getElementById('filter').addEventListener('input', event => {
        clearTimeout(pending);
        pending = setTimeout(() => {
            state.filter = event.target.value.trim().toLowerCase();
            render();
        }, 120);
    });
    body().addEventListener('click', event => {
        const button = event.target.closest('button[data-action]');
        if (button) {
            onAction(button.dataset.action, button.dataset.id, button.dataset.name);
        }
    });
}

/** New data from the server: the rows are drawn again, the focus and the filter kept. */
export function showJobs(data, session, now) {
    state.now = now;
    state.mayChange = session.mayChangeJobs;
    state.jobs = data.jobs.map(job => ({
        ...job,
        next: toMillis(job.nextRunTime),
        text: [job.id, job.name, job.trigger.words, job.trigger.description, job.jobstore, job.executor,
            job.paused ? 'paused' : '', job.lastRun?.outcome ?? ''].join(' ').toLowerCase(),
    }));
    render();
}

function compare(a, b) {
    // nulls last whatever the direction; ties by id, so that the order does not jump between refreshes
    const column = COLUMNS.find(c => c.key === state.sortKey);
    const x = column.value(a);
    const y = column.value(b);
    if (x !== y) {
        if (x == null) return 1;
        if (y == null) return -1;
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        if (order !== 0) {
            return state.direction === 'ascending' ? order : -order;
        }
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** "Not runnable here", with the reason on hover: this instance skips the job, others that can run it do. */
function notRunnableBadge(job) {
    return job.notRunnableHere == null ? ''
        : ` <span class="badge not-runnable" title="${esc(job.notRunnableHere)}">not runnable here</span>`;
}

function row(job) {
    const name = esc(job.name);
    const id = esc(job.id);
    const actions = !state.mayChange ? '<span class="muted">read-only</span>'
        : (job.paused
            ? `<button type="button" class="small" data-slot="toggle" data-action="resume" data-id="${id}" data-name="${name}" aria-label="Resume ${name}">Resume</button>`
            : `<button type="button" class="small" data-slot="toggle" data-action="pause" data-id="${id}" data-name="${name}" aria-label="Pause ${name}">Pause</button>`)
          + `<button type="button" class="small" data-slot="run" data-action="run" data-id="${id}" data-name="${name}" aria-label="Run ${name} now">Run now</button>`;
    const next = job.next == null ? '<span class="muted">—</span>'
        : `<time datetime="${esc(job.nextRunTime)}">${formatDateTime(job.next)}</time><span class="rel">${formatRelative(job.next, state.now)}</span>`;
    return `<tr role="row" data-id="${id}"${job.paused ? ' class="is-paused"' : ''}>`
        + `<td role="cell" data-label="ID"><a href="#/jobs/${encodeURIComponent(job.id)}" data-slot="link">${id}</a></td>`
        + `<td role="cell" data-label="Name">${name}${notRunnableBadge(job)}</td>`
        + `<td role="cell" data-label="Trigger"><span class="trigger-words" title="${esc(job.trigger.description)}">${esc(job.trigger.words)}</span></td>`
        + `<td role="cell" data-label="Next run" class="nowrap">${next}</td>`
        + `<td role="cell" data-label="Store">${esc(job.jobstore)}</td>`
        + `<td role="cell" data-label="Executor">${esc(job.executor)}</td>`
        + `<td role="cell" data-label="Paused">${job.paused ? '<span class="badge paused">Paused</span>' : 'No'}</td>`
        + `<td role="cell" data-label="Last run">${outcomeBadge(job.lastRun?.outcome)}</td>`
        + `<td role="cell" data-label="Duration" class="nowrap">${formatDuration(job.lastRun?.durationMillis)}</td>`
        + `<td role="cell" data-label="Actions" class="row-actions">${actions}</td></tr>`;
}

function render() {
    for (const th of document.querySelectorAll('#jobs-header th[data-key]')) {
        th.setAttribute('aria-sort', th.dataset.key === state.sortKey ? state.direction : 'none');
    }
    const shown = (state.filter ? state.jobs.filter(job => job.text.includes(state.filter)) : state.jobs.slice())
        .sort(compare);
    // the focus is on a row's button or link: it returns to the same place in the redrawn row
    const focused = document.activeElement;
    const place = body().contains(focused)
        ? { id: focused.closest('tr')?.dataset.id, slot: focused.dataset.slot } : null;
    body().innerHTML = shown.map(row).join('');
    if (place) {
        const again = [...body().querySelectorAll('tr')].find(tr => tr.dataset.id === place.id)
            ?.querySelector(`[data-slot="${place.slot}"]`);
        again?.focus();
    }
    document.getElementById('jobs-empty').hidden = shown.length > 0 || state.jobs.length === 0;
    const total = state.jobs.length;
    document.getElementById('job-count').textContent = shown.length === total
        ? `${total} ${total === 1 ? 'job' : 'jobs'}` : `${shown.length} of ${total} jobs`;
}
