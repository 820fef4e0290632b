// The dashboard's JSON API, relative to the page: "api/jobs" is {path}/api/jobs.

let session = { mayChangeJobs: false, refreshMillis: 5000 };

export class HttpError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

async function read(response) {
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
        throw new HttpError(response.status, body?.message || `The application answered ${response.status}`);
    }
    if (body === null && response.status !== 204) {
        // a login page in place of the data: the session ended
        throw new HttpError(401, 'The application did not answer with data: signed out? Reload the page.');
    }
    return body;
}

export async function getJson(url) {
    return read(await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' }));
}

/** The job list that early.js asked for before the modules loaded, or null when it asked for none. */
export function takeEarlyJobs() {
    const early = window.apschedulerEarlyJobs;
    delete window.apschedulerEarlyJobs;
    return early ? early.then(read) : null;
}

/**
 * POST or DELETE, with Spring Security's CSRF token when the application uses one, and always with the header that
 * tells the dashboard's own requests from another site's (a form cannot send it).
 */
export async function send(method, url) {
    const headers = { Accept: 'application/json', 'X-APScheduler-Dashboard': '1' };
    if (session.csrfHeader && session.csrfToken) {
        headers[session.csrfHeader] = session.csrfToken;
    }
    return read(await fetch(url, { method, headers, credentials: 'same-origin' }));
}

/** Who the user is and what they may do; read once, at start. */
export async function loadSession() {
    session = await getJson('api/session');
    return session;
}

export const currentSession = () => session;

export const jobUrl = id => `api/jobs/${encodeURIComponent(id)}`;
