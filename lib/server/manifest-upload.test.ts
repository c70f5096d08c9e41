import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../snapshot/parse-manifests';
import { acceptUpload, MAX_UPLOAD_FILES, ScanInputError, snapshotOfUpload } from './manifest-upload';

const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: shop/${name}:1.0\n`;

describe('manifest uploads', () => {
  it('names files without their directories, made unique', () => {
    expect(acceptUpload([{ name: 'a/b/app.yaml', content: '' }, { name: 'C:\\x\\app.yaml', content: '' }, { name: '  ', content: '' }])).toEqual(['app.yaml', 'app.yaml (2)', 'upload.yaml']);
  });

  it('refuses no files, too many files, and too many bytes in all, with the status to answer', () => {
    expect(() => acceptUpload([])).toThrow(ScanInputError);
    const many = Array.from({ length: MAX_UPLOAD_FILES + 1 }, (_, i) => ({ name: `${i}.yaml`, content: '' }));
    expect(() => acceptUpload(many)).toThrow(expect.objectContaining({ status: 413, message: expect.stringContaining('too many files') }));
    const big = 'x'.repeat(MAX_FILE_BYTES);
    expect(() => acceptUpload([1, 2, 3, 4].map((i) => ({ name: `${i}.yaml`, content: big })))).toThrow(expect.objectContaining({ status: 413 }));
  });

  it('reads every file it can: an oversized one and a broken one are notes naming them, the rest is scanned', () => {
    const files = [
      { name: 'web.yaml', content: deployment('web') },
      { name: 'huge.yaml', content: `# ${'x'.repeat(MAX_FILE_BYTES)}` },
      { name: 'broken.yaml', content: 'kind: [unclosed' },
    ];
    const snapshot = snapshotOfUpload(files, acceptUpload(files));
    expect(snapshot.objects.map((e) => e.object.metadata.name)).toEqual(['web']);
    expect(snapshot.objects[0]!.source).toMatchObject({ file: 'web.yaml', line: 1 });
    expect(snapshot.notes.map((n) => n.message)).toEqual([expect.stringMatching(/^huge\.yaml: .* larger than the .* limit; refused$/), expect.stringContaining('broken.yaml')]);
    expect(snapshot.source).toEqual({ type: 'manifests', clusters: ['-'], paths: ['web.yaml', 'huge.yaml', 'broken.yaml'] });
  });

  it('says so when the files hold no Kubernetes objects', () => {
    const files = [{ name: 'empty.yaml', content: '# nothing\n' }];
    expect(snapshotOfUpload(files, acceptUpload(files)).notes).toEqual([{ level: 'warning', message: 'the uploaded files hold no Kubernetes objects' }]);
  });
});
