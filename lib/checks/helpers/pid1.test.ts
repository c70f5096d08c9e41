import { describe, expect, it } from 'vitest';
import { imageProfile, imageRepository, pid1Of } from './pid1';

const pid1 = (container: Record<string, unknown>, pod: Record<string, unknown> = {}) => pid1Of(pod, container);

describe('pid1Of: command', () => {
  it('classifies command[0] by basename', () => {
    expect(pid1({ image: 'envoyproxy/envoy:v1.31.2', command: ['/usr/local/bin/envoy'], args: ['-c', '/etc/envoy/envoy.yaml'] })).toMatchObject({ class: 'non-reaper', program: 'envoy' });
    expect(pid1({ image: 'x', command: ['java', '-jar', '/app.jar'] })).toMatchObject({ class: 'non-reaper', program: 'java' });
    expect(pid1({ image: 'x', command: ['python3.12', 'main.py'] })).toMatchObject({ class: 'non-reaper', program: 'python' });
    expect(pid1({ image: 'x', command: ['npm', 'start'] })).toMatchObject({ class: 'non-reaper', program: 'node' });
    expect(pid1({ image: 'x', command: ['/usr/local/bin/my-server'] })).toMatchObject({ class: 'unknown', program: 'my-server' });
  });

  it('knows the reapers', () => {
    for (const c of [['/sbin/tini', '--'], ['tini-static', '-g', '--'], ['/usr/bin/dumb-init', '--'], ['catatonit', '--'], ['s6-svscan', '/etc/s6'], ['/usr/bin/supervisord', '-n'], ['runsvdir', '/etc/service'], ['/init'], ['/sbin/init'], ['/lib/systemd/systemd'], ['docker-init', '--']]) {
      expect(pid1({ image: 'x', command: c }).class, c.join(' ')).toBe('reaper');
    }
    // `init` elsewhere is just a program called init.
    expect(pid1({ image: 'x', command: ['/app/init'] }).class).toBe('unknown');
  });

  it('treats args as part of argv when command is a shell', () => {
    expect(pid1({ image: 'x', command: ['/bin/sh', '-c'], args: ['exec envoy -c /etc/envoy.yaml'] })).toMatchObject({ class: 'non-reaper', program: 'envoy' });
    expect(pid1({ image: 'x', command: ['sh'], args: ['-c', 'exec tini -- node server.js'] })).toMatchObject({ class: 'reaper', program: 'tini' });
  });

  it('follows exec through sh -c / bash -c, including "$@"', () => {
    expect(pid1({ image: 'x', command: ['sh', '-c', 'envsubst < /t > /etc/envoy.yaml && exec envoy -c /etc/envoy.yaml'] })).toMatchObject({ class: 'non-reaper', program: 'envoy' });
    expect(pid1({ image: 'x', command: ['bash', '-c', 'exec "$@"', '--', 'java', '-jar', 'a.jar'] })).toMatchObject({ class: 'non-reaper', program: 'java' });
    expect(pid1({ image: 'x', command: ['sh', '-c', 'exec $APP'] })).toMatchObject({ class: 'unknown' });
  });

  it('bash execs a lone simple command; dash may not', () => {
    expect(pid1({ image: 'x', command: ['bash', '-c', 'java -jar /app.jar'] })).toMatchObject({ class: 'non-reaper', program: 'java' });
    expect(pid1({ image: 'x', command: ['sh', '-c', 'java -jar /app.jar'] })).toMatchObject({ class: 'unknown', program: 'sh or java' });
    expect(pid1({ image: 'eclipse-temurin:21-jre-alpine', command: ['sh', '-c', 'java -jar /app.jar'] })).toMatchObject({ class: 'non-reaper', program: 'java' });
    expect(pid1({ image: 'x', command: ['bash', '-c', 'java -jar /app.jar > /var/log/app.log'] })).toMatchObject({ class: 'unknown', program: 'bash or java' });
  });

  it('keeps the shell as PID 1 when the script cannot end in an exec', () => {
    expect(pid1({ image: 'x', command: ['sh', '-c', 'node server.js | tee /var/log/app.log'] })).toMatchObject({ class: 'shell', program: 'sh' });
    expect(pid1({ image: 'x', command: ['sh', '-c', 'envoy -c /e.yaml & wait'] })).toMatchObject({ class: 'shell' });
    expect(pid1({ image: 'x', command: ['sh', '-c', 'while true; do sleep 30; done'] })).toMatchObject({ class: 'shell' });
  });

  it('a shell that may exec a reaper reaps either way', () => {
    expect(pid1({ image: 'x', command: ['sh', '-c', 'setup.sh; tini -- app'] })).toMatchObject({ class: 'reaper', program: 'tini' });
  });

  it('is unknown for a shell running a script file', () => {
    expect(pid1({ image: 'x', command: ['/bin/bash', '/docker-entrypoint.sh'] })).toMatchObject({ class: 'unknown', program: 'bash' });
  });

  it('shareProcessNamespace makes the pause process PID 1', () => {
    expect(pid1({ image: 'x', command: ['envoy'] }, { shareProcessNamespace: true })).toMatchObject({ class: 'reaper', program: 'pause' });
  });
});

