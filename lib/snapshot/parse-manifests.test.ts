import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseManifestText } from './parse-manifests';
import { InputError, snapshotFromPaths } from './read-manifests';

const deploy = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

describe('parseManifestText', () => {
  it('reads multi-document YAML with the line each document starts on', () => {
    const text = `# leading comment\n${deploy('a')}---\n${deploy('b')}`;
    const { entries, notes } = parseManifestText(text, 'app.yaml');
    expect(notes).toEqual([]);
    expect(entries.map((e) => [e.object.metadata.name, e.source?.line, e.source?.document])).toEqual([
      ['a', 2, 0],
      ['b', 13, 1],
    ]);
  });

  it('reports a broken document with file and line and keeps the others', () => {
    const text = `${deploy('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [oops\n---\n${deploy('c')}`;
    const { entries, notes } = parseManifestText(text, 'mixed.yaml');
    expect(entries.map((e) => e.object.metadata.name)).toEqual(['a', 'c']);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.level).toBe('error');
    expect(notes[0]!.message).toMatch(/^mixed\.yaml:1[2-8]: document 2 is not valid YAML/);
  });

  it('expands kind: List and typed *List objects', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } },
      ],
    });
    expect(parseManifestText(text, 'list.json').entries.map((e) => e.object.kind)).toEqual(['Service', 'Deployment']);
    const typed = `apiVersion: apps/v1\nkind: DeploymentList\nitems:\n  - metadata: { name: x }\n  - metadata: { name: y }\n`;
    expect(parseManifestText(typed, 'l.yaml').entries.map((e) => `${e.object.apiVersion} ${e.object.kind} ${e.object.metadata.name}`)).toEqual([
      'apps/v1 Deployment x',
      'apps/v1 Deployment y',
    ]);
  });

  it('reads JSON files', () => {
    const { entries } = parseManifestText(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} }), 'pod.json');
    expect(entries[0]!.object.kind).toBe('Pod');
  });

  it('skips non-Kubernetes documents with a note', () => {
    const { entries, notes } = parseManifestText(`foo: bar\n---\n- 1\n- 2\n---\n${deploy('ok')}`, 'values.yaml');
    expect(entries).toHaveLength(1);
    expect(notes.map((n) => n.level)).toEqual(['info', 'info']);
    expect(notes[0]!.message).toContain('not a Kubernetes object');
  });

  it('bounds alias expansion (billion laughs)', () => {
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: bomb }',
      'data:',
      '  a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      '  f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const { entries, notes } = parseManifestText(`${bomb}\n---\n${deploy('after')}`, 'bomb.yaml');
    expect(entries.map((e) => e.object.metadata.name)).toEqual(['after']);
    expect(notes[0]!.message).toMatch(/bomb\.yaml:1: document 1 could not be read/);
  });

  it('refuses oversized text', () => {
    const { entries, notes } = parseManifestText('a'.repeat(MAX_FILE_BYTES + 1), 'huge.yaml');
    expect(entries).toEqual([]);
    expect(notes[0]!.message).toContain('refused');
  });

  it('never keeps Secret values, not even in the last-applied annotation', () => {
    const text = `apiVersion: v1
kind: Secret
metadata:
  name: db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"aHVudGVyMg=="}}'
data:
  password: aHVudGVyMg==
stringData:
  user: admin
`;
    const { entries } = parseManifestText(text, 's.yaml');
    const json = JSON.stringify(entries);
    expect(json).not.toContain('aHVudGVyMg');
    expect(json).not.toContain('admin');
    expect(entries[0]!.object.dataKeys).toEqual(['password', 'user']);
  });

  it('drops server-managed metadata', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  resourceVersion: "12"\n  managedFields: [{manager: kubectl}]\n  creationTimestamp: "2024-01-01T00:00:00Z"\n`;
    expect(parseManifestText(text, 's.yaml').entries[0]!.object.metadata).toEqual({ name: 's' });
  });
});

describe('snapshotFromPaths', () => {
  it('reads directories recursively (yaml, yml, json only) and stdin', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-'));
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'a.yaml'), deploy('a'));
    writeFileSync(path.join(dir, 'nested', 'b.yml'), deploy('b'));
    writeFileSync(path.join(dir, 'nested', 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' } }));
    writeFileSync(path.join(dir, 'notes.txt'), 'not yaml');
    const snap = await snapshotFromPaths([dir, '-'], async () => deploy('from-stdin'));
    expect(snap.objects.map((e) => e.object.metadata.name).sort()).toEqual(['a', 'b', 'c', 'from-stdin']);
    expect(snap.source).toEqual({ type: 'manifests', clusters: ['-'], paths: [dir, '-'] });
    expect(snap.objects.find((e) => e.object.metadata.name === 'from-stdin')!.source!.file).toBe('<stdin>');
  });

  it('fails clearly on a missing path', async () => {
    await expect(snapshotFromPaths(['/nonexistent/x.yaml'])).rejects.toThrow(InputError);
    await expect(snapshotFromPaths(['/nonexistent/x.yaml'])).rejects.toThrow('/nonexistent/x.yaml: no such file or directory');
  });

  it('refuses files over 20 MB with a note and reads the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drydock-'));
    writeFileSync(path.join(dir, 'big.yaml'), Buffer.alloc(MAX_FILE_BYTES + 10, 'a'));
    writeFileSync(path.join(dir, 'ok.yaml'), deploy('ok'));
    const snap = await snapshotFromPaths([dir]);
    expect(snap.objects.map((e) => e.object.metadata.name)).toEqual(['ok']);
    expect(snap.notes.some((n) => n.level === 'error' && n.message.includes('big.yaml') && n.message.includes('limit'))).toBe(true);
  });
});
