import { describe, expect, it } from 'vitest';
import type { PlanEntry } from '../store/plan';
import { csvRecords, formatLineErrors, parsePlanCsv, renderPlanCsv } from './plan-csv';

describe('csvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and knows where each record starts', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\r\nline",z\n\nlast,1';
    const { records, error } = csvRecords(text);
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\r\nline', 'z'] },
      { line: 6, fields: ['last', '1'] },
    ]);
  });

  it('reports a quote that is never closed at the line it opens', () => {
    expect(csvRecords('a,b\n1,"open\n2,3\n').error).toEqual({ line: 2, message: 'a quoted field is never closed (a " is missing)' });
  });
});

describe('parsePlanCsv', () => {
  it('reads subjects as app ids, app:… or group:…, with optional date and note', () => {
    const csv = [
      'subject,owner,wave,target_date,note',
      'prod/shop/Deployment/cart,payments,wave 1,2026-12-01,',
      'group:billing,"Payments, EU",wave 2,,"needs ""the"" DBA"',
      'app:prod/shop/StatefulSet/db,dba,wave 3,2027-01-15,after freeze',
    ].join('\r\n');
    const r = parsePlanCsv(csv);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, input: { subject: 'app:prod/shop/Deployment/cart', owner: 'payments', wave: 'wave 1', targetDate: '2026-12-01', note: '' } },
      { line: 3, input: { subject: 'group:billing', owner: 'Payments, EU', wave: 'wave 2', targetDate: '', note: 'needs "the" DBA' } },
      { line: 4, input: { subject: 'app:prod/shop/StatefulSet/db', owner: 'dba', wave: 'wave 3', targetDate: '2027-01-15', note: 'after freeze' } },
    ]);
  });

  it('accepts app and group columns instead of subject, headers in any case and order, and fewer trailing fields', () => {
    const csv = "\ufeffWave,Owner,App,Group,Target Date\nw1,alice,prod/a/Deployment/x,,\nw2,bob,,shop\nw3,carol,'-/shop/Deployment/y,,\n";
    const r = parsePlanCsv(csv);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.input.subject, x.input.wave, x.input.targetDate])).toEqual([
      [2, 'app:prod/a/Deployment/x', 'w1', ''],
      [3, 'group:shop', 'w2', ''],
      // A manifest app's id as a spreadsheet export guards it.
      [4, 'app:-/shop/Deployment/y', 'w3', ''],
    ]);
  });

  it('gives clear per-line errors and counts lines of multi-line fields', () => {
    const csv = [
      'subject,owner,wave,target_date,note',
      'group:shop,shop,wave 1,2026-12-01,"two',
      'lines"',
      'group:billing,payments,wave 1,2026-13-01,',
      'shop,x,wave 1,,',
      'group:ops,,,,',
      'group:shop,again,wave 2,,',
      'group:a,b,c,d,e,f',
    ].join('\n');
    const r = parsePlanCsv(csv);
    expect(formatLineErrors(r.errors)).toEqual([
      'line 4: target_date 2026-13-01 is not a date (YYYY-MM-DD)',
      'line 5: subject "shop" is neither an app id (cluster/namespace/kind/name) nor group:<name>',
      'line 6: owner is required',
      'line 6: wave is required',
      'line 7: group:shop is already planned on line 2',
      'line 8: 6 fields but the header has 5 (quote a value that holds a comma)',
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([2]);
  });

  it('refuses a bad header with what it needs', () => {
    expect(formatLineErrors(parsePlanCsv('name,owner\nx,y\n').errors)).toEqual([
      'line 1: unknown column "name" (expected subject, owner, wave, target_date, note; or app / group instead of subject)',
      'line 1: the header needs the columns subject, wave (got: name,owner)',
    ]);
    expect(parsePlanCsv('').errors[0]?.message).toMatch(/empty/);
    expect(formatLineErrors(parsePlanCsv('subject,owner,wave\n').errors)).toEqual(['line 2: no rows after the header']);
    expect(formatLineErrors(parsePlanCsv('app,group,owner,wave\nc/n/Deployment/x,shop,o,w\n').errors)).toEqual([
      'line 2: give one subject per line, not app:c/n/Deployment/x and group:shop',
    ]);
  });

  it('reads its own export back', () => {
    const entries: PlanEntry[] = [
      { subject: 'group:shop', subjectType: 'group', owner: 'Shop, EU', wave: 'wave 1', targetDate: '2026-12-01', note: 'line one\nline "two"', updatedAt: '', updatedBy: '' },
      { subject: 'app:prod/shop/Deployment/cart', subjectType: 'app', owner: 'payments', wave: 'wave 2', targetDate: null, note: '', updatedAt: '', updatedBy: '' },
    ];
    const r = parsePlanCsv(renderPlanCsv(entries));
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.input)).toEqual(entries.map((e) => ({ subject: e.subject, owner: e.owner, wave: e.wave, targetDate: e.targetDate ?? '', note: e.note })));
  });
});
