/** What a seed drawing shows: a plate of `width` × `height` mm with holes, and its title block. */
export interface DrawingSpec {
  number: string;
  revision: string;
  title: string;
  partFamily: string;
  width: number;
  height: number;
  holes: number;
  material: string;
}

const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '-');
const f = (n: number) => (Math.round(n * 100) / 100).toString();

/** A circle of radius r at (x, y), as four Bézier arcs (PDF has no circle operator). */
function circle(x: number, y: number, r: number): string {
  const k = 0.5523 * r;
  return [
    `${f(x + r)} ${f(y)} m`,
    `${f(x + r)} ${f(y + k)} ${f(x + k)} ${f(y + r)} ${f(x)} ${f(y + r)} c`,
    `${f(x - k)} ${f(y + r)} ${f(x - r)} ${f(y + k)} ${f(x - r)} ${f(y)} c`,
    `${f(x - r)} ${f(y - k)} ${f(x - k)} ${f(y - r)} ${f(x)} ${f(y - r)} c`,
    `${f(x + k)} ${f(y - r)} ${f(x + r)} ${f(y - k)} ${f(x + r)} ${f(y)} c`,
    'S',
  ].join('\n');
}

const text = (x: number, y: number, size: number, s: string, bold = false) => `BT /${bold ? 'F2' : 'F1'} ${size} Tf ${f(x)} ${f(y)} Td (${esc(s)}) Tj ET`;

/** A dimension line from (x1, y) to (x2, y) with arrowheads and its value above. */
function hDim(x1: number, x2: number, y: number, label: string): string {
  return [
    `${f(x1)} ${f(y)} m ${f(x2)} ${f(y)} l S`,
    `${f(x1)} ${f(y)} m ${f(x1 + 6)} ${f(y + 2.5)} l ${f(x1 + 6)} ${f(y - 2.5)} l h f`,
    `${f(x2)} ${f(y)} m ${f(x2 - 6)} ${f(y + 2.5)} l ${f(x2 - 6)} ${f(y - 2.5)} l h f`,
    text((x1 + x2) / 2 - label.length * 2.6, y + 4, 9, label),
  ].join('\n');
}

function vDim(x: number, y1: number, y2: number, label: string): string {
  return [
    `${f(x)} ${f(y1)} m ${f(x)} ${f(y2)} l S`,
    `${f(x)} ${f(y1)} m ${f(x + 2.5)} ${f(y1 + 6)} l ${f(x - 2.5)} ${f(y1 + 6)} l h f`,
    `${f(x)} ${f(y2)} m ${f(x + 2.5)} ${f(y2 - 6)} l ${f(x - 2.5)} ${f(y2 - 6)} l h f`,
    text(x - 4 - label.length * 5.2, (y1 + y2) / 2 - 3, 9, label),
  ].join('\n');
}

/** The drawing scale in words: page points per part millimetre, as paper mm to part mm. */
function scaleLabel(pointsPerMm: number): string {
  const real = pointsPerMm / (72 / 25.4);
  return real >= 1 ? `${real.toFixed(1)}:1` : `1:${(1 / real).toFixed(1)}`;
}

