// Projects page: every project with its overall agreement, paged on the server (10,000 projects
// never reach the browser at once), sortable by column, filtered by title.
import {getJson} from '../api.js';
import {clear, count, h, message, pager, score, when} from '../dom.js';

const PAGE_SIZE = 50;
const COLUMNS = [
  ['title', 'Title'],
  ['id', 'ID'],
  ['agreement', 'Overall agreement'],
  ['tasks_scored', 'Tasks scored'],
  ['status', 'Latest job'],
  [null, 'Stale'],
  [null, 'Backfilled'],
  ['computed_at', 'Computed'],
];
const remembered = {title: '', ordering: 'id', page: 1};

export async function projectsPage(el, params, ctx) {
  const state = remembered;
  const body = h('div#projects-body');
  const filter = h('input#title-filter', {type: 'search', value: state.title, placeholder: 'part of a title',
    'aria-controls': 'projects-table'});
  let debounce = null;
  ctx.onLeave(() => clearTimeout(debounce));
  filter.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => { state.title = filter.value; state.page = 1; load().catch(ctx.fail); }, 250);
  });
  clear(el, h('h1', {}, 'Projects'),
    h('p', {}, h('label', {for: 'title-filter'}, 'Filter by title '), filter), body);

  async function load() {
    const query = new URLSearchParams({page: state.page, page_size: PAGE_SIZE, ordering: state.ordering});
    if (state.title.trim()) query.set('title', state.title.trim());
    const answer = await getJson(`/api/agreement/projects/?${query}`);
    clear(body, answer.count === 0 ? message('No project matches.') : projectTable(answer.results, state, sortBy),
      pager(state.page, PAGE_SIZE, answer.count, (p) => { state.page = p; load().catch(ctx.fail); }, 'Project pages'));
    body.dataset.loaded = query.toString();
  }

  function sortBy(column) {
    state.ordering = state.ordering === column ? `-${column}` : column;
    state.page = 1;
    load().catch(ctx.fail);
  }
  await load();
}

function projectTable(rows, state, sortBy) {
  const active = state.ordering.replace(/^-/, '');
  const direction = state.ordering.startsWith('-') ? 'descending' : 'ascending';
  return h('table#projects-table', {},
    h('caption', {}, 'Select a column heading to sort'),
    h('thead', {}, h('tr', {}, COLUMNS.map(([key, label]) => h('th', {
      scope: 'col', 'aria-sort': key && key === active ? direction : null,
      class: ['agreement', 'tasks_scored', 'id'].includes(key) ? 'num' : null,
    }, key ? h('button.sort', {type: 'button', onclick: () => sortBy(key), 'data-sort': key},
      label, key === active ? (direction === 'ascending' ? ' ▲' : ' ▼') : '') : label)))),
    h('tbody', {}, rows.map((p) => h('tr', {'data-project': p.project_id},
      h('td', {}, h('a', {href: `#/projects/${p.project_id}`}, p.title || `Project ${p.project_id}`)),
      h('td.num', {}, p.project_id),
      h('td.num', {'data-agreement': p.agreement ?? ''}, score(p.agreement)),
      h('td.num', {}, count(p.tasks_scored)),
      h('td', {}, p.latest_job_status ? h(`span.state.s-${p.latest_job_status.toLowerCase()}`, {}, p.latest_job_status) : 'never run'),
      h('td', {}, p.stale ? h('span.flag.stale', {}, 'stale') : 'no'),
      h('td', {}, p.backfilled ? 'yes' : 'no'),
      h('td', {}, when(p.computed_at))))));
}
