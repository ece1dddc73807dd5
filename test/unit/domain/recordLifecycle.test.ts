import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECORD_TRANSITIONS, availableTransitions, findTransition, EDITABLE_IN_PLACE,
} from '../../../shared/domain/recordLifecycle';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/domain/dishonesty';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { todayIso } from '../../../shared/validation/dates';
import type { AppError } from '../../../shared/contract/errors';
import { createRecord, getRecord, transitionRecord, updateRecord, type TransitionRequest } from '../../../electron/services/records';
import type { Actor } from '../../../electron/services/context';
import { createTestApp, type TestApp } from '../../support/testApp';
import { nextDocNumber, unitRecord } from '../../support/recordFixtures';
import { errorOf } from '../../support/errors';

/**
 * The life cycle of DOMAIN.md §1, written out by hand: for every status, the moves that exist from it,
 * where each leads and which roles may make it. Anything not listed here must not exist.
 *   线索核实中 → 不属实 | 已认定 → 整改中 → 已整改 → 已修复; 容错免责 side path; 异议中 → 撤销 or back.
 */
type Action =
  | 'approve' | 'reject' | 'startRectification' | 'completeRectification' | 'repair' | 'exempt'
  | 'lodgeObjection' | 'upholdObjection' | 'dismissObjection';
const ACTIONS: Action[] = [
  'approve', 'reject', 'startRectification', 'completeRectification', 'repair', 'exempt',
  'lodgeObjection', 'upholdObjection', 'dismissObjection',
];
const R: Role[] = ['reviewer', 'admin'];
const ALL: Role[] = ['clerk', 'reviewer', 'admin'];

const MATRIX: Record<RecordStatus, Partial<Record<Action, { to: RecordStatus | 'previous'; roles: Role[] }>>> = {
  verifying: {
    approve: { to: 'recognised', roles: R },
    reject: { to: 'unfounded', roles: R },
    exempt: { to: 'exempted', roles: R },
  },
  unfounded: {},
  recognised: {
    startRectification: { to: 'rectifying', roles: R },
    exempt: { to: 'exempted', roles: R },
    lodgeObjection: { to: 'objection', roles: ALL },
  },
  rectifying: {
    completeRectification: { to: 'rectified', roles: R },
    exempt: { to: 'exempted', roles: R },
    lodgeObjection: { to: 'objection', roles: ALL },
  },
  rectified: {
    repair: { to: 'repaired', roles: R },
    lodgeObjection: { to: 'objection', roles: ALL },
  },
  repaired: {
    lodgeObjection: { to: 'objection', roles: ALL },
  },
  exempted: {},
  objection: {
    upholdObjection: { to: 'revoked', roles: R },
    dismissObjection: { to: 'previous', roles: R },
  },
  revoked: {},
};

/** What each move asks for in its dialog, written out by hand. */
const INPUTS: Record<Action, { reason: boolean; approver: boolean; date: null | 'past' | 'any' }> = {
  approve: { reason: false, approver: false, date: null },
  reject: { reason: true, approver: false, date: null },
  startRectification: { reason: true, approver: false, date: 'any' },
  completeRectification: { reason: true, approver: false, date: 'past' },
  repair: { reason: true, approver: true, date: 'past' },
  exempt: { reason: true, approver: true, date: null },
  lodgeObjection: { reason: true, approver: false, date: 'past' },
  upholdObjection: { reason: true, approver: false, date: 'past' },
  dismissObjection: { reason: true, approver: false, date: null },
};

/** Where a record in `status` can be led from a fresh record (the objection is lodged from 已认定). */
const PATH_TO: Record<RecordStatus, Action[]> = {
  verifying: [],
  unfounded: ['reject'],
  recognised: ['approve'],
  rectifying: ['approve', 'startRectification'],
  rectified: ['approve', 'startRectification', 'completeRectification'],
  repaired: ['approve', 'startRectification', 'completeRectification', 'repair'],
  exempted: ['exempt'],
  objection: ['approve', 'lodgeObjection'],
  revoked: ['approve', 'lodgeObjection', 'upholdObjection'],
};

const allowedRoles = (status: RecordStatus, action: Action) => MATRIX[status][action]?.roles ?? [];

