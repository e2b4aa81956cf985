/**
 * How the audit log and the staff screen name a passkey: by its credential id, a public
 * identifier the authenticator chose (never a secret: neither the public key nor a signature is
 * logged), shortened when long. Not by its label: a label is typed by its owner and may hold a
 * name, and audit summaries hold no personal data. Pure, so the staff screen shares it.
 */
export const shortCredentialId = (id: string) => (id.length > 16 ? `${id.slice(0, 16)}…` : id);

export const credentialName = (key: { id: string }) => `passkey ${shortCredentialId(key.id)}`;
