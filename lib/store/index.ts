/**
 * The history store (server side only: never import it from a client component). SQLite by
 * default, PostgreSQL when DATABASE_URL is set; see lib/store/README.md.
 */
export { openStore, migrateStore, appliedMigrations, storeOptionsFromEnv, DEFAULT_SQLITE_PATH, type Store, type StoreOptions } from './open-store';
export { MIGRATION_NAMES } from './migrations';
export { saveScan, listScans, scanSummary, storedReport, pruneScans, pruneReports, deleteScan, DuplicateScanError, type ScanSummary, type SaveScanOptions } from './scans';
export {
  verdictHistory, topicTrend, findingsBurnDown, changesSinceLastScan, appTimeline, tableCounts,
  type Scope, type HistoryRange, type VerdictPoint, type TopicPoint, type BurnDownPoint, type FindingRef, type ScanChanges, type TimelineEntry,
} from './progress';
export {
  createExemption, updateExemption, expireExemption, deleteExemption, getExemption, listExemptions, auditLog, recordAudit, validateExemption,
  ExemptionInputError, EXEMPTION_SCOPES, type ExemptionInput, type StoredExemption, type AuditEntry,
} from './exemptions';
export {
  upsertPlanEntry, deletePlanEntry, getPlanEntry, listPlanEntries, importPlanEntries, validatePlanInput, checkPlanInput, isIsoDate, subjectTypeOf,
  PlanInputError, PlanImportError, PLAN_LIMITS, type PlanInput, type PlanEntry, type ValidPlanInput, type PlanSubjectType, type ImportRow, type ImportResult,
} from './plan';
export { getSetting, setSetting, listSettings, SettingInputError, IGNORE_ANNOTATION_EXEMPTIONS, type StoredSetting } from './settings';
export { rolloutHistory, rolloutSteps, type RolloutPoint, type RolloutQuery, type RolloutStep } from './rollout';
