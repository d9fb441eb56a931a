/**
 * Cutting secrets out of text. A secret is cut in every form it can take
 * on the way out: as configured, trimmed, as axios sends it in a header,
 * and escaped inside a JSON string.
 */

const REDACTED = '[REDACTED]';

// axios 1.21 (lib/helpers/sanitizeHeaderValue.js) deletes these control characters from a header value, then trims spaces and tabs.
const HEADER_CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f]+/g;

/** Returns a function that replaces every form of each non-empty secret with [REDACTED]. */
export function secretRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = secretForms(secrets);
  if (forms.length === 0) return (text) => text;
  return (text) => forms.reduce((result, form) => result.split(form).join(REDACTED), text);
}

/** Lists the distinct forms of the secrets, longest first, so that no longer form is left half cut. */
function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    const sentInHeader = secret.replace(HEADER_CONTROL_CHARACTERS, '').replace(/^[ \t]+|[ \t]+$/g, '');
    for (const form of [secret, secret.trim(), sentInHeader]) {
      if (form === '') continue;
      forms.add(form);
      forms.add(JSON.stringify(form).slice(1, -1));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
