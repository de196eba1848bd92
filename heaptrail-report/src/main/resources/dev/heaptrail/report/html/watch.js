'use strict';
// The watch page: the memory series over the watch as one line (one path) each, and the floor the
// verdict judges with its Theil–Sen trend and the 95 % interval of its slope as a band, drawn with
// d3's scales, axes and line generator. The samples come as columns of numbers in KiB. Names are
// written with textContent or setAttribute only, never as markup. For the benchmark, <body> keeps
// when the drawing ended (data-render-millis, from navigation start) and how long it took (data-script-millis).
(() => {
  const began = performance.now();
  const data = JSON.parse(document.getElementById('heaptrail-data').textContent);
  const KIB = 1024;
  const HEIGHT = 320;
  const M = {top: 12, right: 24, bottom: 34, left: 76};
  const color = d3.scaleOrdinal(d3.schemeTableau10);

  const human = kib => heaptrailBytes(kib * KIB);

  function clock(seconds) {
    const s = Math.round(seconds);
    if (s < 60) {
      return s + 's';
    }
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const r = s % 60;
    return h > 0 ? h + 'h' + (m ? String(m).padStart(2, '0') + 'm' : '') : m + 'm' + (r ? String(r).padStart(2, '0') + 's' : '');
  }

  function frame(svgNode, xDomain, yDomain) {
    const width = Math.max(640, svgNode.parentNode.clientWidth - 40);
    const x = d3.scaleLinear().domain(xDomain).range([M.left, width - M.right]);
    const y = d3.scaleLinear().domain(yDomain).nice().range([HEIGHT - M.bottom, M.top]);
    const svg = d3.select(svgNode).attr('width', width).attr('height', HEIGHT)
      .attr('viewBox', [0, 0, width, HEIGHT].join(' '));
    svg.append('g').attr('class', 'axis x').attr('transform', 'translate(0,' + (HEIGHT - M.bottom) + ')')
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))).tickFormat(clock));
    svg.append('g').attr('class', 'axis y').attr('transform', 'translate(' + M.left + ',0)')
      .call(d3.axisLeft(y).ticks(6).tickFormat(human))
      .call(g => g.selectAll('.tick line').clone().attr('class', 'grid').attr('x2', width - M.left - M.right));
    svg.append('text').attr('class', 'axis-label').attr('x', width - M.right).attr('y', HEIGHT - 4)
      .attr('text-anchor', 'end').text('time into the watch');
    return {svg, x, y, width};
  }

  const t = data.t;
  const tDomain = [t.length ? t[0] : 0, t.length > 1 ? t[t.length - 1] : 1];

  // the memory series, one path each
  (() => {
    const svgNode = document.getElementById('memory-chart');
    const shown = data.series.filter(s => s.kib.some(v => v !== null && v > 0));
    let high = 0;
    for (const s of shown) {
      for (const v of s.kib) {
        if (v !== null && v > high) {
          high = v;
        }
      }
    }
    const {svg, x, y} = frame(svgNode, tDomain, [0, high || 1]);
    const legend = document.getElementById('memory-legend');
    for (const s of shown) {
      const values = s.kib;
      const line = d3.line().digits(1).defined(i => values[i] !== null).x(i => x(t[i])).y(i => y(values[i]));
      svg.append('path').attr('class', 'series').attr('data-key', s.key).attr('data-name', s.name)
        .attr('data-points', values.reduce((n, v) => v === null ? n : n + 1, 0))
        .attr('stroke', color(s.key)).attr('d', line(d3.range(values.length)))
        .append('title').text(s.name);
      const item = legend.appendChild(document.createElement('span'));
      item.className = 'item';
      item.dataset.key = s.key;
      const swatch = item.appendChild(document.createElement('span'));
      swatch.className = 'swatch';
      swatch.style.background = color(s.key);
      const last = values[values.length - 1];
      item.appendChild(document.createTextNode(s.name + (last === null ? '' : ': ' + human(last) + ' at the end')));
    }
  })();

  // the floor the verdict judges, its trend and the slope's 95 % interval
  (() => {
    const svgNode = document.getElementById('floor-chart');
    const f = data.floor;
    if (!f.t.length) {
      const p = svgNode.parentNode.insertBefore(document.createElement('p'), svgNode);
      p.className = 'empty';
      p.textContent = 'No floor points: ' + f.signal + ' was never seen during the watch.';
      svgNode.remove();
      return;
    }
    const tr = f.trend;
    const xDomain = [Math.min(tDomain[0], f.t[0]), Math.max(tDomain[1], f.t[f.t.length - 1])];
    const at = s => tr.levelKiB + (tr.slopeKiBPerHour * (s - tr.anchorSeconds)) / 3600;
    const atLow = s => tr.levelKiB + (tr.lowKiBPerHour * (s - tr.anchorSeconds)) / 3600;
    const atHigh = s => tr.levelKiB + (tr.highKiBPerHour * (s - tr.anchorSeconds)) / 3600;
    let low = d3.min(f.kib);
    let high = d3.max(f.kib);
    if (tr) {
      for (const s of xDomain) {
        low = Math.min(low, at(s), atLow(s), atHigh(s));
        high = Math.max(high, at(s), atLow(s), atHigh(s));
      }
    }
    const pad = Math.max((high - low) * 0.08, 64);
    const {svg, x, y} = frame(svgNode, xDomain, [Math.max(0, low - pad), high + pad]);
    if (tr) {
      // the band: between the lines of the low and the high slope through the anchor, a bow tie
      const xs = [xDomain[0], tr.anchorSeconds, xDomain[1]];
      const band = d3.area().digits(1).x(s => x(s)).y0(s => y(Math.min(atLow(s), atHigh(s))))
        .y1(s => y(Math.max(atLow(s), atHigh(s))));
      svg.append('path').attr('class', 'band').attr('d', band(xs))
        .append('title').text('95 % interval of the slope: ' + human(tr.lowKiBPerHour) + '/h to ' + human(tr.highKiBPerHour) + '/h');
      svg.append('path').attr('class', 'trend').attr('d', d3.line().digits(1).x(s => x(s)).y(s => y(at(s)))([xDomain[0], xDomain[1]]))
        .append('title').text('Theil–Sen slope: ' + human(tr.slopeKiBPerHour) + '/h');
    }
    const line = d3.line().digits(1).x(i => x(f.t[i])).y(i => y(f.kib[i]));
    svg.append('path').attr('class', 'floor ' + f.verdict).attr('data-points', f.t.length)
      .attr('d', line(d3.range(f.t.length))).append('title').text(f.signal);
    if (f.t.length <= 400) {
      svg.append('g').attr('class', 'floor-points').selectAll('circle').data(d3.range(f.t.length)).join('circle')
        .attr('cx', i => x(f.t[i])).attr('cy', i => y(f.kib[i])).attr('r', 2.5);
    }
  })();

  const ended = performance.now();
  document.body.dataset.renderMillis = ended.toFixed(1);
  document.body.dataset.scriptMillis = (ended - began).toFixed(1);
  document.body.dataset.drawn = 'true';
})();
