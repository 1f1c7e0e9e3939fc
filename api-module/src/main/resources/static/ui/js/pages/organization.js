// Organization page: backfill status by state, progress, the admin actions and the jobs table.
import {ApiError, getJson, sendJson} from '../api.js';
import {OKABE_ITO} from '../charts.js';
import {clear, confirmAction, count, h, message, pager, section, table, when} from '../dom.js';

const STATES = [
  ['completed', 'Completed', OKABE_ITO.green],
  ['stale', 'Completed, stale', OKABE_ITO.yellow],
  ['running', 'Running', OKABE_ITO.blue],
  ['queued', 'Queued', OKABE_ITO.sky],
  ['pending', 'Pending', OKABE_ITO.purple],
  ['failed', 'Failed', OKABE_ITO.vermillion],
  ['cancelled', 'Cancelled', OKABE_ITO.orange],
  ['not_started', 'Not started', OKABE_ITO.grey],
];
const JOB_STATUSES = ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];
const POLL_MS = 2000;
const JOBS_PAGE = 20;

export async function organizationPage(el, params, ctx) {
  const admin = ctx.me.may_administer;
  const state = {jobsPage: 1, jobsStatus: ''};
  const statusBox = h('div#org-status');
  const jobsBox = h('div#jobs');
  const outcome = h('div#action-outcome', {'aria-live': 'polite'});
  clear(el,
    h('h1', {}, `Organization ${ctx.me.organization_id}`),
    section('Backfill status', 'status', statusBox),
    section('Actions', 'actions', actions(admin, outcome, () => refresh())),
    section('Jobs', 'jobs-card', admin ? jobsFilter(state, () => refreshJobs().catch(ctx.fail)) : null, jobsBox));
  let timer = null;
  ctx.onLeave(() => clearTimeout(timer));

  async function refreshJobs() {
    const query = new URLSearchParams({page: state.jobsPage, page_size: JOBS_PAGE});
    if (state.jobsStatus) query.set('status', state.jobsStatus);
    const jobs = await getJson(`/api/dimensions/backfill/jobs/?${query}`);
    clear(jobsBox, jobsTable(jobs.results),
      pager(state.jobsPage, JOBS_PAGE, jobs.count, (p) => { state.jobsPage = p; refreshJobs().catch(ctx.fail); }, 'Jobs pages'));
  }

  async function refresh() {
    clearTimeout(timer);
    if (!admin) {
      clear(statusBox, message('Backfill status and jobs need the OWNER or ADMINISTRATOR role; your role is '
        + `${ctx.me.role}. The Projects page shows every project's agreement.`, 'info'));
      clear(jobsBox, message('The jobs table needs the OWNER or ADMINISTRATOR role.', 'info'));
      return;
    }
    const [status, progress] = await Promise.all([
      getJson('/api/dimensions/backfill/status/'),
      getJson('/api/agreement/progress/'),
    ]);
    clear(statusBox, statusView(status, progress));
    await refreshJobs();
    if (progress.active_jobs > 0 && statusBox.isConnected) {
      timer = setTimeout(() => refresh().catch(ctx.fail), POLL_MS);
    }
  }
  await refresh();
}

function statusView(status, progress) {
  const counts = status.org_status;
  const total = counts.total_projects;
  const done = counts.completed - counts.stale;
  const shown = STATES.map(([key, label, colour]) => ({
    key, label, colour, value: key === 'completed' ? done : counts[key],
  }));
  const tasksTotal = progress.tasks_total;
  return h('div', {},
    h('p', {}, `${count(total)} projects; ${count(progress.active_jobs)} jobs active`
      + (progress.active_jobs > 0 ? ' (refreshing every 2 s)' : '')),
    h('div.stacked', {role: 'img', 'aria-label': shown.map((s) => `${s.label} ${s.value}`).join(', ')},
      shown.filter((s) => s.value > 0).map((s) => h('span', {
        style: `width:${(100 * s.value / Math.max(1, total)).toFixed(2)}%;background:${s.colour}`,
        title: `${s.label}: ${s.value}`,
      }))),
    table('Projects by the state of their latest job', [
      ['State', (s) => h('span', {}, h('span.swatch', {style: `background:${s.colour}`}), s.label)],
      ['Projects', (s) => count(s.value), {numeric: true}],
    ], shown, {id: 'state-table'}),
    h('label', {for: 'task-progress'}, 'Tasks processed by the latest jobs: ',
      h('strong#tasks-processed', {}, count(progress.tasks_processed)), ' of ',
      h('strong#tasks-total', {}, count(tasksTotal))),
    h('progress#task-progress', {max: Math.max(1, tasksTotal), value: progress.tasks_processed}));
}

