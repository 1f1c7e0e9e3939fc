// ECharts from the service's own WebJar (no CDN), with colour-blind-safe scales: viridis for
// scores, Okabe and Ito's palette for categories.
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';
import {h} from './dom.js';

export const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e',
  '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
export const OKABE_ITO = {
  blue: '#0072B2', orange: '#E69F00', sky: '#56B4E9', green: '#009E73',
  yellow: '#F0E442', vermillion: '#D55E00', purple: '#CC79A7', grey: '#999999',
};

const live = new Set();
window.addEventListener('resize', () => live.forEach((chart) => chart.resize()));

/** Disposes the charts of the page being left. */
export function disposeCharts() {
  live.forEach((chart) => chart.dispose());
  live.clear();
}

/** A chart container described for screen readers; the numbers are in a table beside it. */
export function chart(id, label, option, height = 320) {
  const el = h(`div.chart#${id}`, {role: 'img', 'aria-label': label, style: `height:${height}px`});
  requestAnimationFrame(() => {
    if (!el.isConnected) return;
    const instance = echarts.init(el, null, {renderer: 'canvas'});
    instance.setOption({animation: false, aria: {enabled: true}, ...option});
    live.add(instance);
  });
  return el;
}

const fmt = (v) => (v === null || v === undefined ? 'no data' : Number(v).toFixed(3));

/** Annotator-by-annotator scores; tooltip shows the score and the tasks the pair shares. */
export function heatmapOption({labels, cells, counts, countLabel = 'common tasks', min = 0, max = 1, integer = false}) {
  const data = [];
  cells.forEach((row, i) => row.forEach((value, j) => data.push([j, i, value === null ? '-' : value])));
  return {
    grid: {left: 110, right: 20, top: 10, bottom: 100},
    tooltip: {
      formatter: (p) => {
        const [j, i] = p.data;
        const extra = counts ? `<br>${counts[i][j] ?? 0} ${countLabel}` : '';
        const shown = integer ? cells[i][j] : fmt(cells[i][j]);
        return `${labels[i]} × ${labels[j]}<br>${shown}${extra}`;
      },
    },
    xAxis: {type: 'category', data: labels, axisLabel: {rotate: 60, fontSize: 10}, splitArea: {show: true}},
    yAxis: {type: 'category', data: labels, inverse: true, axisLabel: {fontSize: 10}, splitArea: {show: true}},
    visualMap: {min, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
      inRange: {color: VIRIDIS}, precision: integer ? 0 : 2},
    series: [{type: 'heatmap', data, label: {show: labels.length <= 12,
      formatter: (p) => (p.data[2] === '-' ? '' : integer ? p.data[2] : Number(p.data[2]).toFixed(2))}}],
  };
}

export function barOption(labels, values, name) {
  return {
    grid: {left: 200, right: 40, top: 10, bottom: 30},
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: fmt},
    xAxis: {type: 'value', min: 0, max: 1},
    yAxis: {type: 'category', data: labels, inverse: true, axisLabel: {fontSize: 10}},
    series: [{type: 'bar', name, data: values, itemStyle: {color: OKABE_ITO.blue}}],
  };
}

export function histogramOption(histogram, threshold) {
  const buckets = histogram.map((_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`);
  return {
    grid: {left: 60, right: 30, top: 30, bottom: 40},
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
    xAxis: [
      {type: 'category', data: buckets, name: 'task agreement', nameLocation: 'middle', nameGap: 28},
      {type: 'value', min: 0, max: 1, show: false},
    ],
    yAxis: {type: 'value', name: 'tasks', minInterval: 1},
    series: [
      {
        type: 'bar', name: 'tasks', data: histogram, barCategoryGap: '5%',
        itemStyle: {color: (p) => ((p.dataIndex + 1) / 10 <= threshold ? OKABE_ITO.vermillion : OKABE_ITO.blue)},
      },
      {
        // Carries the threshold line on a 0..1 axis laid over the buckets.
        type: 'line', xAxisIndex: 1, data: [[threshold, 0]], symbol: 'none', tooltip: {show: false},
        markLine: {symbol: 'none', silent: true, label: {formatter: `threshold ${threshold}`},
          lineStyle: {color: '#000', type: 'dashed', width: 2}, data: [{xAxis: threshold}]},
      },
    ],
  };
}
