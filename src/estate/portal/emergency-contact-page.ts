import { ANALYTICS_TAG } from './analytics-egress.ts';
import { escapeHtml, page } from './pages.ts';
import type { PortalConfig } from './types.ts';

export const EMERGENCY_CONTACT_PATH = '/portal/emergency-contact';

/** The member id identifies the patient to their insurer; a shared browser must not remember it. */
function memberIdField(config: PortalConfig): string {
  const remember = config.autocompleteSensitive ? '' : ' autocomplete="off"';
  return config.accessibilityFaults
    ? `<div>Insurance member ID</div>\n<input name="memberId"${remember}>`
    : `<label for="memberId">Your insurance member ID</label>\n<input id="memberId" name="memberId"${remember}>`;
}

/** Labelled fields, a real submit button: every control reachable and named (WCAG 1.3.1, 2.1.1, 4.1.2). */
function accessibleForm(config: PortalConfig): string {
  return `<label for="contactName">Contact's full name</label>
<input id="contactName" name="contactName" autocomplete="off" required>
<label for="relationship">Relationship to you</label>
<select id="relationship" name="relationship"><option>Spouse or partner</option><option>Parent</option><option>Child</option><option>Friend</option></select>
<label for="contactPhone">Contact's phone</label>
<input id="contactPhone" name="contactPhone" type="tel" autocomplete="off" required>
${memberIdField(config)}
<p><button type="submit">Save contact</button> <a href="/portal/help">Help with this form</a></p>`;
}

/**
 * The faulty form dossiers describe: placeholders instead of labels, an unnamed select, a save
 * "button" that is a div with a click handler (no keyboard path) and a help icon too small to hit.
 */
function faultyForm(config: PortalConfig): string {
  const tiny = 'display:block;width:12px;height:12px;font-size:9px;line-height:12px;overflow:hidden';
  return `<div>Name</div>
<input name="contactName">
<div>Relationship</div>
<select name="relationship"><option>Spouse or partner</option><option>Parent</option><option>Child</option><option>Friend</option></select>
<div>Phone</div>
<input name="contactPhone">
${memberIdField(config)}
<div style="display:flex;gap:0;margin-top:.6rem"><span class="save" style="padding:.3rem .8rem;background:#1c4e80;color:#fff;cursor:pointer" onclick="this.closest('form').submit()">Save contact</span>
<a href="/portal/help" style="${tiny}">?</a><a href="/portal/help#contact" style="${tiny}">i</a></div>`;
}

export function emergencyContactPage(config: PortalConfig, nav: string, saved?: string): string {
  const status = saved ? `<p role="status">Saved ${escapeHtml(saved)} as your emergency contact.</p>\n` : '';
  const form = config.accessibilityFaults ? faultyForm(config) : accessibleForm(config);
  return page(
    'Emergency contact',
    `<h1>Emergency contact</h1>\n${status}<form method="post" action="${EMERGENCY_CONTACT_PATH}">\n${form}\n</form>`,
    { nav, tail: config.finder.analyticsTag ? ANALYTICS_TAG : '' },
  );
}
