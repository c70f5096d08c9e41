import { describe, expect, it } from 'vitest';
import { execTarget, parseShellList, tokenizeShell } from './shell';
import { parseShellInvocation, skipEnv } from './shell-invocation';

const words = (s: string) => tokenizeShell(s)?.map((t) => (t.kind === 'word' ? t.value : `<${t.value}>`));

describe('tokenizeShell', () => {
  it('splits words and operators', () => {
    expect(words('curl -fsS http://127.0.0.1:8080/healthz || exit 1')).toEqual(['curl', '-fsS', 'http://127.0.0.1:8080/healthz', '<||>', 'exit', '1']);
    expect(words('a;b&&c|d &')).toEqual(['a', '<;>', 'b', '<&&>', 'c', '<|>', 'd', '<&>']);
  });

  it('removes quotes and keeps expansions verbatim', () => {
    expect(words(`echo 'a b' "c \\"d\\"" e\\ f`)).toEqual(['echo', 'a b', 'c "d"', 'e f']);
    const t = tokenizeShell('exec "$@" ${X:-y} $(date +%s) `id`');
    expect(t?.map((x) => x.kind === 'word' && x.expands)).toEqual([false, true, true, true, true]);
    expect(t?.map((x) => x.value)).toEqual(['exec', '$@', '${X:-y}', '$(date +%s)', '`id`']);
  });

  it('reads fd redirections as operators', () => {
    expect(words('curl x >/dev/null 2>&1')).toEqual(['curl', 'x', '<>>', '/dev/null', '<>&>', '1']);
    expect(words('app &> /tmp/log')).toEqual(['app', '<&>>', '/tmp/log']);
  });

  it('skips comments and line continuations', () => {
    expect(words('# set up\nexport A=1 \\\n  B=2 # trailing\nexec app')).toEqual(['<\n>', 'export', 'A=1', 'B=2', '<\n>', 'exec', 'app']);
  });

  it('keeps spaces inside $( … ) and ${ … }', () => {
    expect(words('echo $(cat /a b) ${A:- b}')).toEqual(['echo', '$(cat /a b)', '${A:- b}']);
  });

  it('gives up on what it does not model', () => {
    expect(tokenizeShell("echo 'unterminated")).toBeNull();
    expect(tokenizeShell('echo "unterminated')).toBeNull();
    expect(tokenizeShell('cat <<EOF\nx\nEOF')).toBeNull();
    expect(tokenizeShell('echo $(unbalanced')).toBeNull();
  });
});

describe('parseShellList', () => {
  const shape = (s: string) => parseShellList(s)?.map((i) => `${i.kind}:${i.commands.map((c) => c.words.map((w) => w.value).join(' ')).join('|')}:${i.next}`);

  it('reads simple commands, lists and pipelines', () => {
    expect(shape('exec envoy -c /etc/envoy.yaml')).toEqual(['simple:exec envoy -c /etc/envoy.yaml:null']);
    expect(shape('cd /app && npm run migrate; node server.js')).toEqual(['simple:cd /app:&&', 'simple:npm run migrate:;', 'simple:node server.js:null']);
    expect(shape('curl -s localhost | grep -q ok')).toEqual(['pipeline:curl -s localhost|grep -q ok:null']);
    expect(shape('app &\nwait\n')).toEqual(['simple:app:&', 'simple:wait:null']);
  });

  it('treats compound commands as opaque items', () => {
    expect(shape('if [ -f /x ]; then a; else b; fi; exec c')).toEqual(['compound::;', 'simple:exec c:null']);
    expect(shape('while true; do date; sleep 5; done')).toEqual(['compound::null']);
    expect(shape('for f in /a/*; do cp $f /b; done && exec app')).toEqual(['compound::&&', 'simple:exec app:null']);
    expect(shape('case "$1" in a) x ;; *) y ;; esac; exec z')).toEqual(['compound::;', 'simple:exec z:null']);
    expect(shape('( cd /x && make ); exec ./run')).toEqual(['compound::;', 'simple:exec ./run:null']);
    expect(shape('{ a; b; } > /tmp/log; c')).toEqual(['compound::;', 'simple:c:null']);
    expect(shape('f() { echo hi; }; f')).toEqual(['compound::;', 'simple:f:null']);
    expect(shape('function f { echo if; }\nf')).toEqual(['compound::\n', 'simple:f:null']);
  });

  it('keeps assignments and redirections apart from words', () => {
    const [item] = parseShellList('FOO=1 BAR="a b" app --x 2>/dev/null') ?? [];
    const cmd = item!.commands[0]!;
    expect(cmd.assignments.map((a) => a.value)).toEqual(['FOO=1', 'BAR=a b']);
    expect(cmd.words.map((w) => w.value)).toEqual(['app', '--x']);
    expect(cmd.redirects.map((r) => `${r.op}${r.target?.value}`)).toEqual(['>/dev/null']);
  });

  it('returns null for what it cannot read', () => {
    expect(parseShellList('if true; then a')).toBeNull();
    expect(parseShellList('a | while read l; do echo $l; done')).toBeNull();
    expect(parseShellList('a >')).toBeNull();
  });

  it('records where each item starts, for rewriting', () => {
    const s = 'set -e; ./migrate && node server.js';
    const items = parseShellList(s)!;
    expect(s.slice(items[2]!.start)).toBe('node server.js');
  });
});

