import { adviceFix, atContainer, containerIn, containersOf, notApplicable, pass, workloadFix } from '../helpers';
import { effectivePullPolicy, isMutableImage, isPlaceholderImage, parseImageRef } from '../helpers/images';
import type { Check, CheckResult } from '../types';
import { displayImage } from './_observed';

/**
 * The pull policy decides whether a node reuses the image it has. With a mutable tag that means
 * nodes keep whatever they pulled first; with a digest, pulling again can only fail.
 * https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
 */
export const check: Check = {
  id: 'image-pull-policy',
  title: 'Pull policy does not fit the image reference',
  topic: 'images',
  severity: 'warning',
  severities: ['warning', 'info'],
  fixKind: 'safe',
  needs: 'spec',
  summary:
    'A mutable tag with a pull policy other than Always (nodes run different code), or a digest-pinned image with Always (every restart needs the registry).',
  rationale:
    'Think about the image pull policy. With a mutable tag (`latest`, no tag) and `IfNotPresent`, each node keeps the image it ' +
    'pulled first: after a push, old nodes run the old build and new nodes the new one, under one name. `Always` at least makes ' +
    'every start fetch the current build. With a digest the content cannot change, so `Always` buys nothing and makes every ' +
    'container start depend on the registry being reachable (and within its rate limits). An unset policy defaults to ' +
    '`Always` for `latest` or untagged images and to `IfNotPresent` otherwise.',
  docs: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
    'https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting',
  ],
  appliesTo: () => null,
  evaluate(app) {
    return containersOf(app, 'all').map((ref): CheckResult => {
      const at = atContainer(ref, '/imagePullPolicy');
      const who = `Container ${ref.name}${ref.role === 'init' ? ' (init)' : ''}`;
      const image: unknown = ref.container.image;
      const { policy, defaulted } = effectivePullPolicy(ref.container);
      const policyText = `imagePullPolicy ${policy}${defaulted ? ' (the default)' : ''}`;
      const evidence = { image: typeof image === 'string' ? image : null, imagePullPolicy: policy, defaulted };
      if (isPlaceholderImage(image)) return pass(`${who}: the image version awaits the owner's choice`, at);
      const parsed = parseImageRef(image);
      if (!parsed) return notApplicable(`${who} sets no image`, at);
      if (isMutableImage(parsed)) {
        if (policy === 'Always') return pass(`${who} runs ${displayImage(parsed)} with ${policyText}: every start fetches the current build`, at, evidence);
        const base = `${who} runs ${displayImage(parsed)}, a mutable tag, with ${policyText}`;
        if (policy === 'Never') {
          return {
            status: 'fail',
            ...at,
            message: `${base}: every node runs whatever image was loaded on it, and nothing keeps those copies the same`,
            evidence,
            // Never means no registry serves the image (pre-loaded, air-gapped): Always would break the pod.
            fix: adviceFix(
              `Load a versioned image (a tag per build) on the nodes and reference that tag; switch container ${ref.name} to imagePullPolicy Always only if a registry serves the image.`,
            ),
          };
        }
        return {
          status: 'fail',
          ...at,
          message: `${base}: each node keeps the build it pulled first, so after a push different nodes run different code`,
          evidence,
          fix: workloadFix(app, {
            kind: 'safe',
            summary: `Set imagePullPolicy: Always on container ${ref.name} (until it runs a version tag)`,
            mutate: (_w, podSpec) => {
              containerIn(podSpec, ref).imagePullPolicy = 'Always';
            },
          }),
        };
      }
      if (parsed.digest && policy === 'Always') {
        return {
          status: 'fail',
          ...at,
          severity: 'info',
          message: `${who} runs ${displayImage(parsed)}, pinned to a digest, with ${policyText}: the content cannot change, yet every container start needs the registry`,
          evidence,
          fix: workloadFix(app, {
            kind: 'safe',
            summary: `Set imagePullPolicy: IfNotPresent on container ${ref.name}`,
            mutate: (_w, podSpec) => {
              containerIn(podSpec, ref).imagePullPolicy = 'IfNotPresent';
            },
          }),
        };
      }
      return pass(`${who} runs ${displayImage(parsed)} with ${policyText}`, at, evidence);
    });
  },
};