/** The page's drawing commands: border, part outline, holes, centre lines, dimensions, title block. */
function pageContent(d: DrawingSpec): string {
  const W = 842;
  const H = 595;
  // The part, scaled to fit the drawing area left of the title block.
  const scale = Math.min(430 / d.width, 300 / d.height);
  const pw = d.width * scale;
  const ph = d.height * scale;
  const x0 = 90 + (460 - pw) / 2;
  const y0 = 200 + (320 - ph) / 2;
  const out: string[] = ['1 w 0 G 0 g', `20 20 ${W - 40} ${H - 40} re S`, '0.5 w', `25 25 ${W - 50} ${H - 50} re S`];
  // Outline, with chamfered corners.
  const c = Math.min(pw, ph) * 0.08;
  out.push(
    '1.6 w',
    `${f(x0 + c)} ${f(y0)} m ${f(x0 + pw - c)} ${f(y0)} l ${f(x0 + pw)} ${f(y0 + c)} l ${f(x0 + pw)} ${f(y0 + ph - c)} l`,
    `${f(x0 + pw - c)} ${f(y0 + ph)} l ${f(x0 + c)} ${f(y0 + ph)} l ${f(x0)} ${f(y0 + ph - c)} l ${f(x0)} ${f(y0 + c)} l h S`,
  );
  // Holes on a pattern, and a centre slot.
  out.push('1 w');
  const inset = Math.min(pw, ph) * 0.16;
  const r = Math.min(pw, ph) * 0.05;
  const holes: [number, number][] = [
    [x0 + inset, y0 + inset],
    [x0 + pw - inset, y0 + inset],
    [x0 + pw - inset, y0 + ph - inset],
    [x0 + inset, y0 + ph - inset],
    [x0 + pw / 2, y0 + inset],
    [x0 + pw / 2, y0 + ph - inset],
  ].slice(0, Math.max(2, Math.min(6, d.holes))) as [number, number][];
  for (const [hx, hy] of holes) out.push(circle(hx, hy, r));
  const sw = pw * 0.3;
  const sh = ph * 0.12;
  out.push(`${f(x0 + (pw - sw) / 2)} ${f(y0 + (ph - sh) / 2)} ${f(sw)} ${f(sh)} re S`);
  // Centre lines, dash-dot.
  out.push('0.4 w [12 3 2 3] 0 d');
  out.push(`${f(x0 - 15)} ${f(y0 + ph / 2)} m ${f(x0 + pw + 15)} ${f(y0 + ph / 2)} l S`);
  out.push(`${f(x0 + pw / 2)} ${f(y0 - 15)} m ${f(x0 + pw / 2)} ${f(y0 + ph + 15)} l S`);
  out.push('[] 0 d 0.6 w');
  // Extension lines and dimensions.
  out.push(`${f(x0)} ${f(y0 - 4)} m ${f(x0)} ${f(y0 - 40)} l S ${f(x0 + pw)} ${f(y0 - 4)} m ${f(x0 + pw)} ${f(y0 - 40)} l S`);
  out.push(hDim(x0, x0 + pw, y0 - 34, `${d.width.toFixed(1)} +/-0.1`));
  out.push(`${f(x0 - 4)} ${f(y0)} m ${f(x0 - 44)} ${f(y0)} l S ${f(x0 - 4)} ${f(y0 + ph)} m ${f(x0 - 44)} ${f(y0 + ph)} l S`);
  out.push(vDim(x0 - 38, y0, y0 + ph, `${d.height.toFixed(1)}`));
  out.push(text(x0 + pw + 24, y0 + ph - inset, 9, `${holes.length}X DIA ${(Math.min(d.width, d.height) * 0.1).toFixed(1)} THRU`));
  out.push(text(60, 540, 10, 'ALL DIMENSIONS IN MM. BREAK SHARP EDGES 0.3 MAX. DEBURR ALL HOLES.'));
  // Title block, bottom right.
  const tx = W - 300;
  const ty = 25;
  out.push('1 w', `${tx} ${ty} 275 150 re S`);
  for (const y of [55, 85, 115, 145]) out.push(`${tx} ${ty + y} m ${tx + 275} ${ty + y} l S`);
  out.push(`${tx + 160} ${ty} m ${tx + 160} ${ty + 85} l S`);
  out.push(text(tx + 8, ty + 154 - 22, 12, 'FLOORBOARD DEMO MFG.', true));
  out.push(text(tx + 8, ty + 122, 8, 'TITLE'), text(tx + 8, ty + 92, 11, d.title.slice(0, 40), true));
  out.push(text(tx + 8, ty + 72, 8, 'DRAWING NO.'), text(tx + 8, ty + 60, 12, d.number, true));
  out.push(text(tx + 168, ty + 72, 8, 'REV'), text(tx + 168, ty + 60, 12, d.revision, true));
  out.push(text(tx + 8, ty + 42, 8, 'MATERIAL'), text(tx + 8, ty + 30, 10, d.material));
  out.push(text(tx + 168, ty + 42, 8, 'SCALE'), text(tx + 168, ty + 30, 10, scaleLabel(scale)));
  out.push(text(tx + 8, ty + 12, 8, `PART FAMILY ${d.partFamily}`), text(tx + 168, ty + 12, 8, 'SHEET 1 OF 1'));
  return out.join('\n');
}

/**
 * A one-page drawing as a real PDF (1.4, A4 landscape, the standard Helvetica fonts), written by
 * hand with a correct cross-reference table so any reader (pdf.js among them) opens it.
 */
export function drawingPdf(d: DrawingSpec): Uint8Array {
  const content = pageContent(d);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title (${esc(`${d.number} rev ${d.revision} ${d.title}`)}) /Producer (Floorboard demo seed) >>`,
  ];
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  // Each entry is exactly 20 bytes, its end of line two of them.
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n\r\n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}
