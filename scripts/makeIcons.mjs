// Draws the add-in's PNG icons into assets/ with pngjs (no image tools needed on a build machine).
// The icons are committed; run `node scripts/makeIcons.mjs` only to change the design.
import { PNG } from 'pngjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');

// Shapes live in a unit square (0..1, y down); each is a predicate on a sample point.
const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= r;
};
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.max(x0 + r, Math.min(x1 - r, x));
  const cy = Math.max(y0 + r, Math.min(y1 - r, y));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && Math.hypot(x - cx, y - cy) <= r;
};
const polygon = (pts) => (x, y) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;

const RED = [178, 34, 34, 255];     // 公文红: the colour of a red-headed document (红头文件)
const WHITE = [255, 255, 255, 255];
const GHOST = [255, 255, 255, 130]; // the ghost text: same ink, half transparent
const INK = [51, 51, 51, 255];
const GREEN = [46, 125, 50, 255];
const GREY = [150, 150, 150, 255];

// A pen writing a line whose continuation is ghost text: what Banxie does, readable at 16 px.
const pen = (ink, ghost) => [
  [capsule(0.36, 0.58, 0.74, 0.2, 0.085), ink],
  [polygon([[0.28, 0.56], [0.38, 0.66], [0.22, 0.72]]), ink],
  [capsule(0.16, 0.84, 0.46, 0.84, 0.05), ink],
  [circle(0.6, 0.84, 0.05), ghost],
  [circle(0.74, 0.84, 0.05), ghost],
  [circle(0.88, 0.84, 0.05), ghost],
];
const check = (ink) => [[capsule(0.18, 0.52, 0.4, 0.74, 0.08), ink], [capsule(0.4, 0.74, 0.84, 0.28, 0.08), ink]];

const designs = {
  icon: { sizes: [16, 32, 64, 80, 128], layers: [[roundRect(0, 0, 1, 1, 0.2), RED], ...pen(WHITE, GHOST)] },
  accept: { sizes: [16, 32, 80], layers: check(GREEN) },
  'accept-next': {
    sizes: [16, 32, 80],
    layers: [
      [capsule(0.12, 0.5, 0.28, 0.66, 0.07), GREEN], [capsule(0.28, 0.66, 0.56, 0.32, 0.07), GREEN],
      [capsule(0.62, 0.5, 0.9, 0.5, 0.06), INK], [polygon([[0.8, 0.34], [0.96, 0.5], [0.8, 0.66]]), INK],
      [capsule(0.12, 0.86, 0.88, 0.86, 0.05), GREY],
    ],
  },
  dismiss: { sizes: [16, 32, 80], layers: [[capsule(0.24, 0.24, 0.76, 0.76, 0.08), RED], [capsule(0.76, 0.24, 0.24, 0.76, 0.08), RED]] },
  suggest: { sizes: [16, 32, 80], layers: pen(INK, [...GREY.slice(0, 3), 255]) },
};

function render(layers, size) {
  const png = new PNG({ width: size, height: size });
  const n = 4; // 4x4 supersampling gives clean anti-aliased edges at 16 px
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size, y = (py + (sy + 0.5) / n) / size;
          // Paint layers in order with "over" compositing on premultiplied colour.
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const [hit, [lr, lg, lb, la]] of layers) {
            if (!hit(x, y)) continue;
            const al = la / 255;
            cr = lr * al + cr * (1 - al); cg = lg * al + cg * (1 - al); cb = lb * al + cb * (1 - al);
            ca = al + ca * (1 - al);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const s = n * n;
      png.data[i + 3] = Math.round((a / s) * 255);
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
    }
  }
  return PNG.sync.write(png);
}

fs.mkdirSync(outDir, { recursive: true });
for (const [name, { sizes, layers }] of Object.entries(designs)) {
  for (const size of sizes) {
    fs.writeFileSync(path.join(outDir, `${name}-${size}.png`), render(layers, size));
  }
}
console.log(`icons written to ${outDir}`);
