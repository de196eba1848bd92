'use strict';
// The bars of a diff page: one horizontal bar per structure or class, as long as what it grew
// (shrinking ones drawn apart), laid out with d3's band and linear scales. Every string comes from
// a dump: it is written with textContent or setAttribute only, never as markup.
(() => {
  const data = JSON.parse(document.getElementById('heaptrail-data').textContent);
  const svgNode = document.getElementById('bars');
  const BAR = 22;
  const LABEL = 360;
  const width = Math.max(640, svgNode.parentNode.clientWidth - 32);

  // growth is signed (+1.2 MiB); a size (data.unsigned) is not
  const human = bytes => heaptrailBytes(bytes, !data.unsigned);

  const bars = data.bars;
  if (!bars.length) {
    svgNode.remove();
    return;
  }
  const y = d3.scaleBand().domain(d3.range(bars.length)).range([0, bars.length * BAR]).padding(0.2);
  const x = d3.scaleLinear().domain([0, d3.max(bars, b => Math.abs(b.growth)) || 1]).range([0, width - LABEL - 100]);
  const svg = d3.select(svgNode).attr('width', width).attr('height', bars.length * BAR + 4)
    .attr('viewBox', [0, 0, width, bars.length * BAR + 4].join(' '));
  const g = svg.selectAll('g').data(bars).join('g')
    .attr('class', b => 'bar' + (b.growth < 0 ? ' shrank' : ''))
    .attr('data-label', b => b.label)
    .attr('data-growth', b => b.growth)
    .attr('transform', (b, i) => 'translate(0,' + y(i) + ')');
  g.append('text').attr('class', 'label').attr('x', LABEL - 8).attr('y', y.bandwidth() / 2).attr('dy', '0.35em')
    .attr('text-anchor', 'end').text(b => b.label.length > 46 ? '…' + b.label.slice(-45) : b.label);
  g.append('rect').attr('x', LABEL).attr('height', y.bandwidth()).attr('width', b => Math.max(1, x(Math.abs(b.growth))));
  g.append('text').attr('class', 'value').attr('x', b => LABEL + Math.max(1, x(Math.abs(b.growth))) + 6)
    .attr('y', y.bandwidth() / 2).attr('dy', '0.35em').text(b => human(b.growth));
  g.append('title').text(b => b.label + ': ' + human(b.growth) + (data.unsigned ? '' : ' (' + b.before + ' → ' + b.after + ' bytes)'));
})();
