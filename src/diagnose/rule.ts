import type { Cause } from '../causes';
import type { Diagnosis } from '../snapshot/snapshot';
import type { Facts } from './facts';

/** One cause: when it applies, and what to tell the user. Rules are tried in order. */
export interface Rule {
  cause: Cause;
  diagnose(facts: Facts): Diagnosis | null;
}
