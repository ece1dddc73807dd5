import type { ProjectDetail, PromiseVersion } from '../../../shared/contract/promises';
import { todayIso } from '../../../shared/validation/dates';
import type { ServiceDeps } from '../context';
import { promiseFigures } from './promiseFigures';
import { promiseVersions } from './promiseHistory';
import { listPromises, type PromiseListQuery } from './promiseQuery';
import { toDetail } from './promiseRows';
import { requireProject } from './promisesService';

export * from './promisesService';
export { itemToRecord, promiseSourceOf } from './promiseRecord';
export { PROMISE_WORKBENCH } from './promiseWorkbench';
export { listPromises } from './promiseQuery';
export { PROMISE_AUDITED_TABLE } from './promiseAudit';

/** The project page: the project with its items, payments and handover chain, and its whole history. */
export async function getProject(deps: ServiceDeps, id: string): Promise<{ project: ProjectDetail; versions: PromiseVersion[] }> {
  return deps.db.read((sql) => {
    const project = requireProject(sql, id);
    const versions = promiseVersions(sql, id, project.names);
    return { project: toDetail(project, deps, versions[0]?.userName ?? ''), versions };
  });
}

export async function queryPromises(deps: ServiceDeps, q: PromiseListQuery & { page: number; pageSize: number }, userId: string | null) {
  return deps.db.read((sql) => listPromises(sql, q, userId));
}

export async function figuresFor(deps: ServiceDeps, from: string, to: string) {
  return deps.db.read((sql) => promiseFigures(sql, from, to, todayIso(deps.now())));
}

/** Everyone who may answer for an item (enabled users) and the departments already in use, for the form. */
export async function promisePeople(deps: ServiceDeps) {
  return deps.db.read((sql) => ({
    users: sql.all<{ id: string; displayName: string }>(`SELECT id, display_name AS displayName FROM users WHERE disabled = 0 ORDER BY display_name`),
    departments: sql.all<{ d: string }>(`SELECT DISTINCT department AS d FROM promise_items ORDER BY department LIMIT 200`).map((r) => r.d),
  }));
}
