import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from './render-junit';
import { sampleReport } from './sample-report';

interface Node { name: string; attrs: Record<string, string>; children: Node[]; text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string, where: string): string {
  if (/[<]/.test(s)) throw new Error(`raw < in ${where}`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) throw new Error(`character not allowed in XML in ${where}`);
  return s.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & in ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(\d+)$/.exec(name)?.[1] ?? (/^#x([0-9a-f]+)$/i.exec(name) ? String(parseInt(name.slice(2), 16)) : undefined);
    if (num === undefined) throw new Error(`unknown entity &${name}; in ${where}`);
    return String.fromCodePoint(Number(num));
  });
}

/** A strict little XML 1.0 reader: well-formedness is what CI tools need from us. */
function parseXml(xml: string): Node {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) throw new Error('no XML declaration');
  let i = xml.indexOf('?>') + 2;
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: Node[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/y;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    stack.at(-1)!.text += decode(text, `text before ${lt}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [, close, name, rawAttrs, selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2]!, `attribute ${a[1]}`);
      }
      const node: Node = { name: name!, attrs, children: [], text: '' };
      stack.at(-1)!.children.push(node);
      if (!selfClose) stack.push(node);
    }
    i = tag.lastIndex;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (root.children.length !== 1 || root.text.trim()) throw new Error('not exactly one root element');
  return root.children[0]!;
}

describe('renderJunit', () => {
  const xml = renderJunit(sampleReport());
  const doc = parseXml(xml);
  const suites = doc.children;
  const cart = suites.find((s) => s.attrs.name === '-/shop/Deployment/cart')!;
  const cases = cart.children.filter((c) => c.name === 'testcase');

  it('is well-formed XML with one testsuite per app and one testcase per finding', () => {
    expect(doc.name).toBe('testsuites');
    expect(suites).toHaveLength(4);
    expect(cases).toHaveLength(6);
    expect(cart.attrs).toMatchObject({ tests: '6', failures: '3', skipped: '1', errors: '0', timestamp: '2026-01-01T00:00:00' });
    const total = sampleReport().apps.reduce((n, a) => n + a.findings.length, 0);
    expect(doc.attrs.tests).toBe(String(total));
  });

  it('turns fails into <failure>, N/A and exempt into <skipped>, passes into plain testcases', () => {
    const failure = cases[0]!.children[0]!;
    expect(cases[0]!.attrs).toMatchObject({ name: 'probe-readiness-missing (app)', classname: '-/shop/Deployment/cart' });
    expect(failure).toMatchObject({ name: 'failure', attrs: { type: 'critical', message: 'Container app has no readiness probe & Service "cart" <selects> it' } });
    expect(failure.text).toContain('fix (input): Add a readiness probe');
    expect(failure.text).toContain('path: /spec/template/spec/containers/0');
    expect(cases[1]!.children).toEqual([]);
    const exempt = cases.find((c) => c.attrs.name === 'image-mutable-tag (app)')!;
    expect(exempt.children[0]).toMatchObject({ name: 'skipped' });
    expect(exempt.children[0]!.attrs.message).toContain('exempt (accepted risk): annotation drydock.dev/exempt');
    const agent = suites.find((s) => s.attrs.name?.endsWith('=cmd|calc'))!;
    expect(agent.children.filter((c) => c.name === 'testcase').every((c) => c.children[0]?.name === 'skipped')).toBe(true);
    expect(agent.children.find((c) => c.name === 'testcase')!.children[0]!.attrs.message).toBe('not applicable: Unknown: the scan could not read persistentvolumes');
  });

  it('carries the verdict, score and grade as suite properties', () => {
    const props = Object.fromEntries(cart.children[0]!.children.map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({ verdict: 'notReady', score: '42.5', grade: 'F', team: 'payments' });
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const debug = suites.find((s) => s.attrs.name === '-/shop/Pod/debug')!;
    const failure = debug.children.find((c) => c.name === 'testcase')!.children[0]!;
    expect(failure.attrs.message).toBe('Image busybox uses no tag[31m (red!) and a\nnewline, then ]]> and -2+3 and a very long tail that keeps going on and on past any sensible terminal width for sure');
    expect(xml).not.toContain('\x1b');
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlAttr('"x"\n\'y\'')).toBe('&quot;x&quot;&#10;&apos;y&apos;');
    expect(xmlText('lone \ud800 surrogate \u0001')).toBe('lone  surrogate ');
    expect(xmlText('emoji 😀 kept')).toBe('emoji 😀 kept');
  });

  it('is an empty <testsuites> for a report without apps', () => {
    expect(parseXml(renderJunit({ ...sampleReport(), apps: [] })).attrs).toMatchObject({ tests: '0', failures: '0' });
  });
});
