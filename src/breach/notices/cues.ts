/**
 * Wording cues the content checker reads notices by. Each is phrased so that a notice has to say
 * the thing, not merely carry a heading for it: "What you can do" alone finds no step.
 */

/** An unauthorized event (first pattern) and something done to information (second), in one sentence. */
export const EVENT = [
  /\b(breach|incident|unauthori[sz]ed|not authori[sz]ed|improper(ly)?|mistaken(ly)?|by mistake|in error|error|without (permission|authori[sz]ation)|cyber\w*|attack\w*|hack\w*|phishing|malware|ransomware|compromis\w*|stolen|theft|lost|misdirected|accidental(ly)?|inadvertent(ly)?|wrong (person|address|recipient)|outside party|(open|visible|available) to (the public|anyone)|public(ly)?)\b/i,
  /\b(access\w*|view\w*|disclos\w*|sen[dt]|expos\w*|acquir\w*|obtain\w*|stole\w*|lost|post\w*|download\w*|cop(y|ied)|shar\w*|pull\w*|export\w*|e-?mail\w*|mail\w*|print\w*|left|publish\w*)\b/i,
];

export const DISCOVERY = /\b(discover\w*|learn\w*|became aware|identified|detected|found out)\b/i;
export const OCCURRENCE = /\b(happen\w*|occur\w*|took place|began|started|between|on or about|from)\b/i;
export const BREACH_DATE_UNKNOWN =
  /\b(date of the (breach|incident)|when the (breach|incident) (happened|occurred|began))\b[^.]{0,40}\b(unknown|not (yet )?known|could not be determined|cannot be determined|not been (able to be )?determined)|\bnot (been )?able to determine (the date|when)/i;

/** Protective steps the reader can take (164.404(c)(1)(C)). */
export const STEP =
  /\b(fraud alert|security freeze|credit freeze|credit reports?|explanation of benefits|(review|monitor|check|watch)\s+(your|their|any|all|the statements)|change (your )?passwords?|be (wary|alert|cautious|careful)|report (any|suspicious)|contact your (bank|insurer|health plan|card issuer)|enrol+ in)\b/i;

/** The three things 164.404(c)(1)(D) asks the entity to describe, each in a sentence about itself. */
export const ENTITY_ACTIONS = {
  investigate:
    /\b(investigat\w*|forensic\w*|looking into|examin\w+|review(ed|ing)? (of )?(the|what|how|our logs|our records)|determine (what|how|whose|the scope))\b/i,
  mitigate:
    /\b(mitigat\w*|limit (the )?harm|reduce (the )?(harm|risk)|revok\w+|terminat\w+|disabl\w+|delet\w+|remov\w+|purg\w+|recover\w+|retriev\w+|stop(ped|ping)?|block\w*|reset|secur(ed|ing)|suspend\w*|paus\w+|attest\w*|shut down|offer\w* [^.]{0,40}(credit monitoring|identity (theft )?protection|identity monitoring))\b/i,
  prevent:
    /\b(prevent\w*|protect against|(future|further) (breach|incident)\w*|(happen\w*|occur\w*) again|recur\w*|strengthen\w*|enhanc\w+|improv\w+|retrain\w*|(additional|new|stronger) (safeguards|controls|training|security|measures)|training|updat\w+ (our )?(policies|procedures|controls|systems))\b/i,
} as const;
export const SPEAKS_OF_ITSELF = /\b(we|our|us)\b/i;

export const CONTACT =
  /\b(contact|call|questions?|write to|e-?mail us|reach us|visit|more information|learn more|get in touch|speak with)\b/i;
export const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/;
export const WEBSITE =
  /\bhttps?:\/\/[^\s<>]+|\bwww\.[^\s<>]+|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|gov|edu|us|health|info)(\/[^\s<>]*)?(?![\w@-])/i;
/** A street line or P.O. box, then a ZIP code within the next line or so. */
export const POSTAL =
  /(\bP\.?\s?O\.?\s+Box\s+\d+|\b\d{1,6}\s+[A-Za-z0-9.' ]{2,40}?\s(Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Square|Sq)\b)[^\n]{0,80}?\b\d{5}(-\d{4})?\b/i;

/** Toll-free area codes; the line may be spelled in letters (`1-800-555-CARE`). */
export const TOLL_FREE =
  /(?<![\d-])(?:\+?1[\s.-]?)?\(?(800|833|844|855|866|877|888)\)?[\s.-]?([0-9A-Z]{3})[\s.-]?([0-9A-Z]{4})(?![\dA-Za-z])/;
export const PHONE = /(?<![\d-])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})(?![\d-])/;
