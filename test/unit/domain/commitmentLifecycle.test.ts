import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availableCommitmentTransitions, canBecomeRecord, COMMITMENT_MACHINE, findCommitmentTransition,
} from '../../../shared/domain/commitmentLifecycle';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../../shared/domain/commitments';
import { derivedStateFor } from '../../../shared/domain/statusMachine';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { createCommitment, getCommitment, transitionCommitment } from '../../../electron/services/commitments';
import type { Actor } from '../../../electron/services/context';
import { createTestApp, type TestApp } from '../../support/testApp';
import { commitment } from '../../support/commitmentFixtures';

/**
 * The fulfilment of DOMAIN.md §2, written out by hand: for every status, the moves from it, where each leads
 * and who may make it. 逾期未兑现 is reached only by the date (no move leads there). Anything not listed must
 * not exist.
 */
type Action = 'confirm' | 'fulfil' | 'partiallyFulfil' | 'adjust' | 'withdraw';
const ACTIONS: Action[] = ['confirm', 'fulfil', 'partiallyFulfil', 'adjust', 'withdraw'];
const R: Role[] = ['reviewer', 'admin'];

const MATRIX: Record<CommitmentStatus, Partial<Record<Action, CommitmentStatus>>> = {
  pending: { confirm: 'performing', adjust: 'adjusted', withdraw: 'withdrawn' },
  performing: { fulfil: 'fulfilled', partiallyFulfil: 'partial', adjust: 'adjusted', withdraw: 'withdrawn' },
  overdue: { fulfil: 'fulfilled', partiallyFulfil: 'partial', adjust: 'adjusted' },
  partial: { fulfil: 'fulfilled' },
  fulfilled: {},
  adjusted: {},
  withdrawn: {},
};

/** What each move's dialog asks for. */
const INPUTS: Record<Action, string[]> = {
  confirm: [],
  fulfil: ['date', 'reason'],
  partiallyFulfil: ['date', 'reason', 'reference'],
  adjust: ['date', 'reason', 'reference', 'approver'],
  withdraw: ['date', 'reason'],
};

describe('the commitment machine agrees with DOMAIN.md §2', () => {
  it('has exactly the moves of the matrix; none leads to 逾期未兑现', () => {
    expect(COMMITMENT_MACHINE.transitions.map((t) => t.action).sort()).toEqual([...ACTIONS].sort());
    expect(COMMITMENT_MACHINE.transitions.some((t) => t.to === 'overdue')).toBe(false);
  });

  for (const status of COMMITMENT_STATUSES) {
    for (const role of ROLES) {
      it(`availableCommitmentTransitions(${status}, ${role})`, () => {
        const expected = role === 'clerk' ? [] : ACTIONS.filter((a) => MATRIX[status][a]);
        expect(availableCommitmentTransitions(status, role).map((t) => t.action).sort()).toEqual(expected.sort());
      });
    }
  }

  for (const action of ACTIONS) {
    it(`${action}: targets, roles and inputs`, () => {
      const t = findCommitmentTransition(action)!;
      for (const s of COMMITMENT_STATUSES.filter((x) => MATRIX[x][action])) expect(t.to).toBe(MATRIX[s][action]);
      expect([...t.roles].sort()).toEqual([...R].sort());
      expect(Object.keys(t.input).sort()).toEqual([...INPUTS[action]].sort());
      expect(t.locks).toBe(true);
      if (t.input.date) expect(t.input.date.mayBeFuture).toBe(false);
    });
  }

  it('逾期未兑现 follows the day after the due date, only from the open states', () => {
    for (const status of COMMITMENT_STATUSES) {
      const open = status === 'pending' || status === 'performing';
      expect(derivedStateFor(COMMITMENT_MACHINE, status, '2026-03-10', '2026-03-11')?.to ?? null, status).toBe(open ? 'overdue' : null);
      expect(derivedStateFor(COMMITMENT_MACHINE, status, '2026-03-10', '2026-03-10'), status).toBeNull();
    }
  });

  it('only a 待确认 commitment is edited in place; only an overdue one becomes a record', () => {
    expect([...COMMITMENT_MACHINE.editableInPlace]).toEqual(['pending']);
    expect(COMMITMENT_STATUSES.filter(canBecomeRecord)).toEqual(['overdue']);
  });
});

// ---------------------------------------------------------------------------------------------------
// The service accepts exactly the matrix: every status × role × action, on a real SQLite file.

const NOW = new Date(2026, 2, 10, 12);
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ now: () => NOW });
});
afterAll(async () => app.close());

const actorOf = (role: Role): Actor => ({ clerk: app.clerk, reviewer: app.reviewer, admin: app.admin })[role];
const input = (action: Action) => ({ action, date: '2026-03-09', reason: `${action} 的说明`, reference: '经镇党委会议研究（纪要〔2026〕3号）', approver: '刘批准' });

/** The moves that lead a fresh commitment to each status (overdue: saved with its due date past). */
const PATH_TO: Record<CommitmentStatus, Action[]> = {
  pending: [], performing: ['confirm'], fulfilled: ['confirm', 'fulfil'], partial: ['confirm', 'partiallyFulfil'],
  overdue: [], adjusted: ['adjust'], withdrawn: ['withdraw'],
};

async function commitmentIn(status: CommitmentStatus) {
  const created = await createCommitment(app.deps, app.clerk, commitment({ dueOn: status === 'overdue' ? '2026-03-01' : '2026-12-31' }));
  let version = created.version;
  for (const action of PATH_TO[status]) version = (await transitionCommitment(app.deps, app.reviewer, { id: created.id, expectedVersion: version, ...input(action) })).version;
  expect((await getCommitment(app.deps, created.id)).commitment.status).toBe(status);
  return { id: created.id, version };
}

const counts = () => app.db.read((sql) => sql.get<{ a: number; o: number; v: number }>(
  `SELECT (SELECT count(*) FROM audit_log) AS a, (SELECT count(*) FROM outbox) AS o, (SELECT count(*) FROM commitment_versions) AS v`,
));

describe('transitionCommitment accepts exactly the matrix', () => {
  for (const status of COMMITMENT_STATUSES) {
    it(`${status}: every role × every action`, async () => {
      const refusedOn = await commitmentIn(status);
      for (const role of ROLES) {
        for (const action of [...ACTIONS, 'fallOverdue']) {
          const to = role === 'clerk' ? undefined : MATRIX[status][action as Action];
          if (to) {
            const c = await commitmentIn(status);
            const after = await transitionCommitment(app.deps, actorOf(role), { id: c.id, expectedVersion: c.version, ...input(action as Action) });
            expect(after.status, `${status} ${role} ${action}`).toBe(to);
            expect(after.locked).toBe(true);
          } else {
            const before = await counts();
            await expect(transitionCommitment(app.deps, actorOf(role), { id: refusedOn.id, expectedVersion: refusedOn.version, ...input(action as Action) }), `${status} ${role} ${action}`)
              .rejects.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|INVALID_TRANSITION)$/) });
            expect(await counts()).toEqual(before);
          }
        }
      }
    });
  }
});
