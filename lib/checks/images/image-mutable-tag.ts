import { atContainer, changeMe, containerIn, containersOf, notApplicable, pass, workloadFix, type ContainerRef } from '../helpers';
import { isMutableImage, isPlaceholderImage, parseImageRef, withVersion, type ImageRef } from '../helpers/images';
import type { App } from '../../apps/types';
import type { Check, CheckResult, Fix } from '../types';
import { displayImage, observedDigests, shortDigest } from './_observed';

/**
 * `latest` (or no tag, which means latest) names whatever was pushed last: the same manifest can
 * start different code tomorrow, and rolling back to it does not bring the old code back.
 * https://kubernetes.io/docs/concepts/containers/images/#image-names
 * https://kubernetes.io/docs/concepts/configuration/overview/#container-images
 */
export const check: Check = {
  id: 'image-mutable-tag',
  title: 'Mutable image tag',
  topic: 'images',
  severity: 'warning',
  fixKind: 'input',
  needs: 'spec',
  summary: 'A container image uses the tag `latest` or no tag, and no digest: roll-outs and rollbacks are not reproducible.',
  rationale:
    'Think about the image and its pull policy. A tag is a movable name; `latest` — also what a reference without a tag means — ' +
    'moves on every push. The manifest then no longer says which code runs: two nodes that pulled at different times run ' +
    'different code, a rollback to the previous revision rolls back nothing, and a restart can pick up an untested build. ' +
    'A version tag per build (`1.4.2`, a commit SHA) or a digest (`@sha256:…`) makes every revision name its code.',
  docs: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment',
  ],
  appliesTo: () => null,
  evaluate(app) {
    return containersOf(app, 'all').map((ref): CheckResult => {
      const at = atContainer(ref, '/image');
      const who = `Container ${ref.name}${ref.role === 'init' ? ' (init)' : ''}`;
      const image: unknown = ref.container.image;
      if (isPlaceholderImage(image)) return pass(`${who}: the image version awaits the owner's choice`, at);
      const parsed = parseImageRef(image);
      if (!parsed) return notApplicable(`${who} sets no image`, at);
      if (parsed.digest) return pass(`${who} runs ${displayImage(parsed)}, pinned to a digest`, at, { image: parsed.raw });
      if (!isMutableImage(parsed)) return pass(`${who} runs ${displayImage(parsed)}, tag ${parsed.tag}`, at, { image: parsed.raw });
      const digests = observedDigests(app, ref);
      const what = parsed.tag === 'latest' ? `tag latest` : 'no tag, so latest';
      const seen =
        digests.length > 1
          ? ` Its pods already run ${digests.length} different images: ${digests.map(shortDigest).join(', ')}`
          : digests.length === 1
            ? ` Its pods run ${shortDigest(digests[0]!)}`
            : '';
      return {
        status: 'fail',
        ...at,
        message: `${who} runs ${displayImage(parsed)} (${what}): the manifest does not say which code runs, nodes may run different builds, and a rollback does not bring the old code back.${seen}`,
        evidence: { image: parsed.raw, tag: parsed.tag, observedDigests: digests },
        fix: pinFix(app, ref, parsed, digests),
      };
    });
  },
};

/**
 * The owner picks the version. On a live cluster whose pods all run one digest, the fix pins that
 * digest (what runs now) — still input: the registry must keep it once `latest` moves on (lifecycle
 * policies delete untagged images), and a version tag is easier to read.
 */
function pinFix(app: App, ref: ContainerRef, parsed: ImageRef, digests: string[]): Fix {
  const digest = digests.length === 1 ? digests[0]! : null;
  if (digest) {
    return workloadFix(app, {
      kind: 'input',
      summary:
        `Pin container ${ref.name} to the digest its pods run now (${shortDigest(digest)}); check that the registry keeps it, or use the ` +
        'version tag it was built as. The pull policy then defaults to IfNotPresent.',
      mutate: (_w, podSpec) => {
        const c = containerIn(podSpec, ref);
        c.image = withVersion(parsed, { tag: null, digest });
        // Pulling a digest on every start only adds a registry dependency (image-pull-policy).
        if (c.imagePullPolicy === 'Always') delete c.imagePullPolicy;
      },
    });
  }
  return workloadFix(app, {
    kind: 'input',
    summary: `Give container ${ref.name} an immutable version: a tag per build, or a digest`,
    mutate: (_w, podSpec) => {
      containerIn(podSpec, ref).image = withVersion(parsed, { tag: changeMe('the version tag to run, e.g. 1.4.2 — or pin a digest with @sha256:…'), digest: null });
    },
  });
}
