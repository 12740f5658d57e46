import { expect, test } from 'phi-drill/playwright';

test('a signed-in patient sees their own lab results, marked synthetic', async ({ page, patient }) => {
  await page.getByRole('link', { name: 'Lab results' }).click();
  await expect(page.getByRole('table')).toContainText(`Results for ${patient.displayName}`);
  await expect(page.getByRole('note')).toContainText('SYNTHETIC DATA');
});

test('signing out ends the session: Back shows no results', async ({ page, patient }) => {
  await page.getByRole('link', { name: 'Lab results' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goBack();
  await expect(page.getByText(`Results for ${patient.displayName}`)).toHaveCount(0);
});

test('the portal-session-reuse drill detects the kiosk reuse within 30 minutes', async ({ drill }) => {
  const outcome = await drill.run('portal-session-reuse', { patients: 100 });
  expect(outcome).toDetectWithin('kiosk-reuse', '30m');
  expect(outcome).toMeetExpectation('kill-session');
});
