import { ErrorState } from '../ui/states';

/** Exemption records and the audit log live in the history store: what to do when there is none. */
export function StoreOff() {
  return (
    <ErrorState title="The history store is off">
      <p>Exemption records, admin settings and the audit log are kept in the history store, which is off or cannot be opened (the server log says why).</p>
      <p className="mt-1">
        Set <code>DRYDOCK_DB_PATH</code> (SQLite) or <code>DATABASE_URL</code> (PostgreSQL) and restart. Exemptions in <code>drydock.config.yaml</code> and annotations still apply.
      </p>
    </ErrorState>
  );
}
