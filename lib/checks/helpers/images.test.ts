import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, digestOfImageId, effectivePullPolicy, isMutableImage, isPlaceholderImage, parseImageRef, withVersion } from './images';
import { changeMe } from './fix';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseImageRef', () => {
  it.each([
    ['nginx', { domain: null, path: 'nginx', tag: null, digest: null, canonical: 'docker.io/library/nginx' }],
    ['nginx:1.27.3', { domain: null, path: 'nginx', tag: '1.27.3', digest: null }],
    ['bitnami/kubectl:latest', { domain: null, path: 'bitnami/kubectl', tag: 'latest', canonical: 'docker.io/bitnami/kubectl' }],
    ['registry:5000/app', { domain: 'registry:5000', path: 'app', tag: null, name: 'registry:5000/app', canonical: 'registry:5000/app' }],
    ['registry:5000/team/app:2.1', { domain: 'registry:5000', path: 'team/app', tag: '2.1' }],
    ['localhost/app', { domain: 'localhost', path: 'app', tag: null }],
    ['localhost:5000/app:dev', { domain: 'localhost:5000', path: 'app', tag: 'dev' }],
    ['ghcr.io/org/tool', { domain: 'ghcr.io', path: 'org/tool', canonical: 'ghcr.io/org/tool' }],
    [`nginx@${D}`, { tag: null, digest: D, name: 'nginx' }],
    [`nginx:1.27@${D}`, { tag: '1.27', digest: D }],
    [`registry:5000/app:latest@${D}`, { domain: 'registry:5000', tag: 'latest', digest: D }],
    ['index.docker.io/library/redis:7', { domain: 'index.docker.io', canonical: 'docker.io/library/redis', tag: '7' }],
    ['Registry/app', { domain: 'Registry', path: 'app' }],
  ])('%s', (image, expected) => {
    expect(parseImageRef(image)).toMatchObject({ valid: true, ...expected });
  });

  it('rejects empty and non-strings', () => {
    expect(parseImageRef('')).toBeNull();
    expect(parseImageRef('  ')).toBeNull();
    expect(parseImageRef(undefined)).toBeNull();
    expect(parseImageRef(42)).toBeNull();
  });

  it('marks invalid references', () => {
    expect(parseImageRef('Nginx')?.valid).toBe(false);
    expect(parseImageRef('nginx@sha256:short')?.valid).toBe(false);
    expect(parseImageRef('nginx:')?.valid).toBe(false);
  });
});

describe('isMutableImage', () => {
  it.each([
    ['nginx', true],
    ['nginx:latest', true],
    ['registry:5000/app', true],
    ['nginx:1.27.3', false],
    [`nginx@${D}`, false],
    [`nginx:latest@${D}`, false],
  ])('%s → %s', (image, mutable) => {
    expect(isMutableImage(parseImageRef(image)!)).toBe(mutable);
  });
});

describe('defaultPullPolicy (API server defaulting)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry:5000/app', 'Always'],
    [`nginx:latest@${D}`, 'Always'],
    [`nginx@${D}`, 'IfNotPresent'],
    ['nginx:1.27.3', 'IfNotPresent'],
    ['registry:5000/app:1.0', 'IfNotPresent'],
    ['Not A Valid Ref', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('uses the written policy first', () => {
    expect(effectivePullPolicy({ image: 'nginx', imagePullPolicy: 'IfNotPresent' })).toEqual({ policy: 'IfNotPresent', defaulted: false });
    expect(effectivePullPolicy({ image: 'nginx' })).toEqual({ policy: 'Always', defaulted: true });
  });
});

describe('helpers', () => {
  it('rebuilds a reference keeping the name as written', () => {
    const ref = parseImageRef('registry:5000/app:latest')!;
    expect(withVersion(ref, { tag: null, digest: D })).toBe(`registry:5000/app@${D}`);
    expect(withVersion(ref, { tag: '1.2.3' })).toBe('registry:5000/app:1.2.3');
  });

  it('reads repository digests from imageID', () => {
    expect(digestOfImageId(`docker.io/library/nginx@${D}`)).toBe(D);
    expect(digestOfImageId(`docker-pullable://nginx@${D}`)).toBe(D);
    expect(digestOfImageId(D)).toBeNull();
    expect(digestOfImageId(undefined)).toBeNull();
  });

  it('recognises placeholders', () => {
    expect(isPlaceholderImage(`nginx:${changeMe('a version tag')}`)).toBe(true);
    expect(isPlaceholderImage('nginx:1.2')).toBe(false);
  });
});