describe('the transition table agrees with the life cycle of DOMAIN.md', () => {
  it('has exactly the moves of the matrix, no more', () => {
    expect(RECORD_TRANSITIONS.map((t) => t.action).sort()).toEqual([...ACTIONS].sort());
    expect(new Set(RECORD_TRANSITIONS.map((t) => t.action)).size).toBe(RECORD_TRANSITIONS.length);
  });

  for (const status of RECORD_STATUSES) {
    for (const role of ROLES) {
      it(`availableTransitions(${status}, ${role})`, () => {
        const expected = ACTIONS.filter((a) => allowedRoles(status, a).includes(role));
        expect(availableTransitions(status, role).map((t) => t.action).sort()).toEqual(expected.sort());
      });
    }
  }

  for (const action of ACTIONS) {
    it(`${action}: from, to and roles as the matrix says`, () => {
      const t = findTransition(action)!;
      const from = RECORD_STATUSES.filter((s) => MATRIX[s][action]);
      expect([...t.from].sort()).toEqual([...from].sort());
      for (const s of from) {
        expect(t.to).toBe(MATRIX[s][action]!.to);
        expect([...t.roles].sort()).toEqual([...MATRIX[s][action]!.roles].sort());
      }
    });

    it(`${action}: asks for exactly the inputs of the matrix`, () => {
      const t = findTransition(action)!;
      const want = INPUTS[action];
      expect(Boolean(t.input.reason)).toBe(want.reason);
      expect(Boolean(t.input.approver)).toBe(want.approver);
      expect(t.input.date ? (t.input.date.mayBeFuture ? 'any' : 'past') : null).toBe(want.date);
      for (const input of [t.input.reason, t.input.approver, t.input.date]) {
        if (input) expect(input.label).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(t.label).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('only approval locks a record, and approval needs the 认定文书 fields', () => {
    expect(RECORD_TRANSITIONS.filter((t) => t.locks).map((t) => t.action)).toEqual(['approve']);
    expect([...(findTransition('approve')!.needsFields ?? [])].sort()).toEqual(['docAuthority', 'docName', 'docNumber', 'recognisedOn']);
  });

  it('only a record being verified is edited in place', () => {
    expect([...EDITABLE_IN_PLACE]).toEqual(['verifying']);
  });

  it('final states offer nobody any move', () => {
    for (const status of ['unfounded', 'exempted', 'revoked'] as const) {
      for (const role of ROLES) expect(availableTransitions(status, role)).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// The service accepts exactly the matrix.

const NOW = new Date('2025-06-15T12:00:00Z');
const TODAY = todayIso(NOW);
const TOMORROW = todayIso(new Date(NOW.getTime() + 86_400_000));
const YESTERDAY = todayIso(new Date(NOW.getTime() - 86_400_000));

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ now: () => NOW });
});
afterAll(async () => {
  await app.close();
});

const actorOf = (role: Role): Actor => ({ clerk: app.clerk, reviewer: app.reviewer, admin: app.admin })[role];

/** Everything any move could ask for, so only status and role decide. */
const fullInput = (action: Action) => ({
  action,
  reason: `${action} 的理由说明`,
  approver: '刘批准',
  date: INPUTS[action].date === 'any' ? TOMORROW : YESTERDAY,
});

async function recordIn(status: RecordStatus): Promise<{ id: string; version: number }> {
  const created = await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber() }));
  let version = created.version;
  for (const action of PATH_TO[status]) {
    const next = await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: version, ...fullInput(action) });
    version = next.version;
  }
  const detail = await getRecord(app.deps, app.reviewer, created.id);
  expect(detail.record.status).toBe(status);
  return { id: created.id, version };
}