describe('execTarget', () => {
  const target = (s: string) => {
    const items = parseShellList(s)!;
    const t = execTarget(items[items.length - 1]!.commands[0]!);
    return t?.map((w) => w.value) ?? null;
  };
  it('finds the program after exec and its options', () => {
    expect(target('exec java -jar app.jar')).toEqual(['java', '-jar', 'app.jar']);
    expect(target('exec -a myapp /usr/bin/app')).toEqual(['/usr/bin/app']);
    expect(target('exec -- "$@"')).toEqual(['$@']);
    expect(target('exec >/tmp/log 2>&1')).toBeNull();
    expect(target('java -jar app.jar')).toBeNull();
  });
});

describe('parseShellInvocation', () => {
  it('finds the -c script through option clusters, -o and --', () => {
    expect(parseShellInvocation(['/bin/sh', '-c', 'exec app'])).toMatchObject({ shell: 'sh', script: 'exec app', scriptIndex: 2 });
    expect(parseShellInvocation(['bash', '-euo', 'pipefail', '-c', 'x'])).toMatchObject({ shell: 'bash', script: 'x', scriptIndex: 4 });
    expect(parseShellInvocation(['bash', '-ec', 'x', 'argv0', 'a1'])).toMatchObject({ script: 'x', scriptIndex: 2 });
    expect(parseShellInvocation(['sh', '-c', '--', 'x'])).toMatchObject({ script: 'x', scriptIndex: 3 });
    expect(parseShellInvocation(['bash', '--login', '-c', 'x'])).toMatchObject({ script: 'x' });
    expect(parseShellInvocation(['/usr/bin/env', 'bash', '-c', 'x'])).toMatchObject({ shell: 'bash', script: 'x' });
    expect(parseShellInvocation(['busybox', 'sh', '-c', 'x'])).toMatchObject({ shell: 'ash', script: 'x' });
  });

  it('tells a script file from a -c script', () => {
    expect(parseShellInvocation(['/bin/bash', '/scripts/start.sh'])).toMatchObject({ script: null, scriptFile: '/scripts/start.sh' });
    expect(parseShellInvocation(['sh'])).toMatchObject({ script: null, scriptFile: null });
  });

  it('is null for programs that are not shells', () => {
    expect(parseShellInvocation(['envoy', '-c', '/etc/envoy.yaml'])).toBeNull();
    expect(parseShellInvocation(['/usr/bin/shellcheck', '-c'])).toBeNull();
    expect(parseShellInvocation(['busybox', 'wget', 'x'])).toBeNull();
  });

  it('skipEnv steps over env options and assignments', () => {
    expect(skipEnv(['env', '-i', 'A=1', '-u', 'B', 'app'])).toBe(5);
    expect(skipEnv(['app'])).toBe(0);
  });
});
