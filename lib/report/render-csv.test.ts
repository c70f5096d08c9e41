import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, renderCsv } from './render-csv';
import { sampleReport } from './sample-report';

/** A strict RFC 4180 reader: what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true; i++; continue;
    }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`);
    field += c; i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length) throw new Error('last record without CRLF');
  return rows;
}

describe('renderCsv', () => {
  const rows = parseCsv(renderCsv(sampleReport()));
  const header = rows[0]!;
  const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  const row = (name: string, check: string) => records.find((r) => r.name?.endsWith(name) && r.check === check);

  it('has the documented columns and one row per app × check', () => {
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    // cart: 4 checks, agent: 2, orders: 1, debug: 2
    expect(records).toHaveLength(9);
  });

  it('keeps the worst status of a per-container check, with its containers', () => {
    expect(row('cart', 'probe-readiness-missing')).toMatchObject({ status: 'fail', severity: 'critical', containers: 'app', 'fix kind': 'input' });
    expect(row('cart', 'sec-privilege-escalation')).toMatchObject({ status: 'fail', containers: 'app;envoy', 'fix kind': 'safe' });
    expect(row('cart', 'sec-privilege-escalation')!.message).toBe('Container app does not set allowPrivilegeEscalation: false | Container envoy does not set allowPrivilegeEscalation: false');
    expect(row('cart', 'image-mutable-tag')).toMatchObject({ status: 'exempt' });
    expect(row('cart', 'storage-hostpath')).toMatchObject({ status: 'pass', containers: '' });
  });

  it('carries app columns (empty for nulls)', () => {
    expect(row('cart', 'storage-hostpath')).toMatchObject({ cluster: '-', namespace: 'shop', kind: 'Deployment', group: 'shop', team: 'payments', verdict: 'notReady', grade: 'F', score: '42.5' });
    expect(row('calc', 'storage-hostpath')).toMatchObject({ team: '', grade: '', score: '', status: 'notApplicable' });
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(row('cart', 'probe-readiness-missing')!.message).toBe('Container app has no readiness probe & Service "cart" <selects> it');
    expect(row('debug', 'image-mutable-tag')!.message).toContain('a\nnewline');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
  });

  it('defuses spreadsheet formulas in text cells', () => {
    expect(row('calc', 'storage-hostpath')!.name).toBe("'=cmd|calc");
    expect(row('debug', 'custom-unregistered')!.message).toBe("'+SUM(A1:A9)");
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${lead}1+1`).replace(/^"/, '').startsWith("'")).toBe(true);
    for (const r of records) for (const v of Object.values(r)) expect(v).not.toMatch(/^([=+@]|-.)/);
    expect(csvField('-')).toBe('-');
    expect(csvField('-2.5')).toBe('-2.5');
    expect(csvField('-2+3')).toBe("'-2+3");
  });

  it('is only a header for a report without apps', () => {
    expect(renderCsv({ ...sampleReport(), apps: [] })).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