function actions(admin, outcome, refresh) {
  const disabled = !admin;
  const note = admin ? null
    : message('Backfill actions need the OWNER or ADMINISTRATOR role.', 'info');
  async function run(label, fn) {
    clear(outcome, message(`${label}…`));
    try {
      const answer = await fn();
      clear(outcome, message(answer.message || `${label}: done`, 'ok'));
      await refresh();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) throw error;
      const prefix = error.status === 403 ? 'Not allowed: ' : `${error.status}: `;
      clear(outcome, message(prefix + error.detail, 'error'));
    }
  }
  const next = h('input#num-projects', {type: 'number', min: 1, max: 10000, value: 10, disabled});
  const project = h('input#one-project', {type: 'number', min: 1, placeholder: 'project id', disabled});
  const force = h('input#force', {type: 'checkbox', disabled});
  return h('div.actions-grid', {},
    note,
    h('form#backfill-next', {onsubmit: (e) => { e.preventDefault();
      run('Queueing', () => sendJson('POST', '/api/dimensions/backfill/', {num_projects: Number(next.value)})); }},
    h('label', {for: 'num-projects'}, 'Backfill the next '), next, ' projects ',
    h('button', {type: 'submit', disabled}, 'Backfill next')),
    h('form#backfill-one', {onsubmit: (e) => { e.preventDefault();
      const body = {project_id: Number(project.value)};
      if (force.checked) body.force = true;
      run('Queueing', () => sendJson('POST', '/api/dimensions/backfill/', body)); }},
    h('label', {for: 'one-project'}, 'Backfill one project '), project,
    h('label', {}, force, ' even if current'),
    h('button', {type: 'submit', disabled}, 'Backfill project')),
    h('div', {},
      h('button#backfill-all', {type: 'button', disabled, onclick: async () => {
        if (await confirmAction('Backfill every project of the organization? This cancels the jobs '
          + 'that are pending, queued or running now and queues all projects again.')) {
          run('Queueing all projects', () => sendJson('POST', '/api/dimensions/backfill/', {all_projects: true}));
        }
      }}, 'Backfill all projects…'), ' ',
      h('button#cancel-jobs', {type: 'button', disabled, class: 'danger', onclick: async () => {
        if (await confirmAction('Cancel every pending, queued and running backfill job?')) {
          run('Cancelling', () => sendJson('DELETE', '/api/dimensions/backfill/'));
        }
      }}, 'Cancel active jobs…')),
    outcome);
}

function jobsFilter(state, refresh) {
  return h('p', {}, h('label', {for: 'job-status'}, 'Status '),
    h('select#job-status', {onchange: (e) => { state.jobsStatus = e.target.value; state.jobsPage = 1; refresh(); }},
      h('option', {value: ''}, 'All'), JOB_STATUSES.map((s) => h('option', {value: s}, s))));
}

function jobsTable(jobs) {
  if (jobs.length === 0) return message('No jobs.');
  return table(null, [
    ['Job', (j) => j.job_id, {numeric: true}],
    ['Project', (j) => h('a', {href: `#/projects/${j.project_id}`}, j.project_id), {numeric: true}],
    ['Status', (j) => h(`span.state.s-${j.status.toLowerCase()}`, {}, j.status)],
    ['Tasks', (j) => j.progress_data ? `${count(j.progress_data.tasks_processed)} / ${count(j.progress_data.tasks_total)}` : '–', {numeric: true}],
    ['Attempts', (j) => j.attempts, {numeric: true}],
    ['Created', (j) => when(j.created_at)],
    ['Completed', (j) => when(j.completed_at)],
    ['By', (j) => (j.triggered_by ? j.triggered_by.email : '–')],
    ['Error', (j) => (j.error_message ? h('span.error-text', {}, j.error_message) : '')],
  ], jobs, {id: 'jobs-table'});
}
