import type { z } from 'zod';
import type { ExposedProtection } from '../breach/types.ts';
import type { Clock } from '../clock/clock.ts';
import type { EstateFetch } from '../estate/dispatch.ts';
import type { Estate } from '../estate/estate.ts';
import type { DossierFailure } from './dossiers.data.ts';

/** What an injector may touch while it perturbs the estate. */
export interface InjectContext {
  readonly estate: Estate;
  readonly clock: Clock;
  readonly injectId: string;
  /** Drill correlation id for this inject; surfaced only where the target chose (header, user agent). */
  readonly correlationId: string;
  /** Fetch into the estate; every request made through it is recorded as this inject's ground truth. */
  readonly fetch: EstateFetch;
  /** Schedules a later step of the leak (e.g. the next page of a slow pull) on the run's clock. */
  later(delayMs: number, label: string, step: () => void | Promise<void>): void;
  /**
   * Keeps a file as evidence of this inject (screenshot, HAR): written beside the ledger, fsync'd
   * and pinned by sha256, so `phi-drill verify` notices if it changes. Synthetic data only.
   */
  keep(artifact: InjectArtifact): void;
  /**
   * Records patients whose PHI this inject exposed (for breach assessment and the log expectations).
   * `protection` is what the exposed copy really was, read from the estate (the encryption policy
   * when it was written, whether the key is known to be out); when given, the breach assessment
   * follows it instead of what the scenario declares, so a safe harbor cannot be claimed for PHI that
   * left in the clear.
   */
  exposed(patientIds: readonly string[], protection?: ExposedProtection): void;
}

export interface InjectArtifact {
  /** File name, unique within the inject (`01-patient-a-results.png`). */
  name: string;
  bytes: Uint8Array;
  label: string;
  mediaType: string;
}

export interface AppliedInject {
  /** Undoes the perturbation. The runner calls reverts in reverse order, in `finally`. */
  revert(): void | Promise<void>;
  /**
   * Named checks of estate state that `contain` expectations refer to (`token-revoked`).
   * true = contained. Read by the runner after every step, so keep them cheap.
   */
  probes: Readonly<Record<string, () => boolean>>;
}

export interface InjectorDefinition<P extends z.ZodObject = z.ZodObject> {
  /** Kebab-case id matching the file name. */
  id: string;
  summary: string;
  /** MITRE ATT&CK technique ids where one fits. */
  attack: readonly string[];
  /** HIPAA provisions whose safeguard the leak defeats. */
  hipaa: readonly string[];
  /**
   * The field failure this pattern drills, quoted from the dossier that names it. Every built-in
   * pattern has one (a test holds them to it); a user's own injector may leave it out.
   */
  dossier?: DossierFailure;
  /** What a good control notices (shown by `phi-drill list`). */
  detection: string;
  /** Strict zod schema for the scenario's `params`; defaults make `{}` valid. */
  params: P;
  /** Containment conditions this inject offers to `contain` expectations. */
  conditions: readonly string[];
  /**
   * The boolean param that states whether the PHI this inject exposes is really encrypted (HHS
   * guidance 74 FR 19006); a scenario's `breach.encrypted` must agree with it, so the safe harbour
   * follows the estate's state rather than a separate claim.
   */
  encryptionParam?: string;
  apply(context: InjectContext, params: z.output<P>): Promise<AppliedInject>;
}

export function defineInjector<P extends z.ZodObject>(
  definition: InjectorDefinition<P>,
): InjectorDefinition<P> {
  return definition;
}
