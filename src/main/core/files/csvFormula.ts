/**
 * The one rule for spreadsheet formulas in the CSV files Switchboard writes (audit exports, privacy
 * results). Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip first) as a formula, and those files hold text that came from the org or from customers. So,
 * as OWASP advises against CSV injection, such a text cell gets a leading apostrophe: the spreadsheet
 * shows it as text. No exceptions for things that look like numbers or phone numbers: "-1+1" and
 * "+1-2" look like them too.
 */
const FORMULA_STARTERS = '=+-@\t\r'

/** 1 for each byte (character code) a formula can start with: the audit export works on raw bytes. */
const STARTS_FORMULA = new Uint8Array(256)
for (const c of FORMULA_STARTERS) STARTS_FORMULA[c.charCodeAt(0)] = 1

/** Whether a text cell whose first byte (UTF-8) or character code is `code` starts like a formula. */
export function isFormulaStarter(code: number): boolean {
  return code < 256 && STARTS_FORMULA[code] === 1
}

export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && isFormulaStarter(text.charCodeAt(0))
}

/** The text as a spreadsheet should get it: apostrophe-prefixed when it starts like a formula. */
export function defuseFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text
}
