// The settings editor: the project's methodology and threshold, and per tag its metric,
// threshold, weight and excluded labels. The service judges every value; a 400 is shown next to
// the field its detail names.
import {ApiError, sendJson} from '../api.js';
import {clear, h, message, section} from '../dom.js';

const METHODOLOGIES = ['consensus', 'pairwise'];

export function settingsEditor(projectId, settings, ctx) {
  const readOnly = !ctx.me.may_administer;
  return section('Settings', 'settings',
    readOnly ? message('Changing settings needs the OWNER or ADMINISTRATOR role.', 'info') : null,
    settings.label_config_error ? message(`The label config cannot be read: ${settings.label_config_error}`, 'error') : null,
    h('p.hint', {}, 'A change makes the current results stale; recompute to apply it.'),
    projectForm(projectId, settings, readOnly, ctx),
    settings.dimensions.map((d) => tagForm(projectId, d, readOnly, ctx)));
}

function field(form, name, label, input) {
  const id = `${form}-${name}`;
  input.id = id;
  input.name = name;
  const error = h(`span.field-error#${id}-error`, {'aria-live': 'polite'});
  input.setAttribute('aria-describedby', error.id);
  return h('div.field', {}, h('label', {for: id}, label), input, error);
}

function projectForm(projectId, settings, readOnly, ctx) {
  const disabled = readOnly;
  const form = h('form.settings#settings-project', {novalidate: true},
    h('h3', {}, 'Project'),
    field('settings-project', 'methodology', 'Methodology',
      h('select', {disabled}, METHODOLOGIES.map((m) => h('option', {value: m, selected: m === settings.methodology}, m)))),
    field('settings-project', 'agreement_threshold', 'Low-agreement threshold',
      h('input', {type: 'number', step: 'any', value: settings.agreement_threshold, disabled})),
    h('button', {type: 'submit', disabled}, 'Save project settings'),
    h('span.outcome', {'aria-live': 'polite'}));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {};
    if (form.methodology.value !== settings.methodology) body.methodology = form.methodology.value;
    const threshold = form.agreement_threshold.value;
    if (threshold !== String(settings.agreement_threshold)) body.agreement_threshold = numberOrText(threshold);
    save(form, `/api/projects/${projectId}/agreement/settings/`, body).catch(ctx.fail);
  });
  return form;
}

function tagForm(projectId, d, readOnly, ctx) {
  const disabled = readOnly;
  const prefix = `settings-tag-${d.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const form = h(`form.settings#${prefix}`, {novalidate: true, 'data-tag': d.name},
    h('h3', {}, `${d.name} (${d.type})`),
    field(prefix, 'metric', 'Metric',
      h('select', {disabled}, d.allowed_metrics.map((m) => h('option', {value: m, selected: m === d.metric}, m)))),
    field(prefix, 'threshold', 'Threshold', h('input', {type: 'number', step: 'any', value: d.threshold, disabled})),
    field(prefix, 'weight', 'Weight', h('input', {type: 'number', step: 'any', value: d.weight, disabled})),
    field(prefix, 'excluded_labels', 'Excluded labels (comma-separated)',
      h('input', {type: 'text', value: d.excluded_labels.join(', '), disabled})),
    h('button', {type: 'submit', disabled}, `Save ${d.name}`),
    h('span.outcome', {'aria-live': 'polite'}));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {};
    if (form.metric.value !== d.metric) body.metric = form.metric.value;
    if (form.threshold.value !== String(d.threshold)) body.threshold = numberOrText(form.threshold.value);
    if (form.weight.value !== String(d.weight)) body.weight = numberOrText(form.weight.value);
    const labels = form.excluded_labels.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (labels.join('\n') !== d.excluded_labels.join('\n')) body.excluded_labels = labels;
    save(form, `/api/projects/${projectId}/dimensions/${encodeURIComponent(d.name)}/`, body).catch(ctx.fail);
  });
  return form;
}

/** An empty box means "back to the default" (null); anything else goes as typed for the service to judge. */
function numberOrText(value) {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

async function save(form, path, body) {
  const outcome = form.querySelector('.outcome');
  form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  if (Object.keys(body).length === 0) {
    clear(outcome, 'Nothing changed.');
    return;
  }
  clear(outcome, 'Saving…');
  try {
    await sendJson('PATCH', path, body);
    clear(outcome, message('Saved. The results are stale until the next backfill.', 'ok'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    const input = fieldNamed(form, error.detail, Object.keys(body));
    if (error.status === 400 && input) {
      input.setAttribute('aria-invalid', 'true');
      document.getElementById(`${input.id}-error`).textContent = error.detail;
      input.focus();
      clear(outcome);
    } else {
      clear(outcome, message(`${error.status === 403 ? 'Not allowed' : error.status}: ${error.detail}`, 'error'));
    }
  }
}

/** The field a detail is about: the one it names first, else the only one sent. */
function fieldNamed(form, detail, sent) {
  const names = [...form.querySelectorAll('[name]')].map((el) => el.name);
  const named = names
    .map((name) => ({name, at: detail.search(new RegExp(`\\b${name}\\b`))}))
    .filter((n) => n.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  const name = named ? named.name : (sent.length === 1 ? sent[0] : null);
  return name ? form.elements[name] : null;
}
