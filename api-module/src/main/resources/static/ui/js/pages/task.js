// Task page: the task's per-tag scores and its annotation-by-annotation matrix.
import {getJson} from '../api.js';
import {chart, heatmapOption} from '../charts.js';
import {clear, count, h, message, numbers, score, section, table, when} from '../dom.js';

export async function taskPage(el, [projectId, taskId], ctx) {
  const [project, task] = await Promise.all([
    getJson(`/api/agreement/projects/${projectId}/`),
    getJson(`/api/projects/${projectId}/tasks/${taskId}/agreement/`),
  ]);
  const tags = Object.entries(task.control_tags || {}).map(([name, value]) => ({name, value}));
  clear(el,
    h('p.crumbs', {}, h('a', {href: '#/projects'}, 'Projects'), ' / ',
      h('a', {href: `#/projects/${projectId}`}, project.title), ` / task ${taskId}`),
    h('h1', {}, `Task ${taskId}`),
    h('dl.facts', {},
      h('div', {}, h('dt', {}, 'Agreement'), h('dd#task-agreement', {}, score(task.agreement))),
      h('div', {}, h('dt', {}, 'Annotations'), h('dd', {}, count(task.annotations))),
      h('div', {}, h('dt', {}, 'Computed'), h('dd', {}, when(task.computed_at)))),
    task.task_url ? h('p', {}, h('a.task-url', {href: task.task_url, target: '_blank', rel: 'noopener'}, 'Open in Label Studio')) : null,
    section('Scores by control tag', 'task-tags', table(null, [
      ['Tag', (t) => t.name], ['Score', (t) => score(t.value), {numeric: true}],
    ], tags, {id: 'task-tags-table'})),
    matrixSection(task.matrix));
}

function matrixSection(matrix) {
  if (!matrix) return section('Annotation by annotation', 'task-matrix', message('Every tag weighs 0, so there is no overall matrix.'));
  const labels = matrix.annotation_ids.map((a, i) => `#${a} (user ${matrix.user_ids[i]})`);
  return section('Annotation by annotation', 'task-matrix',
    chart('task-matrix-chart', 'Heatmap of agreement between each pair of annotations',
      heatmapOption({labels, cells: matrix.scores}), Math.max(300, 160 + 28 * labels.length)),
    numbers('Numbers: agreement of each pair of annotations', table(null,
      [['', (r) => labels[r], {rowHeader: true}],
        ...labels.map((l, j) => [l, (r) => score(matrix.scores[r][j]), {numeric: true}])],
      labels.map((_, r) => r), {id: 'task-matrix-table'})));
}
