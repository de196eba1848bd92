'use strict';
// The flame graph of a sites page: d3 lays the stacks out as an icicle (d3.partition), drawn
// upside down so that the outermost frame is at the bottom. Every string comes from a recording:
// it is written with textContent or setAttribute only, never as markup.
(() => {
  const ROW = 18;
  const data = JSON.parse(document.getElementById('heaptrail-data').textContent);
  const svgNode = document.getElementById('flamegraph');
  const details = document.getElementById('details');
  const search = document.getElementById('search');
  const matched = document.getElementById('matched');
  const reset = document.getElementById('reset');
  const idle = details.textContent;

  const human = bytes => heaptrailBytes(bytes);

  const root = d3.hierarchy(data.root, d => d.c)
    .sum(d => d.s)
    .sort((a, b) => b.value - a.value || d3.ascending(a.data.n, b.data.n));
  d3.partition()(root);
  const total = root.value;
  if (!total) {
    svgNode.remove();
    details.textContent = 'No stacks in this report.';
    search.disabled = true;
    return;
  }
  const height = (root.height + 1) * ROW;
  const share = d => (100 * d.value / total).toFixed(1) + ' %';
  const describe = d => d.data.n + ' \u2014 ' + human(d.value) + ' ' + data.unit + ' (' + share(d) + ' of all)';

  // stable colours: the same frame has the same colour in every page; the JDK's frames are grey-blue
  function hash(s) {
    let h = 0;
    for (let i = 0; i < s.length; i++) {
      h = (h * 31 + s.charCodeAt(i)) | 0;
    }
    return Math.abs(h);
  }
  function colour(d) {
    if (d === root) {
      return '#c5ced8';
    }
    const h = hash(d.data.n);
    return d.data.j
      ? `hsl(${205 + h % 15}, 20%, ${74 + (h >> 4) % 8}%)`
      : `hsl(${16 + h % 30}, ${76 + (h >> 5) % 16}%, ${60 + (h >> 3) % 10}%)`;
  }

  const svg = d3.select(svgNode).attr('height', height);
  const frames = svg.selectAll('g').data(root.descendants()).join('g')
    .attr('class', d => (d === root ? 'frame root' : 'frame'))
    .attr('data-name', d => d.data.n)
    .attr('data-bytes', d => d.value);
  frames.append('rect').attr('height', ROW - 1).attr('fill', colour);
  frames.append('text').attr('x', 4).attr('y', ROW - 5.5);
  frames.append('title').text(describe);

  // a label that fits: the whole frame, else without its package, else cut
  function fit(name, width) {
    const room = Math.floor((width - 8) / 6.9);
    if (room < 3) {
      return '';
    }
    if (name.length <= room) {
      return name;
    }
    const parts = name.split('.');
    const short = parts.length > 2 ? parts.slice(-2).join('.') : name;
    return short.length <= room ? short : short.slice(0, room - 1) + '\u2026';
  }

  let focus = root;
  function draw() {
    const width = svgNode.getBoundingClientRect().width;
    const x = d3.scaleLinear().domain([focus.x0, focus.x1]).range([0, width]).clamp(true);
    const below = new Set(focus.ancestors().slice(1));
    frames.each(function (d) {
      const x0 = x(d.x0);
      const w = x(d.x1) - x0;
      const g = d3.select(this)
        .classed('hidden', w <= 0)
        .classed('ancestor', below.has(d))
        .attr('transform', `translate(${x0},${height - (d.depth + 1) * ROW})`);
      g.select('rect').attr('width', w);
      g.select('text').text(fit(d.data.n, w));
    });
    reset.disabled = focus === root;
  }

  const matches = (d, q) => d !== root && q !== '' && d.data.n.toLowerCase().includes(q);
  // bytes under the matching frames, each stack counted once however many of its frames match
  const matchedBytes = (d, q) => (matches(d, q) ? d.value : (d.children || []).reduce((sum, c) => sum + matchedBytes(c, q), 0));
  function highlight() {
    const q = search.value.trim().toLowerCase();
    frames.classed('match', d => matches(d, q));
    const bytes = matchedBytes(root, q);
    matched.textContent = q === '' ? '' : bytes === 0 ? 'no frame matches'
      : 'matched ' + human(bytes) + ' (' + (100 * bytes / total).toFixed(1) + ' %)';
  }

  frames
    .on('mouseenter', (event, d) => { details.textContent = describe(d); })
    .on('mouseleave', () => { details.textContent = idle; })
    .on('click', (event, d) => {
      focus = d === focus && d.parent ? d.parent : d;
      draw();
    });
  reset.addEventListener('click', () => {
    focus = root;
    draw();
  });
  search.addEventListener('input', highlight);
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      search.value = '';
      highlight();
      focus = root;
      draw();
    }
  });
  window.addEventListener('resize', draw);
  draw();
})();
