import 'server-only';
import { renderCsv } from '../report/render-csv';
import { renderJson } from '../report/render-json';
import { renderSarif } from '../report/render-sarif';
import type { Report } from '../report/types';
import { renderHtmlReport } from '../views/html-report';
import { scopeLabel, scopeReport, scopeString, type Scope } from '../views/scope';
import { version } from '../../package.json';
import { attachment, HttpError } from './http';
import { appPlan, planResponse } from './patch-response';

export const EXPORT_FORMATS = ['json', 'csv', 'sarif', 'html', 'kustomize'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function fileStem(scope: Scope): string {
  return `drydock-${scopeString(scope).replace(/[:/]+/g, '-').replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}

/** One export of a scope of a report, as the HTTP answer (always a download). */
export function exportResponse(report: Report, scanId: string, format: ExportFormat, scope: Scope): Response {
  const scoped = scopeReport(report, scope);
  if (scope.type !== 'fleet' && !scoped.apps.length) throw new HttpError(404, `no apps in ${scopeString(scope)} in scan ${scanId}`);
  const stem = fileStem(scope);
  const headers = (type: string, ext: string) => ({ 'Content-Type': type, 'Cache-Control': 'no-store', ...attachment(`${stem}.${ext}`) });
  switch (format) {
    case 'json':
      return new Response(renderJson(scoped), { headers: headers('application/json; charset=utf-8', 'json') });
    case 'csv':
      return new Response(renderCsv(scoped), { headers: headers('text/csv; charset=utf-8', 'csv') });
    case 'sarif':
      return new Response(renderSarif(scoped, { toolVersion: version }), { headers: headers('application/sarif+json; charset=utf-8', 'sarif') });
    case 'html':
      return new Response(renderHtmlReport(scoped, { title: `Drydock readiness report: ${scopeLabel(scope)}`, generatedAt: new Date() }), { headers: headers('text/html; charset=utf-8', 'html') });
    case 'kustomize': {
      const clusters = new Set(scoped.apps.map((a) => a.cluster));
      if (clusters.size > 1) throw new HttpError(400, `a kustomize overlay covers one cluster; ${scopeString(scope)} spans ${[...clusters].join(', ')}: use scope=cluster:<name> or namespace:<cluster>/<namespace>`);
      const plan = appPlan(scanId, scoped.apps);
      return planResponse(plan, 'kustomize', { name: scopeString(scope).replace(/^[a-z]+:/, ''), download: true, primary: { kind: '', name: '' } });
    }
  }
}
