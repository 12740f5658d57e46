/**
 * The exit-code contract every command keeps, so a CI pipeline can tell a missed expectation from a
 * broken set-up. Documented in `phi-drill --help` and the README.
 */
export const EXIT = {
  /** Every expectation met; verify: authenticated by a trusted key. */
  ok: 0,
  /** An expectation missed or late; verify: the evidence does not hold; portal-check: findings. */
  missed: 1,
  /** Bad input or usage: a scenario or config problem, an unknown option or id. */
  usage: 2,
  /** Operational failure: the file system, a service, the network or the machine let the run down. */
  operational: 3,
  /** verify: the chain is intact but signed by a key the trust file does not list (integrity only). */
  unauthenticated: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
