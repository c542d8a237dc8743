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
    chart.setOption(tv ? forTv(options(spec)) : options(spec));
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
