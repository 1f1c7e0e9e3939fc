// The explorer's shell: sign-in, the hash router, and the error handling every page shares, so a
// failure always shows a message or the sign-in prompt, never a blank page.
import {ApiError, NetworkError, getJson, signIn, signOut, storedToken} from './api.js';
import {disposeCharts} from './charts.js';
import {clear, h, message} from './dom.js';
import {organizationPage} from './pages/organization.js';
import {projectPage} from './pages/project.js';
import {projectsPage} from './pages/projects.js';
import {taskPage} from './pages/task.js';

const ROUTES = [
  [/^#\/projects\/(\d+)\/tasks\/(\d+)$/, taskPage, 'projects'],
  [/^#\/projects\/(\d+)$/, projectPage, 'projects'],
  [/^#\/projects$/, projectsPage, 'projects'],
  [/^#\/organization$/, organizationPage, 'organization'],
];

const main = document.getElementById('main');
const session = {me: null, leave: []};

function route() {
  const hash = location.hash || '#/organization';
  for (const [pattern, page, nav] of ROUTES) {
    const match = hash.match(pattern);
    if (match) return {page, nav, params: match.slice(1)};
  }
  return {page: notFound, nav: null, params: []};
}

async function notFound(el) {
  clear(el, h('h1', {}, 'Page not found'), h('p', {}, h('a', {href: '#/projects'}, 'All projects')));
}

function leavePage() {
  session.leave.splice(0).forEach((fn) => fn());
  disposeCharts();
}

/** Renders the current route; every failure ends in a message, a banner or the sign-in prompt. */
export async function render() {
  leavePage();
  hideBanner();
  if (!session.me) {
    if (!(await whoAmI())) return;
  }
  const {page, nav, params} = route();
  document.querySelectorAll('[data-nav]').forEach((a) =>
    a.toggleAttribute('aria-current', a.dataset.nav === nav));
  clear(main, h('p.loading', {}, 'Loading…'));
  const ctx = {
    me: session.me,
    onLeave: (fn) => session.leave.push(fn),
    fail: (error) => handle(error),
  };
  try {
    await page(main, params, ctx);
    main.dataset.ready = 'true';
  } catch (error) {
    handle(error);
  }
}

async function whoAmI() {
  if (!storedToken()) {
    askForToken('');
    return false;
  }
  try {
    session.me = await getJson('/api/agreement/me/');
  } catch (error) {
    handle(error);
    return false;
  }
  document.getElementById('who').textContent = `${session.me.email} · ${session.me.role}`;
  document.getElementById('sign-out').hidden = false;
  return true;
}

/** What a failed call means for the person looking at the page. */
export function handle(error) {
  if (error instanceof ApiError && error.status === 401) {
    signOut();
    session.me = null;
    askForToken(`Signed out: ${error.detail}`);
  } else if (error instanceof NetworkError) {
    showBanner(`${error.message}. Check the connection, then retry.`);
    if (main.querySelector('.loading')) clear(main, message('The page could not load.', 'error'));
  } else if (error instanceof ApiError && error.status === 403) {
    clear(main, h('h1', {}, 'Not allowed'), message(`Your role cannot see this: ${error.detail}`, 'error'));
  } else if (error instanceof ApiError) {
    clear(main, h('h1', {}, `Error ${error.status}`), message(error.detail, 'error'),
      h('p', {}, h('a', {href: '#/projects'}, 'All projects')));
  } else {
    console.warn(error);
    showBanner(`Something went wrong: ${error.message}`);
  }
}

function askForToken(text) {
  const dialog = document.getElementById('sign-in');
  document.getElementById('sign-in-message').textContent = text;
  document.getElementById('who').textContent = '';
  document.getElementById('sign-out').hidden = true;
  clear(main, h('h1', {}, 'Agreement explorer'), h('p', {}, 'Sign in to see agreement results.'));
  if (!dialog.open) dialog.showModal();
  document.getElementById('token').focus();
}

function showBanner(text) {
  document.getElementById('banner-text').textContent = text;
  document.getElementById('banner').hidden = false;
}

function hideBanner() {
  document.getElementById('banner').hidden = true;
}

document.getElementById('sign-in-form').addEventListener('submit', (event) => {
  const input = document.getElementById('token');
  if (!input.value.trim()) {
    event.preventDefault();
    return;
  }
  signIn(input.value);
  input.value = '';
  session.me = null;
  render();
});
document.getElementById('sign-in').addEventListener('cancel', (event) => event.preventDefault());
document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  session.me = null;
  leavePage();
  askForToken('Signed out.');
});
document.getElementById('banner-retry').addEventListener('click', () => render());
window.addEventListener('hashchange', () => render());
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  handle(event.reason);
});
render();
