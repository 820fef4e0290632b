// A classic script in the page's head, run before the modules have loaded: when the address shows the jobs table,
// the job list is asked for now rather than after the modules, which on a first visit is most of the wait.
// api.js hands this answer to the first read of the list (takeEarlyJobs).
if (!/^#\/(jobs\/|timeline)/.test(location.hash)) {
    window.apschedulerEarlyJobs = fetch('api/jobs', {
        headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin'
    });
}
