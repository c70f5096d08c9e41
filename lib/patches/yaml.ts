import { Document, parse, visit } from 'yaml';

/**
 * YAML that kubectl and kustomize read back exactly. kubectl still parses YAML 1.1
 * (sigs.k8s.io/yaml), where `y`, `no`, `on`, `0755`, `1:20` and `2024-01-01` are not strings;
 * kustomize reads YAML 1.2. A string either version would read as something else is quoted.
 */
export function toYaml(value: unknown, comment?: string): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && ambiguous(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  if (comment) doc.commentBefore = comment.split('\n').map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** Several documents in one stream. */
export function toYamlStream(docs: { value: unknown; comment?: string }[]): string {
  return docs.map((d) => toYaml(d.value, d.comment)).join('---\n');
}

function ambiguous(s: string): boolean {
  if (s.includes('\n')) return false; // written as a block scalar
  if (s === '' || s === '=' || s === '<<') return true;
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if (parse(s, { version }) !== s) return true;
    } catch {
      return true;
    }
  }
  return false;
}