describe('pid1Of: image entrypoint', () => {
  it('is unknown for an image it does not recognise', () => {
    const r = pid1({ image: 'registry.example.com/shop/orders:2.3.1' });
    expect(r).toMatchObject({ class: 'unknown', program: null });
    expect(r.how).toContain('image entrypoint');
  });

  it('recognises envoy, Istio and official runtime images', () => {
    expect(pid1({ image: 'envoyproxy/envoy:v1.31.2' })).toMatchObject({ class: 'non-reaper', program: 'envoy' });
    expect(pid1({ image: 'docker.io/envoyproxy/envoy:v1.31.2', args: ['-c', '/etc/envoy/envoy.yaml'] })).toMatchObject({ class: 'non-reaper', program: 'envoy' });
    expect(pid1({ image: 'gcr.io/istio-release/proxyv2:1.23.2', args: ['proxy', 'sidecar'] })).toMatchObject({ class: 'non-reaper', program: 'pilot-agent' });
    expect(pid1({ image: 'node:20-bookworm-slim', args: ['server.js'] })).toMatchObject({ class: 'non-reaper', program: 'node' });
    expect(pid1({ image: 'python:3.12-slim' })).toMatchObject({ class: 'non-reaper', program: 'python' });
    expect(pid1({ image: 'eclipse-temurin:21-jre' })).toMatchObject({ class: 'non-reaper', program: 'java' });
    expect(pid1({ image: 'jenkins/jenkins:2.462.3-lts-jdk17' })).toMatchObject({ class: 'reaper', program: 'tini' });
  });

  it('runs args as the command for images whose entrypoint execs them', () => {
    expect(pid1({ image: 'python:3.12-slim', args: ['gunicorn', 'app:app'] })).toMatchObject({ class: 'unknown', program: 'gunicorn' });
    expect(pid1({ image: 'node:20', args: ['tini', '--', 'node', 'server.js'] })).toMatchObject({ class: 'reaper', program: 'tini' });
  });

  it('does not take a private repository named like an official image for it', () => {
    expect(imageProfile('registry.example.com/node:20')).toBeNull();
    expect(imageProfile('ghcr.io/acme/python:3.12')).toBeNull();
    expect(imageProfile('docker.io/library/python:3.12')).toMatchObject({ program: 'python3' });
    expect(imageProfile('public.ecr.aws/docker/library/node:20')).toMatchObject({ program: 'node' });
    expect(imageProfile('harbor.example.com/mirror/envoyproxy/envoy:v1.30.1')).toMatchObject({ program: 'envoy' });
  });

  it('splits image references', () => {
    expect(imageRepository('localhost:5000/a/b:1@sha256:abc')).toEqual({ registry: 'localhost:5000', repo: 'a/b' });
    expect(imageRepository('envoyproxy/envoy:v1.31.2')).toEqual({ registry: null, repo: 'envoyproxy/envoy' });
    expect(imageRepository('node')).toEqual({ registry: null, repo: 'node' });
  });
});
