// Small DOM and number-formatting helpers shared by the pages.

/** h('tag.class#id', {attr: value, onclick: fn}, ...children): an element, text escaped. */
export function h(spec, attrs = {}, ...children) {
  const [, tag, rest] = spec.match(/^([a-z0-9-]+)(.*)$/i);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A score as the API gives it, to three decimals; a dash for none. */
export function score(value) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(3);
}

export function count(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en-US');
}

export function when(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '–';
}

export function section(title, id, ...children) {
  return h(`section.card#${id}`, {'aria-labelledby': `${id}-title`}, h(`h2#${id}-title`, {}, title), ...children);
}

/** A table of rows; columns are [heading, row => cell, {numeric, rowHeader}] triples. */
export function table(caption, columns, rows, attrs = {}) {
  return h('table', attrs,
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(([head, , opts]) =>
      h('th', {scope: 'col', class: opts && opts.numeric ? 'num' : null}, head)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell, opts]) => (opts && opts.rowHeader
      ? h('th', {scope: 'row'}, cell(row))
      : h('td', {class: opts && opts.numeric ? 'num' : null}, cell(row))))))));
}

/** A disclosure holding the numbers behind a chart. */
export function numbers(summary, content) {
  return h('details.numbers', {}, h('summary', {}, summary), content);
}

export function message(text, kind = 'info') {
  return h(`p.message.${kind}`, {role: kind === 'error' ? 'alert' : 'status'}, text);
}

/** Asks in the page's own dialog; resolves true when the person confirms. */
export function confirmAction(text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  document.getElementById('confirm-no').focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
  });
}

/** Previous / next buttons for a DRF-style page of {count, results}. */
export function pager(page, pageSize, total, go, label) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return h('nav.pager', {'aria-label': label},
    h('button', {type: 'button', disabled: page <= 1, onclick: () => go(page - 1), 'data-page': 'previous'}, '‹ Previous'),
    h('span', {'aria-live': 'polite'}, `Page ${page} of ${pages} · ${count(total)} in all`),
    h('button', {type: 'button', disabled: page >= pages, onclick: () => go(page + 1), 'data-page': 'next'}, 'Next ›'));
}
