// Project page: every number the service has for one project, read as aggregates (a 100,000-task
// project sends the same few kilobytes as a small one).
import {ApiError, getJson, request, sendJson} from '../api.js';
import {barOption, chart, heatmapOption, histogramOption} from '../charts.js';
import {clear, count, h, message, numbers, score, section, table, when} from '../dom.js';
import {settingsEditor} from './settings.js';

const LOWEST = 20;

export function alphaReading(alpha) {
  if (alpha === null || alpha === undefined) return 'no value';
  if (alpha >= 0.8) return 'reliable';
  if (alpha >= 0.667) return 'tentative';
  return 'not reliable';
}

export async function projectPage(el, [id], ctx) {
  const started = performance.now();
  const base = `/api/projects/${id}`;
  const [project, summary, iaa, distribution, lowest, settings] = await Promise.all([
    getJson(`/api/agreement/projects/${id}/`),
    getJson(`${base}/agreement/`),
    getJson(`${base}/stats/IAA`),
    getJson(`${base}/analytics/data-quality/agreement-analysis/distribution`),
    getJson(`/api/agreement/projects/${id}/lowest-tasks/?limit=${LOWEST}`),
    getJson(`/api/agreement/projects/${id}/settings/`),
  ]);
  const names = userNames(iaa.users, summary.annotators);
  const choices = summary.control_tags.filter((t) => t.type === 'Choices');
  clear(el,
    header(project, summary, ctx),
    tagsSection(summary),
    iaaSection(iaa, names),
    annotatorsSection(summary.annotators, names),
    distributionSection(distribution, settings.agreement_threshold),
    lowestSection(lowest, id),
    choices.length ? confusionSection(base, choices, ctx) : null,
    settingsEditor(id, settings, ctx));
  el.dataset.renderMs = String(Math.round(performance.now() - started));
}

function userNames(users, annotators) {
  const names = new Map();
  (annotators || []).forEach((a) => names.set(a.user_id, a.email || `user ${a.user_id}`));
  (users || []).forEach((u) => names.set(u.id, u.email || `user ${u.id}`));
  return names;
}

/** An axis label: an email's local part, which is what tells annotators apart. */
function short(name) {
  const local = String(name).split('@')[0];
  return local.length > 24 ? `${local.slice(0, 23)}…` : local;
}

