import { z } from 'zod';
import { strict, tagged, text } from './fields.ts';

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

const day = z.iso.date({
  error: (issue) => `"${String(issue.input)}" is not a calendar date; expected YYYY-MM-DD, e.g. 2025-01-15`,
});

const entry = strict({
  vendor: text.meta({ description: 'The business associate, as the agreement names it.' }),
  host: z
    .string()
    .regex(HOST, {
      error: (issue) =>
        `"${String(issue.input)}" is not a lower-case host name; expected e.g. api.engagepulse.example`,
    })
    .meta({
      description: 'Host its endpoint answers on; egress to it may carry PHI while the BAA is in force.',
    }),
  baaSigned: day.meta({ description: 'Day the business associate agreement took effect (YYYY-MM-DD).' }),
  baaExpires: day
    .optional()
    .meta({ description: 'Day it ends (YYYY-MM-DD, exclusive); absent while it runs on.' }),
})
  .superRefine((value, ctx) => {
    if (value.baaExpires !== undefined && value.baaExpires <= value.baaSigned) {
      ctx.addIssue({
        code: 'custom',
        path: ['baaExpires'],
        params: tagged('bad-value'),
        message: `${value.baaExpires} is not after baaSigned ${value.baaSigned}`,
      });
    }
  })
  .meta({ description: 'One business associate agreement on file (164.308(b)(1), 164.504(e)).' });

/**
 * The organisation's BAA register, as a scenario declares it (`estate.businessAssociates`): the hosts
 * that may receive PHI, and when. Replaces the estate's default register; a host listed twice is an error.
 */
export const businessAssociatesSection = z
  .array(entry)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((one, index) => {
      if (seen.has(one.host)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'host'],
          params: tagged('duplicate-id'),
          message: `host ${one.host} is already in the register`,
        });
      }
      seen.add(one.host);
    });
  })
  .meta({
    description:
      "The organisation's register of business associate agreements; replaces the estate's default (EngagePulse).",
  });
