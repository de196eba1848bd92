'use strict';
// The dominator tree as an icicle: the heap on top, each row a level of the tree, each box as wide as
// what its object (or class) retains, within its dominator's box (d3.partition with each node's value
// set to its own retained size: the rest of a box is what its smaller children, not listed, retain).
// Every string comes from a dump: it is written with textContent or setAttribute only.
(() => {
  const data = JSON.parse(document.getElementById('heaptrail-data').textContent);
  const svgNode = document.getElementById('icicle');
  if (!svgNode || !data.tree) {
    return;
  }
  const human = bytes => heaptrailBytes(bytes);
  const ROW = 34;
  const width = Math.max(640, svgNode.parentNode.clientWidth - 40);
  const root = d3.hierarchy(data.tree, d => d.children);
  root.each(n => { n.value = n.data.retained; });
  d3.partition().size([width, (root.height + 1) * ROW]).padding(1)(root);
  const color = d3.scaleOrdinal(d3.schemeTableau10);
  const svg = d3.select(svgNode).attr('width', width).attr('height', (root.height + 1) * ROW)
    .attr('viewBox', [0, 0, width, (root.height + 1) * ROW].join(' '));
  const cell = svg.selectAll('g').data(root.descendants()).join('g')
    .attr('class', n => n.depth === 0 ? 'box heap' : 'box')
    .attr('data-label', n => n.data.name)
    .attr('data-retained', n => n.data.retained)
    .attr('transform', n => 'translate(' + n.x0 + ',' + n.y0 + ')');
  cell.append('rect').attr('width', n => Math.max(0, n.x1 - n.x0)).attr('height', n => n.y1 - n.y0)
    .attr('fill', n => n.depth === 0 ? '#d0d7de' : color(n.data.name));
  cell.append('title').text(n => n.data.name + ': retains ' + human(n.data.retained)
    + (n.data.id ? ' (' + n.data.id + ')' : ''));
  cell.filter(n => n.x1 - n.x0 > 60).append('text').attr('x', 5).attr('y', 14).text(n => {
    const name = n.data.name;
    const short = name.startsWith('class ') ? name : name.substring(name.lastIndexOf('.') + 1);
    const room = Math.floor((n.x1 - n.x0 - 10) / 7);
    return short.length > room ? short.slice(0, Math.max(1, room - 1)) + '…' : short;
  });
  cell.filter(n => n.x1 - n.x0 > 60).append('text').attr('class', 'size').attr('x', 5).attr('y', 27)
    .text(n => human(n.data.retained));
})();
