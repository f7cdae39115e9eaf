/**
 * Three-valued truth of conditions: whether a condition holds as printed (`nominal`), for some
 * true values within the printed precision (`possible`), or for all of them (`certain`); and,
 * while a finding is explained, the part of the condition to blame.
 */
import type { Detail, PredicateDetail, Truth } from './evaluation';
import { type Truth3, truth3 } from './value';

/** `detail` only while explaining a finding. */
export function predicateTruth(holds: boolean, detail: PredicateDetail | undefined): Truth {
  return withDetail(truth3(holds, holds, holds), detail);
}

function withDetail(truth: Truth3, detail: Detail | undefined): Truth {
  return detail ? { ...truth, detail } : truth;
}

export function and(a: Truth, b: Truth): Truth {
  const blame = !a.possible ? a : !b.possible ? b : !a.nominal ? a : b;
  return withDetail(
    truth3(a.nominal && b.nominal, a.possible && b.possible, a.certain && b.certain),
    blame.detail,
  );
}

export function or(a: Truth, b: Truth): Truth {
  const blame = a.possible && !b.possible ? a : b.possible && !a.possible ? b : a;
  return withDetail(
    truth3(a.nominal || b.nominal, a.possible || b.possible, a.certain || b.certain),
    blame.detail,
  );
}

export function iff(a: Truth, b: Truth): Truth {
  // The side that does not hold is the one to show.
  const blame = a.nominal ? b : a;
  return withDetail(
    truth3(
      a.nominal === b.nominal,
      (a.possible && b.possible) || (!a.certain && !b.certain),
      (a.certain && b.certain) || (!a.possible && !b.possible),
    ),
    blame.detail,
  );
}

export function not(a: Truth): Truth {
  return withDetail(
    truth3(!a.nominal, !a.certain, !a.possible),
    a.detail && { ...a.detail, negated: !a.detail.negated },
  );
}
