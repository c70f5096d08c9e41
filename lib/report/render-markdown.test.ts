import { describe, expect, it } from 'vitest';
import { code, md, renderMarkdown } from './render-markdown';
import { sampleReport } from './sample-report';
import type { Report } from './types';

describe('renderMarkdown', () => {
  const text = renderMarkdown(sampleReport());

  it('opens with the totals and the verdict counts', () => {
    expect(text.split('\n')[0]).toBe('## Drydock readiness: 4 apps, score 74.2 (C)');
    expect(text).toContain('| 🔴 not ready | ⚪ unknown | 🟡 ready with conditions | 🟢 ready |\n|---:|---:|---:|---:|\n| 1 | 1 | 1 | 1 |');
  });

  it('lists scored topics only', () => {
    expect(text).toContain('| Probes and processes | 50 |');
    expect(text).toContain('| Images and pull policy | 66.7 |');
    expect(text).not.toContain('DNS policy');
  });

  it('tables the apps worst first with what fails', () => {
    const rows = text.slice(text.indexOf('### Apps')).split('\n').filter((l) => /^\| (🔴|⚪|🟡|🟢) /.test(l));
    expect(rows.map((r) => r.split(' | ')[3])).toEqual(['`shop/Deployment/cart`', '`prod/ops/DaemonSet/=cmd\\|calc`', '`shop/Pod/debug`', '`shop/Deployment/orders`']);
    expect(rows[0]).toContain('1 critical, 2 warning: `probe-readiness-missing`, `sec-privilege-escalation`');
    // every table row keeps its five cells even with a pipe in a name
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('lists failing criticals with their fix and patch', () => {
    expect(text).toContain('### Critical findings (1)');
    expect(text).toContain('- **`probe-readiness-missing`** on `shop/Deployment/cart` · container `app`: Container app has no readiness probe & Service "cart" &lt;selects&gt; it');
    expect(text).toContain('  - Fix (input): Add a readiness probe');
    expect(text).toContain('  ```yaml\n  spec:\n    template:');
    expect(text).toContain('path: "<CHANGE-ME: health path>"');
  });

  it('reports input notes, read errors and unread kinds', () => {
    expect(text).toContain('- error: k8s/broken.yaml:7: document 2 is not valid YAML (bad indentation); skipped');
    expect(text).toContain('- could not read persistentvolumes in prod: forbidden');
    expect(text).toContain('- not checked (no check reads these kinds): Ingress ×3, NetworkPolicy ×1');
  });

  it('caps long lists for PR comments', () => {
    const many: Report = { ...sampleReport() };
    many.apps = Array.from({ length: 80 }, (_, i) => ({ ...sampleReport().apps[0]!, id: `-/shop/Deployment/cart-${i}`, name: `cart-${i}` }));
    const capped = renderMarkdown(many, { maxApps: 10, maxCriticals: 5 });
    expect(capped).toContain('…and 70 more apps.');
    expect(capped).toContain('…and 75 more critical findings: see the full report.');
    expect(capped.length).toBeLessThan(65_536);
  });

  it('escapes text from manifests: no HTML, no mentions, no emphasis, no broken tables', () => {
    expect(md('<img src=x onerror=alert(1)> @team *bold* a|b')).toBe('&lt;img src=x onerror=alert(1)&gt; \\@team \\*bold\\* a\\|b');
    expect(md('line\nbreak\x1b[31m')).toBe('line break\\[31m');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('x|y')).toBe('`x\\|y`');
  });
});
