import type { Json } from '../../snapshot/types';
import { CHANGE_ME_PREFIX } from './fix';

/**
 * Container image references, parsed the way the container runtimes and the API server do
 * (github.com/distribution/reference: `[domain[:port]/]path[:tag][@digest]`).
 * https://kubernetes.io/docs/concepts/containers/images/#image-names
 */
export interface ImageRef {
  /** The reference as written (trimmed). */
  raw: string;
  /** The registry host as written (`registry:5000`, `ghcr.io`), or null for Docker Hub short names. */
  domain: string | null;
  /** The repository path without the registry (`library` is not added): `nginx`, `bitnami/kubectl`. */
  path: string;
  /** The name as written, without tag and digest: `registry:5000/app`. */
  name: string;
  /** Fully qualified repository, as the runtime resolves it: `docker.io/library/nginx`. */
  canonical: string;
  tag: string | null;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  digest: string | null;
  /** False when the reference does not follow the grammar (the API server then defaults as for a tagged image). */
  valid: boolean;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** Parse an image reference; null for an empty or non-string value. */
export function parseImageRef(image: unknown): ImageRef | null {
  if (typeof image !== 'string') return null;
  const raw = image.trim();
  if (!raw) return null;
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  // The first component is a registry when it looks like a host: a dot, a port, `localhost`, or
  // upper case (repository paths are lower case) — distribution/reference splitDockerDomain.
  let domain: string | null = null;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  const registry = domain === null || domain === 'index.docker.io' ? 'docker.io' : domain;
  const canonicalPath = registry === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
  const valid =
    path.length > 0 &&
    path.split('/').every((c) => PATH_COMPONENT.test(c)) &&
    (tag === null || TAG.test(tag)) &&
    (digest === null || DIGEST.test(digest));
  return { raw, domain, path, name: rest, canonical: `${registry}/${canonicalPath}`, tag, digest, valid };
}

/** Whether an image string carries a `<CHANGE-ME: …>` placeholder left by an input fix. */
export function isPlaceholderImage(image: unknown): boolean {
  return typeof image === 'string' && image.includes(CHANGE_ME_PREFIX);
}

/**
 * A reference whose content can change under the same name: tag `latest` or no tag, and no digest.
 * A digest pins the content whatever the tag says (`app:latest@sha256:…` is immutable).
 */
export function isMutableImage(ref: ImageRef): boolean {
  return ref.digest === null && (ref.tag === null || ref.tag === 'latest');
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/**
 * The API server's default for an unset `imagePullPolicy` (pkg/apis/core/v1/defaults.go with
 * kubelet/util/parsers.ParseImageName): Always when the tag is `latest` — also `latest@digest` — or
 * when there is neither tag nor digest; IfNotPresent otherwise (a digest alone, any other tag, or a
 * reference that does not parse).
 * https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting
 */
export function defaultPullPolicy(image: unknown): PullPolicy {
  const ref = parseImageRef(image);
  if (!ref || !ref.valid) return 'IfNotPresent';
  if (ref.tag === 'latest' || (ref.tag === null && ref.digest === null)) return 'Always';
  return 'IfNotPresent';
}

/** The pull policy a container runs with: as written, else the API default. */
export function effectivePullPolicy(container: Json): { policy: PullPolicy | string; defaulted: boolean } {
  const written = container?.imagePullPolicy;
  if (typeof written === 'string' && written !== '') return { policy: written, defaulted: false };
  return { policy: defaultPullPolicy(container?.image), defaulted: true };
}

/** The reference with its tag and digest replaced (the name kept exactly as written). */
export function withVersion(ref: ImageRef, version: { tag?: string | null; digest?: string | null }): string {
  const tag = version.tag === undefined ? ref.tag : version.tag;
  const digest = version.digest === undefined ? ref.digest : version.digest;
  return `${ref.name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/**
 * The repository digest in a container status `imageID` (`docker.io/library/nginx@sha256:…`,
 * `docker-pullable://nginx@sha256:…`), or null when it is only a local image ID (`sha256:…` of an
 * image built or loaded on the node, which no registry serves).
 */
export function digestOfImageId(imageID: unknown): string | null {
  if (typeof imageID !== 'string') return null;
  const at = imageID.lastIndexOf('@');
  if (at < 0) return null;
  const digest = imageID.slice(at + 1);
  return DIGEST.test(digest) ? digest : null;
}
