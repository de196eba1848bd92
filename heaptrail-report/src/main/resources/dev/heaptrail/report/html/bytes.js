'use strict';
// Bytes as heaptrail's text output writes them (1023 B, 1.50 KiB, 12.3 MiB, 420 MiB); with signed,
// a growth (+1.50 KiB). Page puts this before every page's own script.
function heaptrailBytes(bytes, signed) {
  const sign = bytes < 0 ? '-' : signed ? '+' : '';
  let v = Math.abs(bytes);
  if (v < 1024) {
    return sign + Math.round(v) + ' B';
  }
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return sign + v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0) + ' ' + units[u];
}