function header(project, summary, ctx) {
  const outcome = h('span#recompute-outcome', {'aria-live': 'polite'});
  const csv = `/api/projects/${project.project_id}/agreement/tasks/?format=csv`;
  return h('header.project', {},
    h('p.crumbs', {}, h('a', {href: '#/projects'}, 'Projects'), ' / ', project.title),
    h('h1', {}, project.title),
    h('dl.facts', {},
      fact('Overall agreement', h('span#overall', {}, score(summary.agreement))),
      fact('Tasks scored', h('span#tasks-scored', {}, count(summary.tasks_scored))),
      fact('Methodology', summary.methodology),
      fact('Computed', when(summary.computed_at)),
      fact('Latest job', project.latest_job_status || 'never run'),
      fact('Results', summary.stale ? h('span.flag.stale', {}, 'stale: settings or data changed since') : (summary.computed_at ? 'current' : 'none yet'))),
    h('p.toolbar', {},
      h('a#csv-link.button', {href: csv, download: `project-${project.project_id}-agreement.csv`,
        onclick: (e) => { e.preventDefault(); download(csv, e.currentTarget.getAttribute('download')).catch(ctx.fail); }},
      'Download tasks as CSV'), ' ',
      h('button#recompute', {type: 'button', disabled: !ctx.me.may_administer,
        title: ctx.me.may_administer ? null : 'Needs the OWNER or ADMINISTRATOR role',
        onclick: () => recompute(project.project_id, outcome).catch(ctx.fail)}, 'Recompute'), ' ',
      ctx.me.may_administer ? null : h('span.hint', {}, 'Recompute needs the OWNER or ADMINISTRATOR role. '),
      outcome));
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

async function recompute(projectId, outcome) {
  try {
    const answer = await sendJson('POST', '/api/dimensions/backfill/', {project_id: projectId, force: true});
    clear(outcome, message(`${answer.message} Open the Organization page to follow it.`, 'ok'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    clear(outcome, message(`${error.status === 403 ? 'Not allowed' : error.status}: ${error.detail}`, 'error'));
  }
}

/** The CSV needs the Authorization header, which a plain link cannot send. */
async function download(path, filename) {
  const blob = await (await request(path)).blob();
  const url = URL.createObjectURL(blob);
  const a = h('a', {href: url, download: filename});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function tagsSection(summary) {
  if (!summary.control_tags.length) return section('Control tags', 'tags', message('The label config has no control tags the service scores.'));
  return section('Control tags', 'tags', table(null, [
    ['Tag', (t) => t.name],
    ['Type', (t) => t.type],
    ['Metric', (t) => t.metric],
    ['Methodology', (t) => t.methodology],
    ['Weight', (t) => t.weight, {numeric: true}],
    ['Mean agreement', (t) => score(t.agreement), {numeric: true}],
    ['Tasks scored', (t) => count(t.tasks_scored), {numeric: true}],
    ["Krippendorff's α", (t) => score(t.krippendorff_alpha), {numeric: true}],
    ['Reading', (t) => h(`span.reading.r-${alphaReading(t.krippendorff_alpha).replace(' ', '-')}`, {}, alphaReading(t.krippendorff_alpha))],
    ['α level', (t) => t.alpha_level || '–'],
  ], summary.control_tags, {id: 'tags-table'}),
  h('p.hint', {}, 'α ≥ 0.8 reliable, ≥ 0.667 tentative, below that not reliable.'));
}

function iaaSection(iaa, names) {
  const ids = (iaa.users || []).map((u) => u.id);
  if (!ids.length) return section('Annotator by annotator', 'iaa', message('No two annotators share a scored task yet.'));
  const labels = ids.map((i) => names.get(i));
  const axis = labels.map(short);
  const matrix = table(null, [['', (r) => labels[r], {rowHeader: true}],
    ...ids.map((_, j) => [labels[j], (r) => `${score(iaa.IAA[r][j])} (${iaa.common_tasks[r][j]})`, {numeric: true}])],
  ids.map((_, r) => r), {id: 'iaa-table'});
  return section('Annotator by annotator', 'iaa',
    chart('iaa-chart', 'Heatmap of agreement between each pair of annotators',
      heatmapOption({labels: axis, cells: iaa.IAA, counts: iaa.common_tasks}), Math.max(320, 140 + 14 * ids.length)),
    numbers('Numbers: mean agreement (common tasks) for each pair', matrix));
}

function annotatorsSection(annotators, names) {
  if (!annotators.length) return section('Annotators', 'annotators', message('No annotator has a scored pair yet.'));
  const labels = annotators.map((a) => names.get(a.user_id));
  return section('Annotators', 'annotators',
    chart('annotators-chart', 'Bar chart of each annotator’s mean agreement with the others',
      barOption(labels.map(short), annotators.map((a) => a.agreement), 'agreement'), Math.max(200, 60 + 22 * annotators.length)),
    numbers('Numbers: each annotator’s agreement', table(null, [
      ['Annotator', (a) => names.get(a.user_id)],
      ['User id', (a) => a.user_id, {numeric: true}],
      ['Agreement', (a) => score(a.agreement), {numeric: true}],
      ['Pairs', (a) => count(a.pairs), {numeric: true}],
    ], annotators, {id: 'annotators-table'})));
}

function distributionSection(d, threshold) {
  const rows = d.histogram.map((n, i) => ({range: `${(i / 10).toFixed(1)} – ${((i + 1) / 10).toFixed(1)}`, n}));
  return section('Distribution of task scores', 'distribution',
    h('p', {}, 'Average ', h('strong#average', {}, score(d.average_agreement)), ' over ',
      h('strong#distribution-total', {}, count(d.total_tasks)), ' tasks; ',
      h('strong#low-count', {}, count(d.low_agreement_count)), ` below the threshold ${threshold}.`),
    chart('distribution-chart', `Histogram of task agreement in ten buckets with the threshold ${threshold}`,
      histogramOption(d.histogram, threshold), 280),
    numbers('Numbers: tasks per bucket', table(null, [
      ['Agreement', (r) => r.range], ['Tasks', (r) => count(r.n), {numeric: true}],
    ], rows, {id: 'distribution-table'})));
}

function lowestSection(tasks, projectId) {
  if (!tasks.length) return section('Lowest-agreement tasks', 'lowest', message('No scored task yet.'));
  return section('Lowest-agreement tasks', 'lowest', table(null, [
    ['Task', (t) => h('a', {href: `#/projects/${projectId}/tasks/${t.task_id}`}, t.task_id), {numeric: true}],
    ['Agreement', (t) => score(t.agreement), {numeric: true}],
    ['Annotations', (t) => t.annotations, {numeric: true}],
    ['Label Studio', (t) => (t.task_url ? h('a.task-url', {href: t.task_url, target: '_blank', rel: 'noopener'}, 'Open in Label Studio')
      : h('span.hint', {}, 'set LABEL_STUDIO_URL for links'))],
  ], tasks, {id: 'lowest-table'}));
}

function confusionSection(base, choices, ctx) {
  const body = h('div#confusion-body');
  const select = h('select#confusion-tag', {}, choices.map((t) => h('option', {value: t.name}, t.name)));
  const mode = h('select#confusion-mode', {}, ['all', 'accepted', 'ground_truth'].map((m) => h('option', {value: m}, m)));
  async function load() {
    const query = new URLSearchParams({from_name: select.value, mode: mode.value});
    try {
      const m = await getJson(`${base}/analytics/data-quality/agreement-analysis/confusion-matrix?${query}`);
      clear(body, confusionView(m));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) throw error;
      clear(body, message(error.detail, 'error'));
    }
  }
  select.addEventListener('change', () => load().catch(ctx.fail));
  mode.addEventListener('change', () => load().catch(ctx.fail));
  load().catch(ctx.fail);
  return section('Confusion matrix', 'confusion',
    h('p', {}, h('label', {for: 'confusion-tag'}, 'Choices tag '), select, ' ',
      h('label', {for: 'confusion-mode'}, 'annotations '), mode), body);
}

function confusionView(m) {
  if (!m.labels.length) return message('No choices to compare yet.');
  const max = Math.max(1, ...m.matrix.flat());
  return h('div', {},
    chart('confusion-chart', 'Heatmap of how often one choice met another on the same task',
      heatmapOption({labels: m.labels, cells: m.matrix, max, integer: true}), Math.max(260, 160 + 28 * m.labels.length)),
    numbers('Numbers: counts, precision and recall', h('div', {},
      table(null, [['', (r) => m.labels[r], {rowHeader: true}],
        ...m.labels.map((l, j) => [l, (r) => count(m.matrix[r][j]), {numeric: true}]),
        ['Precision', (r) => score(m.precision[r]), {numeric: true}],
        ['Recall', (r) => score(m.recall[r]), {numeric: true}]],
      m.labels.map((_, r) => r), {id: 'confusion-table'}))));
}
