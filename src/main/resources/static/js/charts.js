// The only code that touches ECharts. Each <div class="chart" data-chart="{…}"> holds a ChartSpec (title, kind,
// labels, series[{name, data}], unit); the options are built here, so tenant data never supplies option keys.
// Tooltips are rich text on the canvas (never HTML, which the CSP forbids and which would be an injection sink).
(function () {
  'use strict';

  function options(spec) {
    var stacked = spec.kind === 'stacked';
    return {
      animation: false,
      // At least 3:1 against the white panel (ECharts' default second colour, a light green, has 1.9:1); a white
      // edge between stacked segments keeps each one apart from its neighbour whatever their hues.
      color: ['#1f5fbf', '#b35c00', '#1b7f3b', '#6b4fa0'],
      tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
      legend: { show: spec.series.length > 1, top: 0 },
      grid: { left: 8, right: 16, top: spec.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: spec.labels,
        axisLabel: { interval: 0, rotate: spec.labels.length > 5 ? 30 : 0, width: 140, overflow: 'truncate' }
      },
      yAxis: { type: 'value', name: spec.unit },
      series: spec.series.map(function (s) {
        return { name: s.name, type: 'bar', stack: stacked ? 'total' : undefined, data: s.data,
          itemStyle: { borderColor: '#fff', borderWidth: stacked ? 1 : 0 } };
      })
    };
  }

  // A heatmap: the labels are the columns, each series a row; a cell's colour and number are its value.
  function heatmap(spec) {
    var cells = [];
    var max = 0;
    spec.series.forEach(function (s, row) {
      s.data.forEach(function (value, column) {
        cells.push([column, row, value]);
        max = Math.max(max, value);
      });
    });
    return {
      animation: false,
      tooltip: { renderMode: 'richText' },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: spec.labels, axisLabel: { interval: 0, rotate: spec.labels.length > 5 ? 30 : 0 } },
      yAxis: { type: 'category', data: spec.series.map(function (s) { return s.name; }), inverse: true },
      visualMap: { min: 0, max: max || 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#f4f7fb', '#1f5fbf'] }, text: [spec.unit + ' high', 'low'] },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: function (p) { return p.value[2]; } } }]
    };
  }

  // A TV screen (data-screen="tv") is read from across a room: ECharts' dark theme on the page's own panel, and
  // larger text.
  function forTv(option) {
    var text = { fontSize: 18 };
    option.backgroundColor = 'transparent';
    option.legend.textStyle = text;
    option.xAxis.axisLabel.fontSize = 18;
    option.yAxis.axisLabel = text;
    option.yAxis.nameTextStyle = text;
    return option;
  }

  function draw(element) {
    var spec;
    try {
      spec = JSON.parse(element.dataset.chart);
    } catch (e) {
      return;
    }
    var tv = element.dataset.screen === 'tv';
    var chart = echarts.init(element, tv ? 'dark' : null, { renderer: 'canvas' });
    var option = spec.kind === 'heatmap' ? heatmap(spec) : options(spec);
    chart.setOption(tv && spec.kind !== 'heatmap' ? forTv(option) : option);
    window.addEventListener('resize', function () { chart.resize(); });
    element.dataset.drawn = 'true';
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof echarts === 'undefined') {
      return;
    }
    document.querySelectorAll('.chart[data-chart]').forEach(draw);
  });
})();
