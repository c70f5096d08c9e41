/**
 * The plain-JSON model every source (manifest files, a live cluster) produces.
 * Nothing here holds a client, a class instance or a function: a snapshot can be
 * serialised, stored and fed to the pure core in the CLI, the server or a test.
 */

/** A Kubernetes object as plain JSON. Fields are read defensively: input is untrusted. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Json;
  status?: Json;
  data?: Record<string, string>;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  uid?: string;
  [field: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

// Loose JSON type for spec/status bodies: checks narrow what they read with the helpers in
// lib/checks/helpers (the input is user-provided YAML, so nothing about its shape is trusted).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Where an object came from: a file and the line its document starts on (1-based). */
export interface SourceRef {
  file: string;
  line: number;
  /** 0-based index of the YAML document within the file. */
  document: number;
}

/** One object of the snapshot with its origin. */
export interface SnapshotEntry {
  cluster: string;
  object: KubeObject;
  source?: SourceRef;
}

/** A problem with the input that did not stop the scan. */
export interface InputNote {
  level: 'error' | 'warning' | 'info';
  file?: string;
  line?: number;
  message: string;
}

/** Something a live scan could not read (report-schema `errors`). */
export interface ScanError {
  cluster: string;
  resource: string;
  namespace: string | null;
  code: number | null;
  message: string;
  effect: string;
}

export type SourceType = 'cluster' | 'manifests';

export interface Snapshot {
  source: { type: SourceType; clusters: string[]; paths: string[] };
  objects: SnapshotEntry[];
  notes: InputNote[];
  errors: ScanError[];
  /**
   * Resources (plural lower-case API names, e.g. `poddisruptionbudgets`) that could not be read,
   * per cluster and namespace (`null` = cluster-wide). Checks that need them are Unknown there.
   */
  unreadable: UnreadableResource[];
}

export interface UnreadableResource {
  cluster: string;
  resource: string;
  namespace: string | null;
}

/** The cluster name used for manifest scans (report-schema: "-" for manifests). */
export const MANIFEST_CLUSTER = '-';
