import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { RealClock } from '../clock/clock.ts';
import { totpCode } from '../estate/portal/totp.ts';

/** Where a credential comes from: always an environment variable, never the recipe file itself. */
const Field = z.strictObject({
  label: z.string().min(1).optional().describe('Accessible name of the input (its <label>)'),
  selector: z.string().min(1).optional().describe('CSS selector, when the input has no usable label'),
  env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name like PORTAL_USER'),
});

/** A sign-in recipe for an ordinary form (`--login recipe.json`). */
export const SignInRecipe = z.strictObject({
  path: z
    .string()
    .startsWith('/')
    .optional()
    .describe('Sign-in page on the portal host (default: --url itself)'),
  username: Field,
  password: Field,
  submit: z.string().min(1).default('Sign in').describe('Accessible name of the submit button'),
  totp: z
    .strictObject({
      label: Field.shape.label,
      selector: Field.shape.selector,
      env: Field.shape.env.describe('Variable holding the base32 authenticator secret of the test account'),
      submit: z.string().min(1).default('Verify').describe('Accessible name of the code form button'),
    })
    .optional()
    .describe(
      'A second step asking for an authenticator (RFC 6238) code; the code is computed, the secret never stored',
    ),
  signedIn: z
    .strictObject({ urlIncludes: z.string().min(1) })
    .optional()
    .describe('How to tell sign-in worked (default: no password field on the page that follows)'),
});
export type SignInRecipe = z.output<typeof SignInRecipe>;

/** An unusual sign-in (`--login script.ts`): a module exporting `signIn`. */
export type SignInScript = (args: {
  page: Page;
  url: string;
  env: Readonly<Record<string, string | undefined>>;
}) => Promise<void>;

export type SignIn = (page: Page, url: string) => Promise<void>;

export class SignInProblem extends Error {}

/** The recipe used without --login: the first password field and the text input before it. */
export const DEFAULT_RECIPE: SignInRecipe = SignInRecipe.parse({
  username: {
    selector: 'input:not([type=hidden]):not([type=password]):not([type=submit])',
    env: 'PHI_DRILL_PORTAL_USER',
  },
  password: { selector: 'input[type=password]', env: 'PHI_DRILL_PORTAL_PASSWORD' },
});

function credential(
  field: z.output<typeof Field>,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const value = env[field.env];
  if (!value)
    throw new SignInProblem(`set ${field.env}: credentials come from the environment, never from files`);
  return value;
}

function locate(page: Page, field: z.output<typeof Field>) {
  return field.label
    ? page.getByLabel(field.label, { exact: true })
    : page.locator(field.selector ?? 'input').first();
}

export function recipeSignIn(
  recipe: SignInRecipe,
  env: Readonly<Record<string, string | undefined>>,
): SignIn {
  return async (page, url) => {
    const username = credential(recipe.username, env);
    const password = credential(recipe.password, env);
    await page.goto(recipe.path ? new URL(recipe.path, url).href : url);
    await locate(page, recipe.username).fill(username);
    await locate(page, recipe.password).fill(password);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: recipe.submit }).first().click(),
    ]);
    await page.waitForLoadState('load');
    if (recipe.totp) await answerCode(page, recipe.totp, env);
    const worked = recipe.signedIn
      ? page.url().includes(recipe.signedIn.urlIncludes)
      : (await page.locator('input[type=password]').count()) === 0;
    if (!worked) {
      const alert = (
        await page
          .getByRole('alert')
          .first()
          .textContent({ timeout: 1_000 })
          .catch(() => null)
      )?.trim();
      throw new SignInProblem(
        `sign-in did not work at ${page.url()}${alert ? `: the portal said "${alert}"` : ''} (check ${recipe.username.env}/${recipe.password.env}, or pass --login with a recipe)`,
      );
    }
  };
}

/** Fills the verification code an authenticator holding the secret in `totp.env` would show now. */
async function answerCode(
  page: Page,
  totp: NonNullable<SignInRecipe['totp']>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const secret = credential(totp, env);
  let code: string;
  try {
    code = totpCode(secret, new RealClock().now());
  } catch (error) {
    throw new SignInProblem(`${totp.env}: ${(error as Error).message}`);
  }
  // Without a label or selector, the one-time-code field (never the form's hidden inputs).
  const field = {
    ...totp,
    selector: totp.selector ?? 'input[autocomplete="one-time-code"], input[inputmode="numeric"]',
  };
  await locate(page, field).fill(code);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.getByRole('button', { name: totp.submit }).first().click(),
  ]);
  await page.waitForLoadState('load');
}

/** Reads `--login`: a JSON recipe, or a .ts/.js/.mjs module exporting `signIn`. */
export async function loadSignIn(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<SignIn> {
  if (path === undefined) return recipeSignIn(DEFAULT_RECIPE, env);
  if (['.ts', '.js', '.mjs'].includes(extname(path))) {
    const module = (await import(pathToFileURL(resolve(path)).href)) as { signIn?: SignInScript };
    if (typeof module.signIn !== 'function') throw new SignInProblem(`${path}: exports no signIn function`);
    const script = module.signIn;
    return (page, url) => script({ page, url, env });
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SignInProblem(`${path}: ${(error as Error).message}`);
  }
  const parsed = SignInRecipe.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SignInProblem(`${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return recipeSignIn(parsed.data, env);
}