const counts = () =>
  app.db.read((sql) => ({
    audit: sql.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log`)!.n,
    outbox: sql.get<{ n: number }>(`SELECT count(*) AS n FROM outbox`)!.n,
    versions: sql.get<{ n: number }>(`SELECT count(*) AS n FROM record_versions`)!.n,
  }));

describe('transitionRecord accepts exactly the moves of the matrix', () => {
  for (const status of RECORD_STATUSES) {
    for (const role of ROLES) {
      it(`${status} × ${role}: every action`, async () => {
        const problems: string[] = [];
        // One record for the refusals: a refused move must leave it exactly as it was.
        const shared = await recordIn(status);
        const before = await counts();
        for (const action of ACTIONS) {
          const rule = MATRIX[status][action];
          if (rule && rule.roles.includes(role)) continue;
          try {
            await transitionRecord(app.deps, actorOf(role), { id: shared.id, expectedVersion: shared.version, ...fullInput(action) });
            problems.push(`${action}: accepted, should be refused`);
          } catch (error) {
            const want = rule ? 'FORBIDDEN' : 'INVALID_TRANSITION';
            const code = (error as AppError).code;
            if (code !== want) problems.push(`${action}: refused with ${code}, expected ${want}`);
            if (!/[\u4e00-\u9fff]/.test((error as Error).message)) problems.push(`${action}: message not in Chinese`);
          }
        }
        const after = await counts();
        expect(after, 'refused moves wrote nothing').toEqual(before);
        const unchanged = await getRecord(app.deps, app.reviewer, shared.id);
        expect(unchanged.record.status).toBe(status);
        expect(unchanged.record.version).toBe(shared.version);

        // Each allowed move on a fresh record in the same state.
        for (const action of ACTIONS) {
          const rule = MATRIX[status][action];
          if (!rule || !rule.roles.includes(role)) continue;
          const fresh = await recordIn(status);
          try {
            const moved = await transitionRecord(app.deps, actorOf(role), { id: fresh.id, expectedVersion: fresh.version, ...fullInput(action) });
            const to = rule.to === 'previous' ? 'recognised' : rule.to; // PATH_TO lodges objections from 已认定
            if (moved.status !== to) problems.push(`${action}: went to ${moved.status}, expected ${to}`);
            if (moved.version !== fresh.version + 1) problems.push(`${action}: version ${moved.version}, expected ${fresh.version + 1}`);
          } catch (error) {
            problems.push(`${action}: refused (${(error as AppError).code} ${(error as Error).message}), should be accepted`);
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it('refuses an action the table does not know', async () => {
    const r = await recordIn('verifying');
    const error = await errorOf(transitionRecord(app.deps, app.admin, { id: r.id, expectedVersion: r.version, action: 'delete', reason: 'x' }));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toContain('delete');
  });

  it('refuses a move made against a stale version with CONFLICT and changes nothing', async () => {
    const r = await recordIn('recognised');
    const error = await errorOf(transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version - 1, ...fullInput('startRectification') }));
    expect(error.code).toBe('CONFLICT');
    expect((await getRecord(app.deps, app.reviewer, r.id)).record.status).toBe('recognised');
  });

  it('records the move in the history with its reason, approver and date', async () => {
    const r = await recordIn('rectified');
    await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version, action: 'repair', reason: '已完成整改并公示期满', approver: '刘批准', date: TODAY });
    const { versions } = await getRecord(app.deps, app.reviewer, r.id);
    expect(versions[0]).toMatchObject({
      action: 'repair', actionLabel: '信用修复', reason: '已完成整改并公示期满', approver: '刘批准', date: TODAY,
      statusBefore: 'rectified', statusAfter: 'repaired', userName: '张审核',
    });
  });
});

describe('transition inputs', () => {
  const requiredCases: Array<[Action, 'reason' | 'approver' | 'date']> = [];
  for (const action of ACTIONS) {
    if (INPUTS[action].reason) requiredCases.push([action, 'reason']);
    if (INPUTS[action].approver) requiredCases.push([action, 'approver']);
    if (INPUTS[action].date) requiredCases.push([action, 'date']);
  }
  const statusFor = (action: Action) => RECORD_STATUSES.find((s) => MATRIX[s][action])!;

  for (const [action, field] of requiredCases) {
    it(`${action} refuses a missing ${field} naming the field`, async () => {
      const r = await recordIn(statusFor(action));
      const label = findTransition(action)!.input[field]!.label;
      for (const missing of [undefined, '', '   ']) {
        if (field === 'date' && missing === '   ') continue; // dates are validated as YYYY-MM-DD by the contract
        const request: TransitionRequest = { id: r.id, expectedVersion: r.version, ...fullInput(action), [field]: missing };
        const error = await errorOf(transitionRecord(app.deps, app.reviewer, request));
        expect(error.code).toBe('VALIDATION');
        expect(error.field).toBe(field);
        expect(error.message).toContain(label);
      }
      expect((await getRecord(app.deps, app.reviewer, r.id)).record.version).toBe(r.version);
    });
  }

  for (const action of ACTIONS.filter((a) => INPUTS[a].date === 'past')) {
    it(`${action} refuses a date after today, accepts today`, async () => {
      const r = await recordIn(statusFor(action));
      const error = await errorOf(transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version, ...fullInput(action), date: TOMORROW }));
      expect(error.code).toBe('VALIDATION');
      expect(error.field).toBe('date');
      expect(error.message).toContain('不能晚于今天');
      const moved = await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version, ...fullInput(action), date: TODAY });
      expect(moved.version).toBe(r.version + 1);
    });
  }

  it('startRectification accepts a deadline in the future', async () => {
    const r = await recordIn('recognised');
    const moved = await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version, ...fullInput('startRectification'), date: '2099-12-31' });
    expect(moved.status).toBe('rectifying');
  });

  it('approve needs no reason and locks the record, recording who approved it', async () => {
    const r = await recordIn('verifying');
    const moved = await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version, action: 'approve' });
    expect(moved).toMatchObject({ status: 'recognised', locked: true, approvedByName: '张审核', approvedAt: NOW.toISOString() });
  });

  for (const [field, label] of [['docName', '认定文书名称'], ['docNumber', '认定文书编号'], ['recognisedOn', '认定日期'], ['docAuthority', '认定机关']] as const) {
    it(`approve is refused while ${field} (${label}) is missing, and accepted once it is filled`, async () => {
      const created = await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber(), [field]: null }));
      const error = await errorOf(transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 1, action: 'approve' }));
      expect(error.code).toBe('VALIDATION');
      expect(error.field).toBe(field);
      expect(error.message).toContain(label);
      const stillDraft = await getRecord(app.deps, app.reviewer, created.id);
      expect(stillDraft.record).toMatchObject({ status: 'verifying', locked: false, version: 1 });

      const filled = await updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 1, fields: unitRecord({ docNumber: created.docNumber ?? nextDocNumber() }) });
      const approved = await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: filled.version, action: 'approve' });
      expect(approved.status).toBe('recognised');
    });
  }

  it('approve is refused when a 认定文书 field is an empty string', async () => {
    const created = await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber(), docAuthority: '' }));
    const error = await errorOf(transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 1, action: 'approve' }));
    expect(error.field).toBe('docAuthority');
  });
});

describe('objections', () => {
  for (const origin of ['recognised', 'rectifying', 'rectified', 'repaired'] as const) {
    it(`dismissObjection returns a record lodged from ${origin} to ${origin}`, async () => {
      const r = await recordIn(origin);
      const lodged = await transitionRecord(app.deps, app.clerk, { id: r.id, expectedVersion: r.version, ...fullInput('lodgeObjection') });
      expect(lodged).toMatchObject({ status: 'objection', previousStatus: origin, locked: true });
      const back = await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: lodged.version, ...fullInput('dismissObjection') });
      expect(back).toMatchObject({ status: origin, previousStatus: null, locked: true, version: r.version + 2 });
      // back where it was means the moves from there are open again
      expect(availableTransitions(back.status, 'reviewer').map((t) => t.action)).toEqual(
        ACTIONS.filter((a) => allowedRoles(origin, a).includes('reviewer')),
      );
      const { versions } = await getRecord(app.deps, app.reviewer, r.id);
      expect(versions[0]).toMatchObject({ action: 'dismissObjection', statusBefore: 'objection', statusAfter: origin });
    });
  }

  it('upholdObjection revokes the record for good', async () => {
    const r = await recordIn('rectifying');
    const lodged = await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: r.version, ...fullInput('lodgeObjection') });
    const revoked = await transitionRecord(app.deps, app.reviewer, { id: r.id, expectedVersion: lodged.version, ...fullInput('upholdObjection') });
    expect(revoked.status).toBe('revoked');
    for (const role of ROLES) expect(availableTransitions('revoked', role)).toEqual([]);
  });

  it('a second objection cannot be lodged while one is pending', async () => {
    const r = await recordIn('objection');
    const error = await errorOf(transitionRecord(app.deps, app.clerk, { id: r.id, expectedVersion: r.version, ...fullInput('lodgeObjection') }));
    expect(error.code).toBe('INVALID_TRANSITION');
    const detail = await getRecord(app.deps, app.reviewer, r.id);
    expect(detail.record.previousStatus).toBe('recognised');
  });
});
