// The dashboard's page: which view the address shows (#/, #/timeline, #/jobs/{id}), asking the server again every
// few seconds while the page is visible, and the actions on jobs.
import { currentSession, getJson, HttpError, jobUrl, loadSession, send, takeEarlyJobs } from './api.js';
import { formatDateTime, setTimeZone } from './format.js';
import { initJob, showJob } from './job.js';
import { initJobs, showJobs } from './jobs.js';
import { initTimeline, showTimeline, SPANS, windowFor } from './timeline.js';

const VIEWS = ['jobs', 'timeline', 'job', 'error'];
let route = { view: 'jobs' };
let sessionReady = Promise.resolve();
let timer = null;
let generation = 0;
let skew = 0;
let lastUpdate = null;
let jobsRendered = false;
let statusFollows = false;
// the first read of the list, already under way: taken by the first refresh whatever its view, never a later one
let earlyJobs = takeEarlyJobs();

function parseRoute() {
    const [path, query] = (location.hash.replace(/^#/, '') || '/').split('?');
    if (path.startsWith('/jobs/')) {
        return { view: 'job', id: decodeURIComponent(path.slice('/jobs/'.length)) };
    }
    if (path === '/timeline') {
        const span = new URLSearchParams(query || '').get('span');
        return { view: 'timeline', span: span in SPANS ? span : '24h' };
    }
    return { view: 'jobs' };
}

function onRoute(initial) {
    const before = route.view;
    route = parseRoute();
    for (const view of VIEWS) {
        document.getElementById(`view-${view}`).hidden = view !== route.view;
    }
    const tab = route.view === 'timeline' ? 'timeline' : 'jobs';
    for (const link of document.querySelectorAll('[data-nav]')) {
        if (link.dataset.nav === tab) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    document.title = `${route.view === 'timeline' ? 'Timeline' : 'Jobs'} · APScheduler dashboard`;
    const keepStatus = statusFollows;
    statusFollows = false;
    if (!initial && route.view !== before) {
        // what the last action said belongs to the view it was taken on, unless it sent the user here
        if (!keepStatus) {
            say('');
        }
        // a new view: say so to screen readers by moving the focus to its heading
        document.querySelector(`#view-${route.view} h1`).focus();
    }
    refresh();
}

function fetchFor(current) {
    const early = earlyJobs;
    earlyJobs = null;
    switch (current.view) {
        case 'job':
            return getJson(jobUrl(current.id));
        case 'timeline': {
            const range = windowFor(current.span, Date.now() + skew);
            return getJson(`api/timeline?from=${range.from}&to=${range.to}`);
        }
        default:
            return early ?? getJson('api/jobs');
    }
}

async function refresh() {
    clearTimeout(timer);
    const mine = ++generation;
    const current = route;
    try {
        const data = await fetchFor(current);
        await sessionReady;
        if (mine !== generation) {
            return;
        }
        render(current, data);
    } catch (error) {
        if (mine !== generation) {
            return;
        }
        failed(current, error);
    }
    if (mine === generation) {
        timer = setTimeout(() => !document.hidden && refresh(), currentSession().refreshMillis);
    }
}

function render(current, data) {
    const scheduler = data.scheduler;
    setTimeZone(scheduler.timezone);
    const serverNow = Date.parse(scheduler.now);
    skew = serverNow - Date.now();
    const session = currentSession();
    document.getElementById('scheduler-state').textContent = `Scheduler ${scheduler.state.toLowerCase()} · ${scheduler.timezone}`;
    lastUpdate = serverNow;
    const updated = document.getElementById('updated');
    updated.classList.remove('stale');
    updated.textContent = `Updated ${formatDateTime(serverNow)}`;
    if (current.view === 'jobs') {
        const note = document.getElementById('access-note');
        note.hidden = session.mayChangeJobs;
        note.textContent = `Read-only: changing jobs needs the role ${session.requiredRole}.`;
        if (!jobsRendered) {
            performance.mark('apscheduler:jobs-data');
        }
        showJobs(data, session, serverNow);
        if (!jobsRendered) {
            performance.mark('apscheduler:jobs-html');
            jobsRendered = true;
            // after the browser has painted the rows: the browser test reads this mark
            requestAnimationFrame(() => setTimeout(() => {
                performance.mark('apscheduler:jobs-rendered', { detail: { rows: data.jobs.length } });
                document.body.dataset.jobsRendered = String(data.jobs.length);
            }));
        }
    } else if (current.view === 'job') {
        showJob(data, session, serverNow);
    } else {
        showTimeline(data, current.span);
    }
}

function failed(current, error) {
    if (current.view === 'job' && error instanceof HttpError && error.status === 404) {
        document.getElementById('view-job').hidden = true;
        document.getElementById('view-error').hidden = false;
        document.getElementById('error-heading').textContent = 'No such job';
        document.getElementById('error-text').textContent = `There is no job with the ID “${current.id}”: it may have been removed.`;
        return;
    }
    const updated = document.getElementById('updated');
    updated.classList.add('stale');
    updated.textContent = `${lastUpdate ? `Not updated since ${formatDateTime(lastUpdate)}` : 'Not loaded'}: ${error.message}`;
}

function say(message, problem = false) {
    const status = document.getElementById('status');
    status.classList.toggle('problem', problem);
    status.textContent = message;
}

function confirmRemove(name, id) {
    const dialog = document.getElementById('confirm-remove');
    document.getElementById('confirm-heading').textContent = `Remove “${name}”?`;
    document.getElementById('confirm-text').textContent =
        `The job ${id} is taken out of its store and will not run again. This cannot be undone.`;
    dialog.returnValue = '';
    return new Promise(resolve => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'remove'), { once: true });
        dialog.showModal();
    });
}

function describe(action, result, name) {
    switch (action) {
        case 'pause':
            return `Paused ${name}.`;
        case 'resume':
            return result.job ? `Resumed ${name}: next run ${formatDateTime(Date.parse(result.job.nextRunTime))}.`
                : `${name} had no run left and was removed.`;
        case 'run':
            return result.accepted ? `Started ${name}.`
                : `${name} was not started: its maximum number of instances is running.`;
        default:
            return `Removed ${name}.`;
    }
}

/** Pause, resume, run now or remove (after a confirmation), then show the result at once. */
async function perform(action, id, name) {
    if (action === 'remove' && !(await confirmRemove(name, id))) {
        return;
    }
    try {
        const result = action === 'remove'
            ? await send('DELETE', jobUrl(id))
            : await send('POST', `${jobUrl(id)}/${action}`);
        say(describe(action, result, name));
        if (action === 'remove' && route.view === 'job') {
            statusFollows = true;
            location.hash = '#/';
            return;
        }
        await refresh();
        if (action === 'run') {
            // the run takes a moment: look again soon rather than at the next refresh
            setTimeout(refresh, 800);
        }
    } catch (error) {
        say(error.status === 403 ? `Not allowed: ${error.message}.` : `Could not ${action} ${name}: ${error.message}`, true);
    }
}

function start() {
    initJobs(perform);
    initJob(perform);
    initTimeline();
    for (const button of document.querySelectorAll('.zoom button')) {
        button.addEventListener('click', () => {
            location.hash = `#/timeline?span=${button.dataset.span}`;
        });
    }
    window.addEventListener('hashchange', () => onRoute(false));
    document.addEventListener('visibilitychange', () => !document.hidden && refresh());
    // the session and the first data are asked for together: the first rows show one round trip sooner
    sessionReady = loadSession().catch(error => say(`Could not read your permissions: ${error.message}`, true));
    onRoute(true);
}

start();
