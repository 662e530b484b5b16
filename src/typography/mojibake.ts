/**
 * mojibake: text that was UTF-8, read once as Windows-1252 and saved again, repaired: `donâ€™t` → `don’t`,
 * `cafÃ©` → `café`, `â€œHelloâ€` → `“Hello”`. A run is repaired only when its characters, taken back to
 * Windows-1252 bytes, are exactly one or more whole UTF-8 characters, none of them ASCII: `São`, `Â` alone
 * or `€100` are left as written. Text that went through the mistake twice is repaired twice. Runs first, before the other rules see the text.
 */
import { mojibakeRuns } from '../model/mojibake.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'mojibake',
  description: 'Repair UTF-8 text that was read as Windows-1252 (â€™ → ’, Ã© → é)',
  create: () => (text) =>
    !/[\u00c2-\u00f4]/.test(text)
      ? []
      : mojibakeRuns(text).map((r) => ({
          start: r.start,
          end: r.end,
          text: r.text,
          message: `repaired "${r.found}" (UTF-8 read as Windows-1252) to "${r.text}"`,
        })),
});
