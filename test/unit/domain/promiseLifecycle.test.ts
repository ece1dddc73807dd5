/**
 * The promise item's life cycle, exhaustively: every action × every status × every role is accepted exactly
 * when the machine's table says so, each move lands where the table says, the derived overdue applies to exactly
 * the open unpaid states, and the statuses that follow from the amounts and dates.
 */
import { describe, expect, it } from 'vitest';
import { checkMove } from '../../../electron/services/ledger/statusRunner';
import { AppError } from '../../../shared/contract/errors';
import {
  effectiveWay, followingStatus, paymentStatus, projectStatusOf, PROMISE_MACHINE, PROMISE_STATUSES, type PromiseStatus,
} from '../../../shared/domain/promises';
import { derivedStateFor } from '../../../shared/domain/statusMachine';
import { ROLES } from '../../../shared/domain/roles';

const FULL_INPUT = { reason: '依据', date: '2026-01-01', amountFen: 100, choice: '行政诉讼', reference: '(2026)苏01行初1号' };
const EXPECTED: Record<string, { from: PromiseStatus[]; to: PromiseStatus | 'computed' }> = {
  adjust: { from: ['pending', 'partial', 'overdue', 'disputed'], to: 'adjusted' },
  dispute: { from: ['pending', 'partial', 'overdue'], to: 'disputed' },
  settleDispute: { from: ['disputed'], to: 'computed' },
};

describe('promise item moves', () => {
  for (const t of PROMISE_MACHINE.transitions) {
    for (const status of PROMISE_STATUSES) {
      for (const role of ROLES) {
        const allowed = EXPECTED[t.action].from.includes(status) && role !== 'clerk';
        it(`${t.action} from ${status} by ${role}: ${allowed ? 'accepted' : 'refused'}`, () => {
          const run = () =>
            checkMove(PROMISE_MACHINE, { id: 'u', username: 'u', displayName: 'u', role }, {
              status, previousStatus: null, isFilled: () => true, fieldLabel: (f) => f, today: '2026-06-01', computed: () => 'partial',
            }, { action: t.action, ...FULL_INPUT });
          if (!allowed) {
            expect(run).toThrow(AppError);
            return;
          }
          const move = run();
          expect(move.to).toBe(EXPECTED[t.action].to === 'computed' ? 'partial' : EXPECTED[t.action].to);
        });
      }
    }
  }

  it('has exactly the three decisions, and each asks for what the office must write down', () => {
    expect(PROMISE_MACHINE.transitions.map((t) => t.action)).toEqual(Object.keys(EXPECTED));
    const base = { status: 'overdue' as const, previousStatus: null, isFilled: () => true, fieldLabel: (f: string) => f, today: '2026-06-01' };
    const reviewer = { id: 'r', username: 'r', displayName: 'r', role: 'reviewer' as const };
    const field = (req: object) => {
      try {
        checkMove(PROMISE_MACHINE, reviewer, base, req as never);
      } catch (e) {
        return (e as AppError).field;
      }
      return null;
    };
    expect(field({ action: 'adjust', date: '2026-01-01', amountFen: 1 })).toBe('reason');
    expect(field({ action: 'adjust', reason: 'x', date: '2026-01-01' })).toBe('amountFen');
    expect(field({ action: 'adjust', reason: 'x', date: '2026-01-01', amountFen: 1.5 })).toBe('amountFen');
    expect(field({ action: 'adjust', reason: 'x', date: '2026-07-01', amountFen: 1 })).toBe('date');
    expect(field({ action: 'dispute', date: '2026-01-01', reference: 'x' })).toBe('choice');
    expect(field({ action: 'dispute', date: '2026-01-01', choice: '行政裁决' })).toBe('reference');
    expect(field({ action: 'dispute', date: '2026-01-01', choice: '行政裁决', reference: '裁〔2026〕1号' })).toBeNull();
  });
});

describe('derived overdue', () => {
  for (const status of PROMISE_STATUSES) {
    const applies = status === 'pending' || status === 'partial';
    it(`${status}: ${applies ? 'becomes overdue the day after its due date' : 'never becomes overdue by date'}`, () => {
      expect(derivedStateFor(PROMISE_MACHINE, status, '2026-03-01', '2026-03-01')).toBeNull();
      expect(derivedStateFor(PROMISE_MACHINE, status, '2026-03-01', '2026-03-02')?.to ?? null).toBe(applies ? 'overdue' : null);
    });
  }
});

describe('statuses that follow from the amounts and dates', () => {
  it('paymentStatus', () => {
    expect(paymentStatus(100, 0, '2026-03-01', '2026-03-01')).toBe('pending');
    expect(paymentStatus(100, 1, '2026-03-01', '2026-03-01')).toBe('partial');
    expect(paymentStatus(100, 100, '2026-03-01', '2026-04-01')).toBe('paid');
    expect(paymentStatus(100, 120, '2026-03-01', '2026-04-01')).toBe('paid');
    expect(paymentStatus(100, 99, '2026-03-01', '2026-03-02')).toBe('overdue');
    expect(paymentStatus(100, 0, '2026-03-01', '2026-03-02')).toBe('overdue');
  });
  it('decisions stay whatever the amounts', () => {
    for (const s of ['adjusted', 'disputed'] as const) expect(followingStatus(s, 100, 100, '2026-03-01', '2026-04-01')).toBe(s);
    expect(followingStatus('overdue', 100, 100, '2026-03-01', '2026-04-01')).toBe('paid');
    expect(followingStatus('paid', 200, 100, '2026-09-01', '2026-04-01')).toBe('partial');
  });
  it('the way of an unpaid item (seed 002 §8)', () => {
    expect(effectiveWay('disputed', 'paymentPlan')).toBe('legalRoute');
    expect(effectiveWay('paid', 'paymentPlan')).toBeNull();
    expect(effectiveWay('adjusted', null)).toBeNull();
    expect(effectiveWay('overdue', 'payByDeadline')).toBe('payByDeadline');
    expect(effectiveWay('pending', null)).toBeNull();
  });
  it('a project shows its most urgent item', () => {
    expect(projectStatusOf([{ status: 'paid' }, { status: 'overdue' }, { status: 'disputed' }])).toBe('overdue');
    expect(projectStatusOf([{ status: 'paid' }, { status: 'adjusted' }])).toBe('adjusted');
    expect(projectStatusOf([{ status: 'paid' }])).toBe('paid');
  });
});
