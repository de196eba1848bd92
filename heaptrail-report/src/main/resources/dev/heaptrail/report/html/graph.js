'use strict';
// Who holds an object: the reference graph, laid out by dagre (layered, GC roots at the top) and
// drawn with d3 as SVG in the page. Each node is measured first, so its box fits its text. Every
// string comes from a dump: it is written with textContent or setAttribute only, never as markup.
(() => {
  const data = JSON.parse(document.getElementById('heaptrail-data').textContent);
  const svgNode = document.getElementById('graph');
  const graph = data.graph;
  if (!svgNode || !graph) {
    return;
  }

  const human = bytes => heaptrailBytes(bytes);

  // "com.example.Cache$Entry" is drawn as "Cache$Entry"; the full name is the node's tooltip.
  function short(className) {
    const array = className.startsWith('class ') ? 'class ' : '';
    const name = className.substring(array.length);
    return array + name.substring(name.lastIndexOf('.') + 1);
  }

  const svg = d3.select(svgNode);
  const view = svg.append('g').attr('class', 'view');
  const defs = svg.append('defs');
  defs.append('marker').attr('id', 'arrow').attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M 0 0 L 10 5 L 0 10 z');
  const edgeLayer = view.append('g').attr('class', 'edges');
  const nodeLayer = view.append('g').attr('class', 'nodes');

  const g = new dagre.graphlib.Graph({multigraph: true});
  g.setGraph({rankdir: 'TB', nodesep: 26, ranksep: 52, edgesep: 14, marginx: 8, marginy: 8});
  g.setDefaultEdgeLabel(() => ({}));

  const PAD_X = 10;
  const PAD_Y = 7;
  for (const n of graph.nodes) {
    const kind = ['node'];
    if (n.target) {
      kind.push('target');
    }
    if (n.rootKind) {
      kind.push('root');
    }
    const el = nodeLayer.append('g').attr('class', kind.join(' '))
        .attr('data-index', n.index).attr('data-class', n.class).attr('data-retained', n.retainedBytes);
    el.append('title').text(n.class + ' (' + n.id + ')');
    const rect = el.append('rect').attr('rx', 5).attr('ry', 5);
    const text = el.append('text');
    const lines = [[short(n.class), 'cls'], ['retains ' + human(n.retainedBytes), 'meta']];
    if (n.rootKind) {
      lines.push(['GC root: ' + n.rootKind, 'meta']);
    }
    if (n.moreReferrers > 0) {
      lines.push(['+' + n.moreReferrers + ' more referrer' + (n.moreReferrers > 1 ? 's' : ''), 'meta']);
    }
    lines.forEach(([line, cls], i) => {
      text.append('tspan').attr('class', cls).attr('x', 0).attr('dy', i === 0 ? '1em' : '1.3em').text(line);
    });
    const box = text.node().getBBox();
    const width = Math.ceil(box.width) + 2 * PAD_X;
    const height = Math.ceil(box.height) + 2 * PAD_Y;
    rect.attr('width', width).attr('height', height);
    text.attr('transform', 'translate(' + PAD_X + ',' + PAD_Y + ')');
    g.setNode(String(n.index), {width, height, el});
  }

  graph.edges.forEach((e, i) => {
    const label = edgeLayer.append('text').attr('class', 'label').text(e.label);
    const box = label.node().getBBox();
    g.setEdge(String(e.from), String(e.to), {width: Math.ceil(box.width) + 6, height: Math.ceil(box.height), labelpos: 'c',
      label, edge: e}, 'e' + i);
  });

  dagre.layout(g);

  const line = d3.line().x(p => p.x).y(p => p.y).curve(d3.curveBasis);
  for (const id of g.nodes()) {
    const n = g.node(id);
    n.el.attr('transform', 'translate(' + (n.x - n.width / 2) + ',' + (n.y - n.height / 2) + ')');
  }
  for (const ref of g.edges()) {
    const e = g.edge(ref);
    edgeLayer.insert('path', 'text').attr('class', 'edge' + (e.edge.shortestPath ? ' shortest' : ''))
        .attr('data-label', e.edge.label).attr('d', line(e.points)).attr('marker-end', 'url(#arrow)');
    e.label.attr('x', e.x).attr('y', e.y + 4).attr('text-anchor', 'middle');
  }
  const size = g.graph();
  svg.attr('viewBox', '0 0 ' + Math.ceil(size.width) + ' ' + Math.ceil(size.height))
      .attr('width', Math.ceil(size.width)).attr('height', Math.ceil(size.height));
})();
